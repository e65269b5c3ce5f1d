"""After the deadline (TEN-5): staff score the quality items per lot, read the computed scoring
sheet (also as CSV and PDF) and award each lot; after the award they record a supplier's price
change (TEN-8). Nothing here reads a bid before the deadline: `bids_for_evaluation` refuses."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View

from bundel.procurement import documents, domain, selectors, services
from bundel.procurement.models import Bid, Criterion, Lot, Tender
from bundel.shared import clock
from bundel.shared.errors import RuleViolation
from bundel.web.procurement.tenders import (
    TenderManageMixin,
    TenderStaffMixin,
    acting_user,
    presenters,
    tender_or_404,
)
from bundel.web.procurement.tenders.forms import AwardForm, BidPointsForm, PriceChangeForm
from bundel.web.procurement.tenders.staff import detail_url, tender_detail


def lot_or_404(tender: Tender, number: int) -> Lot:
    return get_object_or_404(Lot.objects.select_related("tender"), tender=tender, number=number)


def unsealed_bids(tender: Tender, lot: Lot) -> list[Bid]:
    """The lot's bids with their content; refuses (procurement.bids_sealed) before the deadline."""
    bids = selectors.bids_for_evaluation(tender=tender, at=clock.now())
    return list(bids.filter(lot=lot).order_by("supplier__name"))


class BidPointsSetView(TenderManageMixin, View):
    """TEN-5: the points of every bid of a lot on one quality criterion, saved together."""

    def post(self, request: HttpRequest, reference: str, number: int, key: str) -> HttpResponse:
        tender = tender_or_404(reference)
        lot = lot_or_404(tender, number)
        criterion = get_object_or_404(Criterion, tender=tender, key=key, is_price=False)
        try:
            bids = unsealed_bids(tender, lot)
        except RuleViolation as violation:
            messages.error(request, presenters.explain_refusal(violation))
            return redirect(detail_url(tender, f"lot-{number}"))
        form = BidPointsForm(request.POST, criterion=criterion, bids=bids, lot_number=number)
        if form.is_valid():
            try:
                # every bid's points or none: a refusal leaves the earlier ones unsaved too
                with transaction.atomic():
                    for bid, points, reasoning in form.scores():
                        services.bid_points_set(
                            bid=bid,
                            criterion=criterion,
                            points=points,
                            reasoning=reasoning,
                            by=acting_user(request),
                        )
            except RuleViolation as violation:
                form.add_error(None, presenters.explain_refusal(violation))
            else:
                messages.success(
                    request,
                    _("The points for %(criterion)s have been saved.")
                    % {"criterion": criterion.name},
                )
                return redirect(detail_url(tender, f"lot-{number}"))
        return tender_detail(request, tender, {f"points-{number}-{criterion.key}": form})


class LotAwardView(TenderManageMixin, View):
    """TEN-5: the lot goes to the highest total; on a tie, to the bid chosen among the tied."""

    def post(self, request: HttpRequest, reference: str, number: int) -> HttpResponse:
        tender = tender_or_404(reference)
        lot = lot_or_404(tender, number)
        try:
            unsealed_bids(tender, lot)
            sheet = selectors.scoring_sheet(lot=lot)
        except RuleViolation as violation:
            messages.error(request, presenters.explain_refusal(violation))
            return redirect(detail_url(tender, f"lot-{number}"))
        tied = [sheet.bids[s.bid] for s in sheet.scores if s.rank == 1]
        if len(tied) < 2:
            tied = []
        form = AwardForm(request.POST, tied=tied, lot_number=number)
        if form.is_valid():
            chosen = form.cleaned_data["bid"]
            bid = sheet.bids.get(str(chosen)) if chosen else None
            try:
                award = services.lot_award(lot=lot, bid=bid, by=acting_user(request))
            except RuleViolation as violation:
                form.add_violation(violation)
            else:
                messages.success(
                    request,
                    _("Lot %(lot)s has been awarded to %(supplier)s.")
                    % {"lot": lot.number, "supplier": award.bid.supplier.name},
                )
                tender.refresh_from_db()
                if tender.status == domain.TenderStatus.AWARDED.value:
                    messages.info(
                        request,
                        _(
                            "Every lot is awarded: the tender is awarded and the boards with "
                            "intent are asked to confirm their participation."
                        ),
                    )
                return redirect(detail_url(tender, f"lot-{number}"))
        return tender_detail(request, tender, {f"award-{number}": form})


def scoring_sheet_download(
    request: HttpRequest, reference: str, number: int, extension: str
) -> HttpResponse:
    """The lot's scoring sheet as CSV or PDF, made from the stored bids, points and criteria;
    only after the deadline (TEN-5)."""
    tender = tender_or_404(reference)
    lot = lot_or_404(tender, number)
    try:
        unsealed_bids(tender, lot)
        if extension == "csv":
            body, content_type = documents.scoring_sheet_csv(lot), "text/csv; charset=utf-8"
        else:
            body, content_type = documents.scoring_sheet_pdf(lot), "application/pdf"
    except RuleViolation as violation:
        messages.error(request, presenters.explain_refusal(violation))
        return redirect(detail_url(tender, f"lot-{number}"))
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{documents.filename(lot, extension)}"'
    return response


class ScoringSheetCsvView(TenderStaffMixin, View):
    def get(self, request: HttpRequest, reference: str, number: int) -> HttpResponse:
        return scoring_sheet_download(request, reference, number, "csv")


class ScoringSheetPdfView(TenderStaffMixin, View):
    def get(self, request: HttpRequest, reference: str, number: int) -> HttpResponse:
        return scoring_sheet_download(request, reference, number, "pdf")


class PriceChangeRecordView(TenderManageMixin, View):
    """TEN-8: a supplier's price change for an awarded lot, from a date."""

    def post(self, request: HttpRequest, reference: str, number: int) -> HttpResponse:
        tender = tender_or_404(reference)
        lot = lot_or_404(tender, number)
        form = PriceChangeForm(request.POST, lot_number=number)
        if form.is_valid():
            try:
                services.price_change_record(lot=lot, by=acting_user(request), **form.cleaned_data)
            except RuleViolation as violation:
                form.add_violation(violation)
            else:
                messages.success(request, _("The price change has been recorded."))
                return redirect(detail_url(tender, "price-changes"))
        return tender_detail(request, tender, {f"price-{number}": form})
