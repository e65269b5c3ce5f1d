"""TEN-3, TEN-4, FEE-2: a tender from a product's bundled demand, its terms, and its lifecycle,
every transition checked and audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction

from bundel.catalog.models import Product
from bundel.procurement import domain, selectors
from bundel.procurement.models import (
    Criterion,
    Lot,
    RequirementComment,
    Tender,
    TenderStatusChoices,
    TenderTransition,
)
from bundel.registry.models import Board
from bundel.shared import audit, clock
from bundel.shared.errors import RuleViolation
from bundel.shared.locks import transaction_lock

TERMS = [
    "title",
    "purchase_fee",
    "fee_free",
    "distribution_key",
    "unit_label",
    "contract_months",
    "room",
    "room_unit",
    "bid_deadline",
]


@dataclass(frozen=True)
class TenderTerms:
    """TEN-4, FEE-2: what a tender is set up with before it is published."""

    title: str
    purchase_fee: Decimal
    fee_free: bool
    contract_months: int
    room: Decimal
    room_unit: str = "units"
    description: str = ""
    requirements: str = ""
    bid_deadline: datetime | None = None


@dataclass(frozen=True)
class CriterionData:
    key: str
    name: str
    weight: Decimal
    is_price: bool = False
    max_points: int = 10


def _locked(tender: Tender) -> Tender:
    return Tender.objects.select_for_update().select_related("product").get(pk=tender.pk)


def _check_editable(tender: Tender) -> None:
    if tender.status not in (domain.TenderStatus.DRAFT, domain.TenderStatus.REQUIREMENTS):
        raise RuleViolation("procurement.terms_fixed")


def _apply_terms(tender: Tender, terms: TenderTerms) -> None:
    domain.check_purchase_fee(fee=terms.purchase_fee, fee_free=terms.fee_free)
    if terms.room < 0:
        raise RuleViolation("procurement.room_negative")
    if terms.contract_months < 1:
        raise RuleViolation("procurement.contract_months")
    if terms.room_unit not in ("locations", "units"):
        raise RuleViolation("procurement.room_unit")
    tender.title = terms.title.strip()
    tender.description = terms.description.strip()
    tender.requirements = terms.requirements.strip()
    tender.purchase_fee = Decimal("0.00") if terms.fee_free else terms.purchase_fee
    tender.fee_free = terms.fee_free
    tender.contract_months = terms.contract_months
    tender.room = terms.room
    tender.room_unit = terms.room_unit
    tender.bid_deadline = terms.bid_deadline


@transaction.atomic
def tender_create(*, product: Product, terms: TenderTerms, by: Any = None) -> Tender:
    """A tender for a product's bundled demand, in draft; its reference is BND-<year>-<n>."""
    transaction_lock("procurement:tender-reference")
    year = clock.today().year
    count = Tender.objects.filter(reference__startswith=f"BND-{year}-").count()
    tender = Tender(
        reference=f"BND-{year}-{count + 1:03d}",
        product=product,
        distribution_key=product.pricing_unit,
        unit_label=product.unit_label,
        created_at=clock.now(),
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    _apply_terms(tender, terms)
    tender.save()
    audit.record(
        tender, "procurement.tender.created", actor=by, after=audit.snapshot(tender, TERMS)
    )
    return tender


@transaction.atomic
def tender_terms_set(*, tender: Tender, terms: TenderTerms, by: Any = None) -> Tender:
    tender = _locked(tender)
    _check_editable(tender)
    before = audit.snapshot(tender, TERMS)
    _apply_terms(tender, terms)
    tender.save()
    audit.record(
        tender,
        "procurement.tender.terms",
        actor=by,
        before=before,
        after=audit.snapshot(tender, TERMS),
    )
    return tender


@transaction.atomic
def lot_add(*, tender: Tender, title: str, description: str = "", by: Any = None) -> Lot:
    tender = _locked(tender)
    _check_editable(tender)
    lot = Lot.objects.create(
        tender=tender,
        number=tender.lots.count() + 1,
        title=title.strip(),
        description=description.strip(),
    )
    audit.record(
        lot,
        "procurement.lot.added",
        actor=by,
        after={"tender": tender.reference, "title": lot.title},
    )
    return lot


@transaction.atomic
def criteria_set(
    *, tender: Tender, criteria: list[CriterionData], by: Any = None
) -> list[Criterion]:
    """TEN-4: the award criteria with their weights (one price criterion; weights add to 100)."""
    tender = _locked(tender)
    _check_editable(tender)
    domain.check_criteria(
        [domain.Criterion(c.key, c.weight, c.is_price, c.max_points) for c in criteria]
    )
    if len({c.key for c in criteria}) != len(criteria):
        raise RuleViolation("procurement.criterion_twice")
    tender.criteria.all().delete()
    rows = Criterion.objects.bulk_create(
        Criterion(tender=tender, key=c.key, name=c.name.strip(), is_price=c.is_price,
                  weight=c.weight, max_points=c.max_points)
        for c in criteria
    )  # fmt: skip
    audit.record(
        tender,
        "procurement.criteria.set",
        actor=by,
        after={c.key: {"weight": c.weight, "price": c.is_price} for c in criteria},
    )
    return rows


def _check_ready_to_publish(tender: Tender, at: datetime) -> None:
    if not tender.lots.exists():
        raise RuleViolation("procurement.needs_lots")
    domain.check_criteria(selectors.criteria_of(tender=tender))
    if not tender.requirements.strip():
        raise RuleViolation("procurement.needs_requirements")
    if tender.bid_deadline is None or tender.bid_deadline <= at:
        raise RuleViolation("procurement.deadline_in_future")


@transaction.atomic
def tender_transition(*, tender: Tender, target: domain.TenderStatus, by: Any = None) -> Tender:
    """TEN-3: the next step of the lifecycle, with the checks each step needs; every transition
    is recorded with who and when. Awarding goes through `bids.lot_award`."""
    tender = _locked(tender)
    current = domain.TenderStatus(tender.status)
    try:
        domain.check_transition(current, target)
    except RuleViolation as refusal:  # the statuses in words, not codes
        refusal.params = {
            "current": str(TenderStatusChoices(current.value).label),
            "target": str(TenderStatusChoices(target.value).label),
        }
        raise
    now = clock.now()
    if target == domain.TenderStatus.PUBLISHED:
        _check_ready_to_publish(tender, now)
        tender.published_at = now
    elif target == domain.TenderStatus.BIDDING_CLOSED:
        if not domain.bids_unsealed(deadline=tender.bid_deadline, at=now):
            raise RuleViolation("procurement.deadline_not_passed")
    elif target == domain.TenderStatus.EVALUATED:
        selectors.check_fully_scored(tender=tender)
    elif target == domain.TenderStatus.AWARDED:
        raise RuleViolation("procurement.award_through_lots")
    return _move(tender, current, target, at=now, by=by)


def _move(
    tender: Tender,
    current: domain.TenderStatus,
    target: domain.TenderStatus,
    *,
    at: datetime,
    by: Any,
) -> Tender:
    tender.status = target.value
    tender.save()
    TenderTransition.objects.create(
        tender=tender,
        from_status=current.value,
        to_status=target.value,
        at=at,
        by=by if getattr(by, "is_authenticated", False) else None,
    )
    audit.record(
        tender,
        "procurement.tender.transition",
        actor=by,
        before={"status": current.value},
        after={"status": target.value},
    )
    return tender


@transaction.atomic
def requirement_comment_add(
    *, tender: Tender, board: Board, text: str, by: Any = None
) -> RequirementComment:
    """TEN-3: members comment on the programme of requirements while it is drafted."""
    if tender.status != domain.TenderStatus.REQUIREMENTS.value:
        raise RuleViolation("procurement.comments_closed")
    if not text.strip():
        raise RuleViolation("procurement.comment_empty")
    comment = RequirementComment.objects.create(
        tender=tender,
        board=board,
        author=by if getattr(by, "is_authenticated", False) else None,
        text=text.strip(),
        at=clock.now(),
    )
    audit.record(
        comment, "procurement.requirements.commented", actor=by, after={"board": board.number}
    )
    return comment
