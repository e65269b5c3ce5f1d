"""API errors: rule violations as 409 {"code", "message", "params"}; every error translated."""

from typing import Any

from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from bundel.shared.errors import RuleViolation
from bundel.shared.explain import explain


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, RuleViolation):
        return Response(
            {"code": exc.code, "message": explain(exc), "params": exc.params}, status=409
        )
    return drf_exception_handler(exc, context)
