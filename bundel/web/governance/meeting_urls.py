"""Council meetings, motions, votes, proxies and decisions: staff under /beheer/vergaderingen/
(web:meetings:…), members under /mijn/ledenraad/ (web:member_council:…)."""

from django.urls import URLPattern, URLResolver, path

from bundel.web.governance.meetings import member, staff

app_name = "meetings"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", staff.MeetingListView.as_view(), name="meeting-list"),
    path("nieuw/", staff.MeetingCreateView.as_view(), name="meeting-create"),
    path("<int:pk>/", staff.MeetingDetailView.as_view(), name="meeting-detail"),
    path("<int:pk>/agenda/", staff.AgendaItemAddView.as_view(), name="agenda-item-add"),
    path("<int:pk>/aanwezigheid/", staff.AttendanceRecordView.as_view(), name="attendance-record"),
    path("<int:pk>/volmachten/", staff.ProxyGrantView.as_view(), name="proxy-grant"),
    path(
        "<int:pk>/volmachten/<int:proxy>/intrekken/",
        staff.ProxyRevokeView.as_view(),
        name="proxy-revoke",
    ),
    path("<int:pk>/voorstellen/", staff.MotionAddView.as_view(), name="motion-add"),
    path("<int:pk>/notulen/", staff.MinutesSaveView.as_view(), name="minutes-save"),
    path(
        "<int:pk>/notulen/publiceren/",
        staff.MinutesPublishView.as_view(),
        name="minutes-publish",
    ),
    path("voorstellen/<int:pk>/", staff.MotionDetailView.as_view(), name="motion-detail"),
    path("voorstellen/<int:pk>/openen/", staff.MotionOpenView.as_view(), name="motion-open"),
    path("voorstellen/<int:pk>/sluiten/", staff.MotionCloseView.as_view(), name="motion-close"),
    path(
        "voorstellen/<int:pk>/handopsteking/",
        staff.ShowOfHandsView.as_view(),
        name="motion-show-of-hands",
    ),
]

# The member area (web:member_council:…): the representative's board decides which seat it
# votes for; no URL names a board or a seat (ACC-2).
member_urlpatterns: list[URLPattern | URLResolver] = [
    path("", member.MeetingListView.as_view(), name="meetings"),
    path("vergaderingen/<int:pk>/", member.MeetingView.as_view(), name="meeting"),
    path("vergaderingen/<int:pk>/stemmen/", member.VoteView.as_view(), name="vote"),
    path("vergaderingen/<int:pk>/volmacht/", member.ProxyGiveView.as_view(), name="proxy-give"),
    path(
        "vergaderingen/<int:pk>/volmacht/intrekken/",
        member.ProxyTakeBackView.as_view(),
        name="proxy-take-back",
    ),
    path("besluiten/", member.DecisionListView.as_view(), name="decisions"),
]
