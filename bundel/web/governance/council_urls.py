"""Council, elections, organs and advice: staff under /beheer/ledenraad/ (web:council:…),
members under /mijn/verkiezingen/ (web:member_elections:…)."""

from django.urls import URLPattern, URLResolver, path

from bundel.web.governance.council import elections, member, organs, seats

app_name = "council"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", seats.CouncilView.as_view(), name="council"),
    path("zetels/<int:pk>/benoemen/", seats.SeatAppointView.as_view(), name="seat-appoint"),
    path("termijnen/<int:pk>/", seats.TermDetailView.as_view(), name="term-detail"),
    path("termijnen/<int:pk>/beeindigen/", seats.TermEndView.as_view(), name="term-end"),
    path(
        "termijnen/<int:pk>/vertegenwoordiger/",
        seats.TermRepresentativeView.as_view(),
        name="term-representative",
    ),
    path("verkiezingen/", elections.ElectionListView.as_view(), name="election-list"),
    path("verkiezingen/nieuw/", elections.ElectionCreateView.as_view(), name="election-create"),
    path("verkiezingen/<int:pk>/", elections.ElectionDetailView.as_view(), name="election-detail"),
    path(
        "verkiezingen/<int:pk>/kandidaten/",
        elections.CandidateAddView.as_view(),
        name="candidate-add",
    ),
    path(
        "verkiezingen/<int:pk>/kandidaten/<int:candidate_pk>/verwijderen/",
        elections.CandidateRemoveView.as_view(),
        name="candidate-remove",
    ),
    path(
        "verkiezingen/<int:pk>/openen/", elections.ElectionOpenView.as_view(), name="election-open"
    ),
    path(
        "verkiezingen/<int:pk>/sluiten/",
        elections.ElectionCloseView.as_view(),
        name="election-close",
    ),
    path(
        "verkiezingen/<int:pk>/gelijke-stemmen/<int:candidate_pk>/",
        elections.TieResolveView.as_view(),
        name="tie-resolve",
    ),
    path("organen/", organs.OrgansView.as_view(), name="organs"),
    path("organen/benoemen/", organs.OfficeHolderAppointView.as_view(), name="office-appoint"),
    path("organen/<int:pk>/beeindigen/", organs.OfficeHolderEndView.as_view(), name="office-end"),
    path(
        "organen/commissarissen/aantal/",
        organs.SupervisorySizeView.as_view(),
        name="supervisory-size",
    ),
    path("adviezen/", organs.AdviceListView.as_view(), name="advice-list"),
    path("adviezen/nieuw/", organs.AdviceCreateView.as_view(), name="advice-create"),
    path("adviezen/<int:pk>/", organs.AdviceDetailView.as_view(), name="advice-detail"),
    path("adviezen/<int:pk>/reactie/", organs.AdviceRespondView.as_view(), name="advice-respond"),
]

# The member side (web:member_elections:…): a representative votes for its own board only;
# no URL names a board (ACC-2).
member_urlpatterns: list[URLPattern | URLResolver] = [
    path("", member.MemberElectionListView.as_view(), name="election-list"),
    path("<int:pk>/", member.BallotView.as_view(), name="ballot"),
    path("<int:pk>/uitslag/", member.MemberResultsView.as_view(), name="results"),
]
