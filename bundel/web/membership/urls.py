"""Membership URLs: Dutch paths, English names (web:membership:application-detail)."""

from django.urls import include, path

from bundel.web.membership.views import member, public, staff

app_name = "membership"

staff_urlpatterns = [
    path("", staff.MemberListView.as_view(), name="member-list"),
    path("export.csv", staff.MemberExportView.as_view(), name="member-export"),
    path(
        "export.xlsx",
        staff.MemberExportView.as_view(),
        {"file_format": "xlsx"},
        name="member-export-xlsx",
    ),
    path("<int:pk>/", staff.MemberDetailView.as_view(), name="member-detail"),
    path(
        "<int:pk>/verplichtingen/", staff.CommitmentCreateView.as_view(), name="commitment-create"
    ),
    path("<int:pk>/opzeggen/", staff.CooperativeNoticeView.as_view(), name="member-notice"),
    path("<int:pk>/uittreding/", staff.SettlementProposeView.as_view(), name="settlement-propose"),
    path(
        "<int:pk>/uittreding/wijzigen/",
        staff.SettlementEditView.as_view(),
        name="settlement-edit",
    ),
    path(
        "<int:pk>/uittreding/advies/",
        staff.SettlementDecideView.as_view(),
        name="settlement-decide",
    ),
    path("aanmeldingen/", staff.ApplicationListView.as_view(), name="application-list"),
    path(
        "aanmeldingen/<int:pk>/",
        staff.ApplicationDetailView.as_view(),
        name="application-detail",
    ),
    path(
        "aanmeldingen/<int:pk>/goedkeuren/",
        staff.ApplicationApproveView.as_view(),
        name="application-approve",
    ),
    path(
        "aanmeldingen/<int:pk>/afwijzen/",
        staff.ApplicationRejectView.as_view(),
        name="application-reject",
    ),
    path("interesse/", staff.InterestListView.as_view(), name="interest-list"),
    path("kamerwijzigingen/", staff.ChamberChangeListView.as_view(), name="chamber-changes"),
    path(
        "kamerwijzigingen/<int:pk>/gezien/",
        staff.ChamberAcknowledgeView.as_view(),
        name="chamber-acknowledge",
    ),
]

urlpatterns = [
    path("word-lid/", public.JoinView.as_view(), name="join"),
    path("word-lid/<str:number>/", public.BoardPageView.as_view(), name="join-board"),
    path(
        "word-lid/<str:number>/aanmelden/",
        public.ApplicationCreateView.as_view(),
        name="application-create",
    ),
    path(
        "word-lid/<str:number>/bedankt/",
        public.ThanksView.as_view(kind="application"),
        name="application-thanks",
    ),
    path(
        "word-lid/<str:number>/interesse/",
        public.InterestCreateView.as_view(),
        name="interest-create",
    ),
    path(
        "word-lid/<str:number>/interesse/bedankt/",
        public.ThanksView.as_view(kind="interest"),
        name="interest-thanks",
    ),
    path(
        "uitnodiging/<str:token>/",
        public.InvitationAcceptView.as_view(),
        name="invitation-accept",
    ),
    path("beheer/leden/", include(staff_urlpatterns)),
]

# The member area (web:member:…) under /mijn/. Its home is the board page of the register,
# extended with the membership; the URL names no board (ACC-2).
member_urlpatterns = [
    path("", member.MemberHomeView.as_view(), name="board"),
    path("opzeggen/", member.MemberNoticeView.as_view(), name="notice"),
    path("uittreding/", member.MemberSettlementView.as_view(), name="settlement"),
    path("uittreding/akkoord/", member.SettlementAcceptView.as_view(), name="settlement-accept"),
    path("uittreding/bezwaar/", member.SettlementDisputeView.as_view(), name="settlement-dispute"),
    path(
        "vertegenwoordigers/uitnodigen/",
        member.RepresentativeInviteView.as_view(),
        name="representative-invite",
    ),
    path(
        "vertegenwoordigers/<int:pk>/verwijderen/",
        member.RepresentativeRemoveView.as_view(),
        name="representative-remove",
    ),
]
