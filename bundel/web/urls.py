"""The server-rendered UI. Dutch paths; names are English (web:registry:board-detail)."""

from django.urls import include, path

from bundel.web.accounts.urls import urlpatterns as account_urlpatterns
from bundel.web.billing.urls import member_urlpatterns as billing_member_urlpatterns
from bundel.web.governance.council_urls import member_urlpatterns as election_urlpatterns
from bundel.web.governance.meeting_urls import member_urlpatterns as council_urlpatterns
from bundel.web.membership.urls import member_urlpatterns
from bundel.web.procurement.catalog_urls import member_urlpatterns as catalog_member_urlpatterns
from bundel.web.procurement.tender_urls import supplier_urlpatterns

app_name = "web"

urlpatterns = [
    *account_urlpatterns,
    path("beheer/register/", include("bundel.web.registry.urls")),
    path("beheer/ledenraad/", include("bundel.web.governance.council_urls")),
    path("beheer/vergaderingen/", include("bundel.web.governance.meeting_urls")),
    path("beheer/facturatie/", include("bundel.web.billing.urls")),
    path("beheer/catalogus/", include("bundel.web.procurement.catalog_urls")),
    path("beheer/aanbestedingen/", include("bundel.web.procurement.tender_urls")),
    # TEN-5: suppliers see published tenders and their own bids.
    path("leverancier/", include((supplier_urlpatterns, "supplier"))),
    path("", include("bundel.web.membership.urls")),
    # The member home (web:member:board) shows the board in the register with its membership.
    path("mijn/", include((member_urlpatterns, "member"))),
    # GOV-4, GOV-10: a representative votes in elections and in council meetings.
    path("mijn/verkiezingen/", include((election_urlpatterns, "member_elections"))),
    path("mijn/ledenraad/", include((council_urlpatterns, "member_council"))),
    path("mijn/facturen/", include((billing_member_urlpatterns, "member_billing"))),
    # CAT, TEN-1, TEN-6: the catalogue, the board's intent and joins.
    path("mijn/catalogus/", include((catalog_member_urlpatterns, "member_catalog"))),
]
