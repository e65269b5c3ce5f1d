"""GOV-6 and GOV-10 over HTTP: council meetings and proxies.

Staff see every meeting in full. A member representative sees the meetings with their agenda
and motions, a decision once it is published, the minutes and attendance once published, and
only the proxies its own seat gave or holds."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from bundel.api.base import BaseApi, ListApi
from bundel.api.errors import Refusal, error_responses
from bundel.api.fields import StrictInput
from bundel.api.permissions import (
    CanManageCouncil,
    IsMemberRepresentative,
    IsStaffMember,
    acting_user,
)
from bundel.api.v1.governance.common import (
    MEETING_ID,
    SEAT_CODE,
    TAGS,
    meeting_or_404,
    sees_everything,
)
from bundel.api.v1.governance.motions import MotionOutput
from bundel.governance import selectors, services
from bundel.governance.models import Meeting, Seat


def _own_seat(request: Request, meeting: Meeting) -> Seat | None:
    """The seat the representative's board holds on the day of the meeting."""
    return selectors.seat_of_user_on(user=acting_user(request), day=meeting.held_on)


# Shapes --------------------------------------------------------------------------------------


@extend_schema_serializer(component_name="Meeting")
class MeetingOutput(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    title = serializers.CharField()
    held_on = serializers.DateField()
    place = serializers.CharField()
    motion_count = serializers.IntegerField()
    closed_at = serializers.DateTimeField(allow_null=True)
    minutes_published_at = serializers.DateTimeField(
        allow_null=True, help_text="Once published, the minutes are every member's (GOV-10)."
    )


@extend_schema_serializer(component_name="Proxy")
class ProxyOutput(serializers.Serializer[Any]):
    meeting = serializers.IntegerField(source="meeting_id")
    grantor = serializers.CharField(source="grantor.code", help_text="The seat that gave its vote.")
    holder = serializers.CharField(source="holder.code", help_text="The seat that votes for it.")
    granted_at = serializers.DateTimeField()


@extend_schema_serializer(component_name="MeetingDetail")
class MeetingDetailOutput(serializers.Serializer[Any]):
    @extend_schema_serializer(component_name="AgendaItem")
    class AgendaItem(serializers.Serializer[Any]):
        position = serializers.IntegerField()
        title = serializers.CharField()
        description = serializers.CharField()

    @extend_schema_serializer(component_name="Attendance")
    class Attendance(serializers.Serializer[Any]):
        seat = serializers.CharField(source="seat.code", help_text=SEAT_CODE)
        attended_by = serializers.CharField()

    meeting = MeetingOutput()
    agenda = AgendaItem(many=True)
    motions = MotionOutput(many=True)
    minutes = serializers.CharField(
        help_text="Blank for a representative until the minutes are published (GOV-10)."
    )
    attendance = Attendance(
        many=True, help_text="Empty for a representative until the minutes are published."
    )
    proxies = ProxyOutput(
        many=True,
        help_text="Staff: every proxy; a representative: those its own seat gave or holds (GOV-6).",
    )
    own_seat = serializers.CharField(
        allow_null=True,
        help_text="A representative: the seat its board holds on the day (null: none, or staff).",
    )


# Meetings ------------------------------------------------------------------------------------


class MeetingListApi(ListApi):
    permission_classes = [IsStaffMember | IsMemberRepresentative]

    @extend_schema(
        operation_id="meeting_list",
        tags=TAGS,
        summary="Council meetings",
        description="The council's meetings, latest first (GOV-10): staff and representatives.",
        responses={200: MeetingOutput(many=True), **error_responses(401, 403)},
    )
    def get(self, request: Request) -> Response:
        return self.paginated(selectors.meeting_list(), MeetingOutput, request)


class MeetingDetailApi(BaseApi):
    permission_classes = [IsStaffMember | IsMemberRepresentative]

    @extend_schema(
        operation_id="meeting_detail",
        tags=TAGS,
        summary="One meeting",
        description=(
            "The agenda, the motions and their status (GOV-10). Staff see everything: "
            "attendance, every proxy, the minutes and every decision. A member representative "
            "sees a decision once published, the minutes and attendance once published, its "
            "own seat, and only the proxies its seat gave or holds (ACC-2)."
        ),
        parameters=[MEETING_ID],
        responses={200: MeetingDetailOutput, **error_responses(401, 403, 404)},
    )
    def get(self, request: Request, pk: int) -> Response:
        meeting = meeting_or_404(pk)
        staff = sees_everything(request)
        published = meeting.minutes_published_at is not None
        proxies = selectors.proxies_of(meeting=meeting)
        own_seat = None if staff else _own_seat(request, meeting)
        if not staff:
            mine = Q(grantor=own_seat) | Q(holder=own_seat)
            proxies = proxies.filter(mine) if own_seat else proxies.none()
        detail = {
            "meeting": meeting,
            "agenda": meeting.agenda.all(),
            "motions": meeting.motions.all(),
            "minutes": meeting.minutes if staff or published else "",
            "attendance": (meeting.attendance.select_related("seat") if staff or published else []),
            "proxies": proxies,
            "own_seat": own_seat.code if own_seat else None,
        }
        return Response(MeetingDetailOutput(detail, context={"staff": staff}).data)


class MeetingCreateApi(BaseApi):
    permission_classes = [IsStaffMember & CanManageCouncil]

    @extend_schema_serializer(component_name="MeetingCreate")
    class Input(StrictInput):
        title = serializers.CharField(max_length=200)
        held_on = serializers.DateField()
        place = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")

    @extend_schema(
        operation_id="meeting_create",
        tags=TAGS,
        summary="Plan a meeting",
        description="Staff with governance.manage_council plan a council meeting (GOV-10).",
        request=Input,
        responses={201: MeetingOutput, **error_responses(400, 401, 403)},
    )
    def post(self, request: Request) -> Response:
        form = self.Input(data=request.data)
        form.is_valid(raise_exception=True)
        meeting = services.meeting_create(**form.validated_data, by=acting_user(request))
        return Response(MeetingOutput(meeting_or_404(meeting.pk)).data, status=201)


# Proxies (GOV-6) -----------------------------------------------------------------------------


class ProxyGrantApi(BaseApi):
    permission_classes = [IsMemberRepresentative]

    @extend_schema_serializer(component_name="ProxyGrant")
    class Input(StrictInput):
        holder = serializers.CharField(max_length=20, help_text=SEAT_CODE)

    @extend_schema(
        operation_id="proxy_grant",
        tags=TAGS,
        summary="Give the seat's proxy",
        description=(
            "A member representative gives its own seat's vote on the meeting's motions to the "
            "representative of another seat (GOV-6); the body names only the holder. Refusals "
            "are 409: governance.voter_holds_no_seat, governance.proxy_to_non_holder (a code "
            "that is no seat, or a vacant one), governance.proxy_to_self, "
            "governance.proxy_already_given, governance.too_many_proxies (at most 2 per holder "
            "[setting]) or governance.meeting_closed."
        ),
        parameters=[MEETING_ID],
        request=Input,
        responses={201: ProxyOutput, **error_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, pk: int) -> Response:
        form = self.Input(data=request.data)
        form.is_valid(raise_exception=True)
        meeting = meeting_or_404(pk)
        own_seat = _own_seat(request, meeting)
        if own_seat is None:
            raise Refusal("governance.voter_holds_no_seat", status=409)
        proxy = services.proxy_grant(
            meeting=meeting,
            grantor=own_seat,
            holder=selectors.seat_by_code(form.validated_data["holder"]),
            by=acting_user(request),
        )
        return Response(ProxyOutput(proxy).data, status=201)


class ProxyRevokeApi(BaseApi):
    permission_classes = [IsMemberRepresentative]

    @extend_schema(
        operation_id="proxy_revoke",
        tags=TAGS,
        summary="Take the seat's proxy back",
        description=(
            "A member representative takes back the proxy its own seat gave for the meeting; "
            "votes already cast with it stay cast. 404 when the seat gave none."
        ),
        parameters=[MEETING_ID],
        request=None,
        responses={204: None, **error_responses(401, 403, 404, 409)},
    )
    def delete(self, request: Request, pk: int) -> Response:
        meeting = meeting_or_404(pk)
        own_seat = _own_seat(request, meeting)
        proxy = selectors.proxy_given(meeting=meeting, seat=own_seat) if own_seat else None
        if proxy is None:
            raise NotFound
        services.proxy_revoke(proxy=proxy, by=acting_user(request))
        return Response(status=204)
