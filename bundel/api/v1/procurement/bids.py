"""TEN-5 over HTTP for suppliers: a supplier bids once per lot of a published tender before its
deadline, and reads its own bids, never another's. Staff read a tender's bids only after the
deadline (evaluation.py)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from bundel.api.base import BaseApi, ListApi
from bundel.api.errors import error_responses
from bundel.api.fields import StrictInput
from bundel.api.permissions import IsSupplier, acting_user
from bundel.api.v1.procurement.common import (
    TAGS,
    TENDER_REFERENCE,
    lot_or_404,
    own_supplier,
    price,
    tender_or_404,
)
from bundel.procurement import selectors, services
from bundel.procurement.models import Award


@extend_schema_serializer(component_name="OwnBid")
class OwnBidOutput(serializers.Serializer[Any]):
    """A supplier's own bid, as it submitted it."""

    id = serializers.IntegerField()
    tender = serializers.CharField(source="lot.tender.reference")
    lot = serializers.IntegerField(source="lot.number", help_text="The lot's number.")
    lot_title = serializers.CharField(source="lot.title")
    price_per_unit = price()
    answers = serializers.DictField(
        child=serializers.CharField(), help_text="Quality criterion key → the answer."
    )
    submitted_at = serializers.DateTimeField()
    awarded = serializers.SerializerMethodField(help_text="The lot was awarded to this bid.")

    def get_awarded(self, bid: Any) -> bool:
        awarded: set[int] = self.context.get("awarded", set())
        return bid.pk in awarded


def _awarded_ids(bid_ids: list[int]) -> set[int]:
    return set(Award.objects.filter(bid_id__in=bid_ids).values_list("bid_id", flat=True))


class OwnBidListApi(ListApi):
    permission_classes = [IsSupplier]

    class Input(serializers.Serializer[Any]):
        tender = serializers.CharField(
            required=False, allow_blank=True, default="", help_text="A tender's reference."
        )

    @extend_schema(
        operation_id="own_bid_list",
        tags=TAGS,
        summary="The supplier's own bids",
        description=(
            "A supplier: the bids of its own company, latest first, with what it offered and "
            "whether the lot was awarded to it. Another supplier's bid is never shown (TEN-5)."
        ),
        parameters=[Input],
        responses={200: OwnBidOutput(many=True), **error_responses(400, 401, 403)},
    )
    def get(self, request: Request) -> Response:
        filters = self.Input(data=request.query_params)
        filters.is_valid(raise_exception=True)
        bids = selectors.own_bids(supplier=own_supplier(request)).order_by("-submitted_at", "-id")
        if filters.validated_data["tender"]:
            bids = bids.filter(lot__tender__reference=filters.validated_data["tender"].strip())
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(bids, request, view=self) or []
        context = {"awarded": _awarded_ids([bid.pk for bid in page])}
        return paginator.get_paginated_response(OwnBidOutput(page, many=True, context=context).data)


class BidSubmitApi(BaseApi):
    permission_classes = [IsSupplier]

    @extend_schema_serializer(component_name="BidSubmit")
    class Input(StrictInput):
        """The bid's content; the supplier is the signed-in person's own."""

        lot = serializers.IntegerField(help_text="The lot's number.")
        price_per_unit = serializers.DecimalField(
            max_digits=14, decimal_places=4, help_text="In euros per unit, at most 4 decimals."
        )
        answers = serializers.DictField(
            child=serializers.CharField(allow_blank=True, max_length=10_000),
            help_text="Quality criterion key → answer; every quality criterion is answered.",
        )

    @extend_schema(
        operation_id="bid_submit",
        tags=TAGS,
        summary="Submit a bid",
        description=(
            "A supplier bids on a lot of a published tender before its deadline: a price per "
            "unit and an answer per quality criterion, once per lot (TEN-5). The bid is sealed: "
            "no one, staff included, reads it before the deadline. Refusals are 409: "
            "procurement.not_open_for_bids, procurement.deadline_passed, "
            "procurement.price_positive, procurement.answers_missing or procurement.bid_twice."
        ),
        parameters=[TENDER_REFERENCE],
        request=Input,
        responses={201: OwnBidOutput, **error_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, reference: str) -> Response:
        form = self.Input(data=request.data)
        form.is_valid(raise_exception=True)
        values = form.validated_data
        supplier = own_supplier(request)
        bid = services.bid_submit(
            lot=lot_or_404(tender_or_404(request, reference), values["lot"]),
            supplier=supplier,
            price_per_unit=values["price_per_unit"],
            answers=values["answers"],
            by=acting_user(request),
        )
        bid = selectors.own_bids(supplier=supplier).get(pk=bid.pk)
        return Response(OwnBidOutput(bid).data, status=201)
