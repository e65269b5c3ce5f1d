"""Billing runs over HTTP (FEE-1, FEE-2, FEE-4), staff only: the runs with their progress, a dry
run that shows per board what a period would invoice, and a run queued in the background."""

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
from bundel.api.permissions import CanManageBilling, IsStaffMember, acting_user
from bundel.api.v1.billing.common import RUN_ID, TAGS, ExactDecimalField, money
from bundel.billing import domain, selectors, services
from bundel.billing.models import BillingRun, ChargeKind
from bundel.billing.tasks import execute_billing_run

ZERO = Decimal("0.00")


@extend_schema_serializer(component_name="BillingRun")
class RunOutput(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    period = serializers.CharField(help_text="A year (2026) or a month (2026-03).")
    status = serializers.ChoiceField(choices=BillingRun.Status.choices)
    created_at = serializers.DateTimeField()
    finished_at = serializers.DateTimeField(allow_null=True)
    started_by = serializers.CharField(
        source="started_by.username", allow_null=True, help_text="Username, if any."
    )
    boards_total = serializers.IntegerField(help_text="Boards with something to invoice.")
    boards_done = serializers.IntegerField()
    percent_done = serializers.IntegerField(help_text="Progress, 0 … 100.")
    invoices_created = serializers.IntegerField()
    amount_total = money(help_text="The total of the invoices issued, including VAT, in euros.")
    error = serializers.CharField(help_text="Why a failed run failed.")


@extend_schema_serializer(component_name="BillingRunPreview")
class PreviewOutput(serializers.Serializer[Any]):
    """A dry run: per board what a run of the period would invoice now."""

    @extend_schema_serializer(component_name="BillingRunPreviewBoard")
    class Board(serializers.Serializer[Any]):
        @extend_schema_serializer(component_name="BillingRunPreviewLine")
        class Line(serializers.Serializer[Any]):
            charge_kind = serializers.ChoiceField(source="kind", choices=ChargeKind.choices)
            description = serializers.CharField()
            period_start = serializers.DateField(allow_null=True)
            period_end = serializers.DateField(allow_null=True)
            quantity = ExactDecimalField()
            unit_price = ExactDecimalField(minimum_places=2, help_text="In euros.")
            amount = money(help_text="Excluding VAT, rounded half-up once (FEE-4).")
            note = serializers.CharField(help_text="E.g. how a partial year is counted (FEE-1).")

        board = serializers.CharField(source="board.number", help_text="The 5-digit DUO number.")
        board_name = serializers.CharField(source="board.display_name")
        lines = Line(many=True)
        total_net = money()
        total_tax = money()
        total_gross = money()

    period = serializers.CharField()
    dry_run = serializers.BooleanField(help_text="Always true: nothing was written.")
    boards = Board(many=True)
    invoices = serializers.IntegerField(help_text="How many invoices the run would issue.")
    total_net = money()
    total_gross = money()


def _preview(period: domain.Period) -> dict[str, Any]:
    vat: dict[str, domain.VatRate] = {}
    boards: list[dict[str, Any]] = []
    for preview in selectors.run_preview(period):
        lines = []
        for draft in preview.lines:
            rate = vat.setdefault(draft.kind, selectors.vat_for(draft.kind).rate)
            lines.append(domain.Line(draft.description, draft.quantity, draft.unit_price, rate))
        totals = domain.totals(lines)
        boards.append(
            {
                "board": preview.board,
                "lines": preview.lines,
                "total_net": totals.net,
                "total_tax": totals.tax,
                "total_gross": totals.gross,
            }
        )
    return {
        "period": period.key,
        "dry_run": True,
        "boards": boards,
        "invoices": len(boards),
        "total_net": sum((b["total_net"] for b in boards), ZERO),
        "total_gross": sum((b["total_gross"] for b in boards), ZERO),
    }


class RunListApi(ListApi):
    permission_classes = [IsStaffMember]

    @extend_schema(
        operation_id="billing_run_list",
        tags=TAGS,
        summary="Billing runs",
        description="Staff: the billing runs, latest first, with their progress and totals.",
        responses={200: RunOutput(many=True), **error_responses(401, 403)},
    )
    def get(self, request: Request) -> Response:
        runs = BillingRun.objects.select_related("started_by").order_by("-created_at", "-id")
        return self.paginated(runs, RunOutput, request)


class RunDetailApi(BaseApi):
    permission_classes = [IsStaffMember]

    @extend_schema(
        operation_id="billing_run_detail",
        tags=TAGS,
        summary="One billing run",
        description=(
            "Staff: the run's status and progress (boards done of boards to invoice), the "
            "invoices it issued and their total. Its invoices: GET /api/v1/billing/invoices/"
            "?run=ID."
        ),
        parameters=[RUN_ID],
        responses={200: RunOutput, **error_responses(401, 403, 404)},
    )
    def get(self, request: Request, pk: int) -> Response:
        run = BillingRun.objects.select_related("started_by").filter(pk=pk).first()
        if run is None:
            raise NotFound
        return Response(RunOutput(run).data)


class RunCreateApi(BaseApi):
    permission_classes = [IsStaffMember & CanManageBilling]

    @extend_schema_serializer(component_name="BillingRunCreate")
    class Input(StrictInput):
        """The period to invoice, and whether only to show it; no other field is accepted."""

        period = serializers.CharField(
            max_length=20,
            help_text="A year (2026: the yearly membership fee) or a month (2026-03).",
        )
        dry_run = serializers.BooleanField(
            required=False, default=False, help_text="Only show what would be invoiced."
        )

    @extend_schema(
        operation_id="billing_run_create",
        tags=TAGS,
        summary="Start a billing run, or a dry run",
        description=(
            "Staff with billing.manage_billing. With dry_run, the answer (200) shows per board "
            "what a run of the period would invoice now, and nothing is written. Without it, the "
            "run is queued and runs in the background (202): one invoice per board with a line "
            "per uninvoiced charge, the year's membership fees first created (FEE-1). Runs are "
            "idempotent: running a period again never invoices a charge twice; follow the "
            "progress at GET /api/v1/billing/runs/ID/. Refusals are 409: billing.invalid_period "
            "or billing.settings_incomplete (the cooperative's own data must be complete)."
        ),
        request=Input,
        responses={
            200: OpenApiResponse(PreviewOutput, description="A dry run: what would be invoiced."),
            202: OpenApiResponse(RunOutput, description="The run, queued."),
            **error_responses(400, 401, 403, 409),
        },
    )
    def post(self, request: Request) -> Response:
        form = self.Input(data=request.data)
        form.is_valid(raise_exception=True)
        period = domain.parse_period(form.validated_data["period"])
        if form.validated_data["dry_run"]:
            return Response(PreviewOutput(_preview(period)).data)
        run = services.billing_run_create(period=period.key, by=acting_user(request))
        execute_billing_run.enqueue(run_id=run.pk)
        run = BillingRun.objects.select_related("started_by").get(pk=run.pk)
        return Response(RunOutput(run).data, status=202)
