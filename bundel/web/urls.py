"""The server-rendered UI. Dutch paths; names are English (web:registry:board-detail)."""

from django.urls import include, path

from bundel.web.accounts.urls import urlpatterns as account_urlpatterns
from bundel.web.billing.urls import member_urlpatterns as billing_member_urlpatterns
from bundel.web.governance.council_urls import member_urlpatterns as election_urlpatterns
from bundel.web.governance.meeting_urls import member_urlpatterns as council_urlpatterns
from bundel.web.membership.urls import member_urlpatterns

app_name = "web"

urlpatterns = [
    *account_urlpatterns,
    path("beheer/register/", include("bundel.web.registry.urls")),
    path("beheer/ledenraad/", include("bundel.web.governance.council_urls")),
    path("beheer/vergaderingen/", include("bundel.web.governance.meeting_urls")),
    path("beheer/facturatie/", include("bundel.web.billing.urls")),
    path("", include("bundel.web.membership.urls")),
    # The member home (web:member:board) shows the board in the register with its membership.
    path("mijn/", include((member_urlpatterns, "member"))),
    # GOV-4, GOV-10: a representative votes in elections and in council meetings.
    path("mijn/verkiezingen/", include((election_urlpatterns, "member_elections"))),
    path("mijn/ledenraad/", include((council_urlpatterns, "member_council"))),
    path("mijn/facturen/", include((billing_member_urlpatterns, "member_billing"))),
]
