"""The server-rendered UI. Dutch paths; names are English (web:registry:board-detail)."""

from django.urls import include, path

from bundel.web.accounts.urls import urlpatterns as account_urlpatterns
from bundel.web.registry.urls import member_urlpatterns

app_name = "web"

urlpatterns = [
    *account_urlpatterns,
    path("beheer/register/", include("bundel.web.registry.urls")),
    path("mijn/", include((member_urlpatterns, "member"))),
]
