"""Version 1 of the API: /api/v1/…, names "api:v1:…"."""

from django.urls import path

from bundel.api.base import by_method
from bundel.api.v1 import registry

app_name = "v1"

urlpatterns = [
    path("boards/", registry.BoardListApi.as_view(), name="board-list"),
    path("boards/<str:number>/", registry.BoardDetailApi.as_view(), name="board-detail"),
    path("register/stats/", registry.NationalStatsApi.as_view(), name="register-stats"),
    path(
        "register/imports/",
        by_method(get=registry.ImportRunListApi, post=registry.ImportRunCreateApi),
        name="import-run-list",
    ),
]
