"""TEN-3, TEN-4 and FEE-2 over HTTP: tenders with their terms, lots, award criteria, status and
the room left for late joiners. Staff see every tender; member representatives and suppliers
those published and later. Staff with procurement.manage_tenders create a tender, set its
terms, lots and criteria, and move it through its lifecycle."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from bundel.api.base import BaseApi, ListApi
from bundel.api.errors import error_responses
from bundel.api.fields import StrictInput
from bundel.api.permissions import (
    CanManageTenders,
    IsMemberRepresentative,
    IsStaffMember,
    IsSupplier,
    acting_user,
)
from bundel.api.v1.billing.common import ExactDecimalField, money
from bundel.api.v1.procurement.common import (
    TAGS,
    TENDER_REFERENCE,
    CriterionOutput,
    LotOutput,
    is_staff,
    product_or_404,
    quantity,
    tender_or_404,
    visible_tenders,
)
from bundel.catalog.models import PricingUnitChoices
from bundel.procurement import domain, selectors, services
from bundel.procurement.models import Tender, TenderStatusChoices
from bundel.shared import clock

# TEN-4: the product's pricing unit, as the key that divides the tender's cost among the boards.
DISTRIBUTION_KEYS = [
    (PricingUnitChoices.PER_STUDENT.value, "divided by students"),
    (PricingUnitChoices.PER_LOCATION.value, "divided by locations"),
    (PricingUnitChoices.PER_UNIT.value, "divided by units"),
]
ROOM_UNITS = [("locations", "locations"), ("units", "units")]
READERS = [IsStaffMember | IsMemberRepresentative | IsSupplier]
MANAGERS = [IsStaffMember & CanManageTenders]
TERMS_REFUSALS = (
    "procurement.fee_negative, procurement.fee_free_with_fee, procurement.room_negative, "
    "procurement.room_unit or procurement.contract_months"
)


class RoomLeftField(ExactDecimalField):
    """TEN-6: the room for late joiners still left, read from the whole row."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value: Any) -> Any:
        return super().to_representation(selectors.room_left(tender=value))


@extend_schema_serializer(component_name="Tender")
class TenderOutput(serializers.Serializer[Any]):
    reference = serializers.CharField(help_text="BND-<year>-<n>.")
    title = serializers.CharField()
    product = serializers.CharField(source="product.code")
    product_name = serializers.CharField(source="product.name")
    status = serializers.ChoiceField(
        choices=TenderStatusChoices.choices,
        help_text="draft → requirements → published → bidding_closed → evaluated → awarded → "
        "contracted → exhausted (TEN-3).",
    )
    purchase_fee = money(help_text="Owed once per participating board, in euros (FEE-2).")
    fee_free = serializers.BooleanField()
    distribution_key = serializers.ChoiceField(
        choices=DISTRIBUTION_KEYS, help_text="How the cost is divided among the boards (TEN-4)."
    )
    unit_label = serializers.CharField()
    contract_months = serializers.IntegerField()
    room = quantity(help_text="Room for late joiners, in room_unit (TEN-6).")
    room_unit = serializers.ChoiceField(choices=ROOM_UNITS)
    room_left = RoomLeftField(help_text="The room less what late joiners took.")
    bid_deadline = serializers.DateTimeField(allow_null=True)
    published_at = serializers.DateTimeField(allow_null=True)
    awarded_at = serializers.DateTimeField(allow_null=True)
    participants = serializers.IntegerField(help_text="Boards that confirmed or joined.")


@extend_schema_serializer(component_name="TenderDetail")
class TenderDetailOutput(serializers.Serializer[Any]):
    tender = TenderOutput(source="*", help_text="The tender as the list shows it.")
    description = serializers.CharField()
    requirements = serializers.CharField(help_text="The programme of requirements.")
    lots = LotOutput(many=True)
    criteria = CriterionOutput(many=True, help_text="Award criteria and weights (TEN-4).")
    bids_sealed = serializers.SerializerMethodField(
        help_text="True until the deadline has passed: no one reads a bid before (TEN-5)."
    )
    bid_count = serializers.SerializerMethodField(
        help_text="Staff: how many bids came in (never what they say); null for others."
    )

    def get_bids_sealed(self, tender: Tender) -> bool:
        return not selectors.bids_unsealed(tender=tender, at=clock.now())

    def get_bid_count(self, tender: Tender) -> int | None:
        return selectors.bid_count(tender=tender) if self.context.get("staff") else None


def tender_detail(request: Request, tender: Tender) -> dict[str, Any]:
    """The tender with its lots and criteria; the bid count for staff only."""
    return TenderDetailOutput(tender, context={"staff": is_staff(request)}).data


@extend_schema_serializer(component_name="TenderTerms")
class TermsInput(StrictInput):
    """TEN-4, FEE-2: the tender's terms, all of them; fixed once it is published."""

    title = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    requirements = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="The programme of requirements."
    )
    purchase_fee = money(
        required=False, default=Decimal("0.00"), help_text="In euros; 0.00 when fee-free."
    )
    fee_free = serializers.BooleanField(required=False, default=False)
    contract_months = serializers.IntegerField(required=False, default=48)
    room = serializers.DecimalField(
        max_digits=12, decimal_places=2, required=False, default=Decimal(0)
    )
    room_unit = serializers.ChoiceField(choices=ROOM_UNITS, required=False, default="units")
    bid_deadline = serializers.DateTimeField(required=False, allow_null=True, default=None)


@extend_schema_serializer(component_name="TenderCreate")
class CreateInput(TermsInput):
    product = serializers.CharField(max_length=60, help_text="The product's code.")


def _terms(values: dict[str, Any]) -> services.TenderTerms:
    return services.TenderTerms(
        title=values["title"],
        purchase_fee=values["purchase_fee"],
        fee_free=values["fee_free"],
        contract_months=values["contract_months"],
        room=values["room"],
        room_unit=values["room_unit"],
        description=values["description"],
        requirements=values["requirements"],
        bid_deadline=values["bid_deadline"],
    )


class TenderListApi(ListApi):
    permission_classes = READERS

    class Input(serializers.Serializer[Any]):
        status = serializers.ChoiceField(
            choices=TenderStatusChoices.choices, required=False, allow_blank=True, default=""
        )
        product = serializers.CharField(
            required=False, allow_blank=True, default="", help_text="A product's code."
        )

    @extend_schema(
        operation_id="tender_list",
        tags=TAGS,
        summary="Tenders",
        description=(
            "Tenders, latest first, with their terms, status, room left and participants. Staff "
            "see every tender; member representatives and suppliers those published and later."
        ),
        parameters=[Input],
        responses={200: TenderOutput(many=True), **error_responses(400, 401, 403)},
    )
    def get(self, request: Request) -> Response:
        filters = self.Input(data=request.query_params)
        filters.is_valid(raise_exception=True)
        rows = visible_tenders(request)
        if filters.validated_data["status"]:
            rows = rows.filter(status=filters.validated_data["status"])
        if filters.validated_data["product"]:
            rows = rows.filter(product__code=filters.validated_data["product"].strip())
        return self.paginated(rows, TenderOutput, request)


class TenderCreateApi(BaseApi):
    permission_classes = MANAGERS

    @extend_schema(
        operation_id="tender_create",
        tags=TAGS,
        summary="Create a tender",
        description=(
            "Staff with procurement.manage_tenders create a tender for a product's bundled "
            "demand, in draft; its distribution key and unit are the product's. Refusals are "
            f"409: {TERMS_REFUSALS}."
        ),
        request=CreateInput,
        responses={201: TenderDetailOutput, **error_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request) -> Response:
        form = CreateInput(data=request.data)
        form.is_valid(raise_exception=True)
        tender = services.tender_create(
            product=product_or_404(form.validated_data["product"]),
            terms=_terms(form.validated_data),
            by=acting_user(request),
        )
        return Response(tender_detail(request, tender_or_404(request, tender.reference)), 201)


class TenderDetailApi(BaseApi):
    permission_classes = READERS

    @extend_schema(
        operation_id="tender_detail",
        tags=TAGS,
        summary="One tender",
        description=(
            "The tender's terms, programme of requirements, lots, award criteria, status, room "
            "left and participants; never a bid. A tender not yet published answers 404 to "
            "members and suppliers."
        ),
        parameters=[TENDER_REFERENCE],
        responses={200: TenderDetailOutput, **error_responses(401, 403, 404)},
    )
    def get(self, request: Request, reference: str) -> Response:
        return Response(tender_detail(request, tender_or_404(request, reference)))


class TenderTermsApi(BaseApi):
    permission_classes = MANAGERS

    @extend_schema(
        operation_id="tender_terms_set",
        tags=TAGS,
        summary="Set a tender's terms",
        description=(
            "Staff with procurement.manage_tenders replace the terms while the tender is in "
            "draft or requirements. Refusals are 409: procurement.terms_fixed, "
            f"{TERMS_REFUSALS}."
        ),
        parameters=[TENDER_REFERENCE],
        request=TermsInput,
        responses={200: TenderDetailOutput, **error_responses(400, 401, 403, 404, 409)},
    )
    def put(self, request: Request, reference: str) -> Response:
        form = TermsInput(data=request.data)
        form.is_valid(raise_exception=True)
        tender = tender_or_404(request, reference)
        services.tender_terms_set(
            tender=tender, terms=_terms(form.validated_data), by=acting_user(request)
        )
        return Response(tender_detail(request, tender_or_404(request, reference)))


TARGETS = [c for c in TenderStatusChoices.choices if c[0] != TenderStatusChoices.DRAFT]


class TenderTransitionApi(BaseApi):
    permission_classes = MANAGERS

    @extend_schema_serializer(component_name="TenderTransition")
    class Input(StrictInput):
        target = serializers.ChoiceField(
            choices=TARGETS, help_text="The next status (TEN-3); a tender never returns to draft."
        )

    @extend_schema(
        operation_id="tender_transition",
        tags=TAGS,
        summary="Move a tender on",
        description=(
            "Staff with procurement.manage_tenders move the tender to the next status of its "
            "lifecycle; the transition is recorded with who and when. Refusals are 409: "
            "procurement.illegal_transition (anything but the next step), "
            "procurement.needs_lots, procurement.needs_requirements, "
            "procurement.deadline_in_future, procurement.one_price_criterion, "
            "procurement.weights_total (to publish), procurement.deadline_not_passed (to close "
            "bidding), procurement.unscored (to finish the evaluation), "
            "procurement.award_through_lots (award each lot instead)."
        ),
        parameters=[TENDER_REFERENCE],
        request=Input,
        responses={200: TenderDetailOutput, **error_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, reference: str) -> Response:
        form = self.Input(data=request.data)
        form.is_valid(raise_exception=True)
        services.tender_transition(
            tender=tender_or_404(request, reference),
            target=domain.TenderStatus(form.validated_data["target"]),
            by=acting_user(request),
        )
        return Response(tender_detail(request, tender_or_404(request, reference)))


class LotAddApi(BaseApi):
    permission_classes = MANAGERS

    @extend_schema_serializer(component_name="LotAdd")
    class Input(StrictInput):
        title = serializers.CharField(max_length=200)
        description = serializers.CharField(required=False, allow_blank=True, default="")

    @extend_schema(
        operation_id="tender_lot_add",
        tags=TAGS,
        summary="Add a lot",
        description=(
            "Staff with procurement.manage_tenders add a lot, numbered 1, 2, …; 409 "
            "procurement.terms_fixed once the tender is published."
        ),
        parameters=[TENDER_REFERENCE],
        request=Input,
        responses={201: LotOutput, **error_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, reference: str) -> Response:
        form = self.Input(data=request.data)
        form.is_valid(raise_exception=True)
        lot = services.lot_add(
            tender=tender_or_404(request, reference), **form.validated_data, by=acting_user(request)
        )
        return Response(LotOutput(lot).data, status=201)


@extend_schema_serializer(component_name="AwardCriterionInput")
class CriterionInput(StrictInput):
    key = serializers.SlugField(max_length=40, help_text="E.g. price, quality.")
    name = serializers.CharField(max_length=200)
    weight = serializers.DecimalField(max_digits=5, decimal_places=2)
    is_price = serializers.BooleanField(required=False, default=False)
    max_points = serializers.IntegerField(
        required=False, default=10, help_text="A quality item's maximum points."
    )


class CriteriaSetApi(BaseApi):
    permission_classes = MANAGERS

    @extend_schema_serializer(component_name="AwardCriteriaSet")
    class Input(StrictInput):
        criteria = CriterionInput(many=True)

    @extend_schema(
        operation_id="tender_criteria_set",
        tags=TAGS,
        summary="Set the award criteria",
        description=(
            "Staff with procurement.manage_tenders replace the award criteria: exactly one "
            "price criterion and quality items with their maximum points, the weights adding up "
            "to 100 (TEN-4). Refusals are 409: procurement.one_price_criterion, "
            "procurement.weight_positive, procurement.weights_total, procurement.max_points, "
            "procurement.criterion_twice or procurement.terms_fixed."
        ),
        parameters=[TENDER_REFERENCE],
        request=Input,
        responses={200: CriterionOutput(many=True), **error_responses(400, 401, 403, 404, 409)},
    )
    def put(self, request: Request, reference: str) -> Response:
        form = self.Input(data=request.data)
        form.is_valid(raise_exception=True)
        rows = services.criteria_set(
            tender=tender_or_404(request, reference),
            criteria=[services.CriterionData(**item) for item in form.validated_data["criteria"]],
            by=acting_user(request),
        )
        return Response(CriterionOutput(rows, many=True).data)
