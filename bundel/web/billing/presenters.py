"""What the billing pages show, shaped for the templates from billing's selectors, and the few
reads billing's selectors do not offer yet (the invoice search by status, a run's invoices and
direct-debit files, the direct-debit list)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from bundel.billing import documents, domain, selectors
from bundel.billing.models import (
    BillingRun,
    DirectDebitRun,
    Invoice,
    Payment,
    VatCategoryChoices,
)
from bundel.billing.snapshot import DocumentLine, InvoiceSnapshot
from bundel.registry.models import Board

ZERO = Decimal("0.00")

STATUS_LABELS: dict[str, Promise] = {
    "open": _("outstanding"),
    "partly_paid": _("partly paid"),
    "paid": _("paid"),
    "credited": _("credited"),
    "credit_note": _("credit note"),
}
# Utrecht status badge modifiers: paid is safe, open a warning, the rest neutral.
STATUS_BADGES = {
    "open": "warning",
    "partly_paid": "warning",
    "paid": "safe",
    "credited": "inactive",
    "credit_note": "neutral",
}


def plain(number: Decimal) -> Decimal:
    """A quantity without its trailing zeros (1.0000 → 1, 2.5000 → 2.5), never in E-notation."""
    return Decimal(format(number.normalize(), "f"))


def price_format(price: Decimal) -> str:
    """The floatformat argument that shows a unit price to the cent, or more places if it has
    them (a pro-rata unit price can have six)."""
    places = -plain(price).as_tuple().exponent  # type: ignore[operator]
    return f"{max(2, places)}g"


# --- Invoices ----------------------------------------------------------------------------------


def invoice_search(
    *, query: str = "", kind: str = "", status: str = "", year: int | None = None
) -> QuerySet[Invoice]:
    """Invoices and credit notes, newest first, by board (number or name) or number, kind,
    status (as `selectors.status_of` decides it) and year of issue."""
    rows = (
        selectors.invoices_with_balance()
        .select_related("credited_invoice")
        .order_by("-issue_date", "-number")
    )
    if query:
        rows = rows.filter(
            Q(number__icontains=query)
            | Q(board__number__icontains=query)
            | Q(board__name__icontains=query)
            | Q(board__short_name__icontains=query)
        )
    if kind:
        rows = rows.filter(kind=kind)
    if year:
        rows = rows.filter(year=year)
    if status in ("open", "partly_paid", "paid", "credited"):
        rows = selectors.in_status(rows, status)
    return rows


@dataclass(frozen=True)
class InvoiceRow:
    invoice: Invoice
    status: str
    open_amount: Decimal
    is_overdue: bool

    @property
    def status_label(self) -> Promise:
        return STATUS_LABELS[self.status]

    @property
    def badge(self) -> str:
        return STATUS_BADGES[self.status]

    @property
    def is_credit_note(self) -> bool:
        return self.invoice.kind == "credit_note"


def invoice_row(invoice: Invoice, *, today: date) -> InvoiceRow:
    """An invoice annotated by `selectors.invoices_with_balance`, with its status."""
    status = selectors.status_of(invoice)
    left = max(selectors.balance(invoice), ZERO) if invoice.kind == "invoice" else ZERO
    overdue = status in ("open", "partly_paid") and invoice.due_date < today
    return InvoiceRow(invoice, status, left, overdue)


def invoice_rows(invoices: Iterable[Invoice], *, today: date) -> list[InvoiceRow]:
    return [invoice_row(invoice, today=today) for invoice in invoices]


@dataclass(frozen=True)
class LineView:
    position: int
    line: DocumentLine
    is_credited: bool = False

    @property
    def quantity(self) -> Decimal:
        return plain(self.line.quantity)

    @property
    def price_format(self) -> str:
        return price_format(self.line.unit_price)

    @property
    def vat_label(self) -> str:
        return str(VatCategoryChoices(self.line.vat_category.value).label)

    @property
    def vat_percent(self) -> Decimal:
        return plain(self.line.vat_percent)

    @property
    def choice_label(self) -> str:
        amount = f"{self.line.amount:.2f}".replace(".", ",")
        label = f"{self.position}. {self.line.description} (EUR {amount})"
        if self.is_credited:
            return str(_("%(line)s, already credited") % {"line": label})
        return label


@dataclass(frozen=True)
class VatView:
    label: str
    percent: Decimal
    taxable: Decimal
    tax: Decimal


@dataclass
class InvoicePage:
    row: InvoiceRow
    snapshot: InvoiceSnapshot
    lines: list[LineView]
    vat: list[VatView]
    payments: list[Payment]
    credit_notes: list[InvoiceRow]
    credited_invoice: Invoice | None

    @property
    def invoice(self) -> Invoice:
        return self.row.invoice

    @property
    def can_be_credited(self) -> bool:
        return not self.row.is_credit_note and any(not line.is_credited for line in self.lines)

    @property
    def can_take_payment(self) -> bool:
        return not self.row.is_credit_note and self.row.open_amount > 0

    @property
    def credit_choices(self) -> list[tuple[int, str]]:
        return [(line.position, line.choice_label) for line in self.lines]


def credited_positions(invoice: Invoice) -> set[int]:
    """The lines of an invoice that credit notes already credit (kept in their snapshot)."""
    return {
        position
        for note in invoice.credit_notes.all()
        for position in note.snapshot.get("extra", {}).get("credits_lines", [])
    }


def invoice_page(invoice: Invoice, *, today: date) -> InvoicePage:
    """Everything the invoice page shows, from the snapshot the documents are made from."""
    snapshot = documents.snapshot_of(invoice)
    credited = credited_positions(invoice) if invoice.kind == "invoice" else set()
    totals = snapshot.totals
    notes = selectors.invoices_with_balance().filter(credited_invoice=invoice).order_by("number")
    return InvoicePage(
        row=invoice_row(invoice, today=today),
        snapshot=snapshot,
        lines=[
            LineView(position, line, position in credited)
            for position, line in enumerate(snapshot.lines, start=1)
        ],
        vat=[
            VatView(
                str(VatCategoryChoices(subtotal.category.value).label),
                plain(subtotal.percent),
                subtotal.taxable,
                subtotal.tax,
            )
            for subtotal in totals.vat
        ],
        payments=list(invoice.payments.select_related("recorded_by")),
        credit_notes=invoice_rows(notes, today=today),
        credited_invoice=invoice.credited_invoice,
    )


def invoice_with_balance(pk: int) -> Invoice | None:
    return selectors.invoices_with_balance().filter(pk=pk).first()


# --- The dry run -------------------------------------------------------------------------------


@dataclass(frozen=True)
class DraftView:
    draft: selectors.ChargeDraft
    vat: domain.VatRate

    @property
    def quantity(self) -> Decimal:
        return plain(self.draft.quantity)

    @property
    def price_format(self) -> str:
        return price_format(self.draft.unit_price)

    @property
    def vat_percent(self) -> Decimal:
        return plain(self.vat.percent)

    @property
    def line(self) -> domain.Line:
        return domain.Line(
            self.draft.description,
            self.draft.quantity,
            self.draft.unit_price,
            self.vat,
            self.draft.period_start,
            self.draft.period_end,
        )


@dataclass(frozen=True)
class BoardDraft:
    board: Board
    lines: list[DraftView]
    totals: domain.Totals


@dataclass(frozen=True)
class Preview:
    period: str
    boards: list[BoardDraft]

    @property
    def net(self) -> Decimal:
        return sum((b.totals.net for b in self.boards), ZERO)

    @property
    def tax(self) -> Decimal:
        return sum((b.totals.tax for b in self.boards), ZERO)

    @property
    def gross(self) -> Decimal:
        return sum((b.totals.gross for b in self.boards), ZERO)

    @property
    def line_count(self) -> int:
        return sum(len(b.lines) for b in self.boards)


def preview(period: domain.Period) -> Preview:
    """FEE-1, FEE-4: per board, the lines a run would invoice now, with the VAT that applies
    today, each line rounded once. Writes nothing."""
    rates: dict[str, domain.VatRate] = {}
    boards = []
    for board_preview in selectors.run_preview(period):
        lines = []
        for draft in board_preview.lines:
            if draft.kind not in rates:
                rates[draft.kind] = selectors.vat_for(draft.kind).rate
            lines.append(DraftView(draft, rates[draft.kind]))
        boards.append(
            BoardDraft(board_preview.board, lines, domain.totals([v.line for v in lines]))
        )
    return Preview(period.key, boards)


# --- Runs and direct debits --------------------------------------------------------------------


def run_invoices(run: BillingRun) -> QuerySet[Invoice]:
    return selectors.invoices_with_balance().filter(run=run).order_by("number")


@dataclass(frozen=True)
class RunTotals:
    count: int
    net: Decimal
    tax: Decimal
    gross: Decimal


def run_totals(invoices: Iterable[Invoice]) -> RunTotals:
    rows = list(invoices)
    return RunTotals(
        len(rows),
        sum((i.total_net for i in rows), ZERO),
        sum((i.total_tax for i in rows), ZERO),
        sum((i.total_gross for i in rows), ZERO),
    )


def run_direct_debits(run: BillingRun) -> QuerySet[DirectDebitRun]:
    """The direct-debit files that collect invoices of the run."""
    return (
        DirectDebitRun.objects.filter(invoices__run=run)
        .distinct()
        .annotate(invoice_count=Count("invoices", distinct=True))
        .order_by("-created_at")
    )


def direct_debit_list() -> QuerySet[DirectDebitRun]:
    return (
        DirectDebitRun.objects.select_related("created_by")
        .annotate(invoice_count=Count("invoices"))
        .order_by("-created_at")
    )


def run_list() -> QuerySet[BillingRun]:
    return BillingRun.objects.select_related("started_by").order_by("-created_at", "-id")


# --- Open items --------------------------------------------------------------------------------


@dataclass
class BoardOpenItems:
    board: Board
    rows: list[InvoiceRow] = field(default_factory=list)

    @property
    def open_total(self) -> Decimal:
        return sum((row.open_amount for row in self.rows), ZERO)

    @property
    def overdue_total(self) -> Decimal:
        return sum((row.open_amount for row in self.rows if row.is_overdue), ZERO)


def open_items(*, today: date) -> list[BoardOpenItems]:
    """Per board, its invoices with an amount still to be paid, oldest due first."""
    boards: dict[int, BoardOpenItems] = {}
    for invoice in sorted(selectors.open_invoices(), key=lambda i: (i.due_date, i.number)):
        boards.setdefault(invoice.board_id, BoardOpenItems(invoice.board)).rows.append(
            invoice_row(invoice, today=today)
        )
    return sorted(boards.values(), key=lambda b: b.board.number)
