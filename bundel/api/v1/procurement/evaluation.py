"""TEN-5 and TEN-8 over HTTP, for staff with procurement.manage_tenders: the bids of a tender
(only once the deadline has passed: before it every answer refuses with procurement.bids_sealed),
their points, the scoring sheet, the award per lot, and a supplier's price change. Anyone who
may see the tender reads its awards once it is awarded."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_serializer
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from bundel.api.base import BaseApi
from bundel.api.errors import error_responses
from bundel.api.fields import StrictInput
from bundel.api.permissions import acting_user
from bundel.api.v1.procurement.common import (
    AWARDED_STATUSES,
    TAGS,
    TENDER_REFERENCE,
    is_staff,
    lot_or_404,
    price,
    quantity,
    tender_or_404,
)
from bundel.api.v1.procurement.tenders import MANAGERS, READERS
from bundel.procurement import selectors, services
from bundel.procurement.models import Award, Bid, Criterion, Tender
from bundel.shared import clock
from bundel.shared.errors import RuleViolation

SEALED = (
    "Before the bid deadline this answers 409 procurement.bids_sealed, for staff too: no one "
    "reads a bid before the deadline (TEN-5)."
)


@extend_schema_serializer(component_name="BidPoints")
class PointsOutput(serializers.Serializer[Any]):
    bid = serializers.IntegerField(source="bid_id")
    criterion = serializers.SerializerMethodField(help_text="The quality criterion's key.")
    points = quantity()
    reasoning = serializers.CharField()
    scored_at = serializers.DateTimeField()

    def get_criterion(self, row: Any) -> str:
        keys: dict[int, str] = self.context.get("criteria", {})
        return keys.get(row.criterion_id) or row.criterion.key


@extend_schema_serializer(component_name="Bid")
class BidOutput(serializers.Serializer[Any]):
    """A bid with its content: only after the deadline."""

    id = serializers.IntegerField()
    lot = serializers.IntegerField(source="lot.number", help_text="The lot's number.")
    supplier = serializers.CharField(source="supplier.name")
    price_per_unit = price()
    answers = serializers.DictField(
        child=serializers.CharField(), help_text="Quality criterion key → the supplier's answer."
    )
    submitted_at = serializers.DateTimeField()
    points = PointsOutput(many=True, help_text="Staff's points per quality criterion.")


@extend_schema_serializer(component_name="ScoringSheet")
class ScoringSheetOutput(serializers.Serializer[Any]):
    """TEN-5: reproducible from the stored bids, points and criteria at any time."""

    @extend_schema_serializer(component_name="ScoringSheetCriterion")
    class Item(serializers.Serializer[Any]):
        key = serializers.CharField()
        name = serializers.CharField()
        weight = quantity()
        price = serializers.BooleanField(help_text="The price criterion.")
        max_points = serializers.IntegerField()

    @extend_schema_serializer(component_name="ScoringSheetBid")
    class Row(serializers.Serializer[Any]):
        bid = serializers.CharField(help_text="The bid's id.")
        supplier = serializers.CharField()
        price = price(help_text="The price per unit.")
        price_score = quantity(help_text="Lowest price ÷ this price × the price weight.")
        quality = serializers.DictField(
            child=serializers.CharField(),
            help_text="Criterion key → points ÷ maximum × weight, as a decimal string.",
        )
        total = quantity()
        rank = serializers.IntegerField(help_text="1 is best; equal totals share a rank.")

    lot = serializers.IntegerField(help_text="The lot's number.")
    criteria = Item(many=True)
    bids = Row(many=True, help_text="Ranked, highest total first.")
    proposal = serializers.CharField(
        allow_null=True, help_text="The bid proposed for the award; null on a tie for first."
    )


@extend_schema_serializer(component_name="Award")
class AwardOutput(serializers.Serializer[Any]):
    lot = serializers.IntegerField(source="lot.number")
    lot_title = serializers.CharField(source="lot.title")
    supplier = serializers.CharField(source="bid.supplier.name")
    price_per_unit = price(source="bid.price_per_unit", help_text="The awarded price per unit.")
    awarded_at = serializers.DateTimeField()
    scores = serializers.SerializerMethodField(
        help_text="Staff: the scoring sheet as it was at the award; null for others."
    )

    @extend_schema_field(ScoringSheetOutput(allow_null=True))
    def get_scores(self, award: Award) -> dict[str, Any] | None:
        if not self.context.get("staff"):
            return None
        return dict(ScoringSheetOutput(award.scores).data)


def _criteria_keys(tender: Tender) -> dict[int, str]:
    return dict(Criterion.objects.filter(tender=tender).values_list("pk", "key"))


def _awards(tender: Tender) -> Any:
    return (
        Award.objects.filter(lot__tender=tender)
        .select_related("lot", "bid__supplier")
        .order_by("lot__number")
    )


class BidEvaluationListApi(BaseApi):
    permission_classes = MANAGERS

    @extend_schema(
        operation_id="tender_bids",
        tags=TAGS,
        summary="A tender's bids",
        description=(
            "Staff with procurement.manage_tenders: every bid on the tender's lots with its "
            "price, answers and points, once the deadline has passed. " + SEALED
        ),
        parameters=[TENDER_REFERENCE],
        responses={200: BidOutput(many=True), **error_responses(401, 403, 404, 409)},
    )
    def get(self, request: Request, reference: str) -> Response:
        tender = tender_or_404(request, reference)
        bids = selectors.bids_for_evaluation(tender=tender, at=clock.now()).order_by(
            "lot__number", "supplier__name"
        )
        context = {"criteria": _criteria_keys(tender)}
        return Response(BidOutput(bids, many=True, context=context).data)


class BidScoreApi(BaseApi):
    permission_classes = MANAGERS

    @extend_schema_serializer(component_name="BidScore")
    class Input(StrictInput):
        bid = serializers.IntegerField(help_text="The bid's id.")
        criterion = serializers.CharField(max_length=40, help_text="A quality criterion's key.")
        points = serializers.DecimalField(max_digits=6, decimal_places=2)
        reasoning = serializers.CharField(required=False, allow_blank=True, default="")

    @extend_schema(
        operation_id="tender_bid_score",
        tags=TAGS,
        summary="Score a bid",
        description=(
            "Staff with procurement.manage_tenders give a bid its points on a quality criterion "
            "(0 … the maximum), after bidding has closed; giving them again replaces them. The "
            "price is scored by the formula. Refusals are 409: procurement.scoring_closed, "
            "procurement.not_a_quality_criterion or procurement.points_range; a bid that is "
            "not the tender's answers 404."
        ),
        parameters=[TENDER_REFERENCE],
        request=Input,
        responses={200: PointsOutput, **error_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, reference: str) -> Response:
        form = self.Input(data=request.data)
        form.is_valid(raise_exception=True)
        values = form.validated_data
        tender = tender_or_404(request, reference)
        bid = Bid.objects.filter(pk=values["bid"], lot__tender=tender).select_related("lot").first()
        if bid is None:
            raise NotFound
        criterion = Criterion.objects.filter(tender=tender, key=values["criterion"]).first()
        if criterion is None:
            raise RuleViolation("procurement.not_a_quality_criterion")
        row = services.bid_points_set(
            bid=bid,
            criterion=criterion,
            points=values["points"],
            reasoning=values["reasoning"],
            by=acting_user(request),
        )
        return Response(PointsOutput(row, context={"criteria": {criterion.pk: criterion.key}}).data)


class ScoringSheetApi(BaseApi):
    permission_classes = MANAGERS

    @extend_schema(
        operation_id="tender_scoring_sheet",
        tags=TAGS,
        summary="The scoring sheet",
        description=(
            "Staff with procurement.manage_tenders: per lot the criteria, each bid's price "
            "score, quality scores, weighted total and rank, and the award proposal, computed "
            "from the stored bids and points (TEN-5). 409 procurement.unscored while a bid "
            "lacks points on a quality criterion. " + SEALED
        ),
        parameters=[TENDER_REFERENCE],
        responses={200: ScoringSheetOutput(many=True), **error_responses(401, 403, 404, 409)},
    )
    def get(self, request: Request, reference: str) -> Response:
        tender = tender_or_404(request, reference)
        if not selectors.bids_unsealed(tender=tender, at=clock.now()):
            raise RuleViolation("procurement.bids_sealed")
        sheets = [selectors.scoring_sheet(lot=lot).as_json() for lot in tender.lots.all()]
        return Response(ScoringSheetOutput(sheets, many=True).data)


class AwardListApi(BaseApi):
    permission_classes = READERS

    @extend_schema(
        operation_id="tender_awards",
        tags=TAGS,
        summary="A tender's awards",
        description=(
            "Per lot the supplier it was awarded to and the price per unit, once the tender is "
            "awarded (empty before); staff see each lot's award as soon as it is made, with the "
            "scoring sheet stored with it."
        ),
        parameters=[TENDER_REFERENCE],
        responses={200: AwardOutput(many=True), **error_responses(401, 403, 404)},
    )
    def get(self, request: Request, reference: str) -> Response:
        tender = tender_or_404(request, reference)
        staff = is_staff(request)
        awards = _awards(tender)
        if not staff and tender.status not in AWARDED_STATUSES:
            awards = awards.none()
        return Response(AwardOutput(awards, many=True, context={"staff": staff}).data)


class AwardCreateApi(BaseApi):
    permission_classes = MANAGERS

    @extend_schema_serializer(component_name="AwardCreate")
    class Input(StrictInput):
        lot = serializers.IntegerField(help_text="The lot's number.")
        bid = serializers.IntegerField(
            required=False,
            allow_null=True,
            default=None,
            help_text="Only on a tie for first: the bid to award among those tied.",
        )

    @extend_schema(
        operation_id="tender_award",
        tags=TAGS,
        summary="Award a lot",
        description=(
            "Staff with procurement.manage_tenders award a lot to the bid with the highest "
            "total, after the evaluation; the scoring sheet is stored with the award. When "
            "every lot is awarded the tender is awarded and the boards with intent are asked to "
            "confirm (TEN-1). Refusals are 409: procurement.not_evaluated, "
            "procurement.lot_awarded, procurement.no_bids, procurement.award_tie (name the bid) "
            "or procurement.award_not_highest."
        ),
        parameters=[TENDER_REFERENCE],
        request=Input,
        responses={201: AwardOutput, **error_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, reference: str) -> Response:
        form = self.Input(data=request.data)
        form.is_valid(raise_exception=True)
        tender = tender_or_404(request, reference)
        lot = lot_or_404(tender, form.validated_data["lot"])
        bid = None
        if form.validated_data["bid"] is not None:
            bid = Bid.objects.filter(pk=form.validated_data["bid"], lot=lot).first()
            if bid is None:
                raise NotFound
        award = services.lot_award(lot=lot, bid=bid, by=acting_user(request))
        award = _awards(tender).get(pk=award.pk)
        return Response(AwardOutput(award, context={"staff": True}).data, status=201)


@extend_schema_serializer(component_name="PriceChange")
class PriceChangeOutput(serializers.Serializer[Any]):
    lot = serializers.IntegerField(source="lot.number")
    effective_on = serializers.DateField()
    percent = quantity(help_text="E.g. 30 for +30 %, -5 for -5 %.")
    reason = serializers.CharField()
    recorded_at = serializers.DateTimeField()


class PriceChangeCreateApi(BaseApi):
    permission_classes = MANAGERS

    @extend_schema_serializer(component_name="PriceChangeCreate")
    class Input(StrictInput):
        lot = serializers.IntegerField(help_text="The lot's number.")
        effective_on = serializers.DateField()
        percent = serializers.DecimalField(max_digits=6, decimal_places=2)
        reason = serializers.CharField(required=False, allow_blank=True, default="")

    @extend_schema(
        operation_id="tender_price_change",
        tags=TAGS,
        summary="Record a price change",
        description=(
            "Staff with procurement.manage_tenders record a supplier's price change for an "
            "awarded lot from a date (TEN-8); every participating board sees its effect at GET "
            "/api/v1/procurement/price-effects/. Refusals are 409: procurement.not_awarded or "
            "procurement.price_change_range."
        ),
        parameters=[TENDER_REFERENCE],
        request=Input,
        responses={201: PriceChangeOutput, **error_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, reference: str) -> Response:
        form = self.Input(data=request.data)
        form.is_valid(raise_exception=True)
        values = form.validated_data
        change = services.price_change_record(
            lot=lot_or_404(tender_or_404(request, reference), values["lot"]),
            effective_on=values["effective_on"],
            percent=values["percent"],
            reason=values["reason"],
            by=acting_user(request),
        )
        return Response(PriceChangeOutput(change).data, status=201)
