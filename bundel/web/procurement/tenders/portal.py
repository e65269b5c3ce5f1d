"""The supplier portal (TEN-5): published tenders and those the supplier bid on, the terms,
lots, criteria and programme of requirements (also as a file), and a bid per lot until the
deadline. A supplier sees its own bids only, never another's."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from bundel.procurement import services
from bundel.procurement.models import Lot, Supplier, Tender
from bundel.shared import clock
from bundel.shared.errors import RuleViolation
from bundel.web.procurement.tenders import SupplierRequiredMixin, acting_user, presenters
from bundel.web.procurement.tenders.forms import BidForm

DETAIL = "web:supplier:tender-detail"


def visible_tender_or_404(supplier: Supplier, reference: str) -> Tender:
    tender = presenters.portal_tender(supplier, reference)
    if tender is None:
        raise Http404(_("There is no such tender."))
    return tender


class SupplierTenderListView(SupplierRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        tenders = presenters.portal_tenders(self.supplier)
        context = {"supplier": self.supplier, "tenders": tenders}
        return render(request, "procurement/tenders/portal/tender_list.html", context)


def portal_detail(
    request: HttpRequest,
    supplier: Supplier,
    tender: Tender,
    bound: dict[int, BidForm] | None = None,
) -> HttpResponse:
    bound = bound or {}
    page = presenters.portal_page(supplier, tender, at=clock.now())
    for lot in page.lots:
        number = lot.lot.number
        lot.form = bound.get(number) or (
            BidForm(criteria=page.quality_criteria, lot_number=number)
            if page.is_open and lot.bid is None
            else None
        )
    context: dict[str, Any] = {"supplier": supplier, "page": page, "tender": tender}
    return render(request, "procurement/tenders/portal/tender_detail.html", context)


class SupplierTenderDetailView(SupplierRequiredMixin, View):
    """The tender's terms, lots, criteria and requirements; per lot the supplier's own bid or
    the form to bid until the deadline."""

    def get(self, request: HttpRequest, reference: str) -> HttpResponse:
        tender = visible_tender_or_404(self.supplier, reference)
        return portal_detail(request, self.supplier, tender)


class RequirementsDownloadView(SupplierRequiredMixin, View):
    """The programme of requirements, with lots and criteria, as a Markdown file."""

    def get(self, request: HttpRequest, reference: str) -> HttpResponse:
        tender = visible_tender_or_404(self.supplier, reference)
        body = presenters.requirements_markdown(tender)
        response = HttpResponse(body.encode("utf-8"), content_type="text/markdown; charset=utf-8")
        name = _("requirements-%(reference)s") % {"reference": tender.reference}
        response["Content-Disposition"] = f'attachment; filename="{name}.md"'
        return response


class BidSubmitView(SupplierRequiredMixin, View):
    """TEN-5: one bid per lot, before the deadline; sealed until then for everyone else."""

    def get(self, request: HttpRequest, reference: str, number: int) -> HttpResponse:
        return redirect(DETAIL, reference=reference)

    def post(self, request: HttpRequest, reference: str, number: int) -> HttpResponse:
        tender = visible_tender_or_404(self.supplier, reference)
        lot = get_object_or_404(Lot, tender=tender, number=number)
        criteria = list(tender.criteria.filter(is_price=False))
        form = BidForm(request.POST, criteria=criteria, lot_number=number)
        if form.is_valid():
            try:
                services.bid_submit(
                    lot=lot,
                    supplier=self.supplier,
                    price_per_unit=form.cleaned_data["price_per_unit"],
                    answers=form.answers(),
                    by=acting_user(request),
                )
            except RuleViolation as violation:
                form.add_violation(violation)
            else:
                messages.success(
                    request,
                    _(
                        "Your bid on lot %(lot)s has been received. It stays sealed until the "
                        "deadline."
                    )
                    % {"lot": lot.number},
                )
                return redirect(f"{reverse(DETAIL, args=[tender.reference])}#lot-{number}")
        return portal_detail(request, self.supplier, tender, {number: form})
