"""An invoice's documents over HTTP: the Dutch PDF and the UBL e-invoice, made again from its
stored snapshot. Same ownership rule as the invoice itself (ACC-2)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request

from bundel.api.base import BaseApi
from bundel.api.errors import error_responses
from bundel.api.permissions import IsMemberRepresentative, IsStaffMember, board_scope
from bundel.api.v1.billing.common import INVOICE_NUMBER, TAGS, invoice_or_404
from bundel.billing import documents
from bundel.billing.snapshot import InvoiceSnapshot


class JsonErrorsOnly(BaseContentNegotiation):
    """The document is the response's bytes; only an error is rendered, always as JSON, so a
    client that asks for the document's own type (Accept: application/pdf) is not refused."""

    def select_parser(self, request: Request, parsers: Any) -> Any:
        return parsers[0] if parsers else None

    def select_renderer(
        self,
        request: Request,
        renderers: Iterable[BaseRenderer],
        format_suffix: str | None = None,
    ) -> tuple[BaseRenderer, str]:
        renderer = next(iter(renderers))
        return renderer, str(renderer.media_type)


class DocumentApi(BaseApi):
    permission_classes = [IsStaffMember | IsMemberRepresentative]
    renderer_classes = [JSONRenderer]
    content_negotiation_class = JsonErrorsOnly

    media_type = ""
    extension = ""

    def make_document(self, snapshot: InvoiceSnapshot) -> bytes:
        raise NotImplementedError

    def document(self, request: Request, number: str) -> HttpResponse:
        snapshot = documents.snapshot_of(invoice_or_404(number=number, scope=board_scope(request)))
        body = self.make_document(snapshot)
        name = documents.filename(snapshot, self.extension)
        return HttpResponse(
            body,
            content_type=self.media_type,
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )


class InvoicePdfApi(DocumentApi):
    media_type = "application/pdf"
    extension = "pdf"

    def make_document(self, snapshot: InvoiceSnapshot) -> bytes:
        return documents.render_pdf(snapshot)

    @extend_schema(
        operation_id="invoice_pdf",
        tags=TAGS,
        summary="An invoice's PDF",
        description=(
            "The invoice or credit note as a Dutch PDF, made again from what was issued, as an "
            "attachment named factuur-NUMBER.pdf (creditnota-NUMBER.pdf). A member "
            "representative may download only its own board's: any other number answers 404 "
            "(ACC-2)."
        ),
        parameters=[INVOICE_NUMBER],
        responses={
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="The PDF."),
            **error_responses(401, 403, 404),
        },
    )
    def get(self, request: Request, number: str) -> HttpResponse:
        return self.document(request, number)


class InvoiceUblApi(DocumentApi):
    media_type = "application/xml"
    extension = "xml"

    def make_document(self, snapshot: InvoiceSnapshot) -> bytes:
        return documents.render_ubl(snapshot)

    @extend_schema(
        operation_id="invoice_ubl",
        tags=TAGS,
        summary="An invoice's UBL e-invoice",
        description=(
            "The invoice or credit note as a UBL 2.1 e-invoice following Peppol BIS Billing 3.0 "
            "with the Dutch rules (NLCIUS), its PDF embedded, as an attachment named "
            "factuur-NUMBER.xml (creditnota-NUMBER.xml). A member representative may download "
            "only its own board's: any other number answers 404 (ACC-2)."
        ),
        parameters=[INVOICE_NUMBER],
        responses={
            (200, "application/xml"): OpenApiResponse(
                OpenApiTypes.BINARY, description="The UBL XML."
            ),
            **error_responses(401, 403, 404),
        },
    )
    def get(self, request: Request, number: str) -> HttpResponse:
        return self.document(request, number)
