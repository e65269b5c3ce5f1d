"""Version 1 of the API: /api/v1/…, names "api:v1:…"."""

from django.urls import path

from bundel.api.base import by_method
from bundel.api.v1 import membership, registry

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
    path(
        "applications/",
        by_method(get=membership.ApplicationListApi, post=membership.ApplicationCreateApi),
        name="application-list",
    ),
    path(
        "applications/<int:pk>/approve/",
        membership.ApplicationApproveApi.as_view(),
        name="application-approve",
    ),
    path(
        "applications/<int:pk>/reject/",
        membership.ApplicationRejectApi.as_view(),
        name="application-reject",
    ),
    path("members/", membership.MemberListApi.as_view(), name="member-list"),
    path("members/<str:board_number>/", membership.MemberDetailApi.as_view(), name="member-detail"),
    path(
        "members/<str:board_number>/notice/",
        membership.MemberNoticeApi.as_view(),
        name="member-notice",
    ),
    path(
        "members/<str:board_number>/settlement/",
        by_method(get=membership.SettlementDetailApi, post=membership.SettlementProposeApi),
        name="member-settlement",
    ),
    path(
        "members/<str:board_number>/settlement/accept/",
        membership.SettlementAcceptApi.as_view(),
        name="member-settlement-accept",
    ),
    path(
        "members/<str:board_number>/settlement/dispute/",
        membership.SettlementDisputeApi.as_view(),
        name="member-settlement-dispute",
    ),
    path(
        "members/<str:board_number>/settlement/decide/",
        membership.SettlementDecideApi.as_view(),
        name="member-settlement-decide",
    ),
]
