"""Invoices and credit notes over HTTP (FEE-1 … FEE-4): the list, one invoice with its lines,
VAT breakdown, payments and credit notes; and, for finance staff, credit notes and payments.

Staff read every board's invoices; a member representative only its own board's, and another
board's invoice answers 404 exactly as a number that does not exist (ACC-2)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from bundel.api.base import BaseApi, ListApi
from bundel.api.errors import error_responses
from bundel.api.fields import StrictInput
from bundel.api.permissions import (
    CanManageBilling,
    IsMemberRepresentative,
    IsStaffMember,
    acting_user,
    board_scope,
)
from bundel.api.v1.billing.common import (
    INVOICE_NUMBER,
    STATUS_HELP,
    STATUSES,
    TAGS,
    ExactDecimalField,
    OpenAmountField,
    StatusField,
    invoice_or_404,
    invoices,
    money,
)
from bundel.billing import documents, selectors, services
from bundel.billing.models import Invoice, KindChoices, Payment, VatCategoryChoices
from bundel.shared import clock

# Shapes --------------------------------------------------------------------------------------


@extend_schema_serializer(component_name="Invoice")
class InvoiceOutput(serializers.Serializer[Any]):
    """An invoice or credit note with its totals and what is paid and open."""

    number = serializers.CharField(help_text="Gap-free per year: 2026-000001; credit notes C….")
    kind = serializers.ChoiceField(choices=KindChoices.choices)
    board = serializers.CharField(source="board.number", help_text="The 5-digit DUO number.")
    board_name = serializers.CharField(
        source="snapshot.buyer.name", help_text="The board's name as at issue."
    )
    issue_date = serializers.DateField()
    due_date = serializers.DateField()
    total_net = money(help_text="Total excluding VAT, in euros.")
    total_tax = money(help_text="VAT, in euros.")
    total_gross = money(help_text="Total including VAT, in euros.")
    paid = money(help_text="Payments received, in euros.")
    credited = money(help_text="What credit notes for this invoice credit (0.00 on a credit note).")
    open_amount = OpenAmountField(help_text="Still to be paid, never below 0 (0.00: credit note).")
    status = StatusField(help_text=STATUS_HELP)
    credits_invoice = serializers.CharField(
        source="credited_invoice.number",
        allow_null=True,
        help_text="A credit note: the number of the invoice it corrects; null for an invoice.",
    )
    run = serializers.IntegerField(
        source="run_id", allow_null=True, help_text="The billing run that issued it, if any."
    )


@extend_schema_serializer(component_name="Payment")
class PaymentOutput(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    invoice = serializers.CharField(source="invoice.number")
    amount = money(help_text="In euros.")
    paid_on = serializers.DateField()
    method = serializers.ChoiceField(choices=Payment.Method.choices)
    reference = serializers.CharField()
    recorded_at = serializers.DateTimeField()


@extend_schema_serializer(component_name="InvoiceDetail")
class InvoiceDetailOutput(serializers.Serializer[Any]):
    @extend_schema_serializer(component_name="InvoiceLine")
    class Line(serializers.Serializer[Any]):
        position = serializers.IntegerField(help_text="1, 2, 3 …: what a credit note names.")
        description = serializers.CharField()
        period_start = serializers.DateField(allow_null=True)
        period_end = serializers.DateField(allow_null=True)
        quantity = ExactDecimalField()
        unit_price = ExactDecimalField(minimum_places=2, help_text="In euros, exactly as charged.")
        vat_category = serializers.ChoiceField(
            choices=VatCategoryChoices.choices, help_text="EN 16931 VAT category code (UNCL5305)."
        )
        vat_percent = money(help_text="The VAT rate in percent.")
        amount = money(help_text="Quantity × unit price, rounded half-up once (FEE-4).")
        note = serializers.CharField(help_text='E.g. "pro rata 214/365 × EUR 1000.00" (FEE-1).')

    @extend_schema_serializer(component_name="VatSubtotal")
    class VatSubtotal(serializers.Serializer[Any]):
        vat_category = serializers.ChoiceField(
            source="category", choices=VatCategoryChoices.choices
        )
        vat_percent = money(source="percent")
        taxable_amount = money(source="taxable")
        tax_amount = money(source="tax", help_text="Rounded half-up once per subtotal.")

    @extend_schema_serializer(component_name="CreditNoteRef")
    class CreditNote(serializers.Serializer[Any]):
        number = serializers.CharField()
        issue_date = serializers.DateField()
        total_gross = money()
        reason = serializers.CharField()

    @extend_schema_serializer(component_name="InvoiceDocuments")
    class Documents(serializers.Serializer[Any]):
        pdf = serializers.URLField(help_text="The Dutch PDF.")
        ubl = serializers.URLField(help_text="The UBL 2.1 e-invoice (Peppol BIS Billing 3.0).")

    invoice = InvoiceOutput()
    buyer_reference = serializers.CharField(help_text="The board's reference (BT-10).")
    reason = serializers.CharField(help_text="A credit note: why it was issued.")
    lines = Line(many=True)
    vat_breakdown = VatSubtotal(many=True, help_text="Per VAT category and rate.")
    vat_exemption_reason = serializers.CharField()
    payments = PaymentOutput(many=True)
    credit_notes = CreditNote(many=True, help_text="An invoice: the credit notes that correct it.")
    documents = Documents()


def invoice_detail(request: Request, invoice: Invoice) -> dict[str, Any]:
    snapshot = documents.snapshot_of(invoice)
    links = {
        kind: request.build_absolute_uri(
            reverse(f"api:v1:billing-invoice-{kind}", kwargs={"number": invoice.number})
        )
        for kind in ("pdf", "ubl")
    }
    return {
        "invoice": invoice,
        "buyer_reference": snapshot.buyer_reference,
        "reason": invoice.reason,
        "lines": invoice.lines.all(),
        "vat_breakdown": snapshot.totals.vat,
        "vat_exemption_reason": snapshot.vat_exemption_reason,
        "payments": invoice.payments.select_related("invoice"),
        "credit_notes": Invoice.objects.filter(credited_invoice=invoice).order_by("number"),
        "documents": links,
    }


# Reading -------------------------------------------------------------------------------------


class InvoiceListApi(ListApi):
    permission_classes = [IsStaffMember | IsMemberRepresentative]

    class Input(serializers.Serializer[Any]):
        kind = serializers.ChoiceField(
            choices=KindChoices.choices, required=False, allow_blank=True, default=""
        )
        status = serializers.ChoiceField(
            choices=STATUSES, required=False, allow_blank=True, default="", help_text=STATUS_HELP
        )
        board = serializers.CharField(
            required=False, allow_blank=True, default="", help_text="A board's DUO number."
        )
        year = serializers.IntegerField(
            required=False, allow_null=True, default=None, help_text="The year of issue."
        )
        run = serializers.IntegerField(
            required=False, allow_null=True, default=None, help_text="A billing run's id."
        )

    @extend_schema(
        operation_id="invoice_list",
        tags=TAGS,
        summary="Invoices and credit notes",
        description=(
            "Invoices and credit notes, latest first, with their totals, what is paid and "
            "credited, what is open and their status; filtered by kind, status, board, year of "
            "issue or billing run. Staff (any staff role) see every board's; a member "
            "representative only its own board's, whatever the filters (ACC-2)."
        ),
        parameters=[Input],
        responses={200: InvoiceOutput(many=True), **error_responses(400, 401, 403)},
    )
    def get(self, request: Request) -> Response:
        filters = self.Input(data=request.query_params)
        filters.is_valid(raise_exception=True)
        wanted = filters.validated_data
        rows = invoices(board_scope(request))
        if wanted["kind"]:
            rows = rows.filter(kind=wanted["kind"])
        if wanted["status"]:
            rows = selectors.in_status(rows, wanted["status"])
        if wanted["board"]:
            rows = rows.filter(board__number=wanted["board"].strip())
        if wanted["year"] is not None:
            rows = rows.filter(year=wanted["year"])
        if wanted["run"] is not None:
            rows = rows.filter(run_id=wanted["run"])
        return self.paginated(rows, InvoiceOutput, request)


class InvoiceDetailApi(BaseApi):
    permission_classes = [IsStaffMember | IsMemberRepresentative]

    @extend_schema(
        operation_id="invoice_detail",
        tags=TAGS,
        summary="One invoice or credit note",
        description=(
            "The invoice as issued: its lines (with the FEE-1 pro-rata note and the FEE-4 "
            "rounding), totals and VAT breakdown; its status, what is paid and open; its payments "
            "and credit notes; and links to its PDF and UBL. A member representative may read "
            "only its own board's: any other number answers 404 billing.invoice_not_found (ACC-2)."
        ),
        parameters=[INVOICE_NUMBER],
        responses={200: InvoiceDetailOutput, **error_responses(401, 403, 404)},
    )
    def get(self, request: Request, number: str) -> Response:
        invoice = invoice_or_404(number=number, scope=board_scope(request))
        return Response(InvoiceDetailOutput(invoice_detail(request, invoice)).data)


# Finance staff -------------------------------------------------------------------------------


class CreditNoteCreateApi(BaseApi):
    permission_classes = [IsStaffMember & CanManageBilling]

    @extend_schema_serializer(component_name="CreditNoteCreate")
    class Input(StrictInput):
        """The invoice's lines to credit and why; no other field is accepted."""

        lines = serializers.ListField(
            child=serializers.IntegerField(min_value=1),
            help_text="The positions of the invoice's lines to credit, whole (1, 2, …).",
        )
        reason = serializers.CharField(
            allow_blank=True, help_text="Why; printed on the credit note."
        )

    @extend_schema(
        operation_id="credit_note_create",
        tags=TAGS,
        summary="Credit an invoice",
        description=(
            "Staff with billing.manage_billing correct an invoice with a credit note that refers "
            "to it and credits whole lines; the invoice itself never changes. Numbered gap-free "
            "per year (C2026-000001 …), issued today. Refusals are 409 with their code: "
            "billing.line_already_credited (nothing is credited twice), "
            "billing.credit_exceeds_invoice, billing.line_not_on_invoice, "
            "billing.no_lines_to_credit, billing.reason_required, billing.not_an_invoice (a "
            "credit note is not credited) or billing.settings_incomplete."
        ),
        parameters=[INVOICE_NUMBER],
        request=Input,
        responses={201: InvoiceDetailOutput, **error_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, number: str) -> Response:
        form = self.Input(data=request.data)
        form.is_valid(raise_exception=True)
        scope = board_scope(request)
        note = services.credit_note_issue(
            invoice=invoice_or_404(number=number, scope=scope),
            positions=form.validated_data["lines"],
            reason=form.validated_data["reason"],
            on=clock.today(),
            by=acting_user(request),
        )
        note = invoice_or_404(number=note.number, scope=scope)
        return Response(InvoiceDetailOutput(invoice_detail(request, note)).data, status=201)


class PaymentCreateApi(BaseApi):
    permission_classes = [IsStaffMember & CanManageBilling]

    @extend_schema_serializer(component_name="PaymentCreate")
    class Input(StrictInput):
        """Money received for the invoice; no other field is accepted."""

        amount = money(help_text="In euros, at most 2 decimals; never more than is open.")
        paid_on = serializers.DateField(
            required=False, allow_null=True, default=None, help_text="Today if left out."
        )
        method = serializers.ChoiceField(
            choices=Payment.Method.choices, required=False, default=Payment.Method.TRANSFER
        )
        reference = serializers.CharField(
            max_length=140,
            required=False,
            allow_blank=True,
            default="",
            help_text="E.g. the bank's description.",
        )

    @extend_schema(
        operation_id="payment_create",
        tags=TAGS,
        summary="Record a payment",
        description=(
            "Staff with billing.manage_billing record money received for an invoice. Refusals "
            "are 409: billing.payment_positive, or billing.payment_exceeds_open (never more than "
            "is open, which its params give)."
        ),
        parameters=[INVOICE_NUMBER],
        request=Input,
        responses={201: PaymentOutput, **error_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, number: str) -> Response:
        form = self.Input(data=request.data)
        form.is_valid(raise_exception=True)
        values = form.validated_data
        payment = services.payment_record(
            invoice=invoice_or_404(number=number, scope=board_scope(request)),
            amount=values["amount"],
            paid_on=values["paid_on"] or clock.today(),
            method=values["method"],
            reference=values["reference"],
            by=acting_user(request),
        )
        return Response(PaymentOutput(payment).data, status=201)
