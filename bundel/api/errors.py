"""API errors: every error body is JSON with a stable `code` and a translated `message`.

Rule violations are 409 {"code", "message", "params"}; refusals with a code of our own (such as a
board that is not there, or not yours) carry the status they ask for; DRF's own errors (401, 403,
404, 405, 429) become {"code", "message"} and validation errors add the messages per field.
Messages are translated in the request's language (Accept-Language; Dutch by default).
"""

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.utils.translation import gettext
from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions, serializers
from rest_framework.response import Response
from rest_framework.views import set_rollback

from bundel.shared.errors import RuleViolation
from bundel.shared.explain import explain


class Refusal(exceptions.APIException):
    """A refusal with a stable code, a message from the contexts' errors.py and its params."""

    def __init__(self, code: str, *, status: int, **params: Any) -> None:
        super().__init__(detail=explain(RuleViolation(code, **params)), code=code)
        self.status_code = status
        self.code = code
        self.params = params


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, RuleViolation):
        set_rollback()
        return Response(
            {"code": exc.code, "message": explain(exc), "params": exc.params}, status=409
        )
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(*exc.args)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(*exc.args)
    if not isinstance(exc, exceptions.APIException):
        return None
    headers = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header  # type: ignore[attr-defined]
    if getattr(exc, "wait", None):
        headers["Retry-After"] = f"{exc.wait:.0f}"  # type: ignore[attr-defined]
    set_rollback()
    return Response(_body(exc), status=exc.status_code, headers=headers)


def _body(exc: exceptions.APIException) -> dict[str, Any]:
    if isinstance(exc, Refusal):
        return {"code": exc.code, "message": str(exc.detail), "params": exc.params}
    if isinstance(exc, exceptions.Throttled):
        # DRF's own Dutch text for this is half English; say it whole.
        wait = getattr(exc, "wait", None)
        seconds = f"{wait:.0f}" if wait is not None else "?"
        message = gettext("Too many requests. Try again in %(seconds)s seconds.") % {
            "seconds": seconds
        }
        return {"code": "throttled", "message": message}
    detail = exc.detail
    if isinstance(detail, Mapping | list):  # a ValidationError: messages per field
        fields = detail if isinstance(detail, Mapping) else {"non_field_errors": detail}
        return {"code": exc.default_code, "message": _first_message(fields), "fields": fields}
    return {"code": getattr(detail, "code", None) or exc.default_code, "message": str(detail)}


def _first_message(errors: object, field: str = "") -> str:
    """The first message of a (nested) error structure, prefixed by its field, e.g. "chamber: …"."""
    if isinstance(errors, Mapping):
        if not errors:
            return ""
        name, nested = next(iter(errors.items()))
        shown = "" if name == "non_field_errors" else str(name)
        return _first_message(nested, f"{field}.{shown}" if field and shown else shown or field)
    if isinstance(errors, Sequence) and not isinstance(errors, str):
        return _first_message(errors[0], field) if errors else ""
    return f"{field}: {errors}" if field else str(errors)


class ErrorSerializer(serializers.Serializer[Any]):
    """The body of every error."""

    code = serializers.CharField(help_text="Stable error code; clients match on it.")
    message = serializers.CharField(help_text="Translated message (Accept-Language).")
    params = serializers.DictField(
        required=False, help_text="The values the message was built from (refusals only)."
    )
    fields = serializers.DictField(  # type: ignore[assignment]  # the key, not Serializer.fields
        required=False, help_text="Messages per input field (validation errors only)."
    )


ERROR_DESCRIPTIONS = {
    400: "The input is not valid.",
    401: "Not signed in: send `Authorization: Token <key>` or a session cookie.",
    403: "Signed in, but this role may not do this (ACC-1).",
    404: "Not found, or not yours to see (ACC-2).",
    409: "A rule of the cooperative refuses the request.",
}


def error_responses(*statuses: int) -> dict[int, OpenApiResponse]:
    """Schema entries for the error statuses an operation can answer with."""
    return {
        status: OpenApiResponse(ErrorSerializer, description=ERROR_DESCRIPTIONS[status])
        for status in statuses
    }
