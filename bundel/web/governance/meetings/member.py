"""The council in the member area (GOV-5, GOV-6, GOV-10): a representative votes for its own
board's seat and for the seats whose proxy it holds, gives its seat's proxy to another seat, and
reads the published decisions and minutes. No URL names a board or a seat to act for: the
services take the seat from the representative's board (ACC-2)."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from bundel.accounts.models import User
from bundel.governance import selectors, services
from bundel.governance.models import Meeting, VoteChoices
from bundel.shared.errors import RuleViolation
from bundel.shared.explain import explain
from bundel.web.access import RepresentativeRequiredMixin
from bundel.web.governance.meeting_forms import ProxyGiveForm, VoteForm
from bundel.web.governance.meetings import presenters


class CouncilAreaMixin(RepresentativeRequiredMixin):
    @property
    def representative(self) -> User:
        return cast(User, self.request.user)


def meeting_or_404(pk: int) -> Meeting:
    return get_object_or_404(selectors.meeting_list(), pk=pk)


def to_meeting(meeting: Meeting, anchor: str = "") -> HttpResponse:
    url = reverse("web:member_council:meeting", args=[meeting.pk])
    return redirect(f"{url}#{anchor}" if anchor else url)


class MeetingListView(CouncilAreaMixin, View):
    """GOV-10: the council meetings still running or to come."""

    def get(self, request: HttpRequest) -> HttpResponse:
        rows = presenters.current_meetings(user=self.representative)
        return render(request, "governance/meetings/member/meeting_list.html", {"rows": rows})


class MeetingView(CouncilAreaMixin, View):
    """A meeting: agenda and motions; for a seat holder the open motions with its ballots and
    the proxy of its seat. Without a seat that day, the meeting is shown read-only."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.render_page(request, meeting_or_404(pk))

    def render_page(
        self, request: HttpRequest, meeting: Meeting, proxy_form: ProxyGiveForm | None = None
    ) -> HttpResponse:
        page = presenters.member_meeting(meeting=meeting, user=self.representative)
        context = {
            "page": page,
            "meeting": meeting,
            "agenda": meeting.agenda.all(),
            "proxy_form": proxy_form or ProxyGiveForm(seats=page.holders),
        }
        return render(request, "governance/meetings/member/meeting.html", context)


class VoteView(CouncilAreaMixin, View):
    """GOV-5, GOV-6: one vote for one seat; the service refuses a seat the representative does
    not vote for (another board's, or one whose proxy it does not hold)."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        meeting = meeting_or_404(pk)
        form = VoteForm(request.POST, meeting=meeting)
        if not form.is_valid():
            messages.error(
                request, _("Choose for, against or abstain on a motion of this meeting.")
            )
            return to_meeting(meeting, "motions")
        motion, seat = form.cleaned_data["motion"], form.cleaned_data["seat"]
        try:
            services.motion_vote(
                motion=motion, seat=seat, vote=form.chosen_vote, by=self.representative
            )
        except RuleViolation as violation:
            messages.error(request, explain(violation))
        else:
            messages.success(
                request,
                _("The vote of %(seat)s on motion %(number)s has been recorded: %(vote)s.")
                % {
                    "seat": seat,
                    "number": motion.number,
                    "vote": dict(VoteChoices.choices)[form.chosen_vote.value],
                },
            )
        return to_meeting(meeting, f"motion-{motion.pk}")


def no_seat() -> str:
    return explain(RuleViolation("governance.voter_holds_no_seat"))


class ProxyGiveView(MeetingView):
    """GOV-6: the representative gives its own seat's vote to the representative of another
    seat; a refusal (the holder already holds 2, a holder without a seat) says why."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        meeting = meeting_or_404(pk)
        seat = selectors.seat_of_user_on(user=self.representative, day=meeting.held_on)
        if seat is None:
            messages.error(request, no_seat())
            return to_meeting(meeting)
        holders = presenters.member_meeting(meeting=meeting, user=self.representative).holders
        form = ProxyGiveForm(request.POST, seats=holders)
        if form.is_valid():
            try:
                proxy = services.proxy_grant(
                    meeting=meeting,
                    grantor=seat,
                    holder=form.cleaned_data["holder"],
                    by=self.representative,
                )
            except RuleViolation as violation:
                form.add_violation(violation)
            else:
                messages.success(
                    request,
                    _("Your seat's proxy has gone to %(holder)s for this meeting.")
                    % {"holder": proxy.holder},
                )
                return to_meeting(meeting, "proxy")
        return self.render_page(request, meeting, form)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return to_meeting(meeting_or_404(pk), "proxy")


class ProxyTakeBackView(CouncilAreaMixin, View):
    """The representative takes its own seat's proxy back; votes cast with it stay cast."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        meeting = meeting_or_404(pk)
        seat = selectors.seat_of_user_on(user=self.representative, day=meeting.held_on)
        given = selectors.proxy_given(meeting=meeting, seat=seat) if seat else None
        if given is None:
            messages.error(request, _("Your seat has not given its proxy for this meeting."))
            return to_meeting(meeting, "proxy")
        try:
            services.proxy_revoke(proxy=given, by=self.representative)
        except RuleViolation as violation:
            messages.error(request, explain(violation))
        else:
            messages.success(request, _("You have taken your seat's proxy back."))
        return to_meeting(meeting, "proxy")


class DecisionListView(CouncilAreaMixin, View):
    """GOV-10: the published decisions with their tallies, and the published minutes; every
    member representative reads them, with or without a seat."""

    def get(self, request: HttpRequest) -> HttpResponse:
        context = {
            "decisions": presenters.published_decisions(),
            "minutes": selectors.meetings_with_published_minutes().order_by("-held_on", "-id"),
        }
        return render(request, "governance/meetings/member/decisions.html", context)
