"""REG-1 … REG-3: reading DUO files. Pure: bytes in, rows out; every format error is refused
with the file name, line number and reason."""

from datetime import date

import pytest

from bundel.registry.adapters.duo import (
    CountRow,
    DuoFormatError,
    FileKind,
    Quirk,
    count_date_from_name,
    detect_kind,
    parse_file,
)
from tests.factories.registry import history_csv, po_counts_csv, vo_counts_csv

VO_NAME = "03-leerlingen-vo-per-vestiging-en-bestuur-vavo-apart-2017.csv"


def rows_of(parsed) -> list[CountRow]:
    return [row for row in parsed.rows if isinstance(row, CountRow)]


@pytest.mark.rule("REG-1")
def test_a_po_location_number_is_joined_to_its_brin() -> None:
    parsed = parse_file("po.csv", po_counts_csv([("10249", "16AH", "01", "Bo", "nvt", 210)]))
    (row,) = rows_of(parsed)
    assert (row.board_number, row.brin, row.location_code) == ("10249", "16AH", "16AH01")
    assert row.school_type == "BAO"
    assert row.count_date == date(2016, 10, 1)


@pytest.mark.rule("REG-1")
@pytest.mark.parametrize("brin", ["6AH", "16A1", "1XAH", "16AHX"])
def test_a_malformed_brin_is_refused_with_file_and_line(brin: str) -> None:
    data = po_counts_csv(
        [("10249", "16AH", "00", "Bo", "nvt", 1), ("10249", brin, "00", "Bo", "nvt", 1)]
    )
    with pytest.raises(DuoFormatError) as error:
        parse_file("po.csv", data)
    assert error.value.file_name == "po.csv"
    assert error.value.line == 3
    assert "BRIN" in error.value.reason


@pytest.mark.rule("REG-1")
def test_a_location_code_must_belong_to_its_brin() -> None:
    data = vo_counts_csv([("10028", "19HY", "20HY00", 168, 0)])
    with pytest.raises(DuoFormatError, match="line 2: malformed location code"):
        parse_file(VO_NAME, data)


@pytest.mark.rule("REG-1")
def test_a_board_number_has_five_digits() -> None:
    with pytest.raises(DuoFormatError, match="malformed board number '1024'"):
        parse_file("po.csv", po_counts_csv([("1024", "16AH", "00", "Bo", "nvt", 1)]))


@pytest.mark.rule("REG-2")
@pytest.mark.parametrize(
    ("encoding", "bom"), [("cp1252", False), ("utf-8", False), ("utf-8", True)]
)
def test_windows_1252_and_utf8_with_or_without_bom_are_read(encoding: str, bom: bool) -> None:
    data = vo_counts_csv([("10028", "19HY", "19HY00", 168, 3)], encoding=encoding, bom=bom)
    data = data.replace(b"VO-school", "Fryslân".encode(encoding))
    parsed = parse_file(VO_NAME, data)
    (row,) = rows_of(parsed)
    assert row.location_name.startswith("Fryslân")
    assert parsed.kind is FileKind.VO_COUNTS


@pytest.mark.rule("REG-2")
def test_crlf_and_lf_line_endings_are_both_read() -> None:
    lf = po_counts_csv([("10249", "16AH", "00", "Bo", "nvt", 5)])
    crlf = lf.replace(b"\n", b"\r\n")
    assert rows_of(parse_file("a.csv", lf)) == rows_of(parse_file("b.csv", crlf))


@pytest.mark.rule("REG-2")
def test_a_vo_count_file_takes_its_count_date_from_the_year_in_its_name() -> None:
    assert count_date_from_name(VO_NAME) == date(2017, 10, 1)
    assert count_date_from_name("03.-leerlingen-vo-(vavo-apart)-2022 .csv") == date(2022, 10, 1)
    assert count_date_from_name("leerlingen.csv") is None


@pytest.mark.rule("REG-2")
def test_a_vo_count_file_without_a_date_needs_one_given() -> None:
    data = vo_counts_csv([("10028", "19HY", "19HY00", 168, 0)])
    with pytest.raises(DuoFormatError, match="no count date"):
        parse_file("leerlingen-vo.csv", data)
    parsed = parse_file("leerlingen-vo.csv", data, count_date=date(2019, 10, 1))
    assert parsed.count_dates == [date(2019, 10, 1)]


@pytest.mark.rule("REG-4")
def test_vo_students_are_the_total_including_vavo() -> None:
    (row,) = rows_of(parse_file(VO_NAME, vo_counts_csv([("10028", "19HY", "19HY00", 168, 8)])))
    assert (row.students, row.vavo_students) == (168, 8)


@pytest.mark.rule("REG-2")
@pytest.mark.parametrize(
    ("header", "kind"),
    [
        (["PEILDATUM", "BRIN_NUMMER", "SOORT_PO", "TOTAAL"], FileKind.PO_COUNTS),
        (["BEVOEGD GEZAG NUMMER", "BRIN NUMMER", "TOTAAL AANTAL LEERLINGEN"], FileKind.VO_COUNTS),
        (["\ufeffINSTELLINGSCODE", "VESTIGINGSCODE", "LEERLINGEN_2017"], FileKind.PO_HISTORY),
        (["BEVOEGD GEZAG NUMMER", "GROEPERING", "BEVOEGD GEZAG NAAM", "JAAR"], FileKind.PO_FINANCE),
        (["BEVOEGD GEZAG NUMMER", "BEVOEGD GEZAG NAAM", "STRAATNAAM"], FileKind.BOARD_ADDRESSES),
        (["BEVOEGD GEZAG NUMMER", "BRIN NUMMER", "INSTELLINGSNAAM"], FileKind.PO_SCHOOL_ADDRESSES),
        (["INSTELLINGSCODE", "VESTIGINGSCODE", "VESTIGINGSNAAM"], FileKind.PO_LOCATION_ADDRESSES),
        (["NAAM", "ADRES"], None),
    ],
)
def test_the_kind_of_file_is_recognised_from_its_header(header: list[str], kind: FileKind) -> None:
    assert detect_kind(header) == kind


@pytest.mark.rule("REG-3")
def test_an_unknown_kind_of_file_is_refused() -> None:
    with pytest.raises(DuoFormatError, match="unknown.csv, line 1: unknown kind of file"):
        parse_file("unknown.csv", b"NAAM;ADRES\nJan;Utrecht\n")


@pytest.mark.rule("REG-3")
def test_a_missing_column_is_refused_with_its_name() -> None:
    data = vo_counts_csv([("10028", "19HY", "19HY00", 168, 0)]).replace(
        b"BEVOEGD GEZAG NUMMER;", b""
    )
    with pytest.raises(DuoFormatError, match="line 1: missing column BEVOEGD GEZAG NUMMER"):
        parse_file(VO_NAME, data)


@pytest.mark.rule("REG-3")
def test_bad_encoding_is_refused_with_its_line() -> None:
    data = po_counts_csv([("10249", "16AH", "00", "Bo", "nvt", 1)]) + b"\x81\x8d\x90\n"
    with pytest.raises(DuoFormatError, match="line 3: bad encoding") as error:
        parse_file("po.csv", data)
    assert error.value.line == 3


@pytest.mark.rule("REG-3")
@pytest.mark.parametrize(
    ("value", "word"), [("-3", "negative"), ("12a", "non-numeric"), ("", "non-numeric")]
)
def test_a_negative_or_non_numeric_count_is_refused(value: str, word: str) -> None:
    data = po_counts_csv(
        [("10249", "16AH", "00", "Bo", "nvt", 1), ("10249", "16AH", "01", "Bo", "nvt", value)]
    )
    with pytest.raises(DuoFormatError, match=f"line 3: {word} count") as error:
        parse_file("po.csv", data)
    assert error.value.file_name == "po.csv"


@pytest.mark.rule("REG-3")
def test_a_row_with_too_few_fields_is_refused() -> None:
    data = po_counts_csv([("10249", "16AH", "00", "Bo", "nvt", 1)]) + b"20161001;16AH\n"
    with pytest.raises(DuoFormatError, match="line 3: expected 14 fields, found 2"):
        parse_file("po.csv", data)


@pytest.mark.rule("REG-3")
def test_suppressed_counts_are_kept_as_such_and_counted_as_zero() -> None:
    data = history_csv([("00AO", "00AO00", "VSO", "40631", "<5", 31, 0)], years=[2015, 2016, 2017])
    parsed = parse_file("06.-historisch.csv", data)
    rows = rows_of(parsed)
    assert [(r.count_date.year, r.students, r.is_suppressed) for r in rows] == [
        (2015, 0, True),
        (2016, 31, False),
    ]
    assert parsed.quirks[Quirk.SUPPRESSED] == 1
    assert parsed.quirks[Quirk.ZERO_CELLS] == 1


@pytest.mark.rule("REG-3")
def test_rows_with_board_number_0_are_skipped_and_counted() -> None:
    data = history_csv(
        [("50AB", "50AB00", "BO", "0", 10), ("00AO", "00AO00", "VSO", "40631", 31)], years=[2017]
    )
    parsed = parse_file("06.-historisch.csv", data)
    assert [r.board_number for r in rows_of(parsed)] == ["40631"]
    assert parsed.quirks[Quirk.BOARD_ZERO] == 1


@pytest.mark.rule("REG-3")
def test_blank_lines_are_skipped_and_counted() -> None:
    data = po_counts_csv([("10249", "16AH", "00", "Bo", "nvt", 1)]) + b"\n;;;\n"
    parsed = parse_file("po.csv", data)
    assert parsed.rows_read == 1
    assert parsed.quirks[Quirk.BLANK_LINES] == 2


@pytest.mark.rule("REG-2")
def test_the_history_file_gives_one_count_date_per_year_column() -> None:
    data = history_csv([("00AO", "00AO01", "SO/VSO", "40631", 13, 10)], years=[2006, 2007])
    parsed = parse_file("06.csv", data)
    assert parsed.kind is FileKind.PO_HISTORY
    assert parsed.count_dates == [date(2006, 10, 1), date(2007, 10, 1)]
    assert {r.school_type for r in rows_of(parsed)} == {"SO/VSO"}
