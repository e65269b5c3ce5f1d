"""TEN-1, TEN-6, TEN-8 and FEE-2: boards confirm their participation, late joiners join while
room is left (never beyond it, also at the same moment), and price changes are recorded."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction

from bundel.billing.models import ChargeKind
from bundel.billing.services import charge_add
from bundel.procurement import domain, selectors
from bundel.procurement.models import (
    Lot,
    Participation,
    PriceChange,
    Tender,
    TenderStatusChoices,
    UnmetDemand,
)
from bundel.registry.models import Board
from bundel.shared import audit, clock
from bundel.shared.errors import RuleViolation


def _purchase_fee(tender: Tender, board_id: int, by: Any) -> None:
    """FEE-2: a board that takes a product from a tender owes its purchase fee once (none for a
    fee-free tender); until subscriptions exist, confirming counts as taking it."""
    if tender.fee_free or tender.purchase_fee <= 0:
        return
    today = clock.today()
    charge_add(
        board_id=board_id,
        kind=ChargeKind.PURCHASE_FEE,
        source_key=f"tender:{tender.pk}:board:{board_id}",
        description=f"Inkoopfee {tender.reference} {tender.title}",
        billing_period=f"{today:%Y-%m}",
        unit_price=tender.purchase_fee,
        by=by,
    )


@transaction.atomic
def participation_confirm(*, participation: Participation, by: Any = None) -> Participation:
    row = (
        Participation.objects.select_for_update().select_related("tender").get(pk=participation.pk)
    )
    if row.status != Participation.Status.INVITED:
        raise RuleViolation("procurement.not_invited")
    row.status = Participation.Status.CONFIRMED
    row.decided_at = clock.now()
    row.decided_by = by if getattr(by, "is_authenticated", False) else None
    row.save()
    _purchase_fee(row.tender, row.board_id, by)
    audit.record(row, "procurement.participation.confirmed", actor=by, after={"units": row.units})
    return row


@transaction.atomic
def participation_decline(*, participation: Participation, by: Any = None) -> Participation:
    row = Participation.objects.select_for_update().get(pk=participation.pk)
    if row.status != Participation.Status.INVITED:
        raise RuleViolation("procurement.not_invited")
    row.status = Participation.Status.DECLINED
    row.decided_at = clock.now()
    row.decided_by = by if getattr(by, "is_authenticated", False) else None
    row.save()
    audit.record(row, "procurement.participation.declined", actor=by)
    return row


@dataclass(frozen=True)
class JoinOutcome:
    """A late join: the participation, or the refusal (then recorded as unmet demand)."""

    participation: Participation | None
    refusal: RuleViolation | None
    room_left: Decimal


@transaction.atomic
def late_join(
    *, tender: Tender, board: Board, units: Decimal, locations: int = 0, by: Any = None
) -> JoinOutcome:
    """TEN-6: a member joins an awarded tender while room is left, counted in the tender's unit
    (units, or locations); a join larger than the room left is refused whole and, like every
    join refused for lack of room, kept as demand for a next tender. The tender row is locked:
    concurrent joins never exceed the room. It pays the purchase fee like everyone (FEE-2)."""
    tender = Tender.objects.select_for_update().get(pk=tender.pk)
    if Participation.objects.filter(
        tender=tender, board=board, status=Participation.Status.CONFIRMED
    ).exists():
        raise RuleViolation("procurement.already_participating")
    requested = Decimal(locations) if tender.room_unit == "locations" else units
    left = selectors.room_left(tender=tender)
    try:
        domain.check_join(
            status=domain.TenderStatus(tender.status), room_left=left, requested=requested
        )
    except RuleViolation as refusal:
        if refusal.code == "procurement.not_joinable":
            refusal.params["status"] = str(TenderStatusChoices(tender.status).label)
        if refusal.code not in ("procurement.room_exhausted", "procurement.room_too_small"):
            raise
        demand = UnmetDemand.objects.create(
            tender=tender,
            board=board,
            units=units,
            locations=locations,
            requested_at=clock.now(),
            requested_by=by if getattr(by, "is_authenticated", False) else None,
        )
        audit.record(
            demand,
            "procurement.join.refused",
            actor=by,
            after={"tender": tender.reference, "board": board.number, "requested": requested,
                   "room_left": left, "reason": refusal.code},
        )  # fmt: skip
        return JoinOutcome(None, refusal, left)
    row, _ = Participation.objects.update_or_create(
        tender=tender,
        board=board,
        defaults={
            "status": Participation.Status.CONFIRMED,
            "late": True,
            "units": units,
            "locations": locations,
            "decided_at": clock.now(),
            "decided_by": by if getattr(by, "is_authenticated", False) else None,
        },
    )
    _purchase_fee(tender, board.pk, by)
    audit.record(
        row,
        "procurement.join.accepted",
        actor=by,
        after={"tender": tender.reference, "board": board.number, "requested": requested,
               "room_left": left - requested},
    )  # fmt: skip
    return JoinOutcome(row, None, left - requested)


@transaction.atomic
def price_change_record(
    *, lot: Lot, effective_on: date, percent: Decimal, reason: str = "", by: Any = None
) -> PriceChange:
    """TEN-8: a supplier's price change (e.g. +30 %) from a date; members see its effect."""
    domain.changed_price(price=Decimal(1), percent=percent)  # refuses -100 % and below
    if not hasattr(lot, "award"):
        raise RuleViolation("procurement.not_awarded")
    change = PriceChange.objects.create(
        lot=lot,
        effective_on=effective_on,
        percent=percent,
        reason=reason.strip(),
        recorded_at=clock.now(),
        recorded_by=by if getattr(by, "is_authenticated", False) else None,
    )
    audit.record(
        change,
        "procurement.price.changed",
        actor=by,
        after={"lot": lot.pk, "percent": percent, "effective_on": effective_on},
    )
    return change
