"""Finance pages (FEE-1 … FEE-4): billing runs with a dry run and progress, invoices with their
documents, credit notes and payments, open items, the bank statement, direct debits and the
seller's settings. Every staff role reads; only finance and administrators act (ACC-1)."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.vary import vary_on_headers

from bundel.accounts.models import User
from bundel.billing import documents, domain, policies, services, tasks
from bundel.billing.models import BillingRun, ChargeKind, DirectDebitRun, Invoice
from bundel.billing.services.accounts import SELLER_FIELDS
from bundel.shared import clock
from bundel.shared.errors import RuleViolation
from bundel.web.access import StaffRequiredMixin, signed_in_user
from bundel.web.billing import presenters
from bundel.web.billing.forms import (
    CollectionForm,
    CreditNoteForm,
    FeeVatForm,
    InvoiceFilterForm,
    PaymentForm,
    RunForm,
    SellerForm,
    StatementForm,
)

MANAGE = "billing.manage_billing"
PAGE_SIZE = 50
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def staff(request: HttpRequest) -> User:
    """The signed-in staff member (StaffRequiredMixin has let only staff in)."""
    return cast(User, request.user)


def is_fragment_request(request: HttpRequest) -> bool:
    """An htmx request that swaps part of the page (not a history restore, which wants all)."""
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.history_restore_request  # type: ignore[union-attr]


class BillingStaffMixin(StaffRequiredMixin):
    """Every staff role reads billing; only finance and administrators act (ACC-1)."""

    def test_func(self) -> bool:
        if not super().test_func():
            return False
        if self.request.method in READ_METHODS:
            return True
        user = signed_in_user(self.request)
        return user is not None and user.has_perm(MANAGE)


class FinanceRequiredMixin(StaffRequiredMixin):
    """Finance and administrators only, also to read (bank data, the seller's settings)."""

    permission_required = MANAGE


# --- Documents (shared with the member area) ---------------------------------------------------

CONTENT_TYPES = {"pdf": "application/pdf", "xml": "application/xml"}


def document_response(invoice: Invoice, extension: str) -> HttpResponse:
    """The invoice's PDF or UBL e-invoice, made from its snapshot, as a download."""
    snapshot = documents.snapshot_of(invoice)
    body = documents.render_pdf(snapshot) if extension == "pdf" else documents.render_ubl(snapshot)
    response = HttpResponse(body, content_type=CONTENT_TYPES[extension])
    name = documents.filename(snapshot, extension)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


class InvoicePdfView(BillingStaffMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return document_response(get_object_or_404(Invoice, pk=pk), "pdf")


class InvoiceUblView(BillingStaffMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return document_response(get_object_or_404(Invoice, pk=pk), "xml")


# --- Billing runs ------------------------------------------------------------------------------


class RunListView(BillingStaffMixin, View):
    """FEE-1: the runs with their progress; a dry run shows per board what a run of the period
    would invoice, writing nothing; "Factureren" queues the run."""

    template_name = "billing/staff/run_list.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render_page(request, RunForm(initial={"period": clock.today().year}))

    def post(self, request: HttpRequest) -> HttpResponse:
        form = RunForm(request.POST)
        if not form.is_valid():
            return self.render_page(request, form)
        period = form.cleaned_data["period"]
        if request.POST.get("action") == "run":
            try:
                run = services.billing_run_create(period=period, by=staff(request))
            except RuleViolation as violation:
                form.add_violation(violation)
                return self.render_page(request, form)
            tasks.execute_billing_run.enqueue(run_id=run.pk)
            messages.success(
                request, _("The billing run for %(period)s has started.") % {"period": run.period}
            )
            return redirect("web:billing:run-detail", pk=run.pk)
        try:
            preview = presenters.preview(domain.parse_period(period))
        except RuleViolation as violation:
            form.add_violation(violation)
            return self.render_page(request, form)
        return self.render_page(request, form, preview=preview)

    def render_page(
        self, request: HttpRequest, form: RunForm, preview: presenters.Preview | None = None
    ) -> HttpResponse:
        page = Paginator(presenters.run_list(), PAGE_SIZE).get_page(request.GET.get("page"))
        context = {"form": form, "page": page, "preview": preview}
        return render(request, self.template_name, context)


def run_detail(
    request: HttpRequest, run: BillingRun, collection_form: CollectionForm | None = None
) -> HttpResponse:
    is_finished = run.status in (BillingRun.Status.DONE, BillingRun.Status.FAILED)
    invoices = presenters.run_invoices(run) if is_finished else Invoice.objects.none()
    rows = presenters.invoice_rows(invoices, today=clock.today())
    context = {
        "run": run,
        "is_finished": is_finished,
        "rows": rows,
        "totals": presenters.run_totals(row.invoice for row in rows),
        "direct_debits": presenters.run_direct_debits(run) if is_finished else [],
        "collection_form": collection_form
        or CollectionForm(initial={"collection_date": clock.today()}),
    }
    if is_fragment_request(request):
        return render(request, "billing/staff/_run_status.html", context)
    return render(request, "billing/staff/run_detail.html", context)


@method_decorator(vary_on_headers("HX-Request"), name="dispatch")
class RunDetailView(BillingStaffMixin, View):
    """The run's progress (htmx polls it every 2 seconds while it is queued or running), then
    its invoices and totals, and the SEPA direct-debit file of the run."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return run_detail(request, get_object_or_404(BillingRun, pk=pk))


class RunDirectDebitView(BillingStaffMixin, View):
    """A pain.008 file collecting the run's open invoices of boards with a mandate."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        run = get_object_or_404(BillingRun, pk=pk)
        form = CollectionForm(request.POST)
        if form.is_valid():
            try:
                debit = services.direct_debit_run_create(
                    collection_date=form.cleaned_data["collection_date"],
                    billing_run=run,
                    by=staff(request),
                )
            except RuleViolation as violation:
                form.add_violation(violation)
            else:
                messages.success(request, direct_debit_created(debit))
                return redirect(f"{reverse('web:billing:run-detail', args=[pk])}#direct-debit")
        return run_detail(request, run, collection_form=form)


def direct_debit_created(debit: DirectDebitRun) -> str:
    return _("The direct-debit file %(id)s has been created: EUR %(total)s.") % {
        "id": debit.message_id,
        "total": f"{debit.total:.2f}".replace(".", ","),
    }


# --- Invoices ----------------------------------------------------------------------------------


class InvoiceListView(BillingStaffMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        form = InvoiceFilterForm(request.GET)
        criteria = form.cleaned_data if form.is_valid() else {}
        invoices = presenters.invoice_search(
            query=criteria.get("q", ""),
            kind=criteria.get("kind", ""),
            status=criteria.get("status", ""),
            year=criteria.get("year"),
        )
        page = Paginator(invoices, PAGE_SIZE).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        context = {
            "form": form,
            "page": page,
            "rows": presenters.invoice_rows(page.object_list, today=clock.today()),
            "query": query.urlencode(),
        }
        return render(request, "billing/staff/invoice_list.html", context)


def invoice_or_404(pk: int) -> Invoice:
    invoice = presenters.invoice_with_balance(pk)
    if invoice is None:
        raise Http404(_("There is no such invoice."))
    return invoice


def invoice_detail(request: HttpRequest, invoice: Invoice, **forms: Any) -> HttpResponse:
    """The invoice page, with a submitted form that needs correcting in place of a blank one."""
    page = presenters.invoice_page(invoice, today=clock.today())
    context = {
        "page": page,
        "credit_form": CreditNoteForm(lines=page.credit_choices),
        "payment_form": PaymentForm(
            initial={"amount": page.row.open_amount, "paid_on": clock.today()}
        ),
        **forms,
    }
    return render(request, "billing/staff/invoice_detail.html", context)


class InvoiceDetailView(BillingStaffMixin, View):
    """Lines (period, quantity, unit price, VAT, amount, the pro-rata note), totals and the VAT
    breakdown, payments, credit notes, status and what is open."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return invoice_detail(request, invoice_or_404(pk))


class CreditNoteCreateView(BillingStaffMixin, View):
    """A correction is a credit note of whole lines; the invoice itself never changes."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        invoice = invoice_or_404(pk)
        lines = presenters.invoice_page(invoice, today=clock.today()).credit_choices
        form = CreditNoteForm(request.POST, lines=lines)
        if form.is_valid():
            try:
                note = services.credit_note_issue(
                    invoice=invoice,
                    positions=form.cleaned_data["positions"],
                    reason=form.cleaned_data["reason"],
                    on=clock.today(),
                    by=staff(request),
                )
            except RuleViolation as violation:
                form.add_violation(violation)
            else:
                messages.success(
                    request,
                    _("Credit note %(number)s has been issued.") % {"number": note.number},
                )
                return redirect("web:billing:invoice-detail", pk=note.pk)
        return invoice_detail(request, invoice, credit_form=form)


class PaymentRecordView(BillingStaffMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        invoice = invoice_or_404(pk)
        form = PaymentForm(request.POST)
        if form.is_valid():
            try:
                services.payment_record(invoice=invoice, by=staff(request), **form.cleaned_data)
            except RuleViolation as violation:
                form.add_violation(violation)
            else:
                messages.success(request, _("The payment has been recorded."))
                return redirect(
                    f"{reverse('web:billing:invoice-detail', args=[pk])}#payments-heading"
                )
        return invoice_detail(request, invoice, payment_form=form)


class OpenItemsView(BillingStaffMixin, View):
    """Per board, its open invoices with the amount due and whether it is overdue."""

    def get(self, request: HttpRequest) -> HttpResponse:
        boards = presenters.open_items(today=clock.today())
        context = {
            "boards": boards,
            "open_total": sum((b.open_total for b in boards), presenters.ZERO),
            "overdue_total": sum((b.overdue_total for b in boards), presenters.ZERO),
        }
        return render(request, "billing/staff/open_items.html", context)


# --- Bank statements and direct debits ---------------------------------------------------------


class StatementImportView(FinanceRequiredMixin, View):
    """A CAMT.053 bank statement: credits that pay an open invoice become payments; the rest
    is listed for staff to check."""

    template_name = "billing/staff/statement_import.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, self.template_name, {"form": StatementForm()})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = StatementForm(request.POST, request.FILES)
        report = None
        if form.is_valid():
            try:
                report = services.statement_import(
                    xml=form.cleaned_data["statement"].read(), by=staff(request)
                )
            except RuleViolation as violation:
                form.add_violation(violation)
            else:
                form = StatementForm()
        return render(request, self.template_name, {"form": form, "report": report})


class DirectDebitListView(BillingStaffMixin, View):
    """The SEPA direct-debit files; a new one collects every open invoice with a mandate."""

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render_page(request, CollectionForm(initial={"collection_date": clock.today()}))

    def post(self, request: HttpRequest) -> HttpResponse:
        form = CollectionForm(request.POST)
        if form.is_valid():
            try:
                debit = services.direct_debit_run_create(
                    collection_date=form.cleaned_data["collection_date"], by=staff(request)
                )
            except RuleViolation as violation:
                form.add_violation(violation)
            else:
                messages.success(request, direct_debit_created(debit))
                return redirect("web:billing:direct-debit-list")
        return self.render_page(request, form)

    def render_page(self, request: HttpRequest, form: CollectionForm) -> HttpResponse:
        page = Paginator(presenters.direct_debit_list(), PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        context = {"page": page, "collection_form": form}
        return render(request, "billing/staff/direct_debit_list.html", context)


class DirectDebitDownloadView(FinanceRequiredMixin, View):
    """The pain.008 file as created; it holds the boards' IBANs, so finance only."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        debit = get_object_or_404(DirectDebitRun, pk=pk)
        response = HttpResponse(debit.xml.encode("utf-8"), content_type="application/xml")
        response["Content-Disposition"] = f'attachment; filename="{debit.message_id}.xml"'
        return response


# --- Settings ----------------------------------------------------------------------------------


def vat_forms(**bound: FeeVatForm) -> list[FeeVatForm]:
    forms = []
    for kind in ChargeKind.values:
        if kind in bound:
            forms.append(bound[kind])
            continue
        policy = policies.fee_vat(kind)
        initial = {
            "category": policy.rate.category.value,
            "percent": policy.rate.percent,
            "exemption_reason": policy.exemption_reason,
        }
        forms.append(FeeVatForm(kind=kind, initial=initial))
    return forms


def settings_page(
    request: HttpRequest,
    seller_form: SellerForm | None = None,
    vat: dict[str, FeeVatForm] | None = None,
) -> HttpResponse:
    context = {
        "seller_form": seller_form or SellerForm(instance=policies.seller()),
        "vat_forms": vat_forms(**(vat or {})),
    }
    return render(request, "billing/staff/settings.html", context)


class SettingsView(FinanceRequiredMixin, View):
    """The cooperative as seller, as the next invoices will carry it; issued ones keep theirs."""

    def get(self, request: HttpRequest) -> HttpResponse:
        return settings_page(request)

    def post(self, request: HttpRequest) -> HttpResponse:
        # Validation fills in this fresh copy of the row in memory; only the service saves.
        form = SellerForm(request.POST, instance=policies.seller())
        if form.is_valid():
            values = {name: form.cleaned_data[name] for name in SELLER_FIELDS}
            try:
                services.billing_settings_update(values=values, by=staff(request))
            except RuleViolation as violation:
                form.add_violation(violation)
            else:
                messages.success(request, _("The billing settings have been saved."))
                return redirect("web:billing:settings")
        return settings_page(request, seller_form=form)


class FeeVatSetView(FinanceRequiredMixin, View):
    """FEE-4: the VAT category and rate of one kind of fee."""

    def post(self, request: HttpRequest, kind: str) -> HttpResponse:
        if kind not in ChargeKind.values:
            raise Http404(_("There is no such kind of fee."))
        form = FeeVatForm(request.POST, kind=kind)
        if form.is_valid():
            try:
                services.fee_vat_set(
                    kind=kind,
                    category=domain.VatCategory(form.cleaned_data["category"]),
                    percent=form.cleaned_data["percent"],
                    exemption_reason=form.cleaned_data["exemption_reason"],
                    by=staff(request),
                )
            except RuleViolation as violation:
                form.add_violation(violation)
            else:
                messages.success(
                    request,
                    _("The VAT for %(kind)s has been saved.") % {"kind": ChargeKind(kind).label},
                )
                return redirect(f"{reverse('web:billing:settings')}#vat-heading")
        return settings_page(request, vat={kind: form})
