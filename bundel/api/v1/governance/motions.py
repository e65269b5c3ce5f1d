"""GOV-5, GOV-6 and GOV-10 over HTTP: motions, the seat holders' votes, a show of hands and the
tally with both tests. A member representative sees a decision once it is published."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from drf_spectacular.utils import (
    extend_schema,
    extend_schema_field,
    extend_schema_serializer,
    inline_serializer,
)
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from bundel.api.base import BaseApi
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
    MOTION_ID,
    SEAT_CODE,
    TAGS,
    meeting_or_404,
    sees_everything,
)
from bundel.governance import selectors, services
from bundel.governance.domain import Vote
from bundel.governance.models import Motion, VoteChoices
from bundel.registry.domain import Chamber
from bundel.registry.models import ChamberChoices


def _motion(pk: int) -> Motion:
    motion = Motion.objects.select_related("meeting").filter(pk=pk).first()
    if motion is None:
        raise NotFound
    return motion


def _decision_visible(motion: Motion, *, staff: bool) -> bool:
    """GOV-10: a decision is every member's once published; staff see it from the close."""
    return staff or motion.published_at is not None


# Shapes --------------------------------------------------------------------------------------


@extend_schema_serializer(component_name="Motion")
class MotionOutput(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    meeting = serializers.IntegerField(source="meeting_id")
    number = serializers.IntegerField(help_text="Within the meeting.")
    title = serializers.CharField()
    text = serializers.CharField()
    status = serializers.ChoiceField(choices=Motion.Status.choices)
    passed = serializers.SerializerMethodField(
        help_text=(
            "Whether the decided motion passed (GOV-5); null while undecided, and for a "
            "representative until the decision is published (GOV-10)."
        )
    )
    closed_at = serializers.DateTimeField(allow_null=True, help_text="When it was decided.")
    published_at = serializers.DateTimeField(allow_null=True)

    @extend_schema_field(serializers.BooleanField(allow_null=True))
    def get_passed(self, motion: Motion) -> bool | None:
        visible = _decision_visible(motion, staff=self.context.get("staff", False))
        return motion.passed if visible else None


@extend_schema_serializer(component_name="MotionVote")
class MotionVoteOutput(serializers.Serializer[Any]):
    motion = serializers.IntegerField(source="motion_id")
    seat = serializers.CharField(source="seat.code", help_text=SEAT_CODE)
    chamber = serializers.ChoiceField(
        choices=ChamberChoices.choices, help_text="The seat's: a proxy vote counts there (GOV-6)."
    )
    vote = serializers.ChoiceField(choices=VoteChoices.choices)
    cast_by = serializers.CharField(
        source="cast_by.code",
        allow_null=True,
        help_text="The seat whose representative cast it by proxy; null: the seat's own.",
    )
    show_of_hands = serializers.BooleanField()
    recorded_at = serializers.DateTimeField()


@extend_schema_serializer(component_name="MotionChamberTally")
class ChamberTallyOutput(serializers.Serializer[Any]):
    def get_fields(self) -> dict[str, serializers.Field[Any, Any, Any, Any]]:
        # `for` is a keyword, so the fields cannot be declared as class attributes.
        return {
            "for": serializers.IntegerField(),
            "against": serializers.IntegerField(),
            "abstain": serializers.IntegerField(help_text="Recorded, not a vote cast (GOV-5)."),
            "in_favour": serializers.BooleanField(
                help_text="A majority of the chamber's votes cast is in favour."
            ),
        }


@extend_schema_serializer(component_name="MotionTally")
class TallyOutput(serializers.Serializer[Any]):
    motion = serializers.IntegerField()
    final = serializers.BooleanField(
        help_text="The tally stored when the motion was decided; false: the running tally."
    )
    passed = serializers.BooleanField(help_text="Both tests are met (GOV-5).")
    votes_for = serializers.IntegerField()
    votes_against = serializers.IntegerField()
    abstentions = serializers.IntegerField()
    votes_cast = serializers.IntegerField(help_text="Abstentions are not votes cast [setting].")
    majority_of_votes = serializers.BooleanField(
        help_text="Test (a): more than half of the votes cast are in favour."
    )
    chambers_in_favour = serializers.IntegerField(
        help_text="Test (b): chambers with a majority in favour …"
    )
    chambers_needed = serializers.IntegerField(help_text="… against the number needed [setting].")
    chambers = inline_serializer(
        "MotionTallyChambers", {chamber.value: ChamberTallyOutput() for chamber in Chamber}
    )
    reason = serializers.CharField(help_text="Why it passed or failed, in English.")


# Motions -------------------------------------------------------------------------------------


class MotionAddApi(BaseApi):
    permission_classes = [IsStaffMember & CanManageCouncil]

    @extend_schema_serializer(component_name="MotionAdd")
    class Input(StrictInput):
        title = serializers.CharField(max_length=200)
        text = serializers.CharField()

    @extend_schema(
        operation_id="motion_add",
        tags=TAGS,
        summary="Add a motion",
        description=(
            "Staff add a motion to a meeting, numbered in order (GOV-10). A closed meeting is "
            "409 governance.meeting_closed."
        ),
        parameters=[MEETING_ID],
        request=Input,
        responses={201: MotionOutput, **error_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, pk: int) -> Response:
        form = self.Input(data=request.data)
        form.is_valid(raise_exception=True)
        motion = services.motion_add(
            meeting=meeting_or_404(pk), **form.validated_data, by=acting_user(request)
        )
        return Response(MotionOutput(motion, context={"staff": True}).data, status=201)


class MotionOpenApi(BaseApi):
    permission_classes = [IsStaffMember & CanManageCouncil]

    @extend_schema(
        operation_id="motion_open",
        tags=TAGS,
        summary="Put a motion to the vote",
        description="Seat holders can vote from now on (GOV-10); only a draft motion opens.",
        parameters=[MOTION_ID],
        request=None,
        responses={200: MotionOutput, **error_responses(401, 403, 404, 409)},
    )
    def post(self, request: Request, pk: int) -> Response:
        motion = services.motion_open(motion=_motion(pk), by=acting_user(request))
        return Response(MotionOutput(motion, context={"staff": True}).data)


class MotionCloseApi(BaseApi):
    permission_classes = [IsStaffMember & CanManageCouncil]

    @extend_schema(
        operation_id="motion_close",
        tags=TAGS,
        summary="Decide a motion",
        description=(
            "The votes are tallied once and the tally stored with both tests and the reason "
            "(GOV-5); see the motion's tally. Only an open motion closes."
        ),
        parameters=[MOTION_ID],
        request=None,
        responses={200: MotionOutput, **error_responses(401, 403, 404, 409)},
    )
    def post(self, request: Request, pk: int) -> Response:
        motion = services.motion_close(motion=_motion(pk), by=acting_user(request))
        return Response(MotionOutput(motion, context={"staff": True}).data)


class MotionVoteApi(BaseApi):
    permission_classes = [IsMemberRepresentative]

    @extend_schema_serializer(component_name="MotionVoteCast")
    class Input(StrictInput):
        seat = serializers.CharField(
            max_length=20,
            help_text=f"{SEAT_CODE} The board's own seat, or one whose proxy it holds (GOV-6).",
        )
        vote = serializers.ChoiceField(choices=VoteChoices.choices)

    @extend_schema(
        operation_id="motion_vote",
        tags=TAGS,
        summary="Vote on a motion",
        description=(
            "A member representative votes for its board's own seat, or for a seat whose proxy "
            "it holds for the meeting (GOV-6): for, against or abstain. Refusals are 409: "
            "governance.no_proxy (a seat it holds no proxy of), governance.vote_given_by_proxy "
            "(its own seat gave its proxy away), governance.already_voted_on_motion, "
            "governance.voter_holds_no_seat or governance.motion_not_open."
        ),
        parameters=[MOTION_ID],
        request=Input,
        responses={201: MotionVoteOutput, **error_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, pk: int) -> Response:
        form = self.Input(data=request.data)
        form.is_valid(raise_exception=True)
        code = form.validated_data["seat"]
        seat = selectors.seat_by_code(code)
        if seat is None:
            raise Refusal("governance.no_proxy", status=409, seat=code)
        row = services.motion_vote(
            motion=_motion(pk),
            seat=seat,
            vote=Vote(form.validated_data["vote"]),
            by=acting_user(request),
        )
        return Response(MotionVoteOutput(row).data, status=201)


class ShowOfHandsApi(BaseApi):
    permission_classes = [IsStaffMember & CanManageCouncil]

    @extend_schema_serializer(component_name="ShowOfHands")
    class Input(StrictInput):
        @extend_schema_serializer(component_name="ShowOfHandsVote")
        class SeatVote(StrictInput):
            seat = serializers.CharField(max_length=20, help_text=SEAT_CODE)
            vote = serializers.ChoiceField(choices=VoteChoices.choices)

        votes = SeatVote(many=True, allow_empty=False)

    @extend_schema(
        operation_id="motion_show_of_hands",
        tags=TAGS,
        summary="Record a show of hands",
        description=(
            "The secretary records the seats' votes as counted in the room, all or none: one "
            "refused vote (409, e.g. governance.seat_vacant or "
            "governance.already_voted_on_motion) records none of them. A seat that gave its "
            "proxy is recorded as cast by its holder (GOV-6)."
        ),
        parameters=[MOTION_ID],
        request=Input,
        responses={201: MotionVoteOutput(many=True), **error_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, pk: int) -> Response:
        form = self.Input(data=request.data)
        form.is_valid(raise_exception=True)
        motion = _motion(pk)
        user = acting_user(request)
        rows = []
        with transaction.atomic():
            for entry in form.validated_data["votes"]:
                seat = selectors.seat_by_code(entry["seat"])
                if seat is None:
                    raise Refusal("governance.seat_vacant", status=409)
                rows.append(
                    services.motion_vote(
                        motion=motion,
                        seat=seat,
                        vote=Vote(entry["vote"]),
                        by=user,
                        show_of_hands=True,
                    )
                )
        return Response(MotionVoteOutput(rows, many=True).data, status=201)


class MotionTallyApi(BaseApi):
    permission_classes = [IsStaffMember | IsMemberRepresentative]

    @extend_schema(
        operation_id="motion_tally",
        tags=TAGS,
        summary="A motion's tally",
        description=(
            "GOV-5: both tests (more than half of the votes cast in favour; a majority in at "
            "least 3 of the 4 chambers [setting]), the per-chamber results, and why the motion "
            "passed or failed. Staff see the running tally of an open motion as well; a member "
            "representative sees the tally of a published decision only (404 before, GOV-10)."
        ),
        parameters=[MOTION_ID],
        responses={200: TallyOutput, **error_responses(401, 403, 404)},
    )
    def get(self, request: Request, pk: int) -> Response:
        motion = _motion(pk)
        if not _decision_visible(motion, staff=sees_everything(request)):
            raise NotFound
        tally = {
            **selectors.motion_tally(motion=motion),
            "motion": motion.pk,
            "final": motion.status == Motion.Status.CLOSED,
        }
        return Response(TallyOutput(tally).data)
