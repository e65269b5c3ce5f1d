"""The member area's billing: the representative's own invoices and credit notes with their
documents, and the board's direct-debit mandate. No URL names a board; an invoice of another
board is a 404 (ACC-2)."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from bundel.accounts.models import User
from bundel.billing import selectors, services
from bundel.billing.models import Invoice
from bundel.shared import clock
from bundel.shared.errors import RuleViolation
from bundel.shared.explain import explain
from bundel.web.access import RepresentativeRequiredMixin
from bundel.web.billing import presenters
from bundel.web.billing.forms import MandateForm
from bundel.web.billing.views.staff import document_response


class MemberBillingMixin(RepresentativeRequiredMixin):
    @property
    def representative(self) -> User:
        return cast(User, self.request.user)

    def own_invoice(self, pk: int) -> Invoice:
        """Only an invoice of the representative's own board (ACC-2)."""
        invoice = selectors.invoices_of(board=self.represented_board).filter(pk=pk).first()
        if invoice is None:
            raise Http404(_("There is no such invoice."))
        return invoice


class MemberInvoiceListView(MemberBillingMixin, View):
    """The board's invoices and credit notes: paid or open, and what is still to be paid."""

    def get(self, request: HttpRequest) -> HttpResponse:
        board = self.represented_board
        invoices = selectors.invoices_of(board=board).select_related("credited_invoice")
        rows = presenters.invoice_rows(invoices, today=clock.today())
        context = {
            "board": board,
            "rows": rows,
            "open_total": sum((row.open_amount for row in rows), presenters.ZERO),
            "mandate": selectors.mandate_active(board=board),
        }
        return render(request, "billing/member/invoice_list.html", context)


class MemberInvoicePdfView(MemberBillingMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return document_response(self.own_invoice(pk), "pdf")


class MemberInvoiceUblView(MemberBillingMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return document_response(self.own_invoice(pk), "xml")


class MandateView(MemberBillingMixin, View):
    """The board's SEPA direct-debit mandate: see it, give one (signed today), or revoke it."""

    template_name = "billing/member/mandate.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        initial = {"account_holder": self.represented_board.display_name}
        return self.render_page(request, MandateForm(initial=initial))

    def post(self, request: HttpRequest) -> HttpResponse:
        form = MandateForm(request.POST)
        if form.is_valid():
            try:
                mandate = services.mandate_register(
                    board=self.represented_board,
                    data=services.MandateData(
                        iban=form.cleaned_data["iban"],
                        account_holder=form.cleaned_data["account_holder"],
                        bic=form.cleaned_data["bic"],
                        signed_on=clock.today(),
                    ),
                    by=self.representative,
                )
            except RuleViolation as violation:
                form.add_violation(violation)
            else:
                messages.success(
                    request,
                    _("The direct-debit mandate %(reference)s has been given.")
                    % {"reference": mandate.reference},
                )
                return redirect("web:member_billing:mandate")
        return self.render_page(request, form)

    def render_page(self, request: HttpRequest, form: MandateForm) -> HttpResponse:
        context = {
            "board": self.represented_board,
            "mandate": selectors.mandate_active(board=self.represented_board),
            "form": form,
            "today": clock.today(),
        }
        return render(request, self.template_name, context)


class MandateRevokeView(MemberBillingMixin, View):
    def post(self, request: HttpRequest) -> HttpResponse:
        mandate = selectors.mandate_active(board=self.represented_board)
        if mandate is None:
            messages.error(request, explain(RuleViolation("billing.no_active_mandate")))
            return redirect("web:member_billing:mandate")
        services.mandate_revoke(mandate=mandate, on=clock.today(), by=self.representative)
        messages.success(
            request,
            _("The direct-debit mandate %(reference)s has been revoked.")
            % {"reference": mandate.reference},
        )
        return redirect("web:member_billing:mandate")
