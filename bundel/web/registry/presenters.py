"""What the register pages show, assembled from selectors and the domain, in the active
language. Views call one function here and render."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils import formats
from django.utils.translation import gettext

from bundel.registry import domain, policies, selectors, tasks
from bundel.registry.errors import MESSAGES, import_failure
from bundel.registry.models import (
    Board,
    BoardClassification,
    ChamberChoices,
    ImportRun,
    School,
    SizeClassChoices,
)
from bundel.web.registry import labels
from bundel.web.registry.charts import Point, StudentChart, student_chart


def grouped_number(value: int) -> str:
    return formats.number_format(value, force_grouping=True)


def long_date(day: date) -> str:
    """1 oktober 2016 (in the active language)."""
    return formats.date_format(day, "j F Y")


def chamber_label(code: str) -> str:
    return str(ChamberChoices(code).label) if code else ""


def size_class_label(code: str) -> str:
    return str(SizeClassChoices(code).label) if code else ""


@dataclass(frozen=True)
class BoardPage:
    """A board with its figures, chamber and reason in the active language (REG-4 … REG-6)."""

    board: Board
    figures: domain.BoardFigures
    chamber: str
    size_class: str
    chamber_reason: str
    schools: list[School]
    chart: StudentChart
    classifications: list[BoardClassification] = field(default_factory=list)

    @property
    def location_count(self) -> int:
        return sum(len(school.locations.all()) for school in self.schools)


def board_page(*, board: Board, with_history: bool = True) -> BoardPage:
    figures = selectors.board_figures(board=board)
    decision = domain.chamber_for(figures, policies.registry_policy())
    history = selectors.board_student_history(board=board)
    return BoardPage(
        board=board,
        figures=figures,
        chamber=domain.CHAMBER_LABELS[decision.chamber] if decision.chamber else "",
        size_class=size_class_label(decision.size_class.value if decision.size_class else ""),
        chamber_reason=domain.chamber_reason(decision, gettext, grouped_number, long_date),
        schools=list(selectors.board_schools(board=board)),
        chart=student_chart(
            Point(
                p.count_date,
                p.sector,
                p.dataset,
                p.students,
                p.suppressed,
                labels.label(labels.DATASETS, p.dataset),
            )
            for p in history
        ),
        # Newest first (the model's ordering); each row keeps the figures it was computed from.
        classifications=(
            list(selectors.board_classification_list(board=board)) if with_history else []
        ),
    )


def board_not_found_message(number: str) -> str:
    return str(MESSAGES["registry.board_not_found"]) % {"number": number}


@dataclass(frozen=True)
class SectorFigures:
    sector: str
    count_date: date | None
    boards: int
    students: int


@dataclass(frozen=True)
class NationalPage:
    stats: dict[str, Any]
    sectors: list[SectorFigures]
    chambers: list[tuple[str, int]]
    size_classes: list[tuple[str, int]]
    history: list[dict[str, Any]]
    chart: StudentChart


def national_page() -> NationalPage:
    """REG-4 … REG-6 nationally: students and boards per sector, boards per chamber."""
    stats = selectors.national_stats()
    history = selectors.national_history()
    return NationalPage(
        stats=stats,
        sectors=[
            SectorFigures(
                sector=sector,
                count_date=date.fromisoformat(row["count_date"]) if row["count_date"] else None,
                boards=row["boards"],
                students=row["students"],
            )
            for sector, row in stats["sectors"].items()
        ],
        chambers=[(chamber_label(code), n) for code, n in stats["chambers"].items()],
        size_classes=[(size_class_label(code), n) for code, n in stats["size_classes"].items()],
        history=[
            {**row, "dataset_label": labels.label(labels.DATASETS, row["dataset"])}
            for row in history
        ],
        chart=student_chart(
            Point(
                row["count_date"],
                row["sector"],
                row["dataset"],
                row["students"],
                source=labels.label(labels.DATASETS, row["dataset"]),
            )
            for row in history
        ),
    )


@dataclass(frozen=True)
class FileResult:
    file_name: str
    kind: str
    count_dates: list[date]
    rows_read: int
    rows_imported: int
    created: list[tuple[str, int]]
    quirks: list[tuple[str, int]]


@dataclass(frozen=True)
class ImportStatus:
    """Where an upload stands: waiting, running (stage, done of total), or its outcome."""

    state: str
    stage: str = ""
    done: int = 0
    total: int = 0
    files: list[FileResult] = field(default_factory=list)
    classified: int = 0
    chamber_changes: int = 0
    error: str = ""

    @property
    def is_finished(self) -> bool:
        return self.state in {tasks.ImportState.SUCCEEDED, tasks.ImportState.FAILED}

    @property
    def has_failed(self) -> bool:
        return self.state == tasks.ImportState.FAILED

    @property
    def percent(self) -> int:
        return 100 * self.done // self.total if self.total else 0


def _stage_label(stage: str) -> str:
    step, _, file_name = stage.partition(":")
    if step == "parse":
        return gettext("Reading %(file)s") % {"file": file_name}
    if step == "write":
        return gettext("Writing %(file)s") % {"file": file_name}
    if step == "classify":
        return gettext("Classifying the boards")
    if step == "start":
        return gettext("Starting the import")
    return gettext("Waiting for the import to start")


def _file_result(run: ImportRun) -> FileResult:
    summary = run.summary or {}
    return FileResult(
        file_name=run.file_name,
        kind=labels.label(labels.FILE_KINDS, run.kind),
        count_dates=[date.fromisoformat(d) for d in run.count_dates],
        rows_read=run.rows_read,
        rows_imported=run.rows_imported,
        created=[
            (labels.label(labels.CREATED, name), n)
            for name, n in summary.get("created", {}).items()
        ],
        quirks=[
            (labels.label(labels.QUIRKS, name), n) for name, n in summary.get("quirks", {}).items()
        ],
    )


def import_status(*, upload: str) -> ImportStatus | None:
    """REG-3: the progress of an upload and, when done, its report or its error. None when the
    upload is unknown (or so old that its progress has expired)."""
    progress = tasks.import_progress(upload=upload)
    if progress is None:
        return None
    state = progress["state"]
    if state == tasks.ImportState.FAILED and not progress.get("file_name"):
        return ImportStatus(
            state=state,
            error=gettext("The import stopped with an unexpected error. Nothing was imported."),
        )
    if state == tasks.ImportState.FAILED:
        message = import_failure(
            progress["file_name"], progress["line"], progress["code"], progress["params"]
        )
        return ImportStatus(state=state, error=message)
    if state == tasks.ImportState.SUCCEEDED:
        runs = selectors.import_runs_of_batch(batch=progress["batch"])
        return ImportStatus(
            state=state,
            files=[_file_result(run) for run in runs],
            classified=progress.get("classified", 0),
            chamber_changes=progress.get("chamber_changes", 0),
        )
    return ImportStatus(
        state=state,
        stage=_stage_label(progress.get("stage", "")),
        done=progress.get("done", 0),
        total=progress.get("total", 0),
    )
