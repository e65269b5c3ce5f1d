"""TEN-1, TEN-6, TEN-8 and FEE-2 over HTTP: after the award a member representative confirms or
declines its own board's participation (confirming charges the purchase fee once), joins an
awarded tender late while room is left, and sees what a price change does to its yearly cost.
Staff read every board's participations and price effects."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
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
    board_scope,
    represented_board_scope,
)
from bundel.api.v1.billing.common import money
from bundel.api.v1.procurement.common import (
    TAGS,
    TENDER_REFERENCE,
    own_locations,
    quantity,
    represented_board,
    tender_or_404,
)
from bundel.procurement import selectors, services
from bundel.procurement.models import Participation, PriceChange
from bundel.shared import clock
from bundel.shared.explain import explain


@extend_schema_serializer(component_name="Participation")
class ParticipationOutput(serializers.Serializer[Any]):
    tender = serializers.CharField(source="tender.reference")
    tender_title = serializers.CharField(source="tender.title")
    product = serializers.CharField(source="tender.product.code")
    board = serializers.CharField(source="board.number", help_text="The 5-digit DUO number.")
    status = serializers.ChoiceField(
        choices=Participation.Status.choices,
        help_text="invited: asked to confirm its intent at the award (TEN-1); confirmed; declined.",
    )
    late = serializers.BooleanField(help_text="Joined after the award (TEN-6).")
    units = quantity()
    locations = serializers.IntegerField()
    purchase_fee = money(
        source="tender.purchase_fee", help_text="Owed once on confirming or joining (FEE-2)."
    )
    invited_at = serializers.DateTimeField(allow_null=True)
    decided_at = serializers.DateTimeField(allow_null=True)


def _participations(board_id: int | None) -> QuerySet[Participation]:
    rows = Participation.objects.select_related("tender", "tender__product", "board")
    rows = rows if board_id is None else rows.filter(board_id=board_id)
    return rows.order_by("-tender__awarded_at", "tender__reference")


def _own_participation(request: Request, reference: str) -> Participation:
    board_id = represented_board_scope(request).board_id
    row = _participations(board_id).filter(tender__reference=reference.strip()).first()
    if row is None:
        raise NotFound
    return row


class ParticipationListApi(ListApi):
    permission_classes = [IsStaffMember | IsMemberRepresentative]

    class Input(serializers.Serializer[Any]):
        tender = serializers.CharField(
            required=False, allow_blank=True, default="", help_text="A tender's reference."
        )

    @extend_schema(
        operation_id="participation_list",
        tags=TAGS,
        summary="Participations",
        description=(
            "The boards taking part in awarded tenders: asked to confirm, confirmed, declined, "
            "or joined late. A member representative sees only its own board's; staff every "
            "board's (ACC-2)."
        ),
        parameters=[Input],
        responses={200: ParticipationOutput(many=True), **error_responses(400, 401, 403)},
    )
    def get(self, request: Request) -> Response:
        filters = self.Input(data=request.query_params)
        filters.is_valid(raise_exception=True)
        rows = _participations(board_scope(request).board_id)
        if filters.validated_data["tender"]:
            rows = rows.filter(tender__reference=filters.validated_data["tender"].strip())
        return self.paginated(rows, ParticipationOutput, request)


class ParticipationConfirmApi(BaseApi):
    permission_classes = [IsMemberRepresentative]

    @extend_schema(
        operation_id="participation_confirm",
        tags=TAGS,
        summary="Confirm participation",
        description=(
            "A member representative confirms its own board's participation in an awarded "
            "tender it was asked to confirm (TEN-1). Confirming counts as taking the product: "
            "the tender's purchase fee is charged once, for billing to invoice (FEE-2; none for "
            "a fee-free tender). 409 procurement.not_invited when there is no open request; 404 "
            "when the board has no participation in the tender."
        ),
        parameters=[TENDER_REFERENCE],
        request=None,
        responses={200: ParticipationOutput, **error_responses(401, 403, 404, 409)},
    )
    def post(self, request: Request, reference: str) -> Response:
        row = _own_participation(request, reference)
        services.participation_confirm(participation=row, by=acting_user(request))
        return Response(ParticipationOutput(_own_participation(request, reference)).data)


class ParticipationDeclineApi(BaseApi):
    permission_classes = [IsMemberRepresentative]

    @extend_schema(
        operation_id="participation_decline",
        tags=TAGS,
        summary="Decline participation",
        description=(
            "A member representative declines its own board's participation; nothing is "
            "charged. 409 procurement.not_invited when there is no open request."
        ),
        parameters=[TENDER_REFERENCE],
        request=None,
        responses={200: ParticipationOutput, **error_responses(401, 403, 404, 409)},
    )
    def post(self, request: Request, reference: str) -> Response:
        row = _own_participation(request, reference)
        services.participation_decline(participation=row, by=acting_user(request))
        return Response(ParticipationOutput(_own_participation(request, reference)).data)


class JoinApi(BaseApi):
    permission_classes = [IsMemberRepresentative]

    @extend_schema_serializer(component_name="LateJoin")
    class Input(StrictInput):
        """The board is the representative's own; no other field is accepted."""

        tender = serializers.CharField(max_length=30, help_text="The tender's reference.")
        units = serializers.DecimalField(
            max_digits=12, decimal_places=2, help_text="In the tender's unit."
        )
        locations = serializers.ListField(
            child=serializers.CharField(max_length=6),
            required=False,
            default=list,
            help_text="The board's location codes that join; they count when the tender's "
            "room is counted in locations.",
        )

    @extend_schema(
        operation_id="late_join",
        tags=TAGS,
        summary="Join an awarded tender",
        description=(
            "A member representative joins an awarded (or contracted) tender for its own board "
            "while room is left (TEN-6); it owes the purchase fee too (FEE-2). A join larger "
            "than the room left is refused whole: 409 procurement.room_too_small (its params "
            "give what is left) or procurement.room_exhausted, and the request is recorded as "
            "unmet demand for a next tender (params.recorded_as_demand is true). Other refusals "
            "are 409 and record nothing: procurement.not_joinable, procurement.join_positive, "
            "procurement.already_participating or procurement.location_not_of_board."
        ),
        request=Input,
        responses={
            201: OpenApiResponse(ParticipationOutput, description="Joined."),
            **error_responses(400, 401, 403, 404, 409),
        },
    )
    def post(self, request: Request) -> Response:
        form = self.Input(data=request.data)
        form.is_valid(raise_exception=True)
        values = form.validated_data
        board = represented_board(request)
        tender = tender_or_404(request, values["tender"])
        locations = own_locations(board.pk, values["locations"])
        outcome = services.late_join(
            tender=tender,
            board=board,
            units=values["units"],
            locations=len(locations),
            by=acting_user(request),
        )
        if outcome.refusal is not None:
            # Not an error to roll back: the refusal itself is recorded as unmet demand.
            params = {
                **outcome.refusal.params,
                "room_left": str(outcome.room_left),
                "recorded_as_demand": True,
            }
            body = {
                "code": outcome.refusal.code,
                "message": explain(outcome.refusal),
                "params": params,
            }
            return Response(body, status=409)
        row = _own_participation(request, tender.reference)
        return Response(ParticipationOutput(row).data, status=201)


@extend_schema_serializer(component_name="PriceEffect")
class PriceEffectOutput(serializers.Serializer[Any]):
    @extend_schema_serializer(component_name="PriceEffectChange")
    class Change(serializers.Serializer[Any]):
        lot = serializers.IntegerField(source="lot.number")
        effective_on = serializers.DateField()
        percent = quantity(help_text="E.g. 30 for +30 %.")
        reason = serializers.CharField()

    tender = serializers.CharField(source="participation.tender.reference")
    tender_title = serializers.CharField(source="participation.tender.title")
    board = serializers.CharField(source="participation.board.number")
    units = quantity(source="participation.units")
    yearly_cost_before = money(source="before", help_text="At the awarded price, in euros.")
    yearly_cost_after = money(source="after", help_text="After the changes in force, in euros.")
    difference = money(help_text="After less before, in euros.")
    changes = Change(many=True, help_text="The price changes in force on the day (TEN-8).")


class PriceEffectListApi(BaseApi):
    permission_classes = [IsStaffMember | IsMemberRepresentative]

    class Input(serializers.Serializer[Any]):
        on = serializers.DateField(
            required=False, allow_null=True, default=None, help_text="The day; today if left out."
        )

    @extend_schema(
        operation_id="price_effects",
        tags=TAGS,
        summary="What price changes do to the yearly cost",
        description=(
            "Per tender a board takes part in (confirmed or joined): its yearly cost at the "
            "awarded price and after the supplier's price changes in force on the day, and the "
            "changes (TEN-8). A member representative sees only its own board's; staff every "
            "board's."
        ),
        parameters=[Input],
        responses={200: PriceEffectOutput(many=True), **error_responses(400, 401, 403)},
    )
    def get(self, request: Request) -> Response:
        filters = self.Input(data=request.query_params)
        filters.is_valid(raise_exception=True)
        on = filters.validated_data["on"] or clock.today()
        scope = board_scope(request)
        confirmed = _participations(scope.board_id).filter(status=Participation.Status.CONFIRMED)
        effects: list[dict[str, Any]] = []
        for tender in {row.tender for row in confirmed}:
            changes = list(
                PriceChange.objects.filter(lot__tender=tender, effective_on__lte=on)
                .select_related("lot")
                .order_by("effective_on", "id")
            )
            for effect in selectors.price_effects(tender=tender, on=on):
                if not scope.allows(effect.participation.board):
                    continue
                effects.append(
                    {
                        "participation": effect.participation,
                        "before": effect.before,
                        "after": effect.after,
                        "difference": effect.difference,
                        "changes": changes,
                    }
                )
        effects.sort(
            key=lambda e: (e["participation"].tender.reference, e["participation"].board.number)
        )
        return Response(PriceEffectOutput(effects, many=True).data)
