"""MEM-1, MEM-2, MEM-4, MEM-5, FEE-1, FEE-4 as pure functions."""

from datetime import date
from decimal import Decimal

import pytest

from bundel.membership.domain import (
    DEFAULT_FEE_BANDS,
    BoardFacts,
    Commitment,
    FeeBand,
    MembershipPolicy,
    NoticeBy,
    add_months,
    check_eligibility,
    exit_settlement,
    fee_band_for,
    membership_fee,
    membership_start,
    notice_end_date,
)
from bundel.shared.errors import RuleViolation

POLICY = MembershipPolicy()


@pytest.mark.rule("MEM-1")
def test_a_board_with_students_in_the_register_qualifies() -> None:
    check_eligibility(BoardFacts("41775", 31440, is_swv=False), POLICY)


@pytest.mark.rule("MEM-1")
def test_a_board_without_students_does_not_qualify() -> None:
    with pytest.raises(RuleViolation, match="membership.no_students"):
        check_eligibility(BoardFacts("12345", 0, is_swv=False), POLICY)


@pytest.mark.rule("MEM-1")
def test_a_samenwerkingsverband_is_under_review_and_refused_by_default() -> None:
    with pytest.raises(RuleViolation, match="membership.swv_under_review"):
        check_eligibility(BoardFacts("20999", 500, is_swv=True), POLICY)
    check_eligibility(BoardFacts("20999", 500, is_swv=True), MembershipPolicy(reject_swv=False))


@pytest.mark.rule("MEM-2")
def test_membership_starts_on_the_approval_date() -> None:
    assert membership_start(approved_on=date(2025, 3, 3), policy=POLICY) == date(2025, 3, 3)


@pytest.mark.rule("MEM-2")
def test_membership_never_starts_before_the_founding_date() -> None:
    assert membership_start(approved_on=date(2017, 11, 20), policy=POLICY) == date(2018, 1, 1)
    later = MembershipPolicy(founding_date=date(2019, 1, 1))
    assert membership_start(approved_on=date(2018, 6, 1), policy=later) == date(2019, 1, 1)


@pytest.mark.rule("MEM-4")
def test_notice_by_the_member_ends_one_year_later() -> None:
    end = notice_end_date(notice_on=date(2025, 3, 15), by=NoticeBy.MEMBER, policy=POLICY)
    assert end == date(2026, 3, 15)


@pytest.mark.rule("MEM-4")
def test_notice_on_the_last_day_of_a_year_ends_on_the_last_day_of_the_next() -> None:
    end = notice_end_date(notice_on=date(2025, 12, 31), by=NoticeBy.MEMBER, policy=POLICY)
    assert end == date(2026, 12, 31)


@pytest.mark.rule("MEM-4")
def test_notice_by_the_cooperative_ends_six_months_later() -> None:
    end = notice_end_date(notice_on=date(2025, 8, 31), by=NoticeBy.COOPERATIVE, policy=POLICY)
    assert end == date(2026, 2, 28)  # no 31 February: the month's last day


@pytest.mark.rule("MEM-4")
def test_notice_periods_are_settings() -> None:
    policy = MembershipPolicy(notice_months={NoticeBy.MEMBER: 3, NoticeBy.COOPERATIVE: 1})
    assert notice_end_date(notice_on=date(2024, 2, 29), by=NoticeBy.MEMBER, policy=policy) == date(
        2024, 5, 29
    )


def test_add_months_keeps_the_day_or_takes_the_last_of_a_short_month() -> None:
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2023, 12, 15), 14) == date(2025, 2, 15)


@pytest.mark.rule("FEE-1")
@pytest.mark.parametrize(
    ("students", "amount"),
    [(0, "1000.00"), (1000, "1000.00"), (1001, "2800.00"), (90000, "2800.00")],
)
def test_the_fee_band_follows_the_boards_total_students(students: int, amount: str) -> None:
    assert fee_band_for(students, DEFAULT_FEE_BANDS).amount == Decimal(amount)


@pytest.mark.rule("FEE-1")
def test_a_whole_year_is_charged_in_full() -> None:
    quote = membership_fee(
        year=2025, students=1000, bands=DEFAULT_FEE_BANDS, policy=POLICY, starts_on=date(2018, 1, 1)
    )
    assert (quote.amount.amount, quote.days, quote.is_partial) == (Decimal("1000.00"), 365, False)


@pytest.mark.rule("FEE-1")
def test_a_first_year_is_charged_pro_rata_by_day() -> None:
    quote = membership_fee(
        year=2025, students=2000, bands=DEFAULT_FEE_BANDS, policy=POLICY, starts_on=date(2025, 7, 1)
    )
    assert (quote.days, quote.days_in_year) == (184, 365)
    assert quote.amount.amount == Decimal("1411.51")  # 2800 × 184 / 365 = 1411.506…


@pytest.mark.rule("FEE-1")
def test_pro_rata_in_a_leap_year_divides_by_366() -> None:
    quote = membership_fee(
        year=2024, students=10, bands=DEFAULT_FEE_BANDS, policy=POLICY, starts_on=date(2024, 12, 31)
    )
    assert (quote.days, quote.days_in_year, quote.amount.amount) == (1, 366, Decimal("2.73"))


@pytest.mark.rule("FEE-1")
def test_a_last_year_is_charged_up_to_and_including_the_last_day() -> None:
    quote = membership_fee(
        year=2026,
        students=10,
        bands=DEFAULT_FEE_BANDS,
        policy=POLICY,
        starts_on=date(2019, 1, 1),
        last_day=date(2026, 12, 31),
    )
    assert quote.amount.amount == Decimal("1000.00")


@pytest.mark.rule("FEE-1")
def test_pro_rata_can_be_switched_off_for_whole_years() -> None:
    quote = membership_fee(
        year=2025,
        students=10,
        bands=DEFAULT_FEE_BANDS,
        policy=MembershipPolicy(pro_rata=False),
        starts_on=date(2025, 12, 31),
    )
    assert quote.amount.amount == Decimal("1000.00")


@pytest.mark.rule("FEE-1")
def test_a_year_without_membership_has_no_fee() -> None:
    with pytest.raises(RuleViolation, match="membership.not_a_member_in_year"):
        membership_fee(
            year=2024,
            students=10,
            bands=DEFAULT_FEE_BANDS,
            policy=POLICY,
            starts_on=date(2025, 1, 1),
        )


@pytest.mark.rule("FEE-1")
def test_the_bands_are_a_table() -> None:
    bands = (
        FeeBand(500, Decimal("500")),
        FeeBand(5000, Decimal("1500")),
        FeeBand(None, Decimal("4000")),
    )
    assert [fee_band_for(n, bands).amount for n in (500, 501, 5001)] == [500, 1500, 4000]


@pytest.mark.rule("MEM-5")
def test_the_settlement_shows_each_part_of_the_formula() -> None:
    commitment = Commitment(
        service="Wifi",
        starts_on=date(2024, 1, 1),
        term_months=60,
        investment=Decimal("50000.00"),
        yearly_fee=Decimal("12000.00"),
    )
    settlement = exit_settlement(
        commitments=[commitment], last_day=date(2026, 12, 31), successor_absorbs=Decimal("5000")
    )
    (line,) = settlement.lines
    assert (line.remaining_days, line.term_days) == (731, 1827)  # 2027 and 2028 (a leap year)
    assert line.unrecovered_investment.amount == Decimal("20005.47")  # 50000 × 731 / 1827
    assert line.expected_fees.amount == Decimal("24006.57")  # 12000 × 5 years × 731 / 1827
    assert settlement.total.amount == Decimal("39012.04")


@pytest.mark.rule("MEM-5")
def test_a_commitment_that_ended_before_the_exit_costs_nothing() -> None:
    commitment = Commitment("Cloud", date(2019, 1, 1), 36, Decimal("9000"), Decimal("3000"))
    settlement = exit_settlement(
        commitments=[commitment], last_day=date(2026, 6, 30), successor_absorbs=Decimal(0)
    )
    assert settlement.total.amount == Decimal("0.00")


@pytest.mark.rule("MEM-5")
def test_a_successor_can_absorb_everything_but_the_settlement_is_never_negative() -> None:
    commitment = Commitment("Wifi", date(2025, 1, 1), 12, Decimal("1000"), Decimal("1000"))
    settlement = exit_settlement(
        commitments=[commitment], last_day=date(2025, 6, 30), successor_absorbs=Decimal("99999")
    )
    assert settlement.total.amount == Decimal("0.00")
