"""Procurement reads: the demand dashboard (TEN-2), criteria, sealed bids (TEN-5), the
scoring sheet, the room left for late joiners (TEN-6) and price-change effects (TEN-8)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from bundel.catalog.models import Product
from bundel.procurement import domain, policies
from bundel.procurement.models import (
    Award,
    Bid,
    BidPoints,
    Criterion,
    Intent,
    IntentLocation,
    Lot,
    Participation,
    PriceChange,
    Supplier,
    SupplierUser,
    Tender,
    UnmetDemand,
)
from bundel.registry import selectors as registry_selectors
from bundel.registry.models import StudentCount
from bundel.shared import clock
from bundel.shared.errors import RuleViolation

ZERO = Decimal("0")


# --- TEN-1, TEN-2: intent and demand --------------------------------------------------------------


def intents_of(*, board_id: int) -> QuerySet[Intent]:
    return (
        Intent.objects.filter(board_id=board_id)
        .select_related("product", "product__group")
        .prefetch_related("locations__location")
    )


@dataclass(frozen=True)
class IntentTotal:
    board_id: int
    units: Decimal
    locations: int


def intent_totals(*, product: Product) -> list[IntentTotal]:
    rows = (
        IntentLocation.objects.filter(intent__product=product)
        .values("intent__board_id")
        .annotate(units=Sum("units"), locations=Count("id"))
        .order_by("intent__board_id")
    )
    return [IntentTotal(r["intent__board_id"], r["units"], r["locations"]) for r in rows]


def _latest_students_by_location(location_ids: list[int]) -> dict[int, int]:
    """Students per location at each sector's latest count date (REG-4)."""
    result: dict[int, int] = defaultdict(int)
    for sector, count_date in registry_selectors.latest_count_dates().items():
        if count_date is None or not location_ids:
            continue
        rows = (
            StudentCount.objects.filter(
                location_id__in=location_ids,
                dataset__in=registry_selectors.PER_BOARD_DATASETS,
                sector=sector.value,
                count_date=count_date,
            )
            .values("location_id")
            .annotate(total=Sum("students"))
        )
        for row in rows:
            result[row["location_id"]] += row["total"]
    return result


@dataclass(frozen=True)
class DemandYear:
    year: int
    boards: int
    locations: int
    students: int
    units: Decimal


@dataclass(frozen=True)
class Demand:
    """TEN-2: intent for a product: boards, locations, students, units per start year, the
    running total (demand growing over time) and the share of all national students."""

    product: Product
    years: list[DemandYear]
    boards: int
    locations: int
    students: int
    units: Decimal
    national_students: int
    unmet_units: Decimal

    @property
    def share(self) -> float:
        return 100 * self.students / self.national_students if self.national_students else 0.0

    def cumulative(self) -> list[tuple[int, int]]:
        """(year, students reached by then): the chart's line."""
        total, points = 0, []
        for row in self.years:
            total += row.students
            points.append((row.year, total))
        return points


def demand_for(*, product: Product) -> Demand:
    rows = list(
        IntentLocation.objects.filter(intent__product=product).values(
            "intent__board_id", "intent__start_year", "location_id", "units"
        )
    )
    students = _latest_students_by_location([r["location_id"] for r in rows])
    per_year: dict[int, dict[str, Any]] = defaultdict(
        lambda: {"boards": set(), "locations": 0, "students": 0, "units": ZERO}
    )
    for row in rows:
        bucket = per_year[row["intent__start_year"]]
        bucket["boards"].add(row["intent__board_id"])
        bucket["locations"] += 1
        bucket["students"] += students.get(row["location_id"], 0)
        bucket["units"] += row["units"]
    years = [
        DemandYear(year, len(b["boards"]), b["locations"], b["students"], b["units"])
        for year, b in sorted(per_year.items())
    ]
    national = int(registry_selectors.national_stats()["students"])
    unmet = UnmetDemand.objects.filter(tender__product=product).aggregate(u=Sum("units"))["u"]
    return Demand(
        product=product,
        years=years,
        boards=len({r["intent__board_id"] for r in rows}),
        locations=len(rows),
        students=sum(y.students for y in years),
        units=sum((y.units for y in years), ZERO),
        national_students=national,
        unmet_units=unmet or ZERO,
    )


# --- TEN-3, TEN-4: tenders ------------------------------------------------------------------------


def tender_list() -> QuerySet[Tender]:
    return Tender.objects.select_related("product").annotate(
        participants=Count(
            "participations", filter=Q(participations__status="confirmed"), distinct=True
        )
    )


def tender_by_reference(reference: str) -> Tender | None:
    return Tender.objects.filter(reference=reference.strip()).select_related("product").first()


def criteria_of(*, tender: Tender) -> list[domain.Criterion]:
    return [
        domain.Criterion(c.key, c.weight, c.is_price, c.max_points)
        for c in Criterion.objects.filter(tender=tender)
    ]


def supplier_of(*, user: Any) -> Supplier | None:
    """The supplier a person with the supplier role acts for (only ever its own)."""
    pk: int | None = getattr(user, "pk", None)
    if pk is None:
        return None
    row = SupplierUser.objects.filter(user_id=pk).select_related("supplier").first()
    return row.supplier if row else None


# --- TEN-5: sealed bids ---------------------------------------------------------------------------


def bids_unsealed(*, tender: Tender, at: datetime) -> bool:
    return domain.bids_unsealed(deadline=tender.bid_deadline, at=at)


def bid_count(*, tender: Tender) -> int:
    """How many bids came in: known before the deadline, unlike what they say."""
    return Bid.objects.filter(lot__tender=tender).count()


def bids_for_evaluation(*, tender: Tender, at: datetime) -> QuerySet[Bid]:
    """TEN-5: the bids with their content, only once the deadline has passed (for anyone,
    staff included). Before it this refuses."""
    if not bids_unsealed(tender=tender, at=at):
        raise RuleViolation("procurement.bids_sealed")
    return (
        Bid.objects.filter(lot__tender=tender)
        .select_related("lot", "supplier")
        .prefetch_related("points")
    )


def own_bids(*, supplier: Supplier) -> QuerySet[Bid]:
    """A supplier sees its own bids, never another's."""
    return Bid.objects.filter(supplier=supplier).select_related("lot", "lot__tender")


def check_fully_scored(*, tender: Tender) -> None:
    quality = list(Criterion.objects.filter(tender=tender, is_price=False))
    for bid in Bid.objects.filter(lot__tender=tender):
        scored = set(BidPoints.objects.filter(bid=bid).values_list("criterion_id", flat=True))
        missing = [c.name for c in quality if c.pk not in scored]
        if missing:
            raise RuleViolation(
                "procurement.unscored", bid=bid.supplier.name, criterion=", ".join(missing)
            )


@dataclass(frozen=True)
class ScoringSheet:
    """TEN-5: reproducible from the stored bids, points and criteria at any time."""

    lot: Lot
    criteria: list[Criterion]
    bids: dict[str, Bid]
    scores: list[domain.BidScore]

    def as_json(self) -> dict[str, Any]:
        return {
            "lot": self.lot.number,
            "criteria": [
                {"key": c.key, "name": c.name, "weight": str(c.weight), "price": c.is_price,
                 "max_points": c.max_points}
                for c in self.criteria
            ],
            "bids": [
                {
                    "bid": s.bid,
                    "supplier": self.bids[s.bid].supplier.name,
                    "price": str(s.price),
                    "price_score": str(s.price_score),
                    "quality": {k: str(v) for k, v in s.quality_scores.items()},
                    "total": str(s.total),
                    "rank": s.rank,
                }
                for s in self.scores
            ],
            "proposal": domain.award_proposal(self.scores),
        }  # fmt: skip


def scoring_sheet(*, lot: Lot) -> ScoringSheet:
    """TEN-5: refused while the bids are sealed (before the deadline), like every read of them."""
    if not bids_unsealed(tender=lot.tender, at=clock.now()):
        raise RuleViolation("procurement.bids_sealed")
    criteria = list(Criterion.objects.filter(tender_id=lot.tender_id))
    bids = {str(b.pk): b for b in Bid.objects.filter(lot=lot).select_related("supplier")}
    points: dict[str, dict[str, Decimal]] = defaultdict(dict)
    keys = {c.pk: c.key for c in criteria}
    for row in BidPoints.objects.filter(bid__lot=lot):
        points[str(row.bid_id)][keys[row.criterion_id]] = row.points
    scores = domain.score_bids(
        bids=[domain.BidInput(pk, b.price_per_unit, points.get(pk, {})) for pk, b in bids.items()],
        criteria=[domain.Criterion(c.key, c.weight, c.is_price, c.max_points) for c in criteria],
        policy=policies.procurement_policy(),
    )
    return ScoringSheet(lot, criteria, bids, scores)


# --- TEN-6, TEN-8: participation, room, price changes ---------------------------------------------


def room_left(*, tender: Tender) -> Decimal:
    """TEN-6: the room for late joiners less what late joiners took, in the tender's unit."""
    field = "locations" if tender.room_unit == "locations" else "units"
    used = Participation.objects.filter(
        tender=tender, late=True, status=Participation.Status.CONFIRMED
    ).aggregate(total=Sum(field))["total"]
    return tender.room - Decimal(used or 0)


def participations_of(*, board_id: int) -> QuerySet[Participation]:
    return Participation.objects.filter(board_id=board_id).select_related(
        "tender", "tender__product"
    )


def awarded_price(*, tender: Tender) -> Decimal | None:
    """The awarded price per unit (the first lot's), before any change."""
    award = Award.objects.filter(lot__tender=tender).select_related("bid").order_by("lot__number")
    row = award.first()
    return row.bid.price_per_unit if row else None


@dataclass(frozen=True)
class PriceEffect:
    participation: Participation
    before: Decimal
    after: Decimal

    @property
    def difference(self) -> Decimal:
        return self.after - self.before


def price_effects(*, tender: Tender, on: Any) -> list[PriceEffect]:
    """TEN-8: per participating board, its yearly cost at the awarded price and after the price
    changes in force on `on`."""
    price = awarded_price(tender=tender)
    if price is None:
        return []
    current = price
    for change in PriceChange.objects.filter(lot__tender=tender, effective_on__lte=on):
        current = domain.changed_price(price=current, percent=change.percent)
    return [
        PriceEffect(
            p,
            domain.yearly_cost(units=p.units, price_per_unit=price),
            domain.yearly_cost(units=p.units, price_per_unit=current),
        )
        for p in Participation.objects.filter(
            tender=tender, status=Participation.Status.CONFIRMED
        ).select_related("board")
    ]
