"""What the tender pages show, shaped for the templates from procurement's selectors, and the
few reads the selectors do not offer yet (comments, transitions, participants, suppliers with
their accounts). Bid content enters a page only through `selectors.bids_for_evaluation`, which
refuses before the deadline (TEN-5), or `selectors.own_bids` for the supplier itself."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from bundel.procurement import domain, selectors
from bundel.procurement.models import (
    Award,
    Bid,
    BidPoints,
    Criterion,
    Lot,
    Participation,
    PriceChange,
    RequirementComment,
    Supplier,
    SupplierUser,
    Tender,
    TenderStatusChoices,
    TenderTransition,
    UnmetDemand,
)
from bundel.shared.errors import RuleViolation
from bundel.shared.explain import explain

# Utrecht status badge modifiers: running tenders stand out, awarded ones are done.
STATUS_BADGES = {
    "draft": "neutral",
    "requirements": "neutral",
    "published": "warning",
    "bidding_closed": "warning",
    "evaluated": "warning",
    "awarded": "safe",
    "contracted": "safe",
    "exhausted": "inactive",
}
# The button that takes a tender to its next status. Awarding goes through the lots.
NEXT_STEP_LABELS: dict[domain.TenderStatus, Promise] = {
    domain.TenderStatus.REQUIREMENTS: _("Start the programme of requirements"),
    domain.TenderStatus.PUBLISHED: _("Publish the tender"),
    domain.TenderStatus.BIDDING_CLOSED: _("Close bidding"),
    domain.TenderStatus.EVALUATED: _("Complete the evaluation"),
    domain.TenderStatus.CONTRACTED: _("Mark as contracted"),
    domain.TenderStatus.EXHAUSTED: _("Mark as exhausted"),
}
EDITABLE = frozenset({domain.TenderStatus.DRAFT, domain.TenderStatus.REQUIREMENTS})
ROOM_UNIT_LABELS = {"units": _("units"), "locations": _("locations")}
# Refusals whose parameters are statuses: shown with the status in words.
STATUS_PARAMS = ("current", "target", "status")


def status_label(value: str) -> str:
    try:
        return str(TenderStatusChoices(value).label)
    except ValueError:
        return value


def explain_refusal(violation: RuleViolation) -> str:
    """`explain`, with a status parameter (`published`) in words (`gepubliceerd`)."""
    params = {
        key: status_label(value) if key in STATUS_PARAMS else value
        for key, value in violation.params.items()
    }
    return explain(RuleViolation(violation.code, **params))


def plain(number: Decimal) -> Decimal:
    """A quantity without its trailing zeros (10.00 → 10, 31.4159 stays), never in E-notation."""
    return Decimal(format(number.normalize(), "f"))


def price_format(price: Decimal) -> str:
    """The floatformat argument that shows a price per unit to the cent, or to the places it
    has (a bid may name four)."""
    places = -plain(price).as_tuple().exponent  # type: ignore[operator]
    return f"{max(2, places)}g"


@dataclass(frozen=True)
class TransitionRow:
    """TEN-3: a step taken, with who and when."""

    at: datetime
    from_label: str
    to_label: str
    by: Any


@dataclass(frozen=True)
class Step:
    status: str
    label: str
    is_done: bool
    is_current: bool


def lifecycle(current: domain.TenderStatus) -> list[Step]:
    """TEN-3: the statuses in order, the ones passed and the current one marked."""
    order = list(domain.TenderStatus)
    position = order.index(current)
    return [
        Step(s.value, status_label(s.value), i < position, i == position)
        for i, s in enumerate(order)
    ]


def next_step(current: domain.TenderStatus) -> domain.TenderStatus | None:
    """The step a button offers: the lifecycle's only next status, except the award, which is
    made per lot."""
    for target in sorted(domain.TRANSITIONS[current]):
        if target != domain.TenderStatus.AWARDED:
            return target
    return None


# --- The tender list ------------------------------------------------------------------------------


@dataclass(frozen=True)
class TenderRow:
    tender: Tender
    participants: int
    room_left: Decimal

    @property
    def status_label(self) -> str:
        return status_label(self.tender.status)

    @property
    def badge(self) -> str:
        return STATUS_BADGES[self.tender.status]

    @property
    def room_unit_label(self) -> Promise:
        return ROOM_UNIT_LABELS.get(self.tender.room_unit, ROOM_UNIT_LABELS["units"])


def tender_rows(tenders: Sequence[Tender]) -> list[TenderRow]:
    """Tenders annotated by `selectors.tender_list` with their participants and room left."""
    return [
        TenderRow(t, getattr(t, "participants", 0), plain(selectors.room_left(tender=t)))
        for t in tenders
    ]


# --- The tender page (staff) ----------------------------------------------------------------------


@dataclass
class BidView:
    """A bid with its content: only ever built from `bids_for_evaluation` (after the deadline)."""

    bid: Bid
    answers: list[tuple[Criterion, str]]
    points: dict[int, BidPoints]

    @property
    def price(self) -> Decimal:
        return self.bid.price_per_unit

    @property
    def price_format(self) -> str:
        return price_format(self.bid.price_per_unit)


@dataclass(frozen=True)
class SheetRow:
    rank: int
    bid: Bid
    price: Decimal
    price_score: Decimal
    quality: list[Decimal]
    total: Decimal
    is_proposal: bool

    @property
    def supplier(self) -> str:
        return self.bid.supplier.name

    @property
    def price_format(self) -> str:
        return price_format(self.price)


@dataclass
class LotView:
    lot: Lot
    bids: list[BidView] = field(default_factory=list)
    sheet: list[SheetRow] = field(default_factory=list)
    unscored: list[str] = field(default_factory=list)
    proposal: Bid | None = None
    tied: list[Bid] = field(default_factory=list)
    award: Award | None = None
    price_changes: list[PriceChange] = field(default_factory=list)
    # Filled in by the view: the forms the signed-in person may use on this lot.
    points_forms: list[tuple[Criterion, Any]] = field(default_factory=list)
    award_form: Any = None
    price_form: Any = None

    @property
    def is_scored(self) -> bool:
        return bool(self.sheet)

    @property
    def awarded_bid(self) -> Bid | None:
        return self.award.bid if self.award else None


@dataclass(frozen=True)
class PriceEffects:
    on: date
    rows: list[selectors.PriceEffect]


@dataclass
class TenderPage:
    tender: Tender
    status: domain.TenderStatus
    steps: list[Step]
    next_step: domain.TenderStatus | None
    transitions: list[TransitionRow]
    criteria: list[Criterion]
    comments: list[RequirementComment]
    lots: list[LotView]
    bid_count: int
    is_sealed: bool
    participations: list[Participation]
    room_left: Decimal
    unmet_demand: Decimal
    effects: PriceEffects | None

    @property
    def status_label(self) -> str:
        return status_label(self.status.value)

    @property
    def badge(self) -> str:
        return STATUS_BADGES[self.status.value]

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE

    @property
    def next_step_label(self) -> str:
        return str(NEXT_STEP_LABELS[self.next_step]) if self.next_step else ""

    @property
    def waits_for_deadline(self) -> bool:
        """Bidding can be closed only once the deadline has passed."""
        return self.next_step == domain.TenderStatus.BIDDING_CLOSED and self.is_sealed

    @property
    def is_scoring(self) -> bool:
        return self.status == domain.TenderStatus.BIDDING_CLOSED

    @property
    def is_awarding(self) -> bool:
        return self.status == domain.TenderStatus.EVALUATED

    @property
    def quality_criteria(self) -> list[Criterion]:
        return [c for c in self.criteria if not c.is_price]

    @property
    def price_criterion(self) -> Criterion | None:
        return next((c for c in self.criteria if c.is_price), None)

    @property
    def weights_total(self) -> Decimal:
        return plain(sum((c.weight for c in self.criteria), Decimal(0)))

    @property
    def room_unit_label(self) -> Promise:
        return ROOM_UNIT_LABELS.get(self.tender.room_unit, ROOM_UNIT_LABELS["units"])

    @property
    def has_awards(self) -> bool:
        return any(lot.award for lot in self.lots)


def _lot_view(lot: Lot, bids: list[Bid], criteria: list[Criterion]) -> LotView:
    quality = [c for c in criteria if not c.is_price]
    view = LotView(lot)
    for bid in bids:
        points = {p.criterion_id: p for p in bid.points.all()}
        answers = [(c, bid.answers.get(c.key, "")) for c in quality]
        view.bids.append(BidView(bid, answers, points))
    view.unscored = [
        b.bid.supplier.name for b in view.bids if any(c.pk not in b.points for c in quality)
    ]
    if view.bids and not view.unscored and any(c.is_price for c in criteria):
        sheet = selectors.scoring_sheet(lot=lot)
        proposal = domain.award_proposal(sheet.scores)
        view.sheet = [
            SheetRow(
                s.rank,
                sheet.bids[s.bid],
                s.price,
                s.price_score,
                [s.quality_scores.get(c.key, Decimal(0)) for c in quality],
                s.total,
                s.bid == proposal,
            )
            for s in sheet.scores
        ]
        view.proposal = sheet.bids[proposal] if proposal else None
        if proposal is None:
            view.tied = [sheet.bids[s.bid] for s in sheet.scores if s.rank == 1]
    return view


def tender_page(tender: Tender, *, at: datetime, today: date) -> TenderPage:
    """Everything the staff page of a tender shows. Before the deadline it holds the number of
    bids only: their content is not read (TEN-5)."""
    status = domain.TenderStatus(tender.status)
    criteria = list(Criterion.objects.filter(tender=tender))
    lots = list(
        Lot.objects.filter(tender=tender)
        .select_related("award__bid__supplier")
        .prefetch_related("price_changes")
    )
    is_sealed = not selectors.bids_unsealed(tender=tender, at=at)
    by_lot: dict[int, list[Bid]] = {lot.pk: [] for lot in lots}
    if not is_sealed:
        for bid in selectors.bids_for_evaluation(tender=tender, at=at).order_by(
            "lot__number", "supplier__name"
        ):
            by_lot[bid.lot_id].append(bid)
    lot_views = []
    for lot in lots:
        view = _lot_view(lot, by_lot[lot.pk], criteria) if not is_sealed else LotView(lot)
        view.award = getattr(lot, "award", None)
        view.price_changes = list(lot.price_changes.all())
        lot_views.append(view)
    changes = [c for lot in lot_views for c in lot.price_changes]
    effects = None
    if changes:
        on = max(c.effective_on for c in changes)
        effects = PriceEffects(on, selectors.price_effects(tender=tender, on=on))
    unmet = UnmetDemand.objects.filter(tender=tender).values_list("units", flat=True)
    return TenderPage(
        tender=tender,
        status=status,
        steps=lifecycle(status),
        next_step=next_step(status),
        transitions=[
            TransitionRow(t.at, status_label(t.from_status), status_label(t.to_status), t.by)
            for t in TenderTransition.objects.filter(tender=tender)
            .select_related("by")
            .order_by("at", "id")
        ],
        criteria=criteria,
        comments=list(
            RequirementComment.objects.filter(tender=tender)
            .select_related("board", "author")
            .order_by("at")
        ),
        lots=lot_views,
        bid_count=selectors.bid_count(tender=tender),
        is_sealed=is_sealed,
        participations=list(
            Participation.objects.filter(tender=tender)
            .select_related("board")
            .order_by("late", "board__number")
        ),
        room_left=plain(selectors.room_left(tender=tender)),
        unmet_demand=plain(sum(unmet, Decimal(0))),
        effects=effects,
    )


# --- Suppliers --------------------------------------------------------------------------------


def supplier_list() -> QuerySet[Supplier]:
    """The suppliers with the accounts that act for them. Not their bids: before a deadline
    even who bid stays with the bids (TEN-5)."""
    return Supplier.objects.prefetch_related(
        Prefetch("people", queryset=SupplierUser.objects.select_related("user").order_by("id"))
    )


# --- The supplier portal ------------------------------------------------------------------------


def portal_tenders(supplier: Supplier) -> QuerySet[Tender]:
    """TEN-5: the published tenders, and those the supplier bid on (whatever their status)."""
    return (
        selectors.tender_list()
        .filter(Q(status=domain.TenderStatus.PUBLISHED.value) | Q(lots__bids__supplier=supplier))
        .distinct()
        .order_by("bid_deadline", "reference")
    )


def portal_tender(supplier: Supplier, reference: str) -> Tender | None:
    return portal_tenders(supplier).filter(reference=reference).first()


@dataclass
class PortalLot:
    lot: Lot
    bid: Bid | None
    answers: list[tuple[Criterion, str]]
    # Whether the lot went to this supplier, to another, or is not awarded yet (None).
    is_won: bool | None
    form: Any = None

    @property
    def price_format(self) -> str:
        return price_format(self.bid.price_per_unit) if self.bid else "2g"


@dataclass
class PortalPage:
    tender: Tender
    criteria: list[Criterion]
    lots: list[PortalLot]
    is_open: bool

    @property
    def status_label(self) -> str:
        return status_label(self.tender.status)

    @property
    def badge(self) -> str:
        return STATUS_BADGES[self.tender.status]

    @property
    def quality_criteria(self) -> list[Criterion]:
        return [c for c in self.criteria if not c.is_price]


def portal_page(supplier: Supplier, tender: Tender, *, at: datetime) -> PortalPage:
    """The tender as a supplier sees it: terms, lots, criteria, and its own bids only."""
    criteria = list(Criterion.objects.filter(tender=tender))
    quality = [c for c in criteria if not c.is_price]
    own = {b.lot_id: b for b in selectors.own_bids(supplier=supplier).filter(lot__tender=tender)}
    lots = []
    for lot in Lot.objects.filter(tender=tender).select_related("award__bid"):
        bid = own.get(lot.pk)
        award = getattr(lot, "award", None)
        answers = [(c, bid.answers.get(c.key, "")) for c in quality] if bid else []
        is_won = None if award is None else award.bid.supplier_id == supplier.pk
        lots.append(PortalLot(lot, bid, answers, is_won))
    is_open = tender.status == domain.TenderStatus.PUBLISHED.value and not selectors.bids_unsealed(
        tender=tender, at=at
    )
    return PortalPage(tender, criteria, lots, is_open)


def requirements_markdown(tender: Tender) -> str:
    """The programme of requirements as a Markdown file a supplier downloads."""
    lines = [f"# {tender.reference} {tender.title}", ""]
    if tender.description:
        lines += [tender.description, ""]
    lines += [f"## {gettext('Programme of requirements')}", "", tender.requirements or "–", ""]
    lines += [f"## {gettext('Lots')}", ""]
    for lot in tender.lots.order_by("number"):
        lines.append(
            f"{lot.number}. {lot.title}" + (f": {lot.description}" if lot.description else "")
        )
    lines += ["", f"## {gettext('Award criteria')}", ""]
    for criterion in Criterion.objects.filter(tender=tender):
        weight = plain(criterion.weight)
        if criterion.is_price:
            lines.append(
                gettext("- %(name)s (price): weight %(weight)s")
                % {"name": criterion.name, "weight": weight}
            )
        else:
            lines.append(
                gettext("- %(name)s (quality): weight %(weight)s, at most %(points)s points")
                % {"name": criterion.name, "weight": weight, "points": criterion.max_points}
            )
    if tender.bid_deadline:
        deadline = formats.date_format(timezone.localtime(tender.bid_deadline), "j F Y H:i")
        lines += ["", gettext("Bid deadline: %(deadline)s") % {"deadline": deadline}]
    return "\n".join(lines) + "\n"
