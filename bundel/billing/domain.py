"""FEE-3 and FEE-4 for invoices, as pure functions: exact line amounts, the VAT breakdown, the
service fee pro rata by day, gap-free numbering and credit notes that never credit more than was
invoiced. The foundation of the billing context (issue #6); no Django here."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from bundel.shared.errors import RuleViolation
from bundel.shared.money import CENT


class VatCategory(StrEnum):
    """EN 16931 VAT category codes (UNCL5305) the cooperative's invoices use."""

    STANDARD = "S"
    ZERO = "Z"
    EXEMPT = "E"
    OUTSIDE_SCOPE = "O"


@dataclass(frozen=True)
class VatRate:
    category: VatCategory
    percent: Decimal

    def __post_init__(self) -> None:
        if self.category == VatCategory.STANDARD and self.percent <= 0:
            raise RuleViolation("billing.standard_rate_positive")
        if self.category != VatCategory.STANDARD and self.percent != 0:
            raise RuleViolation("billing.rate_must_be_zero", category=self.category.value)


def cents(amount: Decimal) -> Decimal:
    """FEE-4: half-up to cents. Call once per line, never on intermediate values."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Line:
    """One charge on an invoice: quantity × unit price, rounded once (FEE-4)."""

    description: str
    quantity: Decimal
    unit_price: Decimal
    vat: VatRate
    period_start: date | None = None
    period_end: date | None = None

    def __post_init__(self) -> None:
        for value in (self.quantity, self.unit_price):
            if not isinstance(value, Decimal):
                raise TypeError("quantities and prices are Decimal, never float")
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise RuleViolation("billing.period_ends_before_start")

    @property
    def amount(self) -> Decimal:
        return cents(self.quantity * self.unit_price)


@dataclass(frozen=True)
class VatSubtotal:
    category: VatCategory
    percent: Decimal
    taxable: Decimal
    tax: Decimal


@dataclass(frozen=True)
class Totals:
    net: Decimal
    vat: tuple[VatSubtotal, ...]
    tax: Decimal
    gross: Decimal


def totals(lines: Sequence[Line]) -> Totals:
    """The invoice totals: the sum of the rounded lines, and per VAT category and rate the
    taxable amount and its tax, rounded half-up once per subtotal (EN 16931 BR-CO-17)."""
    groups: dict[tuple[VatCategory, Decimal], Decimal] = {}
    for line in lines:
        key = (line.vat.category, line.vat.percent)
        groups[key] = groups.get(key, Decimal("0.00")) + line.amount
    subtotals = tuple(
        VatSubtotal(category, percent, taxable, cents(taxable * percent / 100))
        for (category, percent), taxable in sorted(groups.items(), key=lambda g: (g[0][0], g[0][1]))
    )
    net = sum((line.amount for line in lines), Decimal("0.00"))
    tax = sum((s.tax for s in subtotals), Decimal("0.00"))
    return Totals(net, subtotals, tax, net + tax)


# --- FEE-3: the service fee -----------------------------------------------------------------------


def days_between(first: date, last: date) -> int:
    """Days from `first` through `last`, both included (0 when last is before first)."""
    return max(0, (last - first).days + 1)


def service_fee(
    *,
    supplier_price: Decimal,
    markup: Decimal,
    units: Decimal,
    vat: VatRate,
    period_start: date,
    period_end: date,
    live_from: date,
    live_until: date | None = None,
    description: str = "",
) -> Line | None:
    """FEE-3: the supplier's price plus the cooperative's markup [setting per service], per unit
    of the distribution key (student, location, access point, Mbit/s), for a period; charged
    from the day the location goes live, pro rata by day, never before. None when the location
    was not live in the period."""
    if period_end < period_start:
        raise RuleViolation("billing.period_ends_before_start")
    first = max(period_start, live_from)
    last = min(period_end, live_until) if live_until else period_end
    live_days = days_between(first, last)
    if live_days == 0:
        return None
    share = Decimal(live_days) / Decimal(days_between(period_start, period_end))
    return Line(
        description=description,
        quantity=units,
        unit_price=(supplier_price + markup) * share,
        vat=vat,
        period_start=first,
        period_end=last,
    )


# --- numbering and credit notes -------------------------------------------------------------------


def invoice_number(*, year: int, sequence: int, prefix: str = "") -> str:
    """Gap-free per year: 2026-000001, 2026-000002 … (the sequence is taken in the issuing
    transaction; a credit note has its own prefix, e.g. C2026-000001)."""
    if sequence < 1:
        raise RuleViolation("billing.sequence_starts_at_one")
    return f"{prefix}{year}-{sequence:06d}"


def check_gap_free(sequences: Iterable[int]) -> None:
    """The numbers of a year run 1, 2, 3 … without a gap or a repeat."""
    ordered = sorted(sequences)
    for expected, actual in enumerate(ordered, start=1):
        if actual != expected:
            raise RuleViolation("billing.numbering_gap", expected=expected, found=actual)


def check_credit(*, invoiced: Decimal, credited_before: Decimal, credit: Decimal) -> None:
    """A credit note corrects an invoice: never more than what is left of it."""
    if credit <= 0:
        raise RuleViolation("billing.credit_positive")
    if credited_before + credit > invoiced:
        raise RuleViolation("billing.credit_exceeds_invoice", left=str(invoiced - credited_before))


def year_days(year: int) -> int:
    return (date(year + 1, 1, 1) - date(year, 1, 1)).days


def period_of_month(year: int, month: int) -> tuple[date, date]:
    first = date(year, month, 1)
    following = date(year + (month == 12), month % 12 + 1, 1)
    return first, following - timedelta(days=1)


@dataclass(frozen=True)
class Period:
    """A billing period: a year (`2026`) or a month (`2026-03`), first and last day included."""

    key: str
    first: date
    last: date

    @property
    def is_year(self) -> bool:
        return len(self.key) == 4


def parse_period(text: str) -> Period:
    value = text.strip()
    try:
        if len(value) == 4 and value.isdigit():
            year = int(value)
            if year < 2000:
                raise ValueError(value)
            return Period(value, date(year, 1, 1), date(year, 12, 31))
        year_text, _, month_text = value.partition("-")
        if len(year_text) == 4 and len(month_text) == 2:
            first, last = period_of_month(int(year_text), int(month_text))
            if first.year < 2000:
                raise ValueError(value)
            return Period(value, first, last)
    except ValueError:
        pass
    raise RuleViolation("billing.invalid_period")


def membership_fee_note(*, days: int, days_in_year: int, annual: Decimal) -> str:
    """FEE-1 on the line: how a partial year was counted (empty for a whole year)."""
    if days >= days_in_year:
        return ""
    return f"pro rata {days}/{days_in_year} × EUR {annual:.2f}"
