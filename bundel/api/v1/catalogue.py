"""The catalogue over HTTP (CAT-1 … CAT-4), read only: product groups with their products, each
with its options per location, delivery model, pricing unit, supplier, required products and
status; a group in exploration names its interest group. Staff maintain it in the portal."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from bundel.api.base import BaseApi
from bundel.api.errors import error_responses
from bundel.api.permissions import IsMemberRepresentative, IsStaffMember, IsSupplier
from bundel.api.v1.procurement.common import PRODUCT_CODE, is_staff, product_or_404
from bundel.catalog import selectors
from bundel.catalog.models import DeliveryModelChoices, PricingUnitChoices, StatusChoices

TAGS = ["catalogue"]
STATUS_HELP = (
    "exploration: being explored with its interest group, no intent yet (CAT-4); available; "
    "withdrawn (shown to staff only)."
)


# CAT-4 for a whole group: its products are explored with its interest group, or available.
GROUP_STATUSES = [
    (StatusChoices.EXPLORATION.value, "the group is explored with its interest group"),
    (StatusChoices.AVAILABLE.value, "the group's products are available"),
    (StatusChoices.WITHDRAWN.value, "the group is withdrawn"),
]


class RequiresField(serializers.ListField):
    """The codes of the products a product requires (CAT-3), read from the prefetched rows."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(child=serializers.CharField(), read_only=True, **kwargs)

    def to_representation(self, data: Any) -> list[str]:
        return sorted(product.code for product in data.all())


@extend_schema_serializer(component_name="ProductOption")
class OptionOutput(serializers.Serializer[Any]):
    code = serializers.CharField(help_text="E.g. bandwidth, access_points.")
    label = serializers.CharField()  # type: ignore[assignment]  # the key, not Field.label
    choices = serializers.ListField(
        child=serializers.CharField(),
        help_text="The values to choose from; empty: a number (CAT-2).",
    )
    counts_units = serializers.BooleanField(help_text="The chosen number is the location's units.")


@extend_schema_serializer(component_name="Product")
class ProductOutput(serializers.Serializer[Any]):
    code = serializers.CharField()
    name = serializers.CharField()
    description = serializers.CharField()
    group = serializers.CharField(source="group.code", help_text="The product group's code.")
    delivery_model = serializers.ChoiceField(
        choices=DeliveryModelChoices.choices,
        help_text="as_a_service: the contract is with the cooperative; brokered: the board buys "
        "from the supplier under the cooperative's framework (CAT-2).",
    )
    pricing_unit = serializers.ChoiceField(
        choices=PricingUnitChoices.choices, help_text="The distribution key (FEE-3, TEN-4)."
    )
    unit_label = serializers.CharField(help_text="E.g. toegangspunt, locatie.")
    supplier_name = serializers.CharField(help_text="The supplier under contract, if any.")
    licensed_per_module = serializers.BooleanField()
    status = serializers.ChoiceField(choices=StatusChoices.choices, help_text=STATUS_HELP)
    requires = RequiresField(
        help_text="Codes of the products this one requires: choose them too (CAT-3)."
    )
    options = OptionOutput(many=True, help_text="Options chosen per location (CAT-2).")


@extend_schema_serializer(component_name="ProductGroup")
class GroupOutput(serializers.Serializer[Any]):
    code = serializers.CharField()
    name = serializers.CharField()
    description = serializers.CharField()
    status = serializers.ChoiceField(choices=GROUP_STATUSES, help_text=STATUS_HELP)
    interest_group = serializers.CharField(
        help_text="The special interest group exploring it (CAT-4); blank otherwise."
    )
    products = ProductOutput(many=True)


class CatalogueApi(BaseApi):
    permission_classes = [IsStaffMember | IsMemberRepresentative | IsSupplier]

    @extend_schema(
        operation_id="catalogue",
        tags=TAGS,
        summary="The catalogue",
        description=(
            "The product groups in the spec's order (CAT-1), each with its products: options per "
            "location, delivery model, pricing unit, supplier, required products (CAT-3) and "
            "status; a group in exploration names its interest group (CAT-4). For staff, member "
            "representatives and suppliers; withdrawn groups and products only for staff."
        ),
        responses={200: GroupOutput(many=True), **error_responses(401, 403)},
    )
    def get(self, request: Request) -> Response:
        groups = selectors.catalogue(include_withdrawn=is_staff(request))
        return Response(GroupOutput(groups, many=True).data)


class ProductDetailApi(BaseApi):
    permission_classes = [IsStaffMember | IsMemberRepresentative | IsSupplier]

    @extend_schema(
        operation_id="catalogue_product",
        tags=TAGS,
        summary="One product",
        description=(
            "A product with its options, required products and status. A withdrawn product "
            "answers 404 except to staff."
        ),
        parameters=[PRODUCT_CODE],
        responses={200: ProductOutput, **error_responses(401, 403, 404)},
    )
    def get(self, request: Request, code: str) -> Response:
        product = product_or_404(code)
        if product.status == StatusChoices.WITHDRAWN and not is_staff(request):
            raise NotFound
        return Response(ProductOutput(product).data)
