"""Register reads: search, board detail, national figures (REG-2 … REG-7)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Max, Q, QuerySet, Sum

from bundel.registry import domain
from bundel.registry.adapters.duo import FileKind
from bundel.registry.models import (
    Board,
    BoardClassification,
    ImportRun,
    Location,
    School,
    StudentCount,
)

PER_BOARD_DATASETS = (FileKind.PO_COUNTS.value, FileKind.VO_COUNTS.value)


def board_search(*, query: str = "", chamber: str = "") -> QuerySet[Board]:
    """Boards by number, name, BRIN, location code or place."""
    boards = Board.objects.all()
    query = query.strip()
    if query:
        upper = query.upper()
        condition = (
            Q(name__icontains=query)
            | Q(short_name__icontains=query)
            | Q(city__icontains=query)
            | Q(schools__locations__city__icontains=query)
        )
        if query.isdigit():
            condition |= Q(number__startswith=query)
        if len(upper) == 4:
            condition |= Q(schools__brin=upper)
        if len(upper) == 6:
            condition |= Q(schools__locations__code=upper)
        matching = Board.objects.filter(condition).values("pk")
        boards = boards.filter(pk__in=matching)
    if chamber:
        boards = boards.filter(chamber=chamber)
    return boards.order_by("number")


def board_get(*, number: str) -> Board | None:
    return Board.objects.filter(number=number).first()


def board_schools(*, board: Board) -> QuerySet[School]:
    return School.objects.filter(board=board).prefetch_related("locations").order_by("brin")


def board_locations(*, board: Board) -> QuerySet[Location]:
    return Location.objects.filter(school__board=board).select_related("school").order_by("code")


@dataclass(frozen=True)
class CountPoint:
    count_date: date
    sector: str
    dataset: str
    students: int
    suppressed: int


def board_student_history(*, board: Board) -> list[CountPoint]:
    """A board's students per count date and sector, from the rows that name it (REG-2)."""
    rows = (
        StudentCount.objects.filter(board=board)
        .values("count_date", "sector", "dataset")
        .annotate(students=Sum("students"), suppressed=Count("pk", filter=Q(is_suppressed=True)))
        .order_by("count_date", "sector", "dataset")
    )
    return [CountPoint(**row) for row in rows]


def board_classification_list(*, board: Board) -> QuerySet[BoardClassification]:
    """REG-6: a board's classifications, newest first, with the count dates they used."""
    return BoardClassification.objects.filter(board=board).order_by("-computed_at", "-id")


def count_dates_on(*, on: date) -> dict[domain.Sector, date | None]:
    """Per sector, the latest count date of the per-board count files on or before `on`."""
    rows = (
        StudentCount.objects.filter(dataset__in=PER_BOARD_DATASETS, count_date__lte=on)
        .values("sector")
        .annotate(latest=Max("count_date"))
    )
    found = {row["sector"]: row["latest"] for row in rows}
    return {sector: found.get(sector.value) for sector in domain.Sector}


def board_figures_on(*, board: Board, on: date) -> domain.BoardFigures:
    """A board's students per sector at the latest count dates on or before `on` (FEE-1 uses
    1 January of the fee year), summed over the count rows that name it (REG-2)."""
    dates = count_dates_on(on=on)
    totals = {}
    for sector, count_date in dates.items():
        totals[sector] = (
            StudentCount.objects.filter(
                dataset__in=PER_BOARD_DATASETS,
                board=board,
                sector=sector.value,
                count_date=count_date,
            ).aggregate(total=Sum("students"))["total"]
            if count_date
            else 0
        ) or 0
    return domain.BoardFigures(
        po_students=totals[domain.Sector.PO],
        po_count_date=dates[domain.Sector.PO],
        vo_students=totals[domain.Sector.VO],
        vo_count_date=dates[domain.Sector.VO],
    )


def board_figures_all_on(*, on: date) -> dict[int, domain.BoardFigures]:
    """board_figures_on for every board at once, by board id, in two queries (a billing run's
    fees); a board without count rows at those dates is left out (its figures are 0)."""
    dates = count_dates_on(on=on)
    at_dates = Q(pk__in=[])
    for sector, count_date in dates.items():
        if count_date:
            at_dates |= Q(sector=sector.value, count_date=count_date)
    totals: dict[int, dict[str, int]] = {}
    rows = (
        StudentCount.objects.filter(at_dates, dataset__in=PER_BOARD_DATASETS)
        .values("board_id", "sector")
        .annotate(total=Sum("students"))
        .values_list("board_id", "sector", "total")
    )
    for board_id, row_sector, total in rows:
        totals.setdefault(board_id, {})[row_sector] = total or 0
    return {
        board_id: domain.BoardFigures(
            po_students=by_sector.get(domain.Sector.PO.value, 0),
            po_count_date=dates[domain.Sector.PO],
            vo_students=by_sector.get(domain.Sector.VO.value, 0),
            vo_count_date=dates[domain.Sector.VO],
        )
        for board_id, by_sector in totals.items()
    }


def board_figures(*, board: Board) -> domain.BoardFigures:
    return domain.BoardFigures(
        po_students=board.po_students,
        po_count_date=board.po_count_date,
        vo_students=board.vo_students,
        vo_count_date=board.vo_count_date,
    )


def board_detail(*, board: Board) -> dict[str, Any]:
    """The stable shape of `bundel register show` and the API's board detail."""
    schools = list(board_schools(board=board))
    return {
        "number": board.number,
        "name": board.display_name,
        "short_name": board.short_name,
        "city": board.city,
        "po_students": board.po_students,
        "po_count_date": _iso(board.po_count_date),
        "vo_students": board.vo_students,
        "vo_count_date": _iso(board.vo_count_date),
        "total_students": board.total_students,
        "size_class": board.size_class or None,
        "chamber": board.chamber or None,
        "chamber_reason": board.chamber_reason,
        "schools": [
            {"brin": s.brin, "name": s.name, "locations": [loc.code for loc in s.locations.all()]}
            for s in schools
        ],
        "locations": [
            {
                "code": loc.code,
                "name": loc.name,
                "city": loc.city,
                "municipality": loc.municipality_name,
                "province": loc.province,
            }
            for s in schools
            for loc in s.locations.all()
        ],
    }


def latest_count_dates() -> dict[domain.Sector, date | None]:
    """REG-4: per sector, the latest count date of the per-board count files."""
    rows = (
        StudentCount.objects.filter(dataset__in=PER_BOARD_DATASETS)
        .values("sector")
        .annotate(latest=Max("count_date"))
    )
    found = {row["sector"]: row["latest"] for row in rows}
    return {sector: found.get(sector.value) for sector in domain.Sector}


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def national_stats() -> dict[str, Any]:
    """`bundel register stats`: per sector the latest count date, boards with students and
    students; boards in both sectors; boards per chamber (only boards with students)."""
    latest = latest_count_dates()
    sectors: dict[str, Any] = {}
    for sector, count_date in latest.items():
        figures = (
            StudentCount.objects.filter(
                dataset__in=PER_BOARD_DATASETS, sector=sector.value, count_date=count_date
            ).aggregate(students=Sum("students"))
            if count_date
            else {"students": 0}
        )
        boards = Board.objects.filter(**{f"{sector.value.lower()}_students__gt": 0}).count()
        sectors[sector.value] = {
            "count_date": _iso(count_date),
            "boards": boards,
            "students": figures["students"] or 0,
        }
    chambers = dict.fromkeys([c.value for c in domain.Chamber], 0)
    for row in Board.objects.exclude(chamber="").values("chamber").annotate(n=Count("pk")):
        chambers[row["chamber"]] = row["n"]
    return {
        "sectors": sectors,
        "students": sum(s["students"] for s in sectors.values()),
        "boards_with_students": Board.objects.exclude(chamber="").count(),
        "boards_in_both_sectors": Board.objects.filter(
            po_students__gt=0, vo_students__gt=0
        ).count(),
        "chambers": chambers,
        "size_classes": {
            row["size_class"]: row["n"]
            for row in Board.objects.exclude(size_class="")
            .values("size_class")
            .annotate(n=Count("pk"))
            .order_by("size_class")
        },
    }


def national_coverage(*, member_numbers: Collection[str]) -> domain.Coverage:
    """REG-7: the share of the national students and boards (per sector) that are members, at
    the latest count dates. The membership context passes its members' board numbers."""
    active = Board.objects.exclude(chamber="")
    members = active.filter(number__in=list(member_numbers))

    def totals(boards: QuerySet[Board]) -> tuple[int, dict[domain.Sector, int]]:
        sums = boards.aggregate(po=Sum("po_students"), vo=Sum("vo_students"))
        per_sector = {
            domain.Sector.PO: boards.filter(po_students__gt=0).count(),
            domain.Sector.VO: boards.filter(vo_students__gt=0).count(),
        }
        return (sums["po"] or 0) + (sums["vo"] or 0), per_sector

    member_students, member_boards = totals(members)
    national_students, national_boards = totals(active)
    return domain.Coverage(member_students, national_students, member_boards, national_boards)


def national_history() -> list[dict[str, Any]]:
    """National students per count date and sector, per dataset (history included)."""
    rows = (
        StudentCount.objects.values("count_date", "sector", "dataset")
        .annotate(students=Sum("students"), boards=Count("board", distinct=True))
        .order_by("count_date", "sector", "dataset")
    )
    return list(rows)


def import_run_list(*, limit: int = 50) -> QuerySet[ImportRun]:
    return ImportRun.objects.select_related("imported_by").order_by("-started_at", "-id")[:limit]


def import_runs_of_batch(*, batch: str) -> QuerySet[ImportRun]:
    return ImportRun.objects.filter(batch=batch).order_by("id")


def latest_import_at() -> Any:
    return ImportRun.objects.filter(status=ImportRun.Status.SUCCEEDED).aggregate(
        at=Max("finished_at")
    )["at"]
