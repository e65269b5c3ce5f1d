"""What the procurement operations share: their tag, the tender and supplier roles, finding a
tender the request may see, and the shapes several answers use."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema_serializer
from rest_framework import serializers
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.request import Request

from bundel.api.permissions import (
    acting_user,
    represented_board_scope,
    signed_in_user,
)
from bundel.api.v1.billing.common import ExactDecimalField
from bundel.catalog import selectors as catalog_selectors
from bundel.catalog.models import Product
from bundel.procurement import domain, selectors
from bundel.procurement.models import Lot, Supplier, Tender
from bundel.registry.models import Board, Location
from bundel.shared.errors import RuleViolation

TAGS = ["procurement"]

TENDER_REFERENCE = OpenApiParameter(
    "reference",
    OpenApiTypes.STR,
    OpenApiParameter.PATH,
    description="The tender's reference, e.g. BND-2026-001.",
)
PRODUCT_CODE = OpenApiParameter(
    "code", OpenApiTypes.STR, OpenApiParameter.PATH, description="The product's code, e.g. wifi."
)

# Members and suppliers see a tender once it is published (TEN-3); staff see every stage.
PUBLIC_STATUSES = [
    domain.TenderStatus.PUBLISHED.value,
    domain.TenderStatus.BIDDING_CLOSED.value,
    domain.TenderStatus.EVALUATED.value,
    domain.TenderStatus.AWARDED.value,
    domain.TenderStatus.CONTRACTED.value,
    domain.TenderStatus.EXHAUSTED.value,
]
AWARDED_STATUSES = [
    domain.TenderStatus.AWARDED.value,
    domain.TenderStatus.CONTRACTED.value,
    domain.TenderStatus.EXHAUSTED.value,
]


def own_supplier(request: Request) -> Supplier:
    """The supplier the signed-in person acts for; a supplier account without one may do
    nothing (403)."""
    supplier = selectors.supplier_of(user=acting_user(request))
    if supplier is None:
        raise PermissionDenied
    return supplier


def represented_board(request: Request) -> Board:
    """The board a member representative acts for (ACC-2): only ever its own."""
    board_id = represented_board_scope(request).board_id
    board = Board.objects.filter(pk=board_id).first() if board_id else None
    if board is None:
        raise PermissionDenied
    return board


def is_staff(request: Request) -> bool:
    user = signed_in_user(request)
    return user is not None and user.is_staff_member


def visible_tenders(request: Request) -> QuerySet[Tender]:
    """Staff see every tender; members and suppliers those published and later."""
    rows = selectors.tender_list()
    return rows if is_staff(request) else rows.filter(status__in=PUBLIC_STATUSES)


def tender_or_404(request: Request, reference: str) -> Tender:
    """The tender, if the request may see it: one still in preparation answers 404 to members and
    suppliers exactly as a reference that does not exist does."""
    tender = visible_tenders(request).filter(reference=reference.strip()).first()
    if tender is None:
        raise NotFound
    return tender


def lot_or_404(tender: Tender, number: int) -> Lot:
    lot = Lot.objects.filter(tender=tender, number=number).first()
    if lot is None:
        raise NotFound
    return lot


def product_or_404(code: str) -> Product:
    product = catalog_selectors.product_by_code(code)
    if product is None:
        raise NotFound
    return product


def own_locations(board_id: int, codes: list[str]) -> list[Location]:
    """The board's locations by code, in the order given. A code that is not one of the board's
    (another board's, or none at all) is refused alike (ACC-2)."""
    found = {
        loc.code: loc for loc in Location.objects.filter(code__in=codes).select_related("school")
    }
    result = []
    for code in codes:
        location = found.get(code)
        if location is None or location.school.board_id != board_id:
            raise RuleViolation("procurement.location_not_of_board", location=code)
        result.append(location)
    return result


def price(**kwargs: Any) -> ExactDecimalField:
    """A price per unit in euros, exactly as stored (up to 4 places), e.g. "25.50"."""
    return ExactDecimalField(minimum_places=2, **kwargs)


def quantity(**kwargs: Any) -> ExactDecimalField:
    """Units or room, exactly as stored: "10", "2.5"."""
    return ExactDecimalField(**kwargs)


@extend_schema_serializer(component_name="Lot")
class LotOutput(serializers.Serializer[Any]):
    number = serializers.IntegerField(help_text="1, 2, … within the tender.")
    title = serializers.CharField()
    description = serializers.CharField()


@extend_schema_serializer(component_name="AwardCriterion")
class CriterionOutput(serializers.Serializer[Any]):
    key = serializers.CharField(help_text="E.g. price, quality.")
    name = serializers.CharField()
    is_price = serializers.BooleanField(help_text="The one price criterion (TEN-4).")
    weight = quantity(help_text="The weights add up to 100 (TEN-4).")
    max_points = serializers.IntegerField(help_text="A quality item's maximum points.")
