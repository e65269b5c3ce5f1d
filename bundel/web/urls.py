"""The server-rendered UI. Dutch paths; names are English (web:registry:board-detail)."""

from django.urls import include, path

from bundel.web.accounts.urls import urlpatterns as account_urlpatterns
from bundel.web.membership.urls import member_urlpatterns

app_name = "web"

urlpatterns = [
    *account_urlpatterns,
    path("beheer/register/", include("bundel.web.registry.urls")),
    path("", include("bundel.web.membership.urls")),
    # The member home (web:member:board) shows the board in the register with its membership.
    path("mijn/", include((member_urlpatterns, "member"))),
]
