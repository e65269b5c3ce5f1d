"""REG-2, REG-3: import DUO files as one unit, in bulk."""

from __future__ import annotations

import hashlib
import uuid
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db import connection, transaction

from bundel.registry import domain, policies
from bundel.registry.adapters import duo
from bundel.registry.models import (
    Board,
    ImportRun,
    Location,
    School,
    StudentCount,
)
from bundel.registry.services.classification import board_classify_all
from bundel.registry.services.common import BULK, ImportProgress
from bundel.shared import audit, clock
from bundel.shared.bulk import update_rows
from bundel.shared.locks import transaction_lock

APPLY_ORDER = list(duo.FileKind)  # count files first: they create the boards (REG-3)


@dataclass(frozen=True)
class ImportFile:
    name: str
    data: bytes


@dataclass
class FileReport:
    run_id: int
    file_name: str
    kind: str
    count_dates: list[date]
    rows_read: int
    rows_imported: int
    quirks: dict[str, int]
    created: dict[str, int]


@dataclass
class ImportReport:
    batch: uuid.UUID
    files: list[FileReport] = field(default_factory=list)
    classified: int = 0
    chamber_changes: int = 0


class ImportFailed(Exception):
    """REG-3: a file was refused; nothing of the import was written. `run_id` is the failed run."""

    def __init__(self, error: duo.DuoFormatError, run_id: int) -> None:
        super().__init__(str(error))
        self.error = error
        self.run_id = run_id


def _noop(stage: str, done: int, total: int) -> None:
    return None


def register_import(
    *,
    files: Sequence[ImportFile],
    imported_by: object = None,
    count_date: date | None = None,
    progress: ImportProgress | None = None,
) -> ImportReport:
    """REG-2/REG-3: import DUO files as one unit: every file is written, or none is."""
    progress = progress or _noop
    batch = uuid.uuid4()
    started_at = clock.now()
    policy = policies.registry_policy()
    parsed: list[tuple[ImportFile, duo.ParsedFile]] = []
    for file in files:
        try:
            result = duo.parse_file(
                file.name,
                file.data,
                count_date=count_date,
                progress=_stage_progress(progress, f"parse:{file.name}"),
            )
            _check_school_types(result, policy)
        except duo.DuoFormatError as error:
            run = _record_failure(file, error, batch, started_at, imported_by)
            raise ImportFailed(error, run.pk) from error
        parsed.append((file, result))
    parsed.sort(key=lambda pair: APPLY_ORDER.index(pair[1].kind))

    try:
        with transaction.atomic():
            transaction_lock("registry.import")
            report = ImportReport(batch=batch)
            register = _Register.load()
            for file, result in parsed:
                report.files.append(
                    _apply_file(file, result, register, batch, started_at, imported_by, progress)
                )
            if any(result.kind.feeds_board_figures for _, result in parsed):
                report.classified, report.chamber_changes = board_classify_all(
                    policy=policy, batch=batch, actor=imported_by, progress=progress
                )
    except duo.DuoFormatError as error:
        failing = next(f for f, _ in parsed if f.name == error.file_name)
        run = _record_failure(failing, error, batch, started_at, imported_by)
        raise ImportFailed(error, run.pk) from error
    return report


def _stage_progress(progress: ImportProgress, stage: str) -> duo.Progress:
    def report(done: int, total: int) -> None:
        progress(stage, done, total)

    return report


def _check_school_types(result: duo.ParsedFile, policy: domain.RegistryPolicy) -> None:
    """REG-4: every school type must have a sector in the policy."""
    for row in result.rows:
        if isinstance(row, duo.CountRow) and row.school_type not in policy.sector_of_school_type:
            raise duo.DuoFormatError(
                result.name, row.line, "unmapped_school_type", value=row.school_type
            )


@transaction.atomic
def _record_failure(
    file: ImportFile,
    error: duo.DuoFormatError,
    batch: uuid.UUID,
    started_at: datetime,
    imported_by: object,
) -> ImportRun:
    run = ImportRun.objects.create(
        file_name=file.name,
        sha256=hashlib.sha256(file.data).hexdigest(),
        size=len(file.data),
        status=ImportRun.Status.FAILED,
        error=str(error),
        error_line=error.line,
        error_code=error.code,
        error_params={key: str(value) for key, value in error.params.items()},
        started_at=started_at,
        finished_at=clock.now(),
        imported_by=_user(imported_by),
        batch=batch,
    )
    audit.record(run, "registry.import.refused", actor=imported_by, after={"error": str(error)})
    return run


def _user(actor: object) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


class _Register:
    """The register's keys in memory for one import, so each file is written in bulk."""

    def __init__(self) -> None:
        self.boards: dict[str, Board] = {}
        self.schools: dict[str, School] = {}
        self.locations: dict[str, Location] = {}

    @classmethod
    def load(cls) -> _Register:
        register = cls()
        register.boards = {b.number: b for b in Board.objects.all()}
        register.schools = {s.brin: s for s in School.objects.all()}
        register.locations = {loc.code: loc for loc in Location.objects.all()}
        return register

    def ensure_boards(self, numbers: Iterable[str]) -> int:
        missing = sorted({n for n in numbers if n not in self.boards})
        created = Board.objects.bulk_create([Board(number=n) for n in missing], batch_size=BULK)
        self.boards.update({b.number: b for b in created})
        return len(created)


def _apply_file(
    file: ImportFile,
    result: duo.ParsedFile,
    register: _Register,
    batch: uuid.UUID,
    started_at: datetime,
    imported_by: object,
    progress: ImportProgress,
) -> FileReport:
    quirks: Counter[str] = Counter(result.quirks)
    stage = f"write:{result.name}"
    progress(stage, 0, len(result.rows))
    run = ImportRun.objects.create(
        file_name=file.name,
        sha256=hashlib.sha256(file.data).hexdigest(),
        size=len(file.data),
        kind=result.kind.value,
        count_dates=[d.isoformat() for d in result.count_dates],
        rows_read=result.rows_read,
        started_at=started_at,
        imported_by=_user(imported_by),
        batch=batch,
    )
    if result.kind.is_count_file:
        imported, created = _apply_counts(result, register, run, progress)
    elif result.kind in {duo.FileKind.BOARD_ADDRESSES, duo.FileKind.PO_FINANCE}:
        imported, created = _apply_board_names(result, register, quirks)
    else:
        imported, created = _apply_addresses(result, register, quirks)
    progress(stage, len(result.rows), len(result.rows))
    run.rows_imported = imported
    run.summary = {"quirks": dict(sorted(quirks.items())), "created": created}
    run.status = ImportRun.Status.SUCCEEDED
    run.finished_at = clock.now()
    run.save(update_fields=["rows_imported", "summary", "status", "finished_at"])
    audit.record(
        run,
        "registry.import.succeeded",
        actor=imported_by,
        after={
            "kind": run.kind,
            "sha256": run.sha256,
            "count_dates": run.count_dates,
            "rows_imported": imported,
            **run.summary,
        },
    )
    return FileReport(
        run_id=run.pk,
        file_name=file.name,
        kind=result.kind.value,
        count_dates=result.count_dates,
        rows_read=result.rows_read,
        rows_imported=imported,
        quirks=dict(sorted(quirks.items())),
        created=created,
    )


def _apply_counts(
    result: duo.ParsedFile, register: _Register, run: ImportRun, progress: ImportProgress
) -> tuple[int, dict[str, int]]:
    """REG-2: the dataset's figures for the file's count dates are replaced, nothing else."""
    policy = policies.registry_policy()
    rows = [row for row in result.rows if isinstance(row, duo.CountRow)]
    per_board = result.kind.feeds_board_figures
    created = {"boards": register.ensure_boards(row.board_number for row in rows)}

    new_schools: dict[str, School] = {}
    changed_schools: dict[str, School] = {}
    new_locations: dict[str, Location] = {}
    changed_locations: dict[str, Location] = {}
    moved: set[str] = set()
    seen: dict[tuple[str, date, str, str], int] = {}
    for row in rows:
        key = (row.location_code, row.count_date, row.school_type, row.cluster)
        if key in seen:
            raise duo.DuoFormatError(
                result.name,
                row.line,
                "duplicate_row",
                location=row.location_code,
                school_type=row.school_type,
                cluster=row.cluster,
                count_date=row.count_date.isoformat(),
                first_line=seen[key],
            )
        seen[key] = row.line
        board = register.boards[row.board_number]
        school = register.schools.get(row.brin)
        if school is None:
            school = School(brin=row.brin, board=board, name=row.location_name)
            if per_board:
                school.board_count_date = row.count_date
            register.schools[row.brin] = new_schools[row.brin] = school
        elif per_board and _is_newer_assignment(school, board, row.count_date):
            # REG-2: a school belongs to the board named in its latest count row.
            if school.pk and school.board_id != board.pk:
                moved.add(row.brin)
            school.board = board
            school.board_count_date = row.count_date
            if school.pk:
                changed_schools[row.brin] = school
        location = register.locations.get(row.location_code)
        if location is None:
            location = Location(code=row.location_code, school=school)
            register.locations[row.location_code] = new_locations[row.location_code] = location
        if location.last_count_date is None or row.count_date >= location.last_count_date:
            before = _location_facts(location)
            location.name = row.location_name or location.name
            location.city = row.city or location.city
            location.municipality_code = (
                row.municipality_code
                if row.municipality_code.strip("0")
                else location.municipality_code
            )
            location.municipality_name = row.municipality_name or location.municipality_name
            location.province = row.province or location.province
            location.postcode = row.postcode or location.postcode
            location.last_count_date = row.count_date
            if location.pk and _location_facts(location) != before:
                changed_locations[row.location_code] = location

    School.objects.bulk_create(new_schools.values(), batch_size=BULK)
    update_rows(School, changed_schools.values(), ["board", "board_count_date"])
    for location in new_locations.values():
        location.school = register.schools[location.code[:4]]
    Location.objects.bulk_create(new_locations.values(), batch_size=BULK)
    update_rows(Location, changed_locations.values(), LOCATION_FACTS)

    dataset = result.kind.value
    StudentCount.objects.filter(dataset=dataset, count_date__in=result.count_dates).delete()
    stage = f"write:{result.name}"
    values: list[CountValues] = []
    for done, row in enumerate(rows, start=1):
        values.append(
            (
                dataset,
                register.locations[row.location_code].pk,
                register.boards[row.board_number].pk,
                row.count_date,
                domain.sector_for(row.school_type, policy).value,
                row.school_type,
                row.cluster,
                row.students,
                row.is_suppressed,
                row.vavo_students,
                run.pk,
            )
        )
        if len(values) == BULK:
            _insert_counts(values)
            values = []
            progress(stage, done, len(rows))
    _insert_counts(values)
    created.update(schools=len(new_schools), locations=len(new_locations), counts=len(rows))
    created.update(schools_moved=len(moved))
    return len(rows), created


def _is_newer_assignment(school: School, board: Board, count_date: date) -> bool:
    if school.board_count_date is not None and count_date < school.board_count_date:
        return False
    return school.board_id != board.pk or school.board_count_date != count_date


CountValues = tuple[str, int, int, date, str, str, str, int, bool, int | None, int]
COUNT_COLUMNS = [
    "dataset",
    "location_id",
    "board_id",
    "count_date",
    "sector",
    "school_type",
    "cluster",
    "students",
    "is_suppressed",
    "vavo_students",
    "import_run_id",
]


def _insert_counts(values: Sequence[CountValues]) -> None:
    """Student counts are plain values: insert them without building model instances, which
    is most of the cost of a large file (the history file has about 230,000 rows)."""
    if not values:
        return
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(StudentCount._meta.db_table),
        ", ".join(quote(column) for column in COUNT_COLUMNS),
        ", ".join(["%s"] * len(COUNT_COLUMNS)),
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, values)


LOCATION_FACTS = [
    "name",
    "city",
    "municipality_code",
    "municipality_name",
    "province",
    "postcode",
    "last_count_date",
]


def _location_facts(location: Location) -> tuple[object, ...]:
    return tuple(getattr(location, name) for name in LOCATION_FACTS)


BOARD_NAME_FIELDS = [
    "name",
    "street",
    "house_number",
    "postcode",
    "city",
    "denomination",
    "phone",
    "website",
    "kvk_number",
]


def _apply_board_names(
    result: duo.ParsedFile, register: _Register, quirks: Counter[str]
) -> tuple[int, dict[str, int]]:
    """Names and addresses of boards the register knows; others are skipped (REG-3)."""
    rows = [row for row in result.rows if isinstance(row, duo.BoardRow)]
    if result.kind is duo.FileKind.PO_FINANCE:
        latest: dict[str, duo.BoardRow] = {}
        for row in rows:
            if row.number not in latest or (row.year or 0) >= (latest[row.number].year or 0):
                latest[row.number] = row
        quirks[duo.Quirk.OLDER_NAME_ROWS] += len(rows) - len(latest)
        rows = list(latest.values())
        fields = ["short_name", "group"]
    else:
        fields = BOARD_NAME_FIELDS
    changed = []
    imported = 0
    for row in rows:
        board = register.boards.get(row.number)
        if board is None:
            quirks[duo.Quirk.UNKNOWN_BOARD] += 1
            continue
        imported += 1
        values = {name: getattr(row, name) for name in fields}
        if values.get("kvk_number") and not (
            values["kvk_number"].isdigit() and len(values["kvk_number"]) == 8
        ):
            values["kvk_number"] = ""
        if any(getattr(board, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(board, name, value)
            changed.append(board)
    update_rows(Board, changed, fields)
    return imported, {"boards_updated": len(changed)}


ADDRESS_FIELDS = ["name", "street", "house_number", "postcode", "city"]


def _apply_addresses(
    result: duo.ParsedFile, register: _Register, quirks: Counter[str]
) -> tuple[int, dict[str, int]]:
    """Addresses of schools and locations. Address files never move a school (REG-2)."""
    rows = [row for row in result.rows if isinstance(row, duo.AddressRow)]
    new_schools: dict[str, School] = {}
    changed_schools: dict[str, School] = {}
    new_locations: dict[str, Location] = {}
    changed_locations: dict[str, Location] = {}
    imported = 0
    for row in rows:
        board = register.boards.get(row.board_number)
        if board is None:
            quirks[duo.Quirk.UNKNOWN_BOARD] += 1
            continue
        imported += 1
        school = register.schools.get(row.brin)
        if school is None:
            school = School(brin=row.brin, board=board)
            register.schools[row.brin] = new_schools[row.brin] = school
        if not row.location_code:
            target: School | Location = school
            pending: dict[str, School] | dict[str, Location] = changed_schools
            key = row.brin
            school.denomination = row.denomination or school.denomination
        else:
            location = register.locations.get(row.location_code)
            if location is None:
                location = Location(code=row.location_code, school=school)
                register.locations[row.location_code] = new_locations[row.location_code] = location
            location.municipality_code = row.municipality_code or location.municipality_code
            location.municipality_name = row.municipality_name or location.municipality_name
            location.province = row.province or location.province
            target, pending, key = location, changed_locations, row.location_code
        values = {name: getattr(row, name) for name in ADDRESS_FIELDS}
        if any(getattr(target, name) != value for name, value in values.items() if value):
            for name, value in values.items():
                if value:
                    setattr(target, name, value)
            if target.pk:
                pending[key] = target  # type: ignore[assignment]
    School.objects.bulk_create(new_schools.values(), batch_size=BULK)
    update_rows(School, changed_schools.values(), [*ADDRESS_FIELDS, "denomination"])
    for location in new_locations.values():
        location.school = register.schools[location.code[:4]]
    Location.objects.bulk_create(new_locations.values(), batch_size=BULK)
    update_rows(
        Location,
        changed_locations.values(),
        [*ADDRESS_FIELDS, "municipality_code", "municipality_name", "province"],
    )
    return imported, {
        "schools": len(new_schools),
        "locations": len(new_locations),
        "schools_updated": len(changed_schools),
        "locations_updated": len(changed_locations),
    }
