"""Membership (MEM, FEE-1) over HTTP: applications, members, notice and the exit settlement."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.urls import NoReverseMatch, reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_serializer,
)
from rest_framework import serializers
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from bundel.api.base import BaseApi, ListApi, ViewRateThrottle
from bundel.api.errors import ErrorSerializer, Refusal, error_responses
from bundel.api.fields import OptionalChoiceField
from bundel.api.permissions import (
    BoardScope,
    CanDecideApplications,
    CanManageMemberships,
    IsMemberRepresentative,
    IsStaffMember,
    board_scope,
    represented_board_scope,
    signed_in_user,
)
from bundel.membership import selectors, services
from bundel.membership.domain import NoticeBy
from bundel.membership.models import Application, ExitSettlement, Membership
from bundel.registry import selectors as registry_selectors
from bundel.registry.models import ChamberChoices
from bundel.shared import clock

TAGS = ["membership"]

BOARD_NUMBER = OpenApiParameter(
    "board_number",
    OpenApiTypes.STR,
    OpenApiParameter.PATH,
    description="The board's 5-digit DUO number.",
)
APPLICATION_ID = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description="The application's id."
)
TOO_MANY = OpenApiResponse(
    ErrorSerializer,
    description="Too many applications from this address; try again after Retry-After seconds.",
)


def _money(**kwargs: Any) -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=12, decimal_places=2, **kwargs)


def _membership(*, board_number: str, scope: BoardScope) -> Membership:
    """The board's latest membership, if the scope may see it. Another board's answers 404
    exactly as an unknown board or a board that never was a member does (ACC-2)."""
    board = registry_selectors.board_get(number=board_number)
    if board is not None and scope.allows(board):
        membership = selectors.membership_latest_for_board(board=board)
        if membership is not None:
            membership.board = board  # already loaded: no second query
            return membership
    raise Refusal("membership.no_membership", status=404, number=board_number)


def _settlement(*, board_number: str, scope: BoardScope) -> ExitSettlement:
    membership = _membership(board_number=board_number, scope=scope)
    settlement = selectors.settlement_for(membership=membership)
    if settlement is None:
        raise NotFound
    settlement.membership = membership
    return settlement


def _invitation_url(request: Request) -> str:
    """The page where the invited contact creates the representative account, with the `{token}`
    placeholder the service fills in; none where the site has no such page."""
    try:
        path = reverse("web:membership:invitation-accept", args=["{token}"])
    except NoReverseMatch:
        return ""
    return request.build_absolute_uri(path).replace("%7Btoken%7D", "{token}")


def _application(pk: int) -> Application:
    application = selectors.application_list().filter(pk=pk).first()
    if application is None:
        raise NotFound
    return application


# Shapes shared by several operations ---------------------------------------------------------


@extend_schema_serializer(component_name="FeeQuote")
class FeeQuoteOutput(serializers.Serializer[Any]):
    """FEE-1: a membership fee with the figures it was computed from."""

    @extend_schema_serializer(component_name="FeeBand")
    class Band(serializers.Serializer[Any]):
        max_students = serializers.IntegerField(
            allow_null=True, help_text="The band's upper bound (inclusive); null: none."
        )
        amount = _money(help_text="The yearly fee of the band, in euros.")

    board = serializers.CharField(help_text="The board's 5-digit DUO number.")
    year = serializers.IntegerField()
    students = serializers.IntegerField(
        help_text="PO + VO students at the latest count dates on or before 1 January of the year."
    )
    po_students = serializers.IntegerField()
    po_count_date = serializers.DateField(allow_null=True)
    vo_students = serializers.IntegerField()
    vo_count_date = serializers.DateField(allow_null=True)
    band = Band()
    annual_amount = _money(help_text="The fee for a whole year.")
    days = serializers.IntegerField(help_text="Days of membership in the year.")
    days_in_year = serializers.IntegerField()
    pro_rata = serializers.BooleanField(
        help_text="Whether the amount is for part of the year (days ÷ days in the year)."
    )
    amount = _money(help_text="What the board pays for the year, rounded half-up to cents.")
    currency = serializers.CharField()


@extend_schema_serializer(component_name="Application")
class ApplicationOutput(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    board = serializers.CharField(source="board.number", help_text="The 5-digit DUO number.")
    board_name = serializers.CharField(source="board.display_name")
    status = serializers.ChoiceField(choices=Application.Status.choices)
    contact_name = serializers.CharField()
    contact_email = serializers.EmailField()
    contact_phone = serializers.CharField()
    signer_name = serializers.CharField()
    signer_authority = serializers.CharField()
    invoice_address = serializers.CharField()
    invoice_email = serializers.EmailField()
    kvk_number = serializers.CharField()
    oin = serializers.CharField()
    vat_number = serializers.CharField()
    buyer_reference = serializers.CharField()
    peppol_id = serializers.CharField()
    submitted_at = serializers.DateTimeField()
    fee_quote = FeeQuoteOutput(help_text="The membership fee quoted when the board applied.")
    decided_at = serializers.DateTimeField(allow_null=True)
    decided_by = serializers.CharField(
        source="decided_by.username", allow_null=True, help_text="Username, if any."
    )
    rejection_reason = serializers.CharField()


@extend_schema_serializer(component_name="Member")
class MemberOutput(serializers.Serializer[Any]):
    board = serializers.CharField(source="board.number", help_text="The 5-digit DUO number.")
    board_name = serializers.CharField(source="board.display_name")
    status = serializers.ChoiceField(choices=Membership.Status.choices)
    chamber = OptionalChoiceField(
        source="board.chamber",
        choices=ChamberChoices.choices,
        help_text="REG-6; null for a board without students.",
    )
    students = serializers.IntegerField(
        source="board.total_students", help_text="PO + VO at the latest count dates (REG-4)."
    )
    starts_on = serializers.DateField(help_text="MEM-2: the approval date, or the founding date.")
    notice_on = serializers.DateField(allow_null=True, help_text="When notice was given (MEM-4).")
    notice_by = OptionalChoiceField(choices=Membership.NoticeBy.choices)
    notice_reason = serializers.CharField(help_text="The cooperative's reason for its notice.")
    last_day = serializers.DateField(
        allow_null=True,
        help_text="MEM-4: the last day of membership; all rights are kept through it.",
    )


@extend_schema_serializer(component_name="ExitSettlement")
class SettlementOutput(serializers.Serializer[Any]):
    board = serializers.CharField(source="membership.board.number")
    status = serializers.ChoiceField(choices=ExitSettlement.Status.choices)
    unrecovered_investment = _money(help_text="MEM-5: investments not yet recovered.")
    expected_fees = _money(help_text="MEM-5: fees expected for the committed remainder.")
    successor_absorbs = _money(help_text="MEM-5: what a successor takes over.")
    total = _money(help_text="Investments + fees − successor, never below zero.")
    explanation = serializers.CharField()
    proposed_at = serializers.DateTimeField()
    responded_at = serializers.DateTimeField(allow_null=True)
    dispute_reason = serializers.CharField()
    committee_opinion = serializers.CharField(help_text="The advisory committee's opinion.")
    final_amount = _money(allow_null=True, help_text="The amount after the committee's opinion.")
    decided_at = serializers.DateTimeField(allow_null=True)


# Applications --------------------------------------------------------------------------------


class ApplicationCreateApi(BaseApi):
    permission_classes = [AllowAny]
    throttle_classes = [*BaseApi.throttle_classes, ViewRateThrottle]
    throttle_scope = "applications"
    throttle_rate = "10/hour"

    @extend_schema_serializer(component_name="ApplicationCreate")
    class Input(serializers.Serializer[Any]):
        board = serializers.RegexField(r"^[0-9]{5}$", help_text="The board's 5-digit DUO number.")
        contact_name = serializers.CharField(max_length=200)
        contact_email = serializers.EmailField()
        contact_phone = serializers.CharField(
            max_length=40, required=False, allow_blank=True, default=""
        )
        signer_name = serializers.CharField(max_length=200, help_text="Who signs for the board.")
        signer_authority = serializers.CharField(
            max_length=200, help_text="The signer's authority (e.g. chair of the executive board)."
        )
        invoice_address = serializers.CharField()
        invoice_email = serializers.EmailField()
        kvk_number = serializers.CharField(
            max_length=8, required=False, allow_blank=True, default="", help_text="Or the OIN."
        )
        oin = serializers.CharField(
            max_length=20, required=False, allow_blank=True, default="", help_text="Or KvK."
        )
        vat_number = serializers.CharField(
            max_length=20, required=False, allow_blank=True, default=""
        )
        buyer_reference = serializers.CharField(
            max_length=100, help_text="The reference the board wants on its invoices."
        )
        peppol_id = serializers.CharField(
            max_length=100, required=False, allow_blank=True, default=""
        )
        terms_accepted = serializers.BooleanField(help_text="The terms must be accepted.")

    @extend_schema(
        operation_id="application_create",
        tags=TAGS,
        summary="Apply for membership",
        description=(
            "A board applies (MEM-2); anyone may send it, signed in or not. Eligibility is "
            "checked at once (MEM-1): a refusal is 409 with its code, such as "
            "membership.no_students, membership.swv_under_review, membership.already_member or "
            "membership.application_pending. The answer carries the membership fee the board "
            "would pay this year (FEE-1). Limited to a few applications an hour per address."
        ),
        request=Input,
        responses={
            201: ApplicationOutput,
            **error_responses(400, 409),
            429: TOO_MANY,
        },
    )
    def post(self, request: Request) -> Response:
        form = self.Input(data=request.data)
        form.is_valid(raise_exception=True)
        fields = dict(form.validated_data)
        number = fields.pop("board")
        board = registry_selectors.board_get(number=number)
        if board is None:
            raise Refusal("registry.board_not_found", status=400, number=number)
        application = services.application_submit(
            board=board, data=services.ApplicationData(**fields), on=clock.today()
        )
        return Response(ApplicationOutput(application).data, status=201)


class ApplicationListApi(ListApi):
    permission_classes = [IsStaffMember]

    class Input(serializers.Serializer[Any]):
        status = serializers.ChoiceField(
            choices=Application.Status.choices,
            required=False,
            allow_blank=True,
            default="",
            help_text="Only applications with this status.",
        )

    @extend_schema(
        operation_id="application_list",
        tags=TAGS,
        summary="Applications",
        description="Staff: the applications, newest first, optionally by status (MEM-2).",
        parameters=[Input],
        responses={200: ApplicationOutput(many=True), **error_responses(400, 401, 403)},
    )
    def get(self, request: Request) -> Response:
        filters = self.Input(data=request.query_params)
        filters.is_valid(raise_exception=True)
        applications = selectors.application_list(status=filters.validated_data["status"])
        return self.paginated(applications, ApplicationOutput, request)


class ApplicationApproveApi(BaseApi):
    permission_classes = [IsStaffMember & CanDecideApplications]

    @extend_schema(
        operation_id="application_approve",
        tags=TAGS,
        summary="Approve an application",
        description=(
            "Staff: the membership starts today, never before the founding date (MEM-2), and the "
            "board's contact is invited to become its representative. An application that was "
            "already decided is 409 membership.not_pending."
        ),
        parameters=[APPLICATION_ID],
        request=None,
        responses={200: MemberOutput, **error_responses(401, 403, 404, 409)},
    )
    def post(self, request: Request, pk: int) -> Response:
        membership = services.application_approve(
            application=_application(pk),
            approved_by=signed_in_user(request),  # type: ignore[arg-type]  # IsStaffMember
            on=clock.today(),
            invitation_url=_invitation_url(request),
        )
        return Response(MemberOutput(membership).data)


class ApplicationRejectApi(BaseApi):
    permission_classes = [IsStaffMember & CanDecideApplications]

    @extend_schema_serializer(component_name="ApplicationReject")
    class Input(serializers.Serializer[Any]):
        reason = serializers.CharField(help_text="Why; the board's contact is told (MEM-2).")

    @extend_schema(
        operation_id="application_reject",
        tags=TAGS,
        summary="Reject an application",
        description="Staff reject a pending application with a reason (MEM-2).",
        parameters=[APPLICATION_ID],
        request=Input,
        responses={200: ApplicationOutput, **error_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, pk: int) -> Response:
        form = self.Input(data=request.data)
        form.is_valid(raise_exception=True)
        application = services.application_reject(
            application=_application(pk),
            rejected_by=signed_in_user(request),  # type: ignore[arg-type]  # IsStaffMember
            reason=form.validated_data["reason"],
        )
        return Response(ApplicationOutput(application).data)


# Members -------------------------------------------------------------------------------------


class MemberListApi(ListApi):
    permission_classes = [IsStaffMember | IsMemberRepresentative]

    class Input(serializers.Serializer[Any]):
        status = serializers.ChoiceField(
            choices=Membership.Status.choices, required=False, allow_blank=True, default=""
        )
        chamber = serializers.ChoiceField(
            choices=ChamberChoices.choices, required=False, allow_blank=True, default=""
        )
        q = serializers.CharField(
            required=False,
            allow_blank=True,
            default="",
            help_text="The board's DUO number (or its start) or name.",
        )

    @extend_schema(
        operation_id="member_list",
        tags=TAGS,
        summary="Members",
        description=(
            "Staff: every membership, ended ones included, by board number. A member "
            "representative gets only its own board's memberships; the filters still apply "
            "(ACC-2)."
        ),
        parameters=[Input],
        responses={200: MemberOutput(many=True), **error_responses(400, 401, 403)},
    )
    def get(self, request: Request) -> Response:
        filters = self.Input(data=request.query_params)
        filters.is_valid(raise_exception=True)
        members = selectors.member_list(
            status=filters.validated_data["status"],
            chamber=filters.validated_data["chamber"],
            query=filters.validated_data["q"],
        )
        return self.paginated(board_scope(request).narrow_rows(members), MemberOutput, request)


class MemberDetailApi(BaseApi):
    permission_classes = [IsStaffMember | IsMemberRepresentative]

    @extend_schema_serializer(component_name="MemberDetail")
    class Output(serializers.Serializer[Any]):
        @extend_schema_serializer(component_name="ServiceAgreement")
        class ServiceAgreement(serializers.Serializer[Any]):
            service = serializers.CharField()
            sla_reference = serializers.CharField()
            starts_on = serializers.DateField()
            ends_on = serializers.DateField(allow_null=True)

        membership = MemberOutput()
        fee = FeeQuoteOutput(help_text="This year's membership fee (FEE-1).")
        service_agreements = ServiceAgreement(
            many=True, help_text="MEM-6: a service agreement per service, beside the membership."
        )

    @extend_schema(
        operation_id="member_detail",
        tags=TAGS,
        summary="One member",
        description=(
            "The board's latest membership, this year's fee and its service agreements. A member "
            "representative may read only its own board: any other number answers 404 "
            "membership.no_membership, exactly as a board that is not a member does (ACC-2)."
        ),
        parameters=[BOARD_NUMBER],
        responses={200: Output, **error_responses(401, 403, 404)},
    )
    def get(self, request: Request, board_number: str) -> Response:
        membership = _membership(board_number=board_number, scope=board_scope(request))
        detail = {
            "membership": membership,
            "fee": selectors.fee_quote(board=membership.board, year=clock.today().year).as_json(),
            "service_agreements": selectors.service_agreement_list(membership=membership),
        }
        return Response(self.Output(detail).data)


class MemberNoticeApi(BaseApi):
    permission_classes = [IsStaffMember | IsMemberRepresentative]

    @extend_schema_serializer(component_name="MemberNotice")
    class Input(serializers.Serializer[Any]):
        reason = serializers.CharField(
            required=False,
            allow_blank=True,
            default="",
            help_text="Required when staff give notice on the cooperative's behalf.",
        )

    @extend_schema(
        operation_id="member_notice",
        tags=TAGS,
        summary="Give notice",
        description=(
            "MEM-4. A member representative gives notice for its own board: the membership ends "
            "a year later. Staff give notice on the cooperative's behalf, with a reason "
            "(409 membership.notice_needs_reason without one): six months. The answer has the "
            "last day; the member keeps all rights through it. Another board's number is 404."
        ),
        parameters=[BOARD_NUMBER],
        request=Input,
        responses={200: MemberOutput, **error_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, board_number: str) -> Response:
        form = self.Input(data=request.data)
        form.is_valid(raise_exception=True)
        scope = board_scope(request)
        if scope.is_every_board and not request.user.has_perm("membership.manage_membership"):
            raise PermissionDenied()
        membership = services.membership_give_notice(
            membership=_membership(board_number=board_number, scope=scope),
            by=NoticeBy.COOPERATIVE if scope.is_every_board else NoticeBy.MEMBER,
            given_by=signed_in_user(request),  # type: ignore[arg-type]  # a role is checked
            on=clock.today(),
            reason=form.validated_data["reason"],
        )
        return Response(MemberOutput(membership).data)


# The exit settlement (MEM-5) -----------------------------------------------------------------


class SettlementDetailApi(BaseApi):
    permission_classes = [IsStaffMember | IsMemberRepresentative]

    @extend_schema(
        operation_id="settlement_detail",
        tags=TAGS,
        summary="The exit settlement",
        description=(
            "MEM-5: each part of the formula, the status, the member's answer and the advisory "
            "committee's opinion. Staff, or the member's own representative; 404 when there is "
            "no settlement yet, or for another board (ACC-2)."
        ),
        parameters=[BOARD_NUMBER],
        responses={200: SettlementOutput, **error_responses(401, 403, 404)},
    )
    def get(self, request: Request, board_number: str) -> Response:
        settlement = _settlement(board_number=board_number, scope=board_scope(request))
        return Response(SettlementOutput(settlement).data)


class SettlementProposeApi(BaseApi):
    permission_classes = [IsStaffMember & CanManageMemberships]

    @extend_schema_serializer(component_name="SettlementPropose")
    class Input(serializers.Serializer[Any]):
        successor_absorbs = _money(
            required=False,
            default=Decimal("0.00"),
            help_text="What a successor takes over (MEM-5).",
        )
        explanation = serializers.CharField(required=False, allow_blank=True, default="")

    @extend_schema(
        operation_id="settlement_propose",
        tags=TAGS,
        summary="Propose the exit settlement",
        description=(
            "Staff draw up the settlement of a member under notice from its long-term "
            "commitments: the unrecovered investments plus the fees expected for the committed "
            "remainder, less what a successor absorbs (MEM-5). 409 membership.not_under_notice "
            "or membership.settlement_exists."
        ),
        parameters=[BOARD_NUMBER],
        request=Input,
        responses={201: SettlementOutput, **error_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, board_number: str) -> Response:
        form = self.Input(data=request.data)
        form.is_valid(raise_exception=True)
        membership = _membership(board_number=board_number, scope=board_scope(request))
        settlement = services.settlement_propose(
            membership=membership,
            proposed_by=signed_in_user(request),  # type: ignore[arg-type]  # IsStaffMember
            **form.validated_data,
        )
        settlement.membership = membership
        return Response(SettlementOutput(settlement).data, status=201)


class SettlementAcceptApi(BaseApi):
    permission_classes = [IsMemberRepresentative]

    @extend_schema(
        operation_id="settlement_accept",
        tags=TAGS,
        summary="Accept the exit settlement",
        description=(
            "The member's own representative accepts a proposed settlement (MEM-5). Another "
            "board's number is 404 (ACC-2)."
        ),
        parameters=[BOARD_NUMBER],
        request=None,
        responses={200: SettlementOutput, **error_responses(401, 403, 404, 409)},
    )
    def post(self, request: Request, board_number: str) -> Response:
        settlement = services.settlement_accept(
            settlement=_settlement(
                board_number=board_number, scope=represented_board_scope(request)
            ),
            accepted_by=signed_in_user(request),  # type: ignore[arg-type]  # a representative
        )
        return Response(SettlementOutput(settlement).data)


class SettlementDisputeApi(BaseApi):
    permission_classes = [IsMemberRepresentative]

    @extend_schema_serializer(component_name="SettlementDispute")
    class Input(serializers.Serializer[Any]):
        reason = serializers.CharField(help_text="Why the member disputes the settlement.")

    @extend_schema(
        operation_id="settlement_dispute",
        tags=TAGS,
        summary="Dispute the exit settlement",
        description=(
            "The member's own representative disputes a proposed settlement, saying why; it goes "
            "to the advisory committee (MEM-5). Another board's number is 404 (ACC-2)."
        ),
        parameters=[BOARD_NUMBER],
        request=Input,
        responses={200: SettlementOutput, **error_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, board_number: str) -> Response:
        form = self.Input(data=request.data)
        form.is_valid(raise_exception=True)
        settlement = services.settlement_dispute(
            settlement=_settlement(
                board_number=board_number, scope=represented_board_scope(request)
            ),
            disputed_by=signed_in_user(request),  # type: ignore[arg-type]  # a representative
            reason=form.validated_data["reason"],
        )
        return Response(SettlementOutput(settlement).data)


class SettlementDecideApi(BaseApi):
    permission_classes = [IsStaffMember & CanManageMemberships]

    @extend_schema_serializer(component_name="SettlementDecision")
    class Input(serializers.Serializer[Any]):
        opinion = serializers.CharField(help_text="The advisory committee's opinion.")
        final_amount = _money(help_text="The final amount of the settlement, in euros.")

    @extend_schema(
        operation_id="settlement_decide",
        tags=TAGS,
        summary="Record the advisory committee's opinion",
        description=(
            "Staff record the advisory committee's opinion on a disputed settlement and the "
            "final amount (MEM-5). A settlement that is not disputed is 409 "
            "membership.settlement_not_allowed."
        ),
        parameters=[BOARD_NUMBER],
        request=Input,
        responses={200: SettlementOutput, **error_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, board_number: str) -> Response:
        form = self.Input(data=request.data)
        form.is_valid(raise_exception=True)
        settlement = services.settlement_decide(
            settlement=_settlement(board_number=board_number, scope=board_scope(request)),
            opinion=form.validated_data["opinion"],
            final_amount=form.validated_data["final_amount"],
            recorded_by=signed_in_user(request),  # type: ignore[arg-type]  # IsStaffMember
        )
        return Response(SettlementOutput(settlement).data)
