"""REG-2/REG-3: read DUO open-data files into plain rows. Pure: bytes in, dataclasses out.

Each file's kind is recognised from its header row. Any format error raises `DuoFormatError` with
the file name, line number and reason, so that the import writes nothing. DUO's known quirks are
not errors: they are counted in `ParsedFile.quirks`.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from stdnum.nl import brin as stdnum_brin

Progress = Callable[[int, int], None]


class FileKind(StrEnum):
    PO_COUNTS = "po_counts"  # 01. leerlingen po: soort po, cluster, leeftijd (per board)
    VO_COUNTS = "vo_counts"  # 03. leerlingen vo per vestiging en bestuur (vavo apart)
    PO_HISTORY = "po_history"  # 06. historisch overzicht aantal leerlingen per schoolvestiging
    BOARD_ADDRESSES = "board_addresses"  # "bevoegde gezagen": board names and addresses
    PO_FINANCE = "po_finance"  # 01. po (mab) balans: DUO short board names, GROEPERING
    PO_SCHOOL_ADDRESSES = "po_school_addresses"  # 01. hoofdvestigingen basisonderwijs
    PO_LOCATION_ADDRESSES = "po_location_addresses"  # 02. alle schoolvestigingen basisonderwijs

    @property
    def is_count_file(self) -> bool:
        return self in {FileKind.PO_COUNTS, FileKind.VO_COUNTS, FileKind.PO_HISTORY}

    @property
    def feeds_board_figures(self) -> bool:
        """REG-2: only the per-board count files give board figures and chambers."""
        return self in {FileKind.PO_COUNTS, FileKind.VO_COUNTS}


class Quirk(StrEnum):
    """DUO's known quirks (REG-3), counted in the import summary."""

    SUPPRESSED = "suppressed_cells"  # "<5": kept, counted as 0 in sums
    BOARD_ZERO = "board_number_zero_rows"  # skipped
    UNKNOWN_BOARD = "unknown_board_rows"  # name/address rows of boards the register lacks
    ZERO_CELLS = "zero_history_cells"  # history cells of 0: a location not open that year
    BLANK_LINES = "blank_lines"
    OLDER_NAME_ROWS = "older_name_rows"  # financial file: earlier years of a board


# Why a file is refused (REG-3): code → the English reason. The UI translates the code
# (registry/errors.py: "registry.duo.<code>") with the same parameters.
REASONS = {
    "bad_encoding": "bad encoding: neither UTF-8 nor Windows-1252",
    "empty_file": "empty file: no header row",
    "unreadable": "unreadable row: %(detail)s",
    "unknown_kind": "unknown kind of file: the header matches no DUO file Bundel reads",
    "missing_column": "missing column %(column)s",
    "field_count": "expected %(expected)s fields, found %(found)s",
    "board_number": "malformed board number '%(value)s'",
    "brin": "malformed BRIN '%(value)s'",
    "location_code": "malformed location code '%(value)s'",
    "negative_count": "negative count '%(value)s' in %(column)s",
    "non_numeric_count": "non-numeric count '%(value)s' in %(column)s",
    "count_date": "malformed count date '%(value)s'",
    "school_type": "unknown school type '%(value)s'",
    "year": "malformed year '%(value)s'",
    "no_count_date": (
        "no count date: the file has no date column and its name no year; "
        "give the count date (--count-date)"
    ),
    "duplicate_row": (
        "a second row for location %(location)s, %(school_type)s %(cluster)s at %(count_date)s "
        "(first on line %(first_line)s)"
    ),
    "unmapped_school_type": "school type '%(value)s' has no sector",
}


class DuoFormatError(Exception):
    """REG-3: the file cannot be imported; nothing of the import is written."""

    def __init__(self, file_name: str, line: int, code: str, **params: object) -> None:
        self.file_name = file_name
        self.line = line
        self.code = code
        self.params = params
        self.reason = REASONS[code] % params
        super().__init__(f"{file_name}, line {line}: {self.reason}")


@dataclass(frozen=True, slots=True)
class CountRow:
    line: int
    board_number: str
    brin: str
    location_code: str
    location_name: str
    city: str
    municipality_code: str
    municipality_name: str
    province: str
    postcode: str
    school_type: str
    cluster: str
    count_date: date
    students: int
    is_suppressed: bool
    vavo_students: int | None = None


@dataclass(frozen=True, slots=True)
class BoardRow:
    line: int
    number: str
    name: str = ""
    short_name: str = ""
    group: str = ""
    year: int | None = None
    street: str = ""
    house_number: str = ""
    postcode: str = ""
    city: str = ""
    denomination: str = ""
    phone: str = ""
    website: str = ""
    kvk_number: str = ""


@dataclass(frozen=True, slots=True)
class AddressRow:
    """A school (location_code empty) or a location, with its address."""

    line: int
    board_number: str
    brin: str
    location_code: str
    name: str
    street: str
    house_number: str
    postcode: str
    city: str
    municipality_code: str
    municipality_name: str
    province: str
    denomination: str


Row = CountRow | BoardRow | AddressRow


@dataclass
class ParsedFile:
    name: str
    kind: FileKind
    rows: list[Row]
    rows_read: int
    count_dates: list[date]
    quirks: Counter[str] = field(default_factory=Counter)


# The columns each kind needs, after normalising (upper case, "_" → " ").
REQUIRED: dict[FileKind, tuple[str, ...]] = {
    FileKind.PO_COUNTS: (
        "PEILDATUM",
        "BRIN NUMMER",
        "VESTIGINGSNUMMER",
        "INSTELLINGSNAAM VESTIGING",
        "SOORT PO",
        "CLUSTER",
        "BEVOEGD GEZAG NUMMER",
        "TOTAAL",
    ),
    FileKind.VO_COUNTS: (
        "BEVOEGD GEZAG NUMMER",
        "BRIN NUMMER",
        "VESTIGINGSNUMMER",
        "INSTELLINGSNAAM VESTIGING",
        "AANTAL LEERLINGEN",
        "AANTAL VO LEERLINGEN UITBESTEED AAN VAVO",
        "TOTAAL AANTAL LEERLINGEN",
    ),
    FileKind.PO_HISTORY: (
        "INSTELLINGSCODE",
        "VESTIGINGSCODE",
        "NAAM VESTIGING",
        "SOORT VESTIGING",
        "BEVOEGD GEZAG NUMMER",
    ),
    FileKind.BOARD_ADDRESSES: ("BEVOEGD GEZAG NUMMER", "BEVOEGD GEZAG NAAM"),
    FileKind.PO_FINANCE: ("BEVOEGD GEZAG NUMMER", "GROEPERING", "BEVOEGD GEZAG NAAM", "JAAR"),
    FileKind.PO_SCHOOL_ADDRESSES: ("BEVOEGD GEZAG NUMMER", "BRIN NUMMER", "INSTELLINGSNAAM"),
    FileKind.PO_LOCATION_ADDRESSES: (
        "BEVOEGD GEZAG NUMMER",
        "INSTELLINGSCODE",
        "VESTIGINGSCODE",
        "VESTIGINGSNAAM",
    ),
}

HISTORY_COLUMN = re.compile(r"^LEERLINGEN (\d{4})$")
PO_SCHOOL_TYPES = {"BO": "BAO", "BAO": "BAO", "SBO": "SBO", "SO": "SO", "VSO": "VSO"}
HISTORY_SCHOOL_TYPES = {**PO_SCHOOL_TYPES, "SO/VSO": "SO/VSO"}
SUPPRESSED = "<5"


def normalise_header(name: str) -> str:
    return " ".join(name.replace("\ufeff", "").replace("_", " ").upper().split())


def detect_kind(header: list[str]) -> FileKind | None:
    """The kind of a DUO file, from the signature columns of its header row."""
    columns = {normalise_header(h) for h in header}
    if "PEILDATUM" in columns and "SOORT PO" in columns:
        return FileKind.PO_COUNTS
    if "BRIN NUMMER" in columns and columns & {"AANTAL LEERLINGEN", "TOTAAL AANTAL LEERLINGEN"}:
        return FileKind.VO_COUNTS
    if any(HISTORY_COLUMN.match(c) for c in columns):
        return FileKind.PO_HISTORY
    if {"GROEPERING", "JAAR"} <= columns:
        return FileKind.PO_FINANCE
    if {"VESTIGINGSCODE", "VESTIGINGSNAAM"} <= columns:
        return FileKind.PO_LOCATION_ADDRESSES
    if {"BRIN NUMMER", "INSTELLINGSNAAM"} <= columns:
        return FileKind.PO_SCHOOL_ADDRESSES
    if "BEVOEGD GEZAG NAAM" in columns and "BRIN NUMMER" not in columns:
        return FileKind.BOARD_ADDRESSES
    return None


def decode(file_name: str, data: bytes) -> str:
    """UTF-8 (with or without BOM) or Windows-1252, as DUO publishes both."""
    if data.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    else:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            encoding = "cp1252"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise DuoFormatError(file_name, line, "bad_encoding", encoding=encoding) from None


def count_date_from_name(file_name: str) -> date | None:
    """VO count files carry no date: it is 1 October of the year in the file name."""
    years = re.findall(r"(?<!\d)((?:19|20)\d{2})(?!\d)", file_name)
    return date(int(years[-1]), 10, 1) if years else None


class _Reader:
    def __init__(self, file_name: str, text: str) -> None:
        self.file_name = file_name
        self.reader = csv.reader(io.StringIO(text, newline=""), delimiter=";")
        try:
            raw_header = next(self.reader)
        except StopIteration:
            raise DuoFormatError(file_name, 1, "empty_file") from None
        except csv.Error as error:
            raise DuoFormatError(file_name, 1, "unreadable", detail=str(error)) from None
        self.header = [normalise_header(h) for h in raw_header]
        self.index = {name: i for i, name in enumerate(self.header)}
        self.quirks: Counter[str] = Counter()
        self.rows_read = 0

    def require(self, columns: tuple[str, ...]) -> None:
        for column in columns:
            if column not in self.index:
                raise DuoFormatError(self.file_name, 1, "missing_column", column=column)

    def error(self, line: int, code: str, **params: object) -> DuoFormatError:
        return DuoFormatError(self.file_name, line, code, **params)

    def records(self) -> Iterator[tuple[int, list[str]]]:
        width = len(self.header)
        while True:
            try:
                row = next(self.reader)
            except StopIteration:
                return
            except csv.Error as error:
                raise self.error(self.reader.line_num, "unreadable", detail=str(error)) from None
            line = self.reader.line_num
            if not row or all(not cell.strip() for cell in row):
                self.quirks[Quirk.BLANK_LINES] += 1
                continue
            if len(row) != width:
                raise self.error(line, "field_count", expected=width, found=len(row))
            self.rows_read += 1
            yield line, [cell.strip() for cell in row]

    def col(self, row: list[str], name: str) -> str:
        index = self.index.get(name)
        return row[index] if index is not None else ""

    def board_number(self, line: int, value: str) -> str | None:
        """5 digits; DUO's 0 (no board) is a known quirk: None, and counted."""
        if value.isdigit() and int(value) == 0:
            self.quirks[Quirk.BOARD_ZERO] += 1
            return None
        if not (value.isdigit() and len(value) == 5):
            raise self.error(line, "board_number", value=value)
        return value

    def brin(self, line: int, value: str) -> str:
        code = value.upper()
        if len(code) != 4 or not stdnum_brin.is_valid(code):
            raise self.error(line, "brin", value=value)
        return code

    def location_code(self, line: int, brin: str, value: str) -> str:
        """Locations are BRIN + 2 digits; some files give only the 2 digits."""
        code = value.upper()
        if code.isdigit() and len(code) <= 2:
            code = brin + code.zfill(2)
        if len(code) != 6 or not code.startswith(brin) or not stdnum_brin.is_valid(code):
            raise self.error(line, "location_code", value=value)
        return code

    def count(self, line: int, value: str, column: str) -> tuple[int, bool]:
        """A student count: a whole number ≥ 0, or DUO's "<5" (kept, counted as 0)."""
        if value == SUPPRESSED:
            self.quirks[Quirk.SUPPRESSED] += 1
            return 0, True
        if not value.isdigit():
            negative = value.startswith("-") and value[1:].isdigit()
            code = "negative_count" if negative else "non_numeric_count"
            raise self.error(line, code, value=value, column=column)
        return int(value), False


def _count_date(reader: _Reader, line: int, value: str) -> date:
    if not (value.isdigit() and len(value) == 8):
        raise reader.error(line, "count_date", value=value)
    try:
        return date(int(value[:4]), int(value[4:6]), int(value[6:]))
    except ValueError:
        raise reader.error(line, "count_date", value=value) from None


def _parse_po_counts(reader: _Reader, progress: Progress | None, total: int) -> list[Row]:
    rows: list[Row] = []
    for line, r in reader.records():
        board = reader.board_number(line, reader.col(r, "BEVOEGD GEZAG NUMMER"))
        brin = reader.brin(line, reader.col(r, "BRIN NUMMER"))
        school_type = PO_SCHOOL_TYPES.get(reader.col(r, "SOORT PO").upper())
        if school_type is None:
            raise reader.error(line, "school_type", value=reader.col(r, "SOORT PO"))
        students, suppressed = reader.count(line, reader.col(r, "TOTAAL"), "TOTAAL")
        if board is None:
            continue
        rows.append(
            CountRow(
                line=line,
                board_number=board,
                brin=brin,
                location_code=reader.location_code(line, brin, reader.col(r, "VESTIGINGSNUMMER")),
                location_name=reader.col(r, "INSTELLINGSNAAM VESTIGING"),
                city=reader.col(r, "PLAATSNAAM"),
                municipality_code=reader.col(r, "GEMEENTENUMMER").zfill(4),
                municipality_name=reader.col(r, "GEMEENTENAAM"),
                province=reader.col(r, "PROVINCIE"),
                postcode=reader.col(r, "POSTCODE VESTIGING"),
                school_type=school_type,
                cluster=reader.col(r, "CLUSTER"),
                count_date=_count_date(reader, line, reader.col(r, "PEILDATUM")),
                students=students,
                is_suppressed=suppressed,
            )
        )
        if progress and len(rows) % 1000 == 0:
            progress(reader.rows_read, total)
    return rows


def _parse_vo_counts(
    reader: _Reader, count_date: date, progress: Progress | None, total: int
) -> list[Row]:
    rows: list[Row] = []
    for line, r in reader.records():
        board = reader.board_number(line, reader.col(r, "BEVOEGD GEZAG NUMMER"))
        brin = reader.brin(line, reader.col(r, "BRIN NUMMER"))
        # REG-4: VO students are the total including those outsourced to VAVO.
        students, suppressed = reader.count(
            line, reader.col(r, "TOTAAL AANTAL LEERLINGEN"), "TOTAAL AANTAL LEERLINGEN"
        )
        vavo, _ = reader.count(
            line,
            reader.col(r, "AANTAL VO LEERLINGEN UITBESTEED AAN VAVO"),
            "AANTAL VO LEERLINGEN UITBESTEED AAN VAVO",
        )
        reader.count(line, reader.col(r, "AANTAL LEERLINGEN"), "AANTAL LEERLINGEN")
        if board is None:
            continue
        rows.append(
            CountRow(
                line=line,
                board_number=board,
                brin=brin,
                location_code=reader.location_code(line, brin, reader.col(r, "VESTIGINGSNUMMER")),
                location_name=reader.col(r, "INSTELLINGSNAAM VESTIGING"),
                city=reader.col(r, "PLAATSNAAM"),
                municipality_code=reader.col(r, "GEMEENTENUMMER").zfill(4),
                municipality_name=reader.col(r, "GEMEENTENAAM"),
                province=reader.col(r, "PROVINCIE"),
                postcode="",
                school_type="VO",
                cluster="",
                count_date=count_date,
                students=students,
                is_suppressed=suppressed,
                vavo_students=vavo,
            )
        )
        if progress and len(rows) % 1000 == 0:
            progress(reader.rows_read, total)
    return rows


def _parse_po_history(reader: _Reader, progress: Progress | None, total: int) -> list[Row]:
    years = [
        (name, int(match.group(1)))
        for name in reader.header
        if (match := HISTORY_COLUMN.match(name))
    ]
    rows: list[Row] = []
    for line, r in reader.records():
        board = reader.board_number(line, reader.col(r, "BEVOEGD GEZAG NUMMER"))
        brin = reader.brin(line, reader.col(r, "INSTELLINGSCODE"))
        location = reader.location_code(line, brin, reader.col(r, "VESTIGINGSCODE"))
        school_type = HISTORY_SCHOOL_TYPES.get(reader.col(r, "SOORT VESTIGING").upper())
        if school_type is None:
            raise reader.error(line, "school_type", value=reader.col(r, "SOORT VESTIGING"))
        counts = [(year, *reader.count(line, reader.col(r, name), name)) for name, year in years]
        if board is None:
            continue
        for year, students, suppressed in counts:
            if students == 0 and not suppressed:
                reader.quirks[Quirk.ZERO_CELLS] += 1
                continue
            rows.append(
                CountRow(
                    line=line,
                    board_number=board,
                    brin=brin,
                    location_code=location,
                    location_name=reader.col(r, "NAAM VESTIGING"),
                    city=reader.col(r, "GEMEENTENAAM VESTIGING"),
                    municipality_code=reader.col(r, "GEMEENTECODE VESTIGING").zfill(4),
                    municipality_name=reader.col(r, "GEMEENTENAAM VESTIGING"),
                    province="",
                    postcode="",
                    school_type=school_type,
                    cluster="",
                    count_date=date(year, 10, 1),
                    students=students,
                    is_suppressed=suppressed,
                )
            )
        if progress and reader.rows_read % 1000 == 0:
            progress(reader.rows_read, total)
    return rows


def _parse_boards(reader: _Reader, kind: FileKind) -> list[Row]:
    rows: list[Row] = []
    for line, r in reader.records():
        number = reader.board_number(line, reader.col(r, "BEVOEGD GEZAG NUMMER"))
        if number is None:
            continue
        name = reader.col(r, "BEVOEGD GEZAG NAAM")
        if kind is FileKind.PO_FINANCE:
            year = reader.col(r, "JAAR")
            if not year.isdigit():
                raise reader.error(line, "year", value=year)
            rows.append(
                BoardRow(
                    line=line,
                    number=number,
                    short_name=name,
                    group=reader.col(r, "GROEPERING"),
                    year=int(year),
                )
            )
            continue
        rows.append(
            BoardRow(
                line=line,
                number=number,
                name=name,
                street=reader.col(r, "STRAATNAAM"),
                house_number=reader.col(r, "HUISNUMMER-TOEVOEGING"),
                postcode=reader.col(r, "POSTCODE"),
                city=reader.col(r, "PLAATSNAAM"),
                denomination=reader.col(r, "DENOMINATIE"),
                phone=reader.col(r, "TELEFOONNUMMER"),
                website=reader.col(r, "INTERNETADRES"),
                kvk_number=reader.col(r, "KVK-NUMMER"),
            )
        )
    return rows


def _parse_addresses(reader: _Reader, kind: FileKind) -> list[Row]:
    rows: list[Row] = []
    per_location = kind is FileKind.PO_LOCATION_ADDRESSES
    for line, r in reader.records():
        number = reader.board_number(line, reader.col(r, "BEVOEGD GEZAG NUMMER"))
        brin = reader.brin(
            line, reader.col(r, "INSTELLINGSCODE" if per_location else "BRIN NUMMER")
        )
        location = (
            reader.location_code(line, brin, reader.col(r, "VESTIGINGSCODE"))
            if per_location
            else ""
        )
        if number is None:
            continue
        rows.append(
            AddressRow(
                line=line,
                board_number=number,
                brin=brin,
                location_code=location,
                name=reader.col(r, "VESTIGINGSNAAM" if per_location else "INSTELLINGSNAAM"),
                street=reader.col(r, "STRAATNAAM"),
                house_number=reader.col(r, "HUISNUMMER-TOEVOEGING"),
                postcode=reader.col(r, "POSTCODE"),
                city=reader.col(r, "PLAATSNAAM"),
                municipality_code=reader.col(r, "GEMEENTENUMMER").zfill(4),
                municipality_name=reader.col(r, "GEMEENTENAAM"),
                province=reader.col(r, "PROVINCIE"),
                denomination=reader.col(r, "DENOMINATIE"),
            )
        )
    return rows


def parse_file(
    file_name: str,
    data: bytes,
    *,
    count_date: date | None = None,
    progress: Progress | None = None,
) -> ParsedFile:
    """Read one DUO file. `count_date` gives the date of a VO count file whose name has none."""
    text = decode(file_name, data)
    reader = _Reader(file_name, text)
    kind = detect_kind(reader.header)
    if kind is None:
        raise DuoFormatError(file_name, 1, "unknown_kind")
    reader.require(REQUIRED[kind])
    total = text.count("\n")
    rows: list[Row]
    if kind is FileKind.PO_COUNTS:
        rows = _parse_po_counts(reader, progress, total)
    elif kind is FileKind.VO_COUNTS:
        date_of_file = count_date or count_date_from_name(file_name)
        if date_of_file is None:
            raise DuoFormatError(file_name, 1, "no_count_date")
        rows = _parse_vo_counts(reader, date_of_file, progress, total)
    elif kind is FileKind.PO_HISTORY:
        rows = _parse_po_history(reader, progress, total)
    elif kind in {FileKind.BOARD_ADDRESSES, FileKind.PO_FINANCE}:
        rows = _parse_boards(reader, kind)
    else:
        rows = _parse_addresses(reader, kind)
    if progress:
        progress(reader.rows_read, reader.rows_read)
    dates = sorted({row.count_date for row in rows if isinstance(row, CountRow)})
    return ParsedFile(file_name, kind, rows, reader.rows_read, dates, reader.quirks)
