"""FEE-3 and FEE-4 as pure functions, and the numbering and credit rules of invoices."""

from datetime import date
from decimal import Decimal

import pytest

from bundel.billing.domain import (
    Line,
    VatCategory,
    VatRate,
    check_credit,
    check_gap_free,
    invoice_number,
    membership_fee_note,
    parse_period,
    period_of_month,
    service_fee,
    totals,
    year_days,
)
from bundel.shared.errors import RuleViolation

HIGH = VatRate(VatCategory.STANDARD, Decimal("21"))
EXEMPT = VatRate(VatCategory.EXEMPT, Decimal("0"))


@pytest.mark.rule("FEE-4")
def test_a_line_is_rounded_half_up_to_cents_once() -> None:
    line = Line("Toegangspunten", Decimal("3"), Decimal("0.335"), HIGH)
    assert line.amount == Decimal("1.01")  # 1.005 → 1.01, not 1.00 (half-even) nor 3 × 0.34
    assert Line("x", Decimal("1"), Decimal("0.125"), HIGH).amount == Decimal("0.13")


@pytest.mark.rule("FEE-4")
def test_floats_are_refused() -> None:
    with pytest.raises(TypeError):
        Line("x", 1.0, Decimal("1"), HIGH)  # type: ignore[arg-type]


@pytest.mark.rule("FEE-4")
def test_vat_is_computed_per_rate_on_the_rounded_lines() -> None:
    lines = [
        Line("Wifi", Decimal("1"), Decimal("10.005"), HIGH),  # 10.01
        Line("Wifi", Decimal("1"), Decimal("10.005"), HIGH),  # 10.01
        Line("Contributie", Decimal("1"), Decimal("1000"), EXEMPT),
    ]
    result = totals(lines)
    assert result.net == Decimal("1020.02")
    high = next(s for s in result.vat if s.category == VatCategory.STANDARD)
    assert (high.taxable, high.tax) == (Decimal("20.02"), Decimal("4.20"))  # 4.2042 → 4.20
    assert result.tax == Decimal("4.20")
    assert result.gross == Decimal("1024.22")


@pytest.mark.rule("FEE-4")
def test_a_rate_must_fit_its_category() -> None:
    with pytest.raises(RuleViolation, match="billing.rate_must_be_zero"):
        VatRate(VatCategory.EXEMPT, Decimal("21"))
    with pytest.raises(RuleViolation, match="billing.standard_rate_positive"):
        VatRate(VatCategory.STANDARD, Decimal("0"))


@pytest.mark.rule("FEE-3")
def test_the_service_fee_is_price_plus_markup_per_unit_pro_rata_from_going_live() -> None:
    march = period_of_month(2026, 3)
    line = service_fee(
        supplier_price=Decimal("31.00"),
        markup=Decimal("3.10"),
        units=Decimal("12"),  # access points
        vat=HIGH,
        period_start=march[0],
        period_end=march[1],
        live_from=date(2026, 3, 22),  # live 10 of the 31 days
    )
    assert line is not None
    assert (line.period_start, line.period_end) == (date(2026, 3, 22), date(2026, 3, 31))
    assert line.amount == Decimal("132.00")  # 12 × 34.10 × 10 / 31 = 132.00


@pytest.mark.rule("FEE-3")
def test_no_service_fee_before_the_location_goes_live() -> None:
    march = period_of_month(2026, 3)
    assert (
        service_fee(
            supplier_price=Decimal("31"),
            markup=Decimal("0"),
            units=Decimal("1"),
            vat=HIGH,
            period_start=march[0],
            period_end=march[1],
            live_from=date(2026, 4, 1),
        )
        is None
    )


@pytest.mark.rule("FEE-3")
def test_a_whole_period_live_is_charged_whole_and_an_end_stops_the_fee() -> None:
    year = (date(2028, 1, 1), date(2028, 12, 31))
    whole = service_fee(
        supplier_price=Decimal("366"), markup=Decimal("0"), units=Decimal("1"), vat=HIGH,
        period_start=year[0], period_end=year[1], live_from=date(2027, 5, 1),
    )  # fmt: skip
    assert whole is not None
    assert whole.amount == Decimal("366.00")
    ended = service_fee(
        supplier_price=Decimal("366"), markup=Decimal("0"), units=Decimal("1"), vat=HIGH,
        period_start=year[0], period_end=year[1], live_from=date(2027, 5, 1),
        live_until=date(2028, 2, 29),
    )  # fmt: skip
    assert ended is not None
    assert ended.amount == Decimal("60.00")  # 31 + 29 days of a leap year
    assert year_days(2028) == 366


def test_invoice_numbers_run_per_year_without_gaps() -> None:
    assert invoice_number(year=2026, sequence=1) == "2026-000001"
    assert invoice_number(year=2026, sequence=12, prefix="C") == "C2026-000012"
    check_gap_free([3, 1, 2])
    with pytest.raises(RuleViolation, match="billing.numbering_gap"):
        check_gap_free([1, 2, 4])
    with pytest.raises(RuleViolation, match="billing.numbering_gap"):
        check_gap_free([1, 1, 2])


def test_a_credit_note_never_credits_more_than_is_left() -> None:
    check_credit(invoiced=Decimal("100"), credited_before=Decimal("40"), credit=Decimal("60"))
    with pytest.raises(RuleViolation) as refused:
        check_credit(invoiced=Decimal("100"), credited_before=Decimal("40"), credit=Decimal("61"))
    assert refused.value.params == {"left": "60"}
    with pytest.raises(RuleViolation, match="billing.credit_positive"):
        check_credit(invoiced=Decimal("100"), credited_before=Decimal("0"), credit=Decimal("0"))


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2026", date(2026, 1, 1), date(2026, 12, 31)),
        ("2028-02", date(2028, 2, 1), date(2028, 2, 29)),
        (" 2026-12 ", date(2026, 12, 1), date(2026, 12, 31)),
    ],
)
def test_a_period_is_a_year_or_a_month(text: str, first: date, last: date) -> None:
    period = parse_period(text)
    assert (period.first, period.last) == (first, last)


@pytest.mark.parametrize("text", ["", "26", "2026-13", "2026-1", "1999", "twintig", "2026-00"])
def test_a_bad_period_is_refused(text: str) -> None:
    with pytest.raises(RuleViolation, match="billing.invalid_period"):
        parse_period(text)


@pytest.mark.rule("FEE-1")
def test_a_partial_year_says_how_it_was_counted() -> None:
    note = membership_fee_note(days=214, days_in_year=365, annual=Decimal("2800"))
    assert note == "pro rata 214/365 × EUR 2800.00"
    assert membership_fee_note(days=365, days_in_year=365, annual=Decimal("2800")) == ""
