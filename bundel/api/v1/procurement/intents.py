"""TEN-1 and TEN-2 over HTTP: a member representative registers, changes and withdraws its own
board's intent per product (which locations, which options per location, from which year), and
staff and representatives read the bundled demand per product, as aggregates only."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_serializer
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from bundel.api.base import BaseApi, ListApi
from bundel.api.errors import error_responses
from bundel.api.fields import StrictInput
from bundel.api.permissions import (
    IsMemberRepresentative,
    IsStaffMember,
    acting_user,
    represented_board_scope,
)
from bundel.api.v1.procurement.common import (
    PRODUCT_CODE,
    TAGS,
    own_locations,
    product_or_404,
    quantity,
    represented_board,
)
from bundel.catalog.models import Product, StatusChoices
from bundel.procurement import selectors, services
from bundel.procurement.models import Intent
from bundel.shared.errors import RuleViolation

REFUSALS = (
    "Refusals are 409 with their code and nothing is written: procurement.intent_locked (the "
    "tender for the product has been published), procurement.intent_year (from this year "
    "within the 3-year horizon), procurement.location_not_of_board (a location code that is not "
    "one of the board's), procurement.location_twice, procurement.intent_needs_locations, "
    "procurement.units_positive, procurement.unknown_option, catalog.option_value or "
    "catalog.not_available (a product or group in exploration or withdrawn, CAT-4)."
)


class ChangeableField(serializers.BooleanField):
    """Whether the intent may still change: not once its product's tender is published."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(source="product", read_only=True, **kwargs)

    def to_representation(self, value: Any) -> bool:
        try:
            services.check_intent_open(value)
        except RuleViolation:
            return False
        return True


@extend_schema_serializer(component_name="Intent")
class IntentOutput(serializers.Serializer[Any]):
    @extend_schema_serializer(component_name="IntentLocation")
    class Location(serializers.Serializer[Any]):
        location = serializers.CharField(source="location.code", help_text="E.g. 12AB01.")
        name = serializers.CharField(source="location.name")
        options = serializers.DictField(
            child=serializers.CharField(), help_text="Option code → chosen value (CAT-2)."
        )
        units = quantity()

    product = serializers.CharField(source="product.code")
    product_name = serializers.CharField(source="product.name")
    start_year = serializers.IntegerField(help_text="From which year the board takes it.")
    note = serializers.CharField()
    updated_at = serializers.DateTimeField()
    changeable = ChangeableField(
        help_text="False once the tender for the product is published (TEN-1)."
    )
    locations = Location(many=True)


@extend_schema_serializer(component_name="IntentLocationInput")
class LocationInput(StrictInput):
    location = serializers.CharField(max_length=6, help_text="One of the board's location codes.")
    options = serializers.DictField(
        child=serializers.CharField(max_length=100),
        required=False,
        default=dict,
        help_text='Option code → value, e.g. {"bandwidth": "500"}.',
    )
    units = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        required=False,
        default=Decimal(1),
        help_text="The location's units in the product's unit; 1 if left out.",
    )


@extend_schema_serializer(component_name="IntentSave")
class IntentInput(StrictInput):
    """The board's whole intent for the product; saving again replaces it. No board is named:
    a representative acts for its own board only."""

    start_year = serializers.IntegerField(help_text="This year or one of the next two (TEN-1).")
    locations = LocationInput(many=True)
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


@extend_schema_serializer(component_name="IntentCreate")
class IntentCreateInput(IntentInput):
    product = serializers.CharField(max_length=60, help_text="The product's code.")


def _own_intent(request: Request, code: str) -> Intent:
    board_id = represented_board_scope(request).board_id
    intent = selectors.intents_of(board_id=board_id or 0).filter(product__code=code).first()
    if intent is None:
        raise NotFound
    return intent


def _save(request: Request, product: Product, values: dict[str, Any]) -> Response:
    board = represented_board(request)
    rows = values["locations"]
    locations = own_locations(board.pk, [row["location"] for row in rows])
    existed = Intent.objects.filter(board=board, product=product).exists()
    services.intent_save(
        board=board,
        product=product,
        start_year=values["start_year"],
        locations=[
            services.LocationChoice(location=loc, options=row["options"], units=row["units"])
            for loc, row in zip(locations, rows, strict=True)
        ],
        note=values["note"],
        by=acting_user(request),
    )
    intent = _own_intent(request, product.code)
    return Response(IntentOutput(intent).data, status=200 if existed else 201)


SAVED = {
    200: OpenApiResponse(IntentOutput, description="The intent, replaced."),
    201: OpenApiResponse(IntentOutput, description="The intent, registered."),
    **error_responses(400, 401, 403, 404, 409),
}


class IntentListApi(ListApi):
    permission_classes = [IsMemberRepresentative]

    @extend_schema(
        operation_id="intent_list",
        tags=TAGS,
        summary="The board's intent",
        description=(
            "A member representative: its own board's intent per product, with the locations, "
            "their options and units, and whether it may still change (TEN-1)."
        ),
        responses={200: IntentOutput(many=True), **error_responses(401, 403)},
    )
    def get(self, request: Request) -> Response:
        board_id = represented_board_scope(request).board_id or 0
        return self.paginated(selectors.intents_of(board_id=board_id), IntentOutput, request)


class IntentCreateApi(BaseApi):
    permission_classes = [IsMemberRepresentative]

    @extend_schema(
        operation_id="intent_create",
        tags=TAGS,
        summary="Register intent",
        description=(
            "A member representative registers its own board's intent for a product: which of "
            "its locations (by location code), which options per location, how many units and "
            "from which year (TEN-1). Intent is not a purchase; saving again replaces it. "
            + REFUSALS
        ),
        request=IntentCreateInput,
        responses=SAVED,
    )
    def post(self, request: Request) -> Response:
        form = IntentCreateInput(data=request.data)
        form.is_valid(raise_exception=True)
        return _save(request, product_or_404(form.validated_data["product"]), form.validated_data)


class IntentDetailApi(BaseApi):
    permission_classes = [IsMemberRepresentative]

    @extend_schema(
        operation_id="intent_detail",
        tags=TAGS,
        summary="The board's intent for a product",
        description="404 when the board has registered none for it.",
        parameters=[PRODUCT_CODE],
        responses={200: IntentOutput, **error_responses(401, 403, 404)},
    )
    def get(self, request: Request, code: str) -> Response:
        return Response(IntentOutput(_own_intent(request, code)).data)


class IntentSaveApi(BaseApi):
    permission_classes = [IsMemberRepresentative]

    @extend_schema(
        operation_id="intent_save",
        tags=TAGS,
        summary="Register or replace intent for a product",
        description=(
            "As POST /api/v1/procurement/intents/, for the product in the path: 201 when the "
            "board had no intent for it, 200 when it replaces it. " + REFUSALS
        ),
        parameters=[PRODUCT_CODE],
        request=IntentInput,
        responses=SAVED,
    )
    def put(self, request: Request, code: str) -> Response:
        form = IntentInput(data=request.data)
        form.is_valid(raise_exception=True)
        return _save(request, product_or_404(code), form.validated_data)


class IntentWithdrawApi(BaseApi):
    permission_classes = [IsMemberRepresentative]

    @extend_schema(
        operation_id="intent_withdraw",
        tags=TAGS,
        summary="Withdraw intent",
        description=(
            "A member representative withdraws its board's intent for the product while it may "
            "change; 409 procurement.intent_locked once the tender is published, 404 when there "
            "is none."
        ),
        parameters=[PRODUCT_CODE],
        request=None,
        responses={204: None, **error_responses(401, 403, 404, 409)},
    )
    def delete(self, request: Request, code: str) -> Response:
        services.intent_withdraw(intent=_own_intent(request, code), by=acting_user(request))
        return Response(status=204)


# Demand (TEN-2) ------------------------------------------------------------------------------


@extend_schema_serializer(component_name="Demand")
class DemandOutput(serializers.Serializer[Any]):
    @extend_schema_serializer(component_name="DemandYear")
    class Year(serializers.Serializer[Any]):
        year = serializers.IntegerField(help_text="The start year.")
        boards = serializers.IntegerField()
        locations = serializers.IntegerField()
        students = serializers.IntegerField()
        units = quantity()
        cumulative_students = serializers.IntegerField(
            help_text="Students reached by this year: the demand growing over time."
        )

    product = serializers.CharField(source="product.code")
    product_name = serializers.CharField(source="product.name")
    boards = serializers.IntegerField(help_text="Boards with intent.")
    locations = serializers.IntegerField()
    students = serializers.IntegerField(help_text="At the locations with intent (latest count).")
    units = quantity()
    national_students = serializers.IntegerField(help_text="All students in the register.")
    share = serializers.FloatField(help_text="Students with intent as % of national, 2 decimals.")
    unmet_units = quantity(help_text="Late joins refused for lack of room (TEN-6).")
    years = Year(many=True)


def _demand(product: Product) -> dict[str, Any]:
    demand = selectors.demand_for(product=product)
    cumulative = dict(demand.cumulative())
    return {
        "product": product,
        "boards": demand.boards,
        "locations": demand.locations,
        "students": demand.students,
        "units": demand.units,
        "national_students": demand.national_students,
        "share": round(demand.share, 2),
        "unmet_units": demand.unmet_units,
        "years": [
            {
                "year": row.year,
                "boards": row.boards,
                "locations": row.locations,
                "students": row.students,
                "units": row.units,
                "cumulative_students": cumulative[row.year],
            }
            for row in demand.years
        ],
    }


DEMAND_SCOPE = "Staff and member representatives see the same aggregates; no answer names a board."


class DemandListApi(BaseApi):
    permission_classes = [IsStaffMember | IsMemberRepresentative]

    @extend_schema(
        operation_id="demand_list",
        tags=TAGS,
        summary="Bundled demand",
        description=(
            "Per product of the catalogue (withdrawn ones left out): the boards, locations, "
            "students and units with intent, per start year and growing over time, the share of "
            "all national students and the unmet demand of refused late joins (TEN-2). "
            + DEMAND_SCOPE
        ),
        responses={200: DemandOutput(many=True), **error_responses(401, 403)},
    )
    def get(self, request: Request) -> Response:
        products = (
            Product.objects.exclude(status=StatusChoices.WITHDRAWN)
            .select_related("group")
            .order_by("group__position", "name")
        )
        return Response(DemandOutput([_demand(p) for p in products], many=True).data)


class DemandDetailApi(BaseApi):
    permission_classes = [IsStaffMember | IsMemberRepresentative]

    @extend_schema(
        operation_id="demand_detail",
        tags=TAGS,
        summary="Bundled demand for a product",
        description="The demand dashboard of one product (TEN-2). " + DEMAND_SCOPE,
        parameters=[PRODUCT_CODE],
        responses={200: DemandOutput, **error_responses(401, 403, 404)},
    )
    def get(self, request: Request, code: str) -> Response:
        return Response(DemandOutput(_demand(product_or_404(code))).data)
