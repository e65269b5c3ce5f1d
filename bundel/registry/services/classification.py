"""REG-4 … REG-6: every board's figures and chamber, recomputed after an import."""

from __future__ import annotations

import uuid

from django.db.models import Sum

from bundel.registry import domain, policies
from bundel.registry.models import (
    Board,
    BoardClassification,
    StudentCount,
)
from bundel.registry.selectors import PER_BOARD_DATASETS, latest_count_dates
from bundel.registry.services.common import BULK, ImportProgress
from bundel.shared import audit, clock
from bundel.shared.bulk import update_rows

CLASSIFICATION_FIELDS = [
    "po_students",
    "po_count_date",
    "vo_students",
    "vo_count_date",
    "size_class",
    "chamber",
    "chamber_reason",
]


def board_classify_all(
    *,
    policy: domain.RegistryPolicy | None = None,
    batch: uuid.UUID | None = None,
    actor: object = None,
    progress: ImportProgress | None = None,
) -> tuple[int, int]:
    """REG-6: recompute every board's figures and chamber; keep a classification row for each
    board whose figures or chamber changed, and flag a chamber change. Returns (changed, moves)."""
    policy = policy or policies.registry_policy()
    latest = latest_count_dates()
    students: dict[domain.Sector, dict[int, int]] = {}
    for sector, count_date in latest.items():
        if count_date is None:
            students[sector] = {}
            continue
        rows = (
            StudentCount.objects.filter(
                dataset__in=PER_BOARD_DATASETS, sector=sector.value, count_date=count_date
            )
            .values("board_id")
            .annotate(total=Sum("students"))
        )
        students[sector] = {row["board_id"]: row["total"] for row in rows}
    now = clock.now()
    changed_boards = []
    history = []
    moves = 0
    boards = list(Board.objects.all())
    for board in boards:
        figures = domain.BoardFigures(
            po_students=students[domain.Sector.PO].get(board.pk, 0),
            po_count_date=latest[domain.Sector.PO],
            vo_students=students[domain.Sector.VO].get(board.pk, 0),
            vo_count_date=latest[domain.Sector.VO],
        )
        decision = domain.chamber_for(figures, policy)
        size_class = decision.size_class.value if decision.size_class else ""
        chamber = decision.chamber.value if decision.chamber else ""
        reason = domain.chamber_reason(decision)
        values: dict[str, object] = {
            "po_students": figures.po_students,
            "po_count_date": figures.po_count_date,
            "vo_students": figures.vo_students,
            "vo_count_date": figures.vo_count_date,
            "size_class": size_class,
            "chamber": chamber,
            "chamber_reason": reason,
        }
        if all(getattr(board, name) == value for name, value in values.items()):
            continue
        previous = board.chamber
        # A first classification is not a change; a board that had a chamber before is flagged.
        is_change = bool(previous or board.po_count_date or board.vo_count_date) and (
            previous != chamber
        )
        for name, value in values.items():
            setattr(board, name, value)
        changed_boards.append(board)
        history.append(
            BoardClassification(
                board=board,
                po_students=figures.po_students,
                po_count_date=figures.po_count_date,
                vo_students=figures.vo_students,
                vo_count_date=figures.vo_count_date,
                size_class=size_class,
                chamber=chamber,
                previous_chamber=previous,
                is_chamber_change=is_change,
                reason=reason,
                computed_at=now,
                import_batch=batch,
            )
        )
        if is_change:
            moves += 1
            audit.record(
                board,
                "registry.board.chamber_changed",
                actor=actor,
                before={"chamber": previous},
                after={"chamber": chamber, "reason": reason},
            )
    update_rows(Board, changed_boards, CLASSIFICATION_FIELDS)
    BoardClassification.objects.bulk_create(history, batch_size=BULK)
    if progress:
        progress("classify", len(boards), len(boards))
    return len(changed_boards), moves
