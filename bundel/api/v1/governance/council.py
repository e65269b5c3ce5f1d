"""GOV-2 and GOV-3 over HTTP: the members' council on a day, seat by seat, with its vacancies."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_serializer, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from bundel.api.base import BaseApi
from bundel.api.errors import error_responses
from bundel.api.permissions import IsMemberRepresentative, IsStaffMember
from bundel.api.v1.governance.common import TAGS, BoardRefOutput
from bundel.governance import selectors
from bundel.registry.domain import Chamber
from bundel.registry.models import ChamberChoices
from bundel.shared import clock


@extend_schema_serializer(component_name="CouncilSeat")
class SeatOutput(serializers.Serializer[Any]):
    code = serializers.CharField(source="seat.code", help_text="E.g. PO_GROOT-3.")
    chamber = serializers.ChoiceField(source="seat.chamber", choices=ChamberChoices.choices)
    number = serializers.IntegerField(source="seat.number", help_text="Within its chamber.")
    vacant = serializers.BooleanField(help_text="No board holds the seat on the day (GOV-2).")
    board = BoardRefOutput(
        source="term.board", allow_null=True, help_text="The member board holding the seat."
    )
    representative_name = serializers.CharField(
        source="term.representative_name",
        allow_null=True,
        help_text="The person who represents the board on the seat.",
    )
    starts_on = serializers.DateField(source="term.starts_on", allow_null=True)
    ends_on = serializers.DateField(
        source="term.last_day",
        allow_null=True,
        help_text="The term's last day (an early end included); at most 4 years (GOV-3).",
    )
    consecutive = serializers.IntegerField(
        source="term.consecutive",
        allow_null=True,
        help_text="1 for a first term, 2 for the one consecutive re-appointment (GOV-3).",
    )


@extend_schema_serializer(component_name="Council")
class CouncilOutput(serializers.Serializer[Any]):
    on = serializers.DateField()
    seats = SeatOutput(many=True)
    vacancies = inline_serializer(
        "CouncilVacancies", {chamber.value: serializers.IntegerField() for chamber in Chamber}
    )
    vacancy_total = serializers.IntegerField()


class SeatListApi(BaseApi):
    permission_classes = [IsStaffMember | IsMemberRepresentative]

    class Input(serializers.Serializer[Any]):
        on = serializers.DateField(
            required=False, allow_null=True, default=None, help_text="The day; today if left out."
        )

    @extend_schema(
        operation_id="council_seats",
        tags=TAGS,
        summary="The members' council",
        description=(
            "Every seat of the four chambers on a day (GOV-2): who holds it (a member board of "
            "that chamber and its named representative), the term and whether it is a "
            "re-appointment (GOV-3), or that it is vacant; and the vacancies per chamber. The "
            "council's composition is public to members: staff and member representatives."
        ),
        parameters=[Input],
        responses={200: CouncilOutput, **error_responses(400, 401, 403)},
    )
    def get(self, request: Request) -> Response:
        filters = self.Input(data=request.query_params)
        filters.is_valid(raise_exception=True)
        council = selectors.council_on(filters.validated_data["on"] or clock.today())
        body = {
            "on": council.day,
            "seats": council.seats,
            "vacancies": {chamber.value: n for chamber, n in council.vacancies.items()},
            "vacancy_total": council.vacancy_total,
        }
        return Response(CouncilOutput(body).data)
