"""GOV-2 and GOV-3: the council's seats and the terms of the boards that hold them."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db import transaction

from bundel.governance import domain, policies, selectors
from bundel.governance.models import Election, Seat, SeatTerm
from bundel.governance.services.common import term_end_early
from bundel.registry.domain import Chamber
from bundel.registry.models import Board
from bundel.shared import audit, clock
from bundel.shared.errors import RuleViolation
from bundel.shared.locks import transaction_lock

TERM_FIELDS = ["seat_id", "board_id", "representative_name", "starts_on", "ends_on", "ended_on"]


@transaction.atomic
def seats_ensure() -> list[Seat]:
    """GOV-2: one seat per place the setting gives each chamber. Idempotent; seats above a
    lowered setting are removed only while no term ever held them."""
    transaction_lock("governance:seats")
    policy = policies.governance_policy()
    for chamber in Chamber:
        wanted = policy.seats.get(chamber, 0)
        for number in range(1, wanted + 1):
            Seat.objects.get_or_create(chamber=chamber.value, number=number)
        Seat.objects.filter(chamber=chamber.value, number__gt=wanted, terms__isnull=True).delete()
    return list(Seat.objects.all())


def _lock_seat(seat: Seat) -> Seat:
    transaction_lock(f"governance:seat:{seat.pk}")
    return Seat.objects.get(pk=seat.pk)


@transaction.atomic
def seat_appoint(
    *,
    seat: Seat,
    board: Board,
    representative_name: str,
    starts_on: date,
    ends_on: date | None = None,
    by: Any = None,
    election: Election | None = None,
) -> SeatTerm:
    """GOV-2, GOV-3: a member board of the seat's chamber takes a vacant seat for a term of at
    most 4 years; a third consecutive term is refused. Without `ends_on`, the full term."""
    policy = policies.governance_policy()
    seat = _lock_seat(seat)
    transaction_lock(f"governance:board:{board.pk}")
    board = Board.objects.get(pk=board.pk)
    term = domain.Term(starts_on, ends_on or domain.full_term(starts_on, policy).ends_on)
    if not representative_name.strip():
        raise RuleViolation("governance.representative_required")
    seat_taken = (
        selectors.terms_running_on(term.starts_on).filter(seat=seat).exists()
        or SeatTerm.objects.filter(
            seat=seat, starts_on__gt=term.starts_on, starts_on__lte=term.ends_on
        ).exists()
    )
    domain.check_seat_appointment(
        seat_chamber=Chamber(seat.chamber),
        board_chamber=Chamber(board.chamber) if board.chamber else None,
        is_member=selectors.is_member_on(board=board, day=term.starts_on),
        seat_taken=seat_taken,
    )
    consecutive = domain.check_term(
        previous=selectors.board_terms(board=board), new=term, policy=policy
    )
    created = SeatTerm.objects.create(
        seat=seat,
        board=board,
        representative_name=representative_name.strip(),
        starts_on=term.starts_on,
        ends_on=term.ends_on,
        consecutive=consecutive,
        election=election,
        appointed_at=clock.now(),
    )
    audit.record(
        created,
        "governance.seat.appointed",
        actor=by,
        after=audit.snapshot(created, [*TERM_FIELDS, "consecutive"]),
    )
    return created


@transaction.atomic
def seat_term_end(*, term: SeatTerm, on: date, by: Any = None) -> SeatTerm:
    """A term ends early (the board resigns or its membership ends): `on` is its last day."""
    term = SeatTerm.objects.select_for_update().get(pk=term.pk)
    return term_end_early(term, on=on, fields=TERM_FIELDS, action="governance.seat.ended", by=by)


@transaction.atomic
def seat_representative_change(*, term: SeatTerm, name: str, by: Any = None) -> SeatTerm:
    """GOV-2: the board names another person to represent it on its seat."""
    term = SeatTerm.objects.select_for_update().get(pk=term.pk)
    if not name.strip():
        raise RuleViolation("governance.representative_required")
    before = {"representative_name": term.representative_name}
    term.representative_name = name.strip()
    term.save(update_fields=["representative_name"])
    audit.record(
        term,
        "governance.seat.representative_changed",
        actor=by,
        before=before,
        after={"representative_name": term.representative_name},
    )
    return term


@transaction.atomic
def seat_terms_end_for_former_members(*, on: date) -> list[SeatTerm]:
    """GOV-2: a seat is held by a member board. A term whose board is no longer a member on `on`
    ends on the membership's last day (or the day before `on`). Idempotent: run it daily."""
    ended: list[SeatTerm] = []
    running = selectors.terms_running_on(on).select_for_update().select_related("board", "seat")
    for term in running:
        if selectors.is_member_on(board=term.board, day=on):
            continue
        last_day = selectors.membership_last_day(board=term.board) or on - timedelta(days=1)
        last_day = max(min(last_day, on - timedelta(days=1)), term.starts_on)
        before = audit.snapshot(term, TERM_FIELDS)
        term.ended_on = last_day
        term.save(update_fields=["ended_on"])
        audit.record(
            term,
            "governance.seat.ended_membership",
            before=before,
            after=audit.snapshot(term, TERM_FIELDS),
        )
        ended.append(term)
    return ended
