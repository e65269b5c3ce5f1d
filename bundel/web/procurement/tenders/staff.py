"""Staff pages of the tenders (TEN-3, TEN-4, FEE-2): the list, a new tender from a product's
bundled demand, and the tender page with its terms, lots, award criteria, comments and
lifecycle. Every staff role reads; procurement and administrators act (ACC-1)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from bundel.catalog.models import Product
from bundel.procurement import selectors, services
from bundel.procurement.models import Tender
from bundel.shared import clock
from bundel.shared.errors import RuleViolation
from bundel.web.procurement.tenders import (
    MANAGE,
    TenderManageMixin,
    TenderStaffMixin,
    acting_user,
    presenters,
    tender_or_404,
)
from bundel.web.procurement.tenders.forms import (
    AwardForm,
    BidPointsForm,
    LotForm,
    PriceChangeForm,
    ProductChoiceForm,
    TenderCreateForm,
    TermsForm,
    TransitionForm,
    criteria_data,
    criteria_forms,
)

DETAIL = "web:tenders:tender-detail"


def detail_url(tender: Tender, anchor: str = "") -> str:
    url = reverse(DETAIL, args=[tender.reference])
    return f"{url}#{anchor}" if anchor else url


# --- The list and a new tender ------------------------------------------------------------------


class TenderListView(TenderStaffMixin, View):
    """Reference, product, status, participants and room left of every tender."""

    def get(self, request: HttpRequest) -> HttpResponse:
        tenders = list(selectors.tender_list().order_by("-created_at", "-id"))
        rows = presenters.tender_rows(tenders)
        return render(request, "procurement/tenders/tender_list.html", {"rows": rows})


def terms_initial(tender: Tender) -> dict[str, Any]:
    deadline = tender.bid_deadline
    return {
        "title": tender.title,
        "description": tender.description,
        "requirements": tender.requirements,
        "purchase_fee": tender.purchase_fee,
        "fee_free": tender.fee_free,
        "contract_months": tender.contract_months,
        "room": presenters.plain(tender.room),
        "room_unit": tender.room_unit,
        "bid_deadline": timezone.localtime(deadline) if deadline else None,
    }


class TenderCreateView(TenderManageMixin, View):
    """TEN-4, FEE-2: a tender, in draft, for the bundled demand of a product (TEN-2)."""

    template_name = "procurement/tenders/tender_create.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        choice = ProductChoiceForm(request.GET or None)
        product = choice.cleaned_data["product"] if choice.is_valid() else None
        form = None
        if product is not None:
            form = TenderCreateForm(
                initial={
                    "product": product.code,
                    "title": _("Tender for %(product)s") % {"product": product.name},
                    "contract_months": 48,
                    "room": 0,
                    "room_unit": "units",
                }
            )
        return self.render_page(request, choice, product, form)

    def post(self, request: HttpRequest) -> HttpResponse:
        form = TenderCreateForm(request.POST)
        product = form.cleaned_data.get("product") if form.is_valid() else None
        if product is not None:
            try:
                tender = services.tender_create(
                    product=product, terms=form.terms(), by=acting_user(request)
                )
            except RuleViolation as violation:
                form.add_violation(violation)
            else:
                messages.success(
                    request,
                    _("Tender %(reference)s has been created as a draft.")
                    % {"reference": tender.reference},
                )
                return redirect(DETAIL, reference=tender.reference)
        code = request.POST.get("product", "")
        product = Product.objects.filter(code=code).first()
        choice = ProductChoiceForm(initial={"product": code})
        return self.render_page(request, choice, product, form)

    def render_page(
        self,
        request: HttpRequest,
        choice: ProductChoiceForm,
        product: Product | None,
        form: TenderCreateForm | None,
    ) -> HttpResponse:
        context = {
            "choice": choice,
            "product": product,
            "demand": selectors.demand_for(product=product) if product else None,
            "form": form,
        }
        return render(request, self.template_name, context)


# --- The tender page ----------------------------------------------------------------------------


def tender_detail(
    request: HttpRequest, tender: Tender, bound: dict[str, Any] | None = None
) -> HttpResponse:
    """The tender page; a submitted form that needs correcting takes the place of a blank one."""
    bound = bound or {}
    page = presenters.tender_page(tender, at=clock.now(), today=clock.today())
    can_manage = acting_user(request).has_perm(MANAGE)
    context: dict[str, Any] = {"page": page, "tender": tender, "can_manage": can_manage}
    if not can_manage:
        return render(request, "procurement/tenders/tender_detail.html", context)
    editable = page.is_editable
    context["terms_form"] = bound.get("terms") or (
        TermsForm(initial=terms_initial(tender)) if editable else None
    )
    context["lot_form"] = bound.get("lot") or (LotForm() if editable else None)
    price, quality = bound.get("criteria") or (
        criteria_forms(page.criteria) if editable else (None, None)
    )
    context.update(price_form=price, quality_formset=quality)
    for lot in page.lots:
        number = lot.lot.number
        if page.is_scoring and lot.bids:
            lot.points_forms = [
                (
                    criterion,
                    bound.get(f"points-{number}-{criterion.key}")
                    or BidPointsForm(
                        criterion=criterion,
                        bids=[b.bid for b in lot.bids],
                        lot_number=number,
                        initial=points_initial(lot, criterion.pk),
                    ),
                )
                for criterion in page.quality_criteria
            ]
        else:
            lot.points_forms = [
                (c, bound[f"points-{number}-{c.key}"])
                for c in page.quality_criteria
                if f"points-{number}-{c.key}" in bound
            ]
        lot.award_form = bound.get(f"award-{number}") or (
            AwardForm(tied=lot.tied, lot_number=number)
            if page.is_awarding and lot.award is None and lot.is_scored
            else None
        )
        lot.price_form = bound.get(f"price-{number}") or (
            PriceChangeForm(lot_number=number, initial={"effective_on": clock.today()})
            if lot.award is not None
            else None
        )
    return render(request, "procurement/tenders/tender_detail.html", context)


def points_initial(lot: presenters.LotView, criterion_pk: int) -> dict[str, Any]:
    initial: dict[str, Any] = {}
    for view in lot.bids:
        row = view.points.get(criterion_pk)
        if row is not None:
            initial[f"points_{view.bid.pk}"] = presenters.plain(row.points)
            initial[f"reasoning_{view.bid.pk}"] = row.reasoning
    return initial


class TenderDetailView(TenderStaffMixin, View):
    """Terms, lots, criteria, comments, the lifecycle with its history, the number of bids while
    they are sealed and, after the deadline, the bids, their scoring and the award (TEN-3 …
    TEN-5); then participants, room left and price changes (TEN-6, TEN-8)."""

    def get(self, request: HttpRequest, reference: str) -> HttpResponse:
        return tender_detail(request, tender_or_404(reference))


class TenderTermsView(TenderManageMixin, View):
    """TEN-4, FEE-2: the terms, while the tender is a draft or in requirements."""

    def get(self, request: HttpRequest, reference: str) -> HttpResponse:
        return redirect(detail_url(tender_or_404(reference), "terms"))

    def post(self, request: HttpRequest, reference: str) -> HttpResponse:
        tender = tender_or_404(reference)
        form = TermsForm(request.POST)
        if form.is_valid():
            try:
                services.tender_terms_set(
                    tender=tender, terms=form.terms(), by=acting_user(request)
                )
            except RuleViolation as violation:
                form.add_violation(violation)
            else:
                messages.success(request, _("The terms have been saved."))
                return redirect(detail_url(tender, "terms"))
        return tender_detail(request, tender, {"terms": form})


class LotAddView(TenderManageMixin, View):
    def get(self, request: HttpRequest, reference: str) -> HttpResponse:
        return redirect(detail_url(tender_or_404(reference), "lots"))

    def post(self, request: HttpRequest, reference: str) -> HttpResponse:
        tender = tender_or_404(reference)
        form = LotForm(request.POST)
        if form.is_valid():
            try:
                lot = services.lot_add(tender=tender, by=acting_user(request), **form.cleaned_data)
            except RuleViolation as violation:
                form.add_violation(violation)
            else:
                messages.success(
                    request,
                    _("Lot %(lot)s has been added.") % {"lot": f"{lot.number}. {lot.title}"},
                )
                return redirect(detail_url(tender, "lots"))
        return tender_detail(request, tender, {"lot": form})


class CriteriaSetView(TenderManageMixin, View):
    """TEN-4: one price criterion and quality items, the weights adding up to 100."""

    def get(self, request: HttpRequest, reference: str) -> HttpResponse:
        return redirect(detail_url(tender_or_404(reference), "criteria"))

    def post(self, request: HttpRequest, reference: str) -> HttpResponse:
        tender = tender_or_404(reference)
        price, quality = criteria_forms(list(tender.criteria.all()), request.POST)
        if price.is_valid() and quality.is_valid():
            try:
                services.criteria_set(
                    tender=tender, criteria=criteria_data(price, quality), by=acting_user(request)
                )
            except RuleViolation as violation:
                price.add_violation(violation)
            else:
                messages.success(request, _("The award criteria have been saved."))
                return redirect(detail_url(tender, "criteria"))
        return tender_detail(request, tender, {"criteria": (price, quality)})


class TenderTransitionView(TenderManageMixin, View):
    """TEN-3: the next step of the lifecycle; any other step is refused, also when forged."""

    def post(self, request: HttpRequest, reference: str) -> HttpResponse:
        tender = tender_or_404(reference)
        form = TransitionForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("This step does not exist in a tender's lifecycle."))
            return redirect(detail_url(tender, "lifecycle"))
        try:
            tender = services.tender_transition(
                tender=tender, target=form.target_status(), by=acting_user(request)
            )
        except RuleViolation as violation:
            messages.error(request, presenters.explain_refusal(violation))
        else:
            messages.success(
                request,
                _("The tender is now: %(status)s.")
                % {"status": presenters.status_label(tender.status)},
            )
        return redirect(detail_url(tender, "lifecycle"))
