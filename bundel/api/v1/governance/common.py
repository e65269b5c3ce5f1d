"""What the governance operations share: their tag, the council role, strict request bodies and
the small shapes several answers use."""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema_serializer
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.request import Request

from bundel.api.permissions import board_scope
from bundel.governance import selectors
from bundel.governance.models import Meeting

TAGS = ["governance"]

ELECTION_ID = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description="The election's id."
)
MEETING_ID = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description="The meeting's id."
)
MOTION_ID = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description="The motion's id."
)
SEAT_CODE = "A seat's code: its chamber and number, e.g. KLEIN-2."


def meeting_or_404(pk: int) -> Meeting:
    meeting = selectors.meeting_list().filter(pk=pk).first()
    if meeting is None:
        raise NotFound
    return meeting


def sees_everything(request: Request) -> bool:
    """Staff (any staff role) see the whole council; a member representative sees what is
    public to members and its own board's part (ACC-2)."""
    return board_scope(request).is_every_board


@extend_schema_serializer(component_name="BoardRef")
class BoardRefOutput(serializers.Serializer[Any]):
    number = serializers.CharField(help_text="The board's 5-digit DUO number.")
    name = serializers.CharField(source="display_name")
