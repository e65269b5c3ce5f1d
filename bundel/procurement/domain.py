"""TEN-1 … TEN-8 and FEE-2 as pure functions: the intent horizon, the tender lifecycle, sealed
bids, price-quality scoring, late joiners' room, and the effect of a price change."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from bundel.shared.errors import RuleViolation


@dataclass(frozen=True)
class ProcurementPolicy:
    """The spec's [setting]s for demand bundling and tenders."""

    intent_horizon_years: int = 3  # TEN-1
    score_decimals: int = 2  # TEN-5: scores are shown and compared at this precision


# --- TEN-1: intent --------------------------------------------------------------------------------


def check_intent_year(*, start_year: int, today: date, policy: ProcurementPolicy) -> None:
    """TEN-1: intent to take a product within the next 3 years [setting], from this year on."""
    last = today.year + policy.intent_horizon_years - 1
    if not today.year <= start_year <= last:
        raise RuleViolation("procurement.intent_year", first=today.year, last=last)


# --- TEN-3: the tender lifecycle ------------------------------------------------------------------


class TenderStatus(StrEnum):
    DRAFT = "draft"
    REQUIREMENTS = "requirements"
    PUBLISHED = "published"
    BIDDING_CLOSED = "bidding_closed"
    EVALUATED = "evaluated"
    AWARDED = "awarded"
    CONTRACTED = "contracted"
    EXHAUSTED = "exhausted"


TRANSITIONS: Mapping[TenderStatus, frozenset[TenderStatus]] = {
    TenderStatus.DRAFT: frozenset({TenderStatus.REQUIREMENTS}),
    TenderStatus.REQUIREMENTS: frozenset({TenderStatus.PUBLISHED}),
    TenderStatus.PUBLISHED: frozenset({TenderStatus.BIDDING_CLOSED}),
    TenderStatus.BIDDING_CLOSED: frozenset({TenderStatus.EVALUATED}),
    TenderStatus.EVALUATED: frozenset({TenderStatus.AWARDED}),
    TenderStatus.AWARDED: frozenset({TenderStatus.CONTRACTED}),
    TenderStatus.CONTRACTED: frozenset({TenderStatus.EXHAUSTED}),
    TenderStatus.EXHAUSTED: frozenset(),
}

# Intent can change until the tender for its product is published (TEN-1), and again once it is
# awarded: by then the tender has asked the boards with intent to confirm, and new intent is
# demand for a next tender.
INTENT_LOCKED = frozenset(
    {TenderStatus.PUBLISHED, TenderStatus.BIDDING_CLOSED, TenderStatus.EVALUATED}
)
# Late joiners join an awarded tender while room is left (TEN-6).
JOINABLE = frozenset({TenderStatus.AWARDED, TenderStatus.CONTRACTED})


def check_transition(current: TenderStatus, target: TenderStatus) -> None:
    """TEN-3: only the next step of the lifecycle; anything else is refused."""
    if target not in TRANSITIONS[current]:
        raise RuleViolation(
            "procurement.illegal_transition", current=current.value, target=target.value
        )


# --- TEN-4 / FEE-2: the tender's terms ------------------------------------------------------------


@dataclass(frozen=True)
class Criterion:
    """TEN-4: an award criterion: price (one per tender) or a quality item with its maximum."""

    key: str
    weight: Decimal
    is_price: bool = False
    max_points: int = 10


def check_criteria(criteria: Sequence[Criterion]) -> None:
    """TEN-4: one price criterion, weights above zero adding up to 100."""
    if sum(1 for c in criteria if c.is_price) != 1:
        raise RuleViolation("procurement.one_price_criterion")
    if any(c.weight <= 0 for c in criteria):
        raise RuleViolation("procurement.weight_positive")
    total = sum((c.weight for c in criteria), Decimal("0"))
    if total != 100:
        raise RuleViolation("procurement.weights_total", total=str(total))
    if any(not c.is_price and c.max_points < 1 for c in criteria):
        raise RuleViolation("procurement.max_points")


def check_purchase_fee(*, fee: Decimal, fee_free: bool) -> None:
    """FEE-2: fixed per tender before it starts; a fee-free tender has none."""
    if fee < 0:
        raise RuleViolation("procurement.fee_negative")
    if fee_free and fee != 0:
        raise RuleViolation("procurement.fee_free_with_fee")


# --- TEN-5: sealed bids and scoring ---------------------------------------------------------------


def check_bid_window(*, status: TenderStatus, deadline: datetime | None, at: datetime) -> None:
    """TEN-5: bids are submitted while the tender is published and before its deadline."""
    if status != TenderStatus.PUBLISHED or deadline is None:
        raise RuleViolation("procurement.not_open_for_bids")
    if at >= deadline:
        raise RuleViolation("procurement.deadline_passed")


def bids_unsealed(*, deadline: datetime | None, at: datetime) -> bool:
    """TEN-5: a bid is sealed until the deadline has passed: no one sees it before."""
    return deadline is not None and at >= deadline


@dataclass(frozen=True)
class BidInput:
    bid: str  # an identifier of the bid
    price: Decimal
    quality_points: Mapping[str, Decimal] = field(default_factory=dict)


@dataclass(frozen=True)
class BidScore:
    bid: str
    price: Decimal
    price_score: Decimal
    quality_scores: Mapping[str, Decimal]
    total: Decimal
    rank: int


def _round(value: Decimal, policy: ProcurementPolicy) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-policy.score_decimals), rounding=ROUND_HALF_UP)


def score_bids(
    *, bids: Sequence[BidInput], criteria: Sequence[Criterion], policy: ProcurementPolicy
) -> list[BidScore]:
    """TEN-5: price score = lowest price ÷ bid price × price weight; each quality item =
    points ÷ maximum points × its weight [setting: the formulas]; ranked by total, highest first
    (equal totals share a rank: the award proposal then names no single winner)."""
    check_criteria(criteria)
    if not bids:
        return []
    price = next(c for c in criteria if c.is_price)
    quality = [c for c in criteria if not c.is_price]
    if any(b.price <= 0 for b in bids):
        raise RuleViolation("procurement.price_positive")
    lowest = min(b.price for b in bids)
    rows = []
    for bid in bids:
        scores = {}
        for item in quality:
            points = bid.quality_points.get(item.key)
            if points is None:
                raise RuleViolation("procurement.unscored", bid=bid.bid, criterion=item.key)
            if not 0 <= points <= item.max_points:
                raise RuleViolation(
                    "procurement.points_range", criterion=item.key, maximum=item.max_points
                )
            scores[item.key] = _round(points / item.max_points * item.weight, policy)
        price_score = _round(lowest / bid.price * price.weight, policy)
        rows.append((bid, price_score, scores, price_score + sum(scores.values(), Decimal(0))))
    ordered = sorted(rows, key=lambda r: (-r[3], r[0].price, r[0].bid))
    result: list[BidScore] = []
    for position, (bid, price_score, scores, total) in enumerate(ordered, start=1):
        rank = position
        if result and result[-1].total == total:
            rank = result[-1].rank
        result.append(BidScore(bid.bid, bid.price, price_score, scores, total, rank))
    return result


def award_proposal(scores: Sequence[BidScore]) -> str | None:
    """TEN-5: the award goes to the highest total; a tie for first is not decided here."""
    winners = [s for s in scores if s.rank == 1]
    return winners[0].bid if len(winners) == 1 else None


# --- TEN-6: late joiners --------------------------------------------------------------------------


def check_join(*, status: TenderStatus, room_left: Decimal, requested: Decimal) -> None:
    """TEN-6: a board joins an awarded tender while room is left; a join larger than the room
    left is refused whole."""
    if status not in JOINABLE:
        raise RuleViolation("procurement.not_joinable", status=status.value)
    if requested <= 0:
        raise RuleViolation("procurement.join_positive")
    if room_left <= 0:
        raise RuleViolation("procurement.room_exhausted")
    if requested > room_left:
        raise RuleViolation("procurement.room_too_small", left=f"{room_left.normalize():f}")


# --- TEN-8: price changes -------------------------------------------------------------------------


def changed_price(*, price: Decimal, percent: Decimal) -> Decimal:
    """TEN-8: a supplier's price after a change of `percent` (e.g. +30)."""
    if percent <= -100:
        raise RuleViolation("procurement.price_change_range")
    return price * (100 + percent) / 100


def yearly_cost(*, units: Decimal, price_per_unit: Decimal) -> Decimal:
    """A board's yearly cost of a product: its units × the yearly price per unit, to cents."""
    return (units * price_per_unit).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
