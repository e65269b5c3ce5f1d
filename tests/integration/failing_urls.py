"""The project's URLs plus one that fails, to see what a person gets on a server error."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.urls import handler500, urlpatterns


def fail(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug")


urlpatterns = [
    path("api/v1/fail/", fail),
    path("stuk/", fail),
    *urlpatterns,
]
__all__ = ["handler500", "urlpatterns"]
