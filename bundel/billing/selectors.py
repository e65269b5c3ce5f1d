"""Billing reads: what a period would invoice, invoices and their open amounts, mandates."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import DecimalField, F, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from bundel.billing import domain, policies
from bundel.billing.models import Charge, ChargeKind, Invoice, Mandate, Payment
from bundel.membership import selectors as membership_selectors
from bundel.membership.models import Membership
from bundel.registry.models import Board

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class ChargeDraft:
    """A charge as it would be created: the same fields as `Charge`, before any write."""

    board_id: int
    kind: str
    source_key: str
    description: str
    period_start: date | None
    period_end: date | None
    billing_period: str
    quantity: Decimal
    unit_price: Decimal
    note: str = ""

    @property
    def amount(self) -> Decimal:
        return domain.cents(self.quantity * self.unit_price)


def memberships_in(period: domain.Period) -> QuerySet[Membership]:
    """FEE-1: every membership with a day in the period (ended ones too: their partial year)."""
    return (
        Membership.objects.filter(starts_on__lte=period.last)
        .filter(Q(last_day__isnull=True) | Q(last_day__gte=period.first))
        .select_related("board")
        .order_by("board__number", "starts_on")
    )


def membership_fee_key(membership: Membership, year: int) -> str:
    return f"membership:{membership.pk}:{year}"


def membership_fee_drafts(period: domain.Period) -> list[ChargeDraft]:
    """FEE-1: the yearly membership fee of every member in the year, pro rata by day for a
    partial year, that has no charge yet. Only a year's run creates them."""
    if not period.is_year:
        return []
    year = period.first.year
    memberships = list(memberships_in(period))
    keys = [membership_fee_key(m, year) for m in memberships]
    # by key, whatever the period: a joiner's charge may be made in the month it joined
    existing = set(
        Charge.objects.filter(
            kind=ChargeKind.MEMBERSHIP_FEE, source_key__endswith=f":{year}"
        ).values_list("source_key", flat=True)
    )
    quotes = membership_selectors.fee_quotes(
        memberships=[m for m, key in zip(memberships, keys, strict=True) if key not in existing],
        year=year,
    )
    drafts = []
    for membership, key in zip(memberships, keys, strict=True):
        if key in existing:
            continue
        quote = quotes[membership.pk]
        first = max(membership.starts_on, period.first)
        last = min(membership.last_day or period.last, period.last)
        drafts.append(
            ChargeDraft(
                board_id=membership.board_id,
                kind=ChargeKind.MEMBERSHIP_FEE,
                source_key=key,
                description=f"Contributie {year}",
                period_start=first,
                period_end=last,
                billing_period=period.key,
                quantity=Decimal("1"),
                unit_price=quote.amount.amount,
                note=domain.membership_fee_note(
                    days=quote.days,
                    days_in_year=quote.days_in_year,
                    annual=quote.annual_amount.amount,
                )
                if quote.pro_rata
                else "",
            )
        )
    return drafts


def uninvoiced_charges(period: domain.Period) -> QuerySet[Charge]:
    return Charge.objects.filter(billing_period=period.key, invoice_line__isnull=True)


@dataclass
class BoardPreview:
    board: Board
    lines: list[ChargeDraft] = field(default_factory=list)

    @property
    def net(self) -> Decimal:
        return sum((line.amount for line in self.lines), ZERO)


def run_preview(period: domain.Period) -> list[BoardPreview]:
    """A dry run: per board, what a run of the period would invoice now. Writes nothing."""
    drafts = membership_fee_drafts(period) + [_draft(c) for c in uninvoiced_charges(period)]
    boards = Board.objects.in_bulk({d.board_id for d in drafts})
    previews: dict[int, BoardPreview] = {}
    for draft in drafts:
        previews.setdefault(draft.board_id, BoardPreview(boards[draft.board_id])).lines.append(
            draft
        )
    return sorted(previews.values(), key=lambda p: p.board.number)


def _draft(charge: Charge) -> ChargeDraft:
    return ChargeDraft(
        board_id=charge.board_id,
        kind=charge.kind,
        source_key=charge.source_key,
        description=charge.description,
        period_start=charge.period_start,
        period_end=charge.period_end,
        billing_period=charge.billing_period,
        quantity=charge.quantity,
        unit_price=charge.unit_price,
        note=charge.note,
    )


def vat_for(kind: str) -> policies.FeeVatPolicy:
    return policies.fee_vat(kind)


# --- invoices -------------------------------------------------------------------------------------


def invoices_with_balance() -> QuerySet[Invoice]:
    """Invoices and credit notes with `paid` (payments) and `credited` (credit notes) summed."""
    money: DecimalField[Decimal, Decimal] = DecimalField(max_digits=12, decimal_places=2)
    paid = (
        Payment.objects.filter(invoice=OuterRef("pk"))
        .values("invoice")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    credited = (
        Invoice.objects.filter(credited_invoice=OuterRef("pk"))
        .values("credited_invoice")
        .annotate(total=Sum("total_gross"))
        .values("total")
    )
    return Invoice.objects.select_related("board").annotate(
        paid=Coalesce(Subquery(paid, output_field=money), Value(ZERO), output_field=money),
        credited=Coalesce(Subquery(credited, output_field=money), Value(ZERO), output_field=money),
    )


def in_status(rows: QuerySet[Invoice], status: str) -> QuerySet[Invoice]:
    """Annotated rows (invoices_with_balance) that `status_of` would give `status`, as a filter
    in the database: `open`, `partly_paid`, `paid`, `credited` or `credit_note`."""
    if status == "credit_note":
        return rows.exclude(kind="invoice")
    rows = rows.filter(kind="invoice").alias(
        paid_sum=F("paid"), credited_sum=F("credited"), settled=F("paid") + F("credited")
    )
    if status == "credited":
        return rows.filter(credited_sum__gte=F("total_gross"))
    if status == "paid":
        return rows.filter(credited_sum__lt=F("total_gross"), settled__gte=F("total_gross"))
    rows = rows.filter(settled__lt=F("total_gross"))
    return rows.filter(paid_sum__gt=0) if status == "partly_paid" else rows.filter(paid_sum__lte=0)


def open_amount(invoice: Invoice) -> Decimal:
    """What is still to be paid: the total less payments and credit notes (an invoice only)."""
    if invoice.kind != "invoice":
        return ZERO
    row = invoices_with_balance().get(pk=invoice.pk)
    paid: Decimal = getattr(row, "paid", ZERO)
    credited: Decimal = getattr(row, "credited", ZERO)
    left: Decimal = row.total_gross - paid - credited
    return max(left, ZERO)


def status_of(invoice: Invoice) -> str:
    """`open`, `partly_paid`, `paid` or `credited` (a credit note: `credit_note`)."""
    if invoice.kind != "invoice":
        return "credit_note"
    row = invoice if hasattr(invoice, "paid") else invoices_with_balance().get(pk=invoice.pk)
    paid: Decimal = getattr(row, "paid", ZERO)
    credited: Decimal = getattr(row, "credited", ZERO)
    if credited >= row.total_gross:
        return "credited"
    if paid + credited >= row.total_gross:
        return "paid"
    return "partly_paid" if paid > 0 else "open"


def invoices_of(*, board: Board) -> QuerySet[Invoice]:
    return invoices_with_balance().filter(board=board).order_by("-issue_date", "-number")


def invoice_by_number(number: str) -> Invoice | None:
    return Invoice.objects.filter(number=number.strip()).select_related("board").first()


def open_invoices(*, board_ids: Iterable[int] | None = None) -> QuerySet[Invoice]:
    """Invoices with an amount still open (less paid and credited than their total), filtered
    in the database."""
    rows = (
        invoices_with_balance()
        .filter(kind="invoice")
        .alias(settled=F("paid") + F("credited"))
        .filter(settled__lt=F("total_gross"))
    )
    if board_ids is not None:
        rows = rows.filter(board_id__in=list(board_ids))
    return rows


def balance(row: Invoice) -> Decimal:
    """An annotated invoice's open amount (see invoices_with_balance)."""
    paid: Decimal = getattr(row, "paid", ZERO)
    credited: Decimal = getattr(row, "credited", ZERO)
    left: Decimal = row.total_gross - paid - credited
    return left


def mandate_active(*, board: Board) -> Mandate | None:
    return Mandate.objects.filter(board=board, revoked_on__isnull=True).first()
