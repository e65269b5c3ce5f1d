"""TEN-1, TEN-3 … TEN-6, TEN-8 and FEE-2 as pure functions; the tender state machine is tested
for every transition."""

from datetime import UTC, date, datetime
from decimal import Decimal
from itertools import product

import pytest

from bundel.procurement.domain import (
    TRANSITIONS,
    BidInput,
    Criterion,
    ProcurementPolicy,
    TenderStatus,
    award_proposal,
    bids_unsealed,
    changed_price,
    check_bid_window,
    check_criteria,
    check_intent_year,
    check_join,
    check_purchase_fee,
    check_transition,
    score_bids,
    yearly_cost,
)
from bundel.shared.errors import RuleViolation

POLICY = ProcurementPolicy()
PRICE_QUALITY = [
    Criterion("price", Decimal(60), is_price=True),
    Criterion("plan", Decimal(25), max_points=10),
    Criterion("service", Decimal(15), max_points=5),
]
ORDER = list(TenderStatus)


@pytest.mark.rule("TEN-1")
def test_intent_is_within_the_three_year_horizon() -> None:
    today = date(2026, 11, 24)
    for year in (2026, 2027, 2028):
        check_intent_year(start_year=year, today=today, policy=POLICY)
    for year in (2025, 2029):
        with pytest.raises(RuleViolation) as refused:
            check_intent_year(start_year=year, today=today, policy=POLICY)
        assert refused.value.params == {"first": 2026, "last": 2028}
    check_intent_year(
        start_year=2030, today=today, policy=ProcurementPolicy(intent_horizon_years=5)
    )


@pytest.mark.rule("TEN-3")
@pytest.mark.parametrize(("current", "target"), list(product(TenderStatus, TenderStatus)))
def test_every_transition_is_allowed_only_as_the_next_step(
    current: TenderStatus, target: TenderStatus
) -> None:
    is_next = ORDER.index(target) == ORDER.index(current) + 1
    if is_next:
        check_transition(current, target)
        return
    with pytest.raises(RuleViolation) as refused:
        check_transition(current, target)
    assert refused.value.params == {"current": current.value, "target": target.value}


@pytest.mark.rule("TEN-3")
def test_the_lifecycle_runs_draft_to_exhausted() -> None:
    assert ORDER[0] == TenderStatus.DRAFT
    assert ORDER[-1] == TenderStatus.EXHAUSTED
    assert TRANSITIONS[TenderStatus.EXHAUSTED] == frozenset()


@pytest.mark.rule("TEN-4")
def test_criteria_have_one_price_and_weights_of_100() -> None:
    check_criteria(PRICE_QUALITY)
    with pytest.raises(RuleViolation, match="procurement.weights_total"):
        check_criteria(
            [Criterion("price", Decimal(60), is_price=True), Criterion("q", Decimal(30))]
        )
    with pytest.raises(RuleViolation, match="procurement.one_price_criterion"):
        check_criteria([Criterion("q", Decimal(100))])
    with pytest.raises(RuleViolation, match="procurement.weight_positive"):
        check_criteria(
            [Criterion("price", Decimal(100), is_price=True), Criterion("q", Decimal(0))]
        )


@pytest.mark.rule("FEE-2")
def test_a_purchase_fee_is_fixed_or_the_tender_is_fee_free() -> None:
    check_purchase_fee(fee=Decimal("250"), fee_free=False)
    check_purchase_fee(fee=Decimal("0"), fee_free=True)
    with pytest.raises(RuleViolation, match="procurement.fee_free_with_fee"):
        check_purchase_fee(fee=Decimal("250"), fee_free=True)
    with pytest.raises(RuleViolation, match="procurement.fee_negative"):
        check_purchase_fee(fee=Decimal("-1"), fee_free=False)


@pytest.mark.rule("TEN-5")
def test_bids_are_sealed_until_the_deadline() -> None:
    deadline = datetime(2026, 12, 15, 12, tzinfo=UTC)
    before, at = datetime(2026, 12, 15, 11, 59, tzinfo=UTC), deadline
    assert not bids_unsealed(deadline=deadline, at=before)
    assert bids_unsealed(deadline=deadline, at=at)
    assert not bids_unsealed(deadline=None, at=at)
    check_bid_window(status=TenderStatus.PUBLISHED, deadline=deadline, at=before)
    with pytest.raises(RuleViolation, match="procurement.deadline_passed"):
        check_bid_window(status=TenderStatus.PUBLISHED, deadline=deadline, at=at)
    with pytest.raises(RuleViolation, match="procurement.not_open_for_bids"):
        check_bid_window(status=TenderStatus.REQUIREMENTS, deadline=deadline, at=before)


@pytest.mark.rule("TEN-5")
def test_price_quality_scoring_against_a_hand_computed_example() -> None:
    """Three bids; price weight 60, plan 25 (max 10), service 15 (max 5).
    A: 100.00, plan 6, service 5 → 60 × 80/100 = 48.00 + 25 × 6/10 = 15.00 + 15 × 5/5 = 15.00
       = 78.00
    B:  80.00, plan 5, service 3 → 60.00 + 12.50 + 9.00 = 81.50
    C: 120.00, plan 10, service 5 → 60 × 80/120 = 40.00 + 25.00 + 15.00 = 80.00"""
    scores = score_bids(
        bids=[
            BidInput("A", Decimal("100.00"), {"plan": Decimal(6), "service": Decimal(5)}),
            BidInput("B", Decimal("80.00"), {"plan": Decimal(5), "service": Decimal(3)}),
            BidInput("C", Decimal("120.00"), {"plan": Decimal(10), "service": Decimal(5)}),
        ],
        criteria=PRICE_QUALITY,
        policy=POLICY,
    )
    assert [(s.bid, s.price_score, s.total, s.rank) for s in scores] == [
        ("B", Decimal("60.00"), Decimal("81.50"), 1),
        ("C", Decimal("40.00"), Decimal("80.00"), 2),
        ("A", Decimal("48.00"), Decimal("78.00"), 3),
    ]
    assert scores[0].quality_scores == {"plan": Decimal("12.50"), "service": Decimal("9.00")}
    assert award_proposal(scores) == "B"


@pytest.mark.rule("TEN-5")
def test_a_tie_for_first_is_not_decided_by_the_formula() -> None:
    scores = score_bids(
        bids=[
            BidInput("A", Decimal("100"), {"plan": Decimal(10), "service": Decimal(5)}),
            BidInput("B", Decimal("100"), {"plan": Decimal(10), "service": Decimal(5)}),
        ],
        criteria=PRICE_QUALITY,
        policy=POLICY,
    )
    assert [s.rank for s in scores] == [1, 1]
    assert award_proposal(scores) is None


@pytest.mark.rule("TEN-5")
def test_points_must_be_given_within_their_range() -> None:
    with pytest.raises(RuleViolation, match="procurement.unscored"):
        score_bids(
            bids=[BidInput("A", Decimal(1), {"plan": Decimal(1)})],
            criteria=PRICE_QUALITY,
            policy=POLICY,
        )
    with pytest.raises(RuleViolation, match="procurement.points_range"):
        score_bids(
            bids=[BidInput("A", Decimal(1), {"plan": Decimal(11), "service": Decimal(1)})],
            criteria=PRICE_QUALITY,
            policy=POLICY,
        )


@pytest.mark.rule("TEN-6")
def test_a_join_larger_than_the_room_left_is_refused_whole() -> None:
    check_join(status=TenderStatus.AWARDED, room_left=Decimal(4), requested=Decimal(4))
    with pytest.raises(RuleViolation) as refused:
        check_join(status=TenderStatus.CONTRACTED, room_left=Decimal(4), requested=Decimal(5))
    assert (refused.value.code, refused.value.params) == (
        "procurement.room_too_small",
        {"left": "4"},
    )
    with pytest.raises(RuleViolation, match="procurement.room_exhausted"):
        check_join(status=TenderStatus.AWARDED, room_left=Decimal(0), requested=Decimal(1))
    with pytest.raises(RuleViolation, match="procurement.not_joinable"):
        check_join(status=TenderStatus.PUBLISHED, room_left=Decimal(4), requested=Decimal(1))


@pytest.mark.rule("TEN-8")
def test_a_price_change_and_its_effect_on_a_yearly_cost() -> None:
    new = changed_price(price=Decimal("30.00"), percent=Decimal(30))
    assert new == Decimal("39.00")
    assert yearly_cost(units=Decimal(4), price_per_unit=new) - yearly_cost(
        units=Decimal(4), price_per_unit=Decimal("30.00")
    ) == Decimal("36.00")
    with pytest.raises(RuleViolation, match="procurement.price_change_range"):
        changed_price(price=Decimal(1), percent=Decimal(-100))
