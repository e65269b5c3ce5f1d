"""Billing (FEE-1 … FEE-4, issue #6): charges, billing runs, invoices and credit notes as
immutable snapshots with gap-free numbers, direct-debit mandates, payments and SEPA runs."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bundel.billing.domain import VatCategory
from bundel.billing.snapshot import DocumentKind
from bundel.registry.models import Board
from bundel.shared.fields import money_field

_USER = settings.AUTH_USER_MODEL


class ChargeKind(models.TextChoices):
    MEMBERSHIP_FEE = "membership_fee", _("membership fee")  # FEE-1
    PURCHASE_FEE = "purchase_fee", _("purchase fee")  # FEE-2
    SERVICE_FEE = "service_fee", _("service fee")  # FEE-3


class VatCategoryChoices(models.TextChoices):
    STANDARD = VatCategory.STANDARD.value, _("standard rate")
    ZERO = VatCategory.ZERO.value, _("zero rate")
    EXEMPT = VatCategory.EXEMPT.value, _("exempt from VAT")
    OUTSIDE_SCOPE = VatCategory.OUTSIDE_SCOPE.value, _("outside the scope of VAT")


class KindChoices(models.TextChoices):
    INVOICE = DocumentKind.INVOICE.value, _("invoice")
    CREDIT_NOTE = DocumentKind.CREDIT_NOTE.value, _("credit note")


class BillingSettings(models.Model):
    """The cooperative as seller, edited by finance staff; one row. Invoices copy it at issue."""

    name = models.CharField(_("name"), max_length=200, default="Coöperatie Bundel U.A.")
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    kvk_number = models.CharField(_("KvK number"), max_length=8, blank=True)
    vat_number = models.CharField(_("VAT number"), max_length=20, blank=True)
    iban = models.CharField(_("IBAN"), max_length=34, blank=True)
    bic = models.CharField(_("BIC"), max_length=11, blank=True)
    creditor_id = models.CharField(_("SEPA creditor ID"), max_length=35, blank=True)
    peppol_id = models.CharField(_("Peppol ID"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail for invoices"), blank=True)
    payment_term_days = models.PositiveSmallIntegerField(_("payment term in days"), default=30)
    updated_at = models.DateTimeField(_("updated at"), null=True, blank=True)

    class Meta:
        verbose_name = _("billing settings")
        verbose_name_plural = _("billing settings")
        permissions = [
            ("manage_billing", _("Can run billing, issue credit notes and record payments")),
        ]

    def __str__(self) -> str:
        return self.name


class FeeVat(models.Model):
    """FEE-4: the VAT category and rate per kind of fee [setting], edited by finance staff."""

    kind = models.CharField(
        _("kind of fee"), max_length=20, choices=ChargeKind.choices, unique=True
    )
    category = models.CharField(_("VAT category"), max_length=2, choices=VatCategoryChoices.choices)
    percent = models.DecimalField(_("VAT rate (%)"), max_digits=5, decimal_places=2)
    exemption_reason = models.CharField(_("reason for exemption"), max_length=200, blank=True)

    class Meta:
        ordering = ["kind"]
        verbose_name = _("VAT per kind of fee")
        verbose_name_plural = _("VAT per kind of fee")

    def __str__(self) -> str:
        return f"{self.kind}: {self.category} {self.percent}%"


class Charge(models.Model):
    """Something a board owes, waiting to be invoiced once. `source_key` makes creating it
    idempotent (e.g. `membership:12:2026`); the line that invoices it makes invoicing it once."""

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="charges")
    kind = models.CharField(_("kind"), max_length=20, choices=ChargeKind.choices)
    source_key = models.CharField(_("source"), max_length=100, unique=True)
    description = models.CharField(_("description"), max_length=300)
    period_start = models.DateField(_("period from"), null=True, blank=True)
    period_end = models.DateField(_("period until"), null=True, blank=True)
    billing_period = models.CharField(_("billing period"), max_length=7, db_index=True)
    quantity = models.DecimalField(_("quantity"), max_digits=12, decimal_places=4)
    unit_price = models.DecimalField(_("unit price"), max_digits=14, decimal_places=6)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        ordering = ["billing_period", "board__number", "id"]
        verbose_name = _("charge")
        verbose_name_plural = _("charges")

    def __str__(self) -> str:
        return self.description


class BillingRun(models.Model):
    """A billing run for a period (`2026` for the yearly fee, `2026-03` for a month)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    period = models.CharField(_("period"), max_length=7)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    started_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(_("created at"))
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    boards_total = models.PositiveIntegerField(_("boards to invoice"), default=0)
    boards_done = models.PositiveIntegerField(_("boards done"), default=0)
    invoices_created = models.PositiveIntegerField(_("invoices issued"), default=0)
    amount_total = money_field(_("amount invoiced"), default=Decimal("0.00"))
    error = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("billing run")
        verbose_name_plural = _("billing runs")

    def __str__(self) -> str:
        return f"{self.period} ({self.get_status_display()})"

    @property
    def percent_done(self) -> int:
        return 100 if not self.boards_total else round(100 * self.boards_done / self.boards_total)


class NumberSequence(models.Model):
    """Gap-free numbering: the last number issued per kind and year, taken under a row lock in
    the issuing transaction."""

    kind = models.CharField(max_length=12, choices=KindChoices.choices)
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "year"], name="number_sequence_once"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.year}: {self.last}"


class Invoice(models.Model):
    """An issued invoice or credit note: immutable. `snapshot` holds everything its documents are
    made from (seller and buyer as at issue, lines, totals)."""

    kind = models.CharField(_("kind"), max_length=12, choices=KindChoices.choices)
    number = models.CharField(_("number"), max_length=20, unique=True)
    year = models.PositiveIntegerField(_("year"))
    sequence = models.PositiveIntegerField(_("sequence"))
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="invoices")
    run = models.ForeignKey(
        BillingRun, on_delete=models.PROTECT, null=True, blank=True, related_name="invoices"
    )
    issue_date = models.DateField(_("issue date"))
    due_date = models.DateField(_("due date"))
    total_net = money_field(_("total excl. VAT"))
    total_tax = money_field(_("VAT"))
    total_gross = money_field(_("total incl. VAT"))
    credited_invoice = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="credit_notes",
        verbose_name=_("credits invoice"),
    )
    reason = models.TextField(_("reason"), blank=True)
    snapshot = models.JSONField(_("snapshot"))
    issued_at = models.DateTimeField(_("issued at"))
    issued_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["-issue_date", "-number"]
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        constraints = [
            models.UniqueConstraint(fields=["kind", "year", "sequence"], name="invoice_gap_free"),
            models.CheckConstraint(
                condition=Q(kind="invoice", credited_invoice__isnull=True)
                | Q(kind="credit_note", credited_invoice__isnull=False),
                name="credit_note_refers_to_invoice",
            ),
        ]

    def __str__(self) -> str:
        return self.number


class InvoiceLine(models.Model):
    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="lines")
    charge = models.OneToOneField(
        Charge, on_delete=models.PROTECT, null=True, blank=True, related_name="invoice_line"
    )
    position = models.PositiveSmallIntegerField(_("line"))
    description = models.CharField(_("description"), max_length=300)
    period_start = models.DateField(_("period from"), null=True, blank=True)
    period_end = models.DateField(_("period until"), null=True, blank=True)
    quantity = models.DecimalField(_("quantity"), max_digits=12, decimal_places=4)
    unit_price = models.DecimalField(_("unit price"), max_digits=14, decimal_places=6)
    vat_category = models.CharField(_("VAT category"), max_length=2)
    vat_percent = models.DecimalField(_("VAT rate (%)"), max_digits=5, decimal_places=2)
    amount = money_field(_("amount"))
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["invoice", "position"]
        verbose_name = _("invoice line")
        verbose_name_plural = _("invoice lines")
        constraints = [
            models.UniqueConstraint(fields=["invoice", "position"], name="invoice_line_position"),
        ]

    def __str__(self) -> str:
        return f"{self.invoice.number}/{self.position}"


class Mandate(models.Model):
    """A board's SEPA direct-debit mandate for the cooperative's invoices."""

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="mandates")
    reference = models.CharField(_("mandate reference"), max_length=35, unique=True)
    iban = models.CharField(_("IBAN"), max_length=34)
    bic = models.CharField(_("BIC"), max_length=11, blank=True)
    account_holder = models.CharField(_("account holder"), max_length=200)
    signed_on = models.DateField(_("signed on"))
    signed_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    collections = models.PositiveIntegerField(_("collections"), default=0)

    class Meta:
        ordering = ["board__number", "-signed_on"]
        verbose_name = _("direct-debit mandate")
        verbose_name_plural = _("direct-debit mandates")
        constraints = [
            models.UniqueConstraint(
                fields=["board"],
                condition=Q(revoked_on__isnull=True),
                name="mandate_one_active_per_board",
            ),
        ]

    def __str__(self) -> str:
        return self.reference


class DirectDebitRun(models.Model):
    """A SEPA pain.008 file collecting the open invoices of boards with a mandate."""

    created_at = models.DateTimeField(_("created at"))
    created_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")
    collection_date = models.DateField(_("collection date"))
    message_id = models.CharField(_("message ID"), max_length=35, unique=True)
    xml = models.TextField(_("pain.008 file"))
    total = money_field(_("total"))
    invoices = models.ManyToManyField(Invoice, related_name="direct_debits")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("direct-debit run")
        verbose_name_plural = _("direct-debit runs")

    def __str__(self) -> str:
        return self.message_id


class Payment(models.Model):
    """Money received for an invoice (or, negative, paid back on a credit note)."""

    class Method(models.TextChoices):
        TRANSFER = "transfer", _("bank transfer")
        DIRECT_DEBIT = "direct_debit", _("direct debit")
        OTHER = "other", _("other")

    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="payments")
    amount = money_field(_("amount"))
    paid_on = models.DateField(_("paid on"))
    method = models.CharField(_("method"), max_length=12, choices=Method.choices)
    reference = models.CharField(_("reference"), max_length=140, blank=True)
    bank_entry = models.CharField(_("bank statement entry"), max_length=100, blank=True)
    recorded_at = models.DateTimeField(_("recorded at"))
    recorded_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["-paid_on", "-id"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        constraints = [
            models.UniqueConstraint(
                fields=["bank_entry"], condition=~Q(bank_entry=""), name="payment_bank_entry_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.invoice.number}: {self.amount}"
