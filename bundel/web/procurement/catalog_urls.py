"""Catalogue and demand: staff under /beheer/catalogus/ (web:catalog:…), members under
/mijn/catalogus/ (web:member_catalog:…: browse, intent, demand, participation, late joins)."""

from django.urls import URLPattern, URLResolver, path

from bundel.web.procurement.catalog import member, staff

app_name = "catalog"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", staff.CatalogueView.as_view(), name="catalogue"),
    path("inladen/", staff.CatalogueSeedView.as_view(), name="seed"),
    path("groepen/<slug:code>/", staff.GroupEditView.as_view(), name="group-edit"),
    path("producten/nieuw/", staff.ProductCreateView.as_view(), name="product-create"),
    path("producten/<slug:code>/", staff.ProductEditView.as_view(), name="product-edit"),
    path("producten/<slug:code>/opties/", staff.OptionAddView.as_view(), name="option-add"),
    # TEN-2: the demand dashboard per product.
    path("producten/<slug:code>/vraag/", staff.DemandView.as_view(), name="demand"),
]

# The member area (web:member_catalog:…) under /mijn/catalogus/: the representative's board is
# the one that registers intent, confirms and joins; no URL names a board (ACC-2).
member_urlpatterns: list[URLPattern | URLResolver] = [
    path("", member.MemberCatalogueView.as_view(), name="catalogue"),
    path("mijn-interesse/", member.MyIntentsView.as_view(), name="my-intents"),
    path("deelname/", member.ParticipationView.as_view(), name="participation"),
    path(
        "deelname/<int:pk>/bevestigen/",
        member.ParticipationConfirmView.as_view(),
        name="participation-confirm",
    ),
    path(
        "deelname/<int:pk>/afzien/",
        member.ParticipationDeclineView.as_view(),
        name="participation-decline",
    ),
    path("aanbestedingen/<int:pk>/aansluiten/", member.LateJoinView.as_view(), name="join"),
    path(
        "aanbestedingen/<int:pk>/reactie/",
        member.RequirementCommentView.as_view(),
        name="comment",
    ),
    path("producten/<slug:code>/", member.IntentView.as_view(), name="intent"),
    path(
        "producten/<slug:code>/intrekken/",
        member.IntentWithdrawView.as_view(),
        name="intent-withdraw",
    ),
    path("producten/<slug:code>/vraag/", member.MemberDemandView.as_view(), name="demand"),
]
