"""What every API view shares: authentication challenge, throttling, pagination, JSON 404s."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, cast

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponseBase
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.pagination import BasePagination
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, ScopedRateThrottle, UserRateThrottle
from rest_framework.views import APIView


class BaseApi(APIView):
    """One operation. Anonymous requests get 401 with a `Token` challenge (not the 403 that
    session authentication alone would give), and the configured rates are throttled."""

    throttle_classes = [AnonRateThrottle, UserRateThrottle]

    def get_authenticate_header(self, request: Request) -> str:
        return "Token"


class ViewRateThrottle(ScopedRateThrottle):
    """A rate the view names itself (`throttle_scope` and `throttle_rate = "10/hour"`), so that one
    operation, such as an anonymous application, is limited without a settings entry. A rate set
    for the scope in DEFAULT_THROTTLE_RATES wins (None there turns the limit off)."""

    view_rate: str | None = None

    def allow_request(self, request: Request, view: APIView) -> bool:
        self.view_rate = getattr(view, "throttle_rate", None)
        return super().allow_request(request, view)

    def get_rate(self) -> str | None:
        if self.scope in self.THROTTLE_RATES or self.view_rate is None:
            return super().get_rate()
        return self.view_rate


class ListApi(BaseApi):
    """A list, paginated as configured (LimitOffsetPagination: ?limit=&offset=)."""

    pagination_class = cast(type[BasePagination], api_settings.DEFAULT_PAGINATION_CLASS)

    def paginated(
        self,
        items: QuerySet[Any],
        serializer_class: type[serializers.Serializer[Any]],
        request: Request,
    ) -> Response:
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(items, request, view=self)
        return paginator.get_paginated_response(serializer_class(page, many=True).data)


class NotFoundApi(BaseApi):
    """Any other path under /api/: a JSON 404, like every other API error."""

    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = []
    schema = None

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        raise NotFound


def by_method(**operations: type[APIView]) -> Callable[..., HttpResponseBase]:
    """One path, one APIView per operation: `by_method(get=ImportRunListApi,
    post=ImportRunCreateApi)`. Django resolves a path to a single view, so this one hands each
    request to the view of its method, which runs in full (its own authentication, permissions,
    parsers and serializers). The schema reads each method's @extend_schema from that view."""
    views = {method: view.as_view() for method, view in operations.items()}

    class MethodRoute(BaseApi):
        def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            method = (request.method or "").lower()
            view = views.get("get" if method == "head" else method)
            if view is None:
                return super().dispatch(request, *args, **kwargs)  # OPTIONS, or a 405
            return view(request, *args, **kwargs)

        def get_view_name(self) -> str:
            return " / ".join(view().get_view_name() for view in operations.values())

        # The schema reads security and pagination from the route: answer with the method's own
        # (an anonymous operation is marked so, a paginated list is documented as one).
        def _operation(self) -> type[APIView] | None:
            request = getattr(self, "request", None)
            return operations.get((request.method or "").lower()) if request else None

        def get_permissions(self) -> Sequence[Any]:
            operation = self._operation()
            return operation().get_permissions() if operation else super().get_permissions()

        @property
        def pagination_class(self) -> type[BasePagination] | None:
            return getattr(self._operation(), "pagination_class", None)

    # For the schema and for Allow: the methods, with their @extend_schema, are the operations'.
    for method, view in operations.items():
        setattr(MethodRoute, method, getattr(view, method))
    return MethodRoute.as_view()
