"""The national register (REG) over HTTP: boards, national figures, DUO imports."""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    PolymorphicProxySerializer,
    extend_schema,
    extend_schema_serializer,
    inline_serializer,
)
from rest_framework import serializers
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from bundel.api.base import BaseApi, ListApi
from bundel.api.errors import ErrorSerializer, Refusal, error_responses
from bundel.api.fields import OptionalChoiceField
from bundel.api.permissions import (
    CanImportRegister,
    CanViewImportRuns,
    IsMemberRepresentative,
    IsStaffMember,
    board_scope,
    signed_in_user,
)
from bundel.registry import selectors, services
from bundel.registry.domain import Chamber
from bundel.registry.errors import duo_reason, import_failure
from bundel.registry.models import ChamberChoices, ImportRun, SizeClassChoices

TAGS = ["registry"]


class BoardListApi(ListApi):
    permission_classes = [IsStaffMember | IsMemberRepresentative]

    class Input(serializers.Serializer[Any]):
        q = serializers.CharField(
            required=False,
            allow_blank=True,
            default="",
            help_text="DUO board number (or its start), name, place, BRIN or location code.",
        )
        chamber = serializers.ChoiceField(
            choices=ChamberChoices.choices,
            required=False,
            allow_blank=True,
            default="",
            help_text="Only boards in this chamber (REG-6).",
        )

    @extend_schema_serializer(component_name="BoardSummary")
    class Output(serializers.Serializer[Any]):
        number = serializers.CharField(help_text="The 5-digit DUO number (REG-1).")
        name = serializers.CharField(source="display_name")
        city = serializers.CharField()
        po_students = serializers.IntegerField(help_text="At the latest PO count date (REG-4).")
        po_count_date = serializers.DateField(allow_null=True)
        vo_students = serializers.IntegerField(help_text="At the latest VO count date (REG-4).")
        vo_count_date = serializers.DateField(allow_null=True)
        total_students = serializers.IntegerField()
        size_class = OptionalChoiceField(choices=SizeClassChoices.values, help_text="REG-5.")
        chamber = OptionalChoiceField(
            choices=ChamberChoices.choices, help_text="REG-6; null for an inactive board."
        )

    @extend_schema(
        operation_id="board_list",
        tags=TAGS,
        summary="Search the register",
        description=(
            "Staff search every board of the national register by DUO number (or its start), "
            "name, place, BRIN or location code. A member representative gets only its own "
            "board, as a list of one; the filters still apply to it (ACC-2)."
        ),
        parameters=[Input],
        responses={200: Output(many=True), **error_responses(400, 401, 403)},
    )
    def get(self, request: Request) -> Response:
        filters = self.Input(data=request.query_params)
        filters.is_valid(raise_exception=True)
        boards = selectors.board_search(
            query=filters.validated_data["q"], chamber=filters.validated_data["chamber"]
        )
        return self.paginated(board_scope(request).narrow(boards), self.Output, request)


class BoardDetailApi(BaseApi):
    permission_classes = [IsStaffMember | IsMemberRepresentative]

    @extend_schema_serializer(component_name="BoardDetail")
    class Output(serializers.Serializer[Any]):
        @extend_schema_serializer(component_name="BoardSchool")
        class School(serializers.Serializer[Any]):
            brin = serializers.CharField(help_text="The 4-character BRIN code (REG-1).")
            name = serializers.CharField()
            locations = serializers.ListField(
                child=serializers.CharField(), help_text="Its location codes (BRIN + 2 digits)."
            )

        @extend_schema_serializer(component_name="BoardLocation")
        class Location(serializers.Serializer[Any]):
            code = serializers.CharField(help_text="BRIN + 2 digits (REG-1).")
            name = serializers.CharField()
            city = serializers.CharField()
            municipality = serializers.CharField()
            province = serializers.CharField()

        number = serializers.CharField(help_text="The 5-digit DUO number (REG-1).")
        name = serializers.CharField()
        short_name = serializers.CharField()
        city = serializers.CharField()
        po_students = serializers.IntegerField(help_text="At the latest PO count date (REG-4).")
        po_count_date = serializers.DateField(allow_null=True)
        vo_students = serializers.IntegerField(help_text="At the latest VO count date (REG-4).")
        vo_count_date = serializers.DateField(allow_null=True)
        total_students = serializers.IntegerField()
        size_class = OptionalChoiceField(choices=SizeClassChoices.values, help_text="REG-5.")
        chamber = OptionalChoiceField(
            choices=ChamberChoices.choices, help_text="REG-6; null for an inactive board."
        )
        chamber_reason = serializers.CharField(
            help_text="Why the board is in its chamber, from the figures it was computed from."
        )
        schools = School(many=True)
        locations = Location(many=True)

    @extend_schema(
        operation_id="board_detail",
        tags=TAGS,
        summary="One board",
        description=(
            "A board's figures per sector with their count dates, its size class and chamber "
            "with the reason, its schools and locations. A member representative may read only "
            "its own board: any other number answers 404, exactly as an unknown number does, "
            "so whether a board exists is not revealed (ACC-2)."
        ),
        parameters=[
            OpenApiParameter(
                "number",
                OpenApiTypes.STR,
                OpenApiParameter.PATH,
                description="The board's 5-digit DUO number.",
            )
        ],
        responses={200: Output, **error_responses(401, 403, 404)},
    )
    def get(self, request: Request, number: str) -> Response:
        scope = board_scope(request)
        board = selectors.board_get(number=number)
        if board is None or not scope.allows(board):
            raise Refusal("registry.board_not_found", status=404, number=number)
        return Response(self.Output(selectors.board_detail(board=board)).data)


class NationalStatsApi(BaseApi):
    permission_classes = [IsStaffMember | IsMemberRepresentative]

    @extend_schema_serializer(component_name="NationalStats")
    class Output(serializers.Serializer[Any]):
        @extend_schema_serializer(component_name="SectorStats")
        class SectorFigures(serializers.Serializer[Any]):
            count_date = serializers.DateField(
                allow_null=True, help_text="The latest count date of the sector (REG-4)."
            )
            boards = serializers.IntegerField(help_text="Boards with students in the sector.")
            students = serializers.IntegerField()

        sectors = inline_serializer(
            "NationalStatsSectors", {"PO": SectorFigures(), "VO": SectorFigures()}
        )
        students = serializers.IntegerField(help_text="PO + VO students.")
        boards_with_students = serializers.IntegerField(help_text="Boards with a chamber.")
        boards_in_both_sectors = serializers.IntegerField()
        chambers = inline_serializer(
            "NationalStatsChambers",
            {chamber.value: serializers.IntegerField() for chamber in Chamber},
        )
        size_classes = serializers.DictField(
            child=serializers.IntegerField(),
            help_text="Boards per size class (REG-5); a class without boards is left out.",
        )

    @extend_schema(
        operation_id="register_stats",
        tags=TAGS,
        summary="National figures",
        description=(
            "Per sector the latest count date, the boards with students and their students; "
            "the boards active in both sectors; the boards per chamber (REG-6) and size class "
            "(REG-5). These are aggregates of DUO's open data and name no board, so member "
            "representatives may read them as well as staff; other roles may not (ACC-1)."
        ),
        responses={200: Output, **error_responses(401, 403)},
    )
    def get(self, request: Request) -> Response:
        return Response(self.Output(selectors.national_stats()).data)


class ImportRunListApi(BaseApi):
    permission_classes = [IsStaffMember & CanViewImportRuns]

    class Input(serializers.Serializer[Any]):
        limit = serializers.IntegerField(
            required=False,
            default=50,
            min_value=1,
            max_value=500,
            help_text="How many of the latest runs.",
        )

    @extend_schema_serializer(component_name="ImportRun")
    class Output(serializers.Serializer[Any]):
        id = serializers.IntegerField()
        batch = serializers.UUIDField(help_text="The runs of one import share a batch.")
        file_name = serializers.CharField()
        sha256 = serializers.CharField()
        size = serializers.IntegerField(help_text="In bytes.")
        kind = serializers.CharField(help_text="The kind of DUO file; blank when it was refused.")
        count_dates = serializers.ListField(child=serializers.DateField())
        status = serializers.ChoiceField(choices=ImportRun.Status.values)
        rows_read = serializers.IntegerField()
        rows_imported = serializers.IntegerField()
        summary = serializers.DictField(
            child=serializers.DictField(child=serializers.IntegerField()),
            help_text='{"quirks": {name: count}, "created": {name: count}} (REG-3).',
        )
        error = serializers.CharField(help_text="Why the file was refused (REG-3).")
        error_line = serializers.IntegerField(allow_null=True)
        started_at = serializers.DateTimeField()
        finished_at = serializers.DateTimeField(allow_null=True)
        imported_by = serializers.CharField(
            source="imported_by.username", allow_null=True, help_text="Username, if any."
        )

    @extend_schema(
        operation_id="import_run_list",
        tags=TAGS,
        summary="Recent DUO imports",
        description=(
            "The latest import runs, newest first: one per file, refused files included. "
            "Staff with the permission registry.view_importrun (the administrator role)."
        ),
        parameters=[Input],
        responses={200: Output(many=True), **error_responses(400, 401, 403)},
    )
    def get(self, request: Request) -> Response:
        filters = self.Input(data=request.query_params)
        filters.is_valid(raise_exception=True)
        runs = selectors.import_run_list(limit=filters.validated_data["limit"])
        return Response(self.Output(runs, many=True).data)


class ImportRunCreateApi(BaseApi):
    permission_classes = [IsStaffMember & CanImportRegister]
    parser_classes = [MultiPartParser]

    @extend_schema_serializer(component_name="RegisterImport")
    class Input(serializers.Serializer[Any]):
        files = serializers.ListField(
            child=serializers.FileField(),
            allow_empty=False,
            help_text="DUO open-data files; each file's kind is recognised from its header.",
        )
        count_date = serializers.DateField(
            required=False,
            allow_null=True,
            default=None,
            help_text="The count date of VO count files whose name carries no year.",
        )

    @extend_schema_serializer(component_name="ImportReport")
    class Output(serializers.Serializer[Any]):
        @extend_schema_serializer(component_name="ImportFileReport")
        class File(serializers.Serializer[Any]):
            run_id = serializers.IntegerField()
            file_name = serializers.CharField()
            kind = serializers.CharField()
            count_dates = serializers.ListField(child=serializers.DateField())
            rows_read = serializers.IntegerField()
            rows_imported = serializers.IntegerField()
            quirks = serializers.DictField(
                child=serializers.IntegerField(), help_text="DUO's known quirks, counted (REG-3)."
            )
            created = serializers.DictField(child=serializers.IntegerField())

        batch = serializers.UUIDField()
        files = File(many=True)
        classified = serializers.IntegerField(help_text="Boards whose figures or chamber changed.")
        chamber_changes = serializers.IntegerField(help_text="Boards that changed chamber (REG-6).")

    @extend_schema_serializer(component_name="ImportError")
    class Failure(serializers.Serializer[Any]):
        code = serializers.CharField()
        message = serializers.CharField(help_text="Translated (Accept-Language).")
        file = serializers.CharField()
        line = serializers.IntegerField()
        reason = serializers.CharField(help_text="Translated (Accept-Language).")
        reason_code = serializers.CharField(
            help_text="Stable code of the reason (e.g. brin, missing_column, negative_count)."
        )
        import_run = serializers.IntegerField(help_text="The refused run, in the import list.")

    @extend_schema(
        operation_id="import_run_create",
        tags=TAGS,
        summary="Import DUO files",
        description=(
            "Imports the files as one unit, synchronously: every file is written, or none is "
            "(REG-2, REG-3). A file that cannot be read, or a row that breaks the format, "
            "answers 400 with the file, line and reason; the refusal is kept as a failed run. "
            "Staff with the permission registry.import_register (the administrator role)."
        ),
        request={"multipart/form-data": Input},
        responses={
            201: Output,
            400: OpenApiResponse(
                PolymorphicProxySerializer(
                    component_name="ImportRefusal",
                    serializers=[Failure, ErrorSerializer],
                    resource_type_field_name=None,
                ),
                description="A file was refused (nothing was written), or the input is not valid.",
            ),
            **error_responses(401, 403),
        },
    )
    def post(self, request: Request) -> Response:
        form = self.Input(data=request.data)
        form.is_valid(raise_exception=True)
        files = [
            services.ImportFile(name=upload.name, data=upload.read())
            for upload in form.validated_data["files"]
        ]
        try:
            report = services.register_import(
                files=files,
                count_date=form.validated_data["count_date"],
                imported_by=signed_in_user(request),
            )
        except services.ImportFailed as failure:
            error = failure.error
            body = {
                "code": "registry.import_failed",
                "message": import_failure(error.file_name, error.line, error.code, error.params),
                "file": error.file_name,
                "line": error.line,
                "reason": duo_reason(error.code, error.params),
                "reason_code": error.code,
                "import_run": failure.run_id,
            }
            return Response(self.Failure(body).data, status=400)
        return Response(self.Output(report).data, status=201)
