"""/api/: the versioned API, its OpenAPI schema and its docs (served offline by the sidecar)."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from bundel.api.base import NotFoundApi

app_name = "api"

urlpatterns = [
    path("v1/", include("bundel.api.v1.urls")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api:schema"), name="redoc"),
    re_path(r"^", NotFoundApi.as_view(), name="not-found"),
]
