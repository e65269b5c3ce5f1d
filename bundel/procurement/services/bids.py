"""TEN-5: sealed bids per lot until the deadline; after it, staff score the quality items, the
system scores the price, ranks the bids and proposes the award; the award asks the boards with
intent to confirm (TEN-1)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction

from bundel.procurement import domain, selectors
from bundel.procurement.models import (
    Award,
    Bid,
    BidPoints,
    Criterion,
    Lot,
    Participation,
    Supplier,
    Tender,
)
from bundel.procurement.services.tenders import _move
from bundel.shared import audit, clock
from bundel.shared.errors import RuleViolation


def bid_submit(
    *,
    lot: Lot,
    supplier: Supplier,
    price_per_unit: Decimal,
    answers: dict[str, str],
    by: Any = None,
) -> Bid:
    """TEN-5: one bid per lot per supplier, before the deadline; its content stays sealed."""
    try:
        return _bid_submit(lot=lot, supplier=supplier, price=price_per_unit, answers=answers, by=by)
    except IntegrityError:
        raise RuleViolation("procurement.bid_twice") from None


@transaction.atomic
def _bid_submit(
    *, lot: Lot, supplier: Supplier, price: Decimal, answers: dict[str, str], by: Any
) -> Bid:
    tender = Tender.objects.select_for_update().get(pk=lot.tender_id)
    domain.check_bid_window(
        status=domain.TenderStatus(tender.status), deadline=tender.bid_deadline, at=clock.now()
    )
    if price <= 0:
        raise RuleViolation("procurement.price_positive")
    quality = {c.key for c in tender.criteria.filter(is_price=False)}
    missing = sorted(quality - {k for k, v in answers.items() if str(v).strip()})
    if missing:
        raise RuleViolation("procurement.answers_missing", criteria=", ".join(missing))
    if Bid.objects.filter(lot=lot, supplier=supplier).exists():
        raise RuleViolation("procurement.bid_twice")
    bid = Bid.objects.create(
        lot=lot,
        supplier=supplier,
        price_per_unit=price,
        answers={k: str(answers[k]).strip() for k in sorted(quality)},
        submitted_at=clock.now(),
        submitted_by=by if getattr(by, "is_authenticated", False) else None,
    )
    # the audit says that a bid came in, never what it says (TEN-5)
    audit.record(
        bid,
        "procurement.bid.submitted",
        actor=by,
        after={"tender": tender.reference, "lot": lot.number, "supplier": supplier.name},
    )
    return bid


@transaction.atomic
def bid_points_set(
    *, bid: Bid, criterion: Criterion, points: Decimal, reasoning: str = "", by: Any = None
) -> BidPoints:
    """TEN-5: after the deadline, staff score each quality item (0 … its maximum)."""
    tender = Tender.objects.select_for_update().get(pk=bid.lot.tender_id)
    if tender.status != domain.TenderStatus.BIDDING_CLOSED.value:
        raise RuleViolation("procurement.scoring_closed")
    if criterion.is_price or criterion.tender_id != tender.pk:
        raise RuleViolation("procurement.not_a_quality_criterion")
    if not 0 <= points <= criterion.max_points:
        raise RuleViolation(
            "procurement.points_range", criterion=criterion.name, maximum=criterion.max_points
        )
    row, _ = BidPoints.objects.update_or_create(
        bid=bid,
        criterion=criterion,
        defaults={
            "points": points,
            "reasoning": reasoning.strip(),
            "scored_by": by if getattr(by, "is_authenticated", False) else None,
            "scored_at": clock.now(),
        },
    )
    audit.record(
        row,
        "procurement.bid.scored",
        actor=by,
        after={"bid": bid.pk, "criterion": criterion.key, "points": points},
    )
    return row


@transaction.atomic
def lot_award(*, lot: Lot, bid: Bid | None = None, by: Any = None) -> Award:
    """TEN-5: award the lot to the highest total (or, on a tie for first, to the bid staff
    choose among the tied). The scoring sheet is stored with the award. When every lot is
    awarded the tender is awarded and the boards with intent are asked to confirm (TEN-1)."""
    tender = Tender.objects.select_for_update().get(pk=lot.tender_id)
    if tender.status != domain.TenderStatus.EVALUATED.value:
        raise RuleViolation("procurement.not_evaluated")
    if Award.objects.filter(lot=lot).exists():
        raise RuleViolation("procurement.lot_awarded")
    sheet = selectors.scoring_sheet(lot=lot)
    if not sheet.scores:
        raise RuleViolation("procurement.no_bids")
    proposal = domain.award_proposal(sheet.scores)
    winners = {s.bid for s in sheet.scores if s.rank == 1}
    chosen = str(bid.pk) if bid is not None else proposal
    if chosen is None:
        names = sorted(sheet.bids[pk].supplier.name for pk in winners)
        raise RuleViolation("procurement.award_tie", bids=", ".join(names))
    if chosen not in winners:
        raise RuleViolation("procurement.award_not_highest")
    award = Award.objects.create(
        lot=lot,
        bid_id=int(chosen),
        scores=sheet.as_json(),
        awarded_at=clock.now(),
        awarded_by=by if getattr(by, "is_authenticated", False) else None,
    )
    audit.record(
        award,
        "procurement.lot.awarded",
        actor=by,
        after={"tender": tender.reference, "lot": lot.number, "bid": int(chosen)},
    )
    if not tender.lots.filter(award__isnull=True).exists():
        now = clock.now()
        tender.awarded_at = now
        _move(tender, domain.TenderStatus.EVALUATED, domain.TenderStatus.AWARDED, at=now, by=by)
        _invite(tender, at=now)
    return award


def _invite(tender: Tender, *, at: Any) -> None:
    """TEN-1: at award, the boards with intent for the product are asked to confirm."""
    for row in selectors.intent_totals(product=tender.product):
        Participation.objects.get_or_create(
            tender=tender,
            board_id=row.board_id,
            defaults={
                "status": Participation.Status.INVITED,
                "units": row.units,
                "locations": row.locations,
                "invited_at": at,
            },
        )
