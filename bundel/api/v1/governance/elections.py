"""GOV-4 over HTTP: elections before a member day, with one secret vote per member board.

No answer, for any role, says what a board voted: the vote itself answers 204, turnout is
counted per chamber, and results are votes per candidate, after the close."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_serializer,
)
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from bundel.api.base import BaseApi, ListApi
from bundel.api.errors import Refusal, error_responses
from bundel.api.fields import OptionalChoiceField, StrictInput
from bundel.api.permissions import (
    CanManageCouncil,
    IsMemberRepresentative,
    IsStaffMember,
    acting_user,
)
from bundel.api.v1.governance.common import ELECTION_ID, TAGS, BoardRefOutput, sees_everything
from bundel.governance import selectors, services
from bundel.governance.models import Candidate, Election
from bundel.registry import selectors as registry_selectors
from bundel.registry.domain import Chamber
from bundel.registry.models import ChamberChoices
from bundel.shared.errors import RuleViolation
from bundel.shared.explain import explain

CANDIDATE_ID = OpenApiParameter(
    "candidate_id", OpenApiTypes.INT, OpenApiParameter.PATH, description="The candidate's id."
)


def _elections(request: Request) -> QuerySet[Election]:
    """Staff see every election; a representative the open and closed ones, not the drafts."""
    elections = selectors.election_list()
    if sees_everything(request):
        return elections
    return elections.exclude(status=Election.Status.DRAFT)


def _election(request: Request, pk: int) -> Election:
    election = _elections(request).filter(pk=pk).first()
    if election is None:
        raise NotFound
    return election


def _candidate(election: Election, pk: int) -> Candidate | None:
    return selectors.candidates_of(election=election).filter(pk=pk).first()


# Shapes --------------------------------------------------------------------------------------


@extend_schema_serializer(component_name="Election")
class ElectionOutput(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    name = serializers.CharField()
    member_day = serializers.DateField(help_text="The member day (ledendag) it elects for.")
    opens_at = serializers.DateTimeField(help_text="Voting opens (GOV-4).")
    closes_at = serializers.DateTimeField(help_text="Voting closes, by the member day.")
    status = serializers.ChoiceField(choices=Election.Status.choices)
    candidate_count = serializers.IntegerField()


@extend_schema_serializer(component_name="Candidate")
class CandidateOutput(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    board = BoardRefOutput()
    chamber = serializers.ChoiceField(choices=ChamberChoices.choices)
    representative_name = serializers.CharField(
        help_text="The person who would represent the board on the seat."
    )
    votes = serializers.IntegerField(
        allow_null=True, help_text="Votes received; null until the election closes."
    )
    outcome = OptionalChoiceField(
        choices=Candidate.Outcome.choices, help_text="Null until the election closes."
    )


@extend_schema_serializer(component_name="ElectionChamberResult")
class ChamberResultOutput(serializers.Serializer[Any]):
    @extend_schema_serializer(component_name="ElectionSeatRefusal")
    class Refused(serializers.Serializer[Any]):
        candidate = serializers.IntegerField()
        code = serializers.CharField(help_text="Why the elected candidate could not be seated.")
        message = serializers.CharField(help_text="Translated (Accept-Language).")

    chamber = serializers.ChoiceField(choices=ChamberChoices.choices)
    vacancies = serializers.IntegerField(help_text="The chamber's vacancies when it opened.")
    elected = serializers.ListField(
        child=serializers.IntegerField(), help_text="Candidates elected, in order of votes."
    )
    tied = serializers.ListField(
        child=serializers.IntegerField(),
        help_text="Candidates tied for the last seat(s): the secretary resolves it (GOV-4).",
    )
    open_seats = serializers.IntegerField(help_text="Seats still to fill after a tie.")
    refused = Refused(many=True)


@extend_schema_serializer(component_name="ElectionTurnout")
class TurnoutOutput(serializers.Serializer[Any]):
    chamber = serializers.ChoiceField(choices=ChamberChoices.choices)
    voted = serializers.IntegerField(help_text="Member boards of the chamber that voted.")
    eligible = serializers.IntegerField(help_text="Member boards of the chamber.")
    percentage = serializers.FloatField()


@extend_schema_serializer(component_name="ElectionDetail")
class ElectionDetailOutput(serializers.Serializer[Any]):
    election = ElectionOutput()
    vacancies = serializers.DictField(
        child=serializers.IntegerField(),
        help_text="Vacancies per chamber, fixed when the election opens; empty before.",
    )
    candidates = CandidateOutput(many=True)
    results = ChamberResultOutput(
        many=True, allow_null=True, help_text="Per chamber, once the election is closed."
    )
    turnout = TurnoutOutput(
        many=True,
        allow_null=True,
        help_text="Staff: who voted, counted per chamber; never what. Null for a representative.",
    )
    has_voted = serializers.BooleanField(
        allow_null=True,
        help_text="A representative: whether its own board has voted. Null for staff.",
    )


def _in_chamber_order(per_chamber: dict[str, Any]) -> list[tuple[str, Any]]:
    """PostgreSQL's jsonb keeps no key order: the chambers in their own order (GOV-2)."""
    return [(c.value, per_chamber[c.value]) for c in Chamber if c.value in per_chamber]


def _results(election: Election) -> list[dict[str, Any]]:
    return [
        {
            "chamber": chamber,
            "vacancies": result["vacancies"],
            "elected": [int(pk) for pk in result["elected"]],
            "tied": [int(pk) for pk in result["tied"]],
            "open_seats": result["open_seats"],
            "refused": [
                {
                    "candidate": int(refusal["candidate"]),
                    "code": refusal["code"],
                    "message": explain(RuleViolation(refusal["code"], **refusal["params"])),
                }
                for refusal in result["refused"]
            ],
        }
        for chamber, result in _in_chamber_order(election.results)
    ]


def _detail(request: Request, election: Election) -> dict[str, Any]:
    election = selectors.election_list().get(pk=election.pk)
    staff = sees_everything(request)
    board = None if staff else acting_user(request).board
    return {
        "election": election,
        "vacancies": dict(_in_chamber_order(election.vacancies)),
        "candidates": selectors.candidates_of(election=election),
        "results": _results(election) if election.status == Election.Status.CLOSED else None,
        "turnout": selectors.turnout(election=election) if staff else None,
        "has_voted": (
            None if board is None else selectors.has_voted(election=election, board=board)
        ),
    }


# Reading -------------------------------------------------------------------------------------


class ElectionListApi(ListApi):
    permission_classes = [IsStaffMember | IsMemberRepresentative]

    @extend_schema(
        operation_id="election_list",
        tags=TAGS,
        summary="Elections",
        description=(
            "The elections of the council's vacancies, latest member day first (GOV-4). Staff "
            "see every election; a member representative the open and closed ones."
        ),
        responses={200: ElectionOutput(many=True), **error_responses(401, 403)},
    )
    def get(self, request: Request) -> Response:
        return self.paginated(_elections(request), ElectionOutput, request)


class ElectionDetailApi(BaseApi):
    permission_classes = [IsStaffMember | IsMemberRepresentative]

    @extend_schema(
        operation_id="election_detail",
        tags=TAGS,
        summary="One election",
        description=(
            "The election with its candidates per chamber; after the close the votes per "
            "candidate and the results per chamber, with any tie for the secretary (GOV-4). "
            "Staff also see the turnout per chamber; a representative whether its own board "
            "has voted. The ballot is secret: nothing here says what any board voted. A draft "
            "election is 404 for a representative."
        ),
        parameters=[ELECTION_ID],
        responses={200: ElectionDetailOutput, **error_responses(401, 403, 404)},
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(ElectionDetailOutput(_detail(request, _election(request, pk))).data)


# The secretary -------------------------------------------------------------------------------


class ElectionCreateApi(BaseApi):
    permission_classes = [IsStaffMember & CanManageCouncil]

    @extend_schema_serializer(component_name="ElectionCreate")
    class Input(StrictInput):
        name = serializers.CharField(max_length=200)
        member_day = serializers.DateField()
        opens_at = serializers.DateTimeField()
        closes_at = serializers.DateTimeField(help_text="By the member day.")

    @extend_schema(
        operation_id="election_create",
        tags=TAGS,
        summary="Prepare an election",
        description=(
            "Staff with governance.manage_council prepare the election of a member day's "
            "vacancies, with its voting window (GOV-4). A window that closes before it opens or "
            "after the member day is 409 governance.election_window(_after_member_day)."
        ),
        request=Input,
        responses={201: ElectionDetailOutput, **error_responses(400, 401, 403, 409)},
    )
    def post(self, request: Request) -> Response:
        form = self.Input(data=request.data)
        form.is_valid(raise_exception=True)
        election = services.election_create(**form.validated_data, by=acting_user(request))
        return Response(ElectionDetailOutput(_detail(request, election)).data, status=201)


class CandidateAddApi(BaseApi):
    permission_classes = [IsStaffMember & CanManageCouncil]

    @extend_schema_serializer(component_name="CandidateAdd")
    class Input(StrictInput):
        board = serializers.RegexField(r"^[0-9]{5}$", help_text="The board's 5-digit DUO number.")
        representative_name = serializers.CharField(max_length=200)

    @extend_schema(
        operation_id="election_candidate_add",
        tags=TAGS,
        summary="Add a candidate",
        description=(
            "Before the election opens, a member board stands for a vacancy of its own chamber "
            "(GOV-4). A board that could not take the seat is refused now (409), e.g. "
            "governance.not_a_member, governance.no_vacancy, governance.third_consecutive_term "
            "or governance.candidate_twice."
        ),
        parameters=[ELECTION_ID],
        request=Input,
        responses={201: CandidateOutput, **error_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, pk: int) -> Response:
        form = self.Input(data=request.data)
        form.is_valid(raise_exception=True)
        election = _election(request, pk)
        number = form.validated_data["board"]
        board = registry_selectors.board_get(number=number)
        if board is None:
            raise Refusal("registry.board_not_found", status=400, number=number)
        candidate = services.candidate_add(
            election=election,
            board=board,
            representative_name=form.validated_data["representative_name"],
            by=acting_user(request),
        )
        return Response(CandidateOutput(candidate).data, status=201)


class CandidateRemoveApi(BaseApi):
    permission_classes = [IsStaffMember & CanManageCouncil]

    @extend_schema(
        operation_id="election_candidate_remove",
        tags=TAGS,
        summary="Remove a candidate",
        description="Before the election opens only (409 governance.election_not_draft).",
        parameters=[ELECTION_ID, CANDIDATE_ID],
        request=None,
        responses={204: None, **error_responses(401, 403, 404, 409)},
    )
    def delete(self, request: Request, pk: int, candidate_id: int) -> Response:
        candidate = _candidate(_election(request, pk), candidate_id)
        if candidate is None:
            raise NotFound
        services.candidate_remove(candidate=candidate, by=acting_user(request))
        return Response(status=204)


class ElectionOpenApi(BaseApi):
    permission_classes = [IsStaffMember & CanManageCouncil]

    @extend_schema(
        operation_id="election_open",
        tags=TAGS,
        summary="Open an election",
        description=(
            "The vacancies per chamber are fixed as the member day will see them, and voting "
            "runs in the window (GOV-4). Needs a candidate; only a draft opens."
        ),
        parameters=[ELECTION_ID],
        request=None,
        responses={200: ElectionDetailOutput, **error_responses(401, 403, 404, 409)},
    )
    def post(self, request: Request, pk: int) -> Response:
        election = services.election_open(election=_election(request, pk), by=acting_user(request))
        return Response(ElectionDetailOutput(_detail(request, election)).data)


class ElectionCloseApi(BaseApi):
    permission_classes = [IsStaffMember & CanManageCouncil]

    @extend_schema(
        operation_id="election_close",
        tags=TAGS,
        summary="Close an election and count",
        description=(
            "After the window, the ballots are counted per chamber and the vacancies filled in "
            "order of votes; candidates tied for the last seat(s) are reported, not chosen "
            "between (GOV-4). 409 governance.election_still_running before the window closes."
        ),
        parameters=[ELECTION_ID],
        request=None,
        responses={200: ElectionDetailOutput, **error_responses(401, 403, 404, 409)},
    )
    def post(self, request: Request, pk: int) -> Response:
        election = services.election_close(election=_election(request, pk), by=acting_user(request))
        return Response(ElectionDetailOutput(_detail(request, election)).data)


class ElectionTieResolveApi(BaseApi):
    permission_classes = [IsStaffMember & CanManageCouncil]

    @extend_schema_serializer(component_name="ElectionTieResolve")
    class Input(StrictInput):
        candidate = serializers.IntegerField(help_text="The tied candidate who takes a seat.")

    @extend_schema(
        operation_id="election_tie_resolve",
        tags=TAGS,
        summary="Resolve a tie",
        description=(
            "The secretary names the tied candidate who takes an open seat, by the rule the "
            "member day applied (GOV-4). A candidate that is not tied is 409 governance.not_tied."
        ),
        parameters=[ELECTION_ID],
        request=Input,
        responses={200: ElectionDetailOutput, **error_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, pk: int) -> Response:
        form = self.Input(data=request.data)
        form.is_valid(raise_exception=True)
        election = _election(request, pk)
        candidate = _candidate(election, form.validated_data["candidate"])
        if candidate is None:
            raise Refusal("governance.not_a_candidate", status=409)
        election = services.election_tie_resolve(candidate=candidate, by=acting_user(request))
        return Response(ElectionDetailOutput(_detail(request, election)).data)


# The member ----------------------------------------------------------------------------------


class ElectionVoteApi(BaseApi):
    permission_classes = [IsMemberRepresentative]

    @extend_schema_serializer(component_name="ElectionVote")
    class Input(StrictInput):
        candidate = serializers.IntegerField(help_text="A candidate of the board's own chamber.")

    @extend_schema(
        operation_id="election_vote",
        tags=TAGS,
        summary="Vote in an election",
        description=(
            "A member representative casts its own board's one vote, for a candidate of its "
            "board's chamber, within the window (GOV-4). The body names only the candidate: the "
            "board is always the representative's own (ACC-2), and any other field is 400. The "
            "ballot is secret, so the answer is 204 without a body. Refusals are 409, e.g. "
            "governance.already_voted (also when another representative of the board was "
            "first), governance.other_chamber, governance.election_not_open or "
            "governance.election_closed."
        ),
        parameters=[ELECTION_ID],
        request=Input,
        responses={
            204: OpenApiResponse(description="The vote is cast."),
            **error_responses(400, 401, 403, 404, 409),
        },
    )
    def post(self, request: Request, pk: int) -> Response:
        form = self.Input(data=request.data)
        form.is_valid(raise_exception=True)
        election = _election(request, pk)
        candidate = _candidate(election, form.validated_data["candidate"])
        if candidate is None:
            raise Refusal("governance.not_a_candidate", status=409)
        services.election_vote(election=election, candidate=candidate, voter=acting_user(request))
        return Response(status=204)
