"""Staff pages of council meetings (GOV-5, GOV-6, GOV-10): every staff role reads them; the
council secretary and the administrator (governance.manage_council) run the meeting: agenda,
attendance, proxies, motions, a show of hands, and the minutes with the decisions."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from bundel.accounts.models import User
from bundel.governance import policies, selectors, services
from bundel.governance.models import Meeting, Motion, VoteChoices
from bundel.shared.errors import RuleViolation
from bundel.shared.explain import explain
from bundel.web.access import StaffRequiredMixin
from bundel.web.governance.meeting_forms import (
    AgendaItemForm,
    AttendanceForm,
    MeetingForm,
    MinutesForm,
    MotionForm,
    ProxyForm,
    ShowOfHandsForm,
)
from bundel.web.governance.meetings import presenters
from bundel.web.membership.forms import UtrechtForm

MANAGE = "governance.manage_council"


def staff(request: HttpRequest) -> User:
    """The signed-in staff member (StaffRequiredMixin has let only staff in)."""
    return cast(User, request.user)


def meeting_or_404(pk: int) -> Meeting:
    return get_object_or_404(selectors.meeting_list(), pk=pk)


def motion_or_404(pk: int) -> Motion:
    return get_object_or_404(Motion.objects.select_related("meeting", "agenda_item"), pk=pk)


def to_meeting(meeting: Meeting, anchor: str = "") -> HttpResponse:
    url = reverse("web:meetings:meeting-detail", args=[meeting.pk])
    return redirect(f"{url}#{anchor}" if anchor else url)


# --- The meetings ---------------------------------------------------------------------------


def meeting_list(request: HttpRequest, form: MeetingForm) -> HttpResponse:
    context = {"meetings": selectors.meeting_list(), "form": form}
    return render(request, "governance/meetings/staff/meeting_list.html", context)


class MeetingListView(StaffRequiredMixin, View):
    """GOV-10: the council's meetings, newest first, and a new one."""

    def get(self, request: HttpRequest) -> HttpResponse:
        return meeting_list(request, MeetingForm())


class MeetingCreateView(StaffRequiredMixin, View):
    permission_required = MANAGE

    def post(self, request: HttpRequest) -> HttpResponse:
        form = MeetingForm(request.POST)
        if not form.is_valid():
            return meeting_list(request, form)
        meeting = services.meeting_create(**form.cleaned_data, by=staff(request))
        messages.success(
            request, _("The meeting %(title)s has been created.") % {"title": meeting.title}
        )
        return to_meeting(meeting)


def meeting_detail(request: HttpRequest, meeting: Meeting, **forms: UtrechtForm) -> HttpResponse:
    """The meeting's page, with any submitted form that needs correcting in place of a blank one."""
    seats = presenters.held_seats(meeting)
    context = {
        "meeting": meeting,
        "agenda": meeting.agenda.all(),
        "attendance": presenters.attendance_rows(meeting, seats),
        "proxies": selectors.proxies_of(meeting=meeting).select_related("granted_by"),
        "motions": meeting.motions.select_related("agenda_item"),
        "is_open": meeting.closed_at is None,
        "agenda_form": AgendaItemForm(),
        "attendance_form": AttendanceForm(seats=seats),
        "proxy_form": ProxyForm(seats=seats),
        "motion_form": MotionForm(meeting=meeting),
        "minutes_form": MinutesForm(initial={"minutes": meeting.minutes}),
        **forms,
    }
    return render(request, "governance/meetings/staff/meeting_detail.html", context)


class MeetingDetailView(StaffRequiredMixin, View):
    """GOV-10: agenda, attendance per seat, proxies, motions and minutes."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return meeting_detail(request, meeting_or_404(pk))


class MeetingFormView(StaffRequiredMixin, View):
    """One form of the meeting page: valid input goes to one service; a refusal is shown beside
    the form, and nothing is written."""

    permission_required = MANAGE
    form_name = ""
    anchor = ""

    def make_form(self, meeting: Meeting, data: Any) -> UtrechtForm:
        raise NotImplementedError

    def perform(self, request: HttpRequest, meeting: Meeting, form: Any) -> str:
        """Calls the service; returns the success message."""
        raise NotImplementedError

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        meeting = meeting_or_404(pk)
        form = self.make_form(meeting, request.POST)
        if form.is_valid():
            try:
                message = self.perform(request, meeting, form)
            except RuleViolation as violation:
                form.add_violation(violation)
            else:
                messages.success(request, message)
                return to_meeting(meeting, self.anchor)
        return meeting_detail(request, meeting, **{self.form_name: form})


class AgendaItemAddView(MeetingFormView):
    form_name, anchor = "agenda_form", "agenda"

    def make_form(self, meeting: Meeting, data: Any) -> UtrechtForm:
        return AgendaItemForm(data)

    def perform(self, request: HttpRequest, meeting: Meeting, form: Any) -> str:
        item = services.agenda_item_add(meeting=meeting, **form.cleaned_data, by=staff(request))
        return _("Agenda item %(item)s has been added.") % {"item": item}


class AttendanceRecordView(MeetingFormView):
    form_name, anchor = "attendance_form", "attendance"

    def make_form(self, meeting: Meeting, data: Any) -> UtrechtForm:
        return AttendanceForm(data, seats=presenters.held_seats(meeting))

    def perform(self, request: HttpRequest, meeting: Meeting, form: Any) -> str:
        row = services.attendance_record(meeting=meeting, **form.cleaned_data, by=staff(request))
        return _("%(seat)s is present, represented by %(person)s.") % {
            "seat": row.seat,
            "person": row.attended_by,
        }


class ProxyGrantView(MeetingFormView):
    """GOV-6: the secretary records a proxy on behalf of the seat that gives it."""

    form_name, anchor = "proxy_form", "proxies"

    def make_form(self, meeting: Meeting, data: Any) -> UtrechtForm:
        return ProxyForm(data, seats=presenters.held_seats(meeting))

    def perform(self, request: HttpRequest, meeting: Meeting, form: Any) -> str:
        proxy = services.proxy_grant(meeting=meeting, **form.cleaned_data, by=staff(request))
        return _("%(grantor)s has given its proxy to %(holder)s.") % {
            "grantor": proxy.grantor,
            "holder": proxy.holder,
        }


class ProxyRevokeView(StaffRequiredMixin, View):
    permission_required = MANAGE

    def post(self, request: HttpRequest, pk: int, proxy: int) -> HttpResponse:
        meeting = meeting_or_404(pk)
        given = get_object_or_404(selectors.proxies_of(meeting=meeting), pk=proxy)
        try:
            services.proxy_revoke(proxy=given, by=staff(request))
        except RuleViolation as violation:
            messages.error(request, explain(violation))
        else:
            messages.success(
                request, _("%(grantor)s has taken its proxy back.") % {"grantor": given.grantor}
            )
        return to_meeting(meeting, "proxies")


class MotionAddView(StaffRequiredMixin, View):
    """A new motion opens on its own page, where the secretary puts it to the vote."""

    permission_required = MANAGE

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        meeting = meeting_or_404(pk)
        form = MotionForm(request.POST, meeting=meeting)
        if form.is_valid():
            try:
                motion = services.motion_add(
                    meeting=meeting, **form.cleaned_data, by=staff(request)
                )
            except RuleViolation as violation:
                form.add_violation(violation)
            else:
                messages.success(
                    request, _("Motion %(motion)s has been added.") % {"motion": motion}
                )
                return redirect("web:meetings:motion-detail", pk=motion.pk)
        return meeting_detail(request, meeting, motion_form=form)


class MinutesSaveView(MeetingFormView):
    form_name, anchor = "minutes_form", "minutes"

    def make_form(self, meeting: Meeting, data: Any) -> UtrechtForm:
        return MinutesForm(data)

    def perform(self, request: HttpRequest, meeting: Meeting, form: Any) -> str:
        services.minutes_save(meeting=meeting, **form.cleaned_data, by=staff(request))
        return _("The minutes have been saved.")


class MinutesPublishView(StaffRequiredMixin, View):
    """GOV-10: the minutes and the decided motions become visible to every member; the meeting
    closes."""

    permission_required = MANAGE

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        meeting = meeting_or_404(pk)
        try:
            services.minutes_publish(meeting=meeting, by=staff(request))
        except RuleViolation as violation:
            messages.error(request, explain(violation))
        else:
            messages.success(
                request,
                _("The minutes and the decisions have been published to the members."),
            )
        return to_meeting(meeting, "minutes")


# --- Motions --------------------------------------------------------------------------------


def motion_detail(
    request: HttpRequest, motion: Motion, hands_form: ShowOfHandsForm | None = None
) -> HttpResponse:
    seats = presenters.held_seats(motion.meeting)
    form = hands_form or ShowOfHandsForm(seats=seats)
    rows = presenters.vote_rows(motion, seats)
    voted = sum(row.vote is not None for row in rows)
    context = {
        "motion": motion,
        "meeting": motion.meeting,
        "rows": [(row, None if row.vote else form.field_for(row.seat)) for row in rows],
        "voted": voted,
        "hands_form": form,
        "tally": presenters.motion_tally_view(motion),
        # A show of hands is recorded while the vote is open, for the seats that have not voted.
        "can_record": motion.status == Motion.Status.OPEN and voted < len(rows),
        "chambers_needed": policies.governance_policy().chambers_needed,
    }
    return render(request, "governance/meetings/staff/motion_detail.html", context)


class MotionDetailView(StaffRequiredMixin, View):
    """GOV-5: the votes per seat and the tally with both tests and the outcome."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return motion_detail(request, motion_or_404(pk))


class MotionOpenView(StaffRequiredMixin, View):
    permission_required = MANAGE

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        motion = motion_or_404(pk)
        try:
            services.motion_open(motion=motion, by=staff(request))
        except RuleViolation as violation:
            messages.error(request, explain(violation))
        else:
            messages.success(request, _("The motion is open: seat holders can vote."))
        return redirect("web:meetings:motion-detail", pk=pk)


class MotionCloseView(StaffRequiredMixin, View):
    """GOV-5: the vote closes and the tally is taken once."""

    permission_required = MANAGE

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        motion = motion_or_404(pk)
        try:
            closed = services.motion_close(motion=motion, by=staff(request))
        except RuleViolation as violation:
            messages.error(request, explain(violation))
        else:
            messages.success(
                request,
                _("The vote is closed: the motion has passed.")
                if closed.passed
                else _("The vote is closed: the motion has failed."),
            )
        return redirect("web:meetings:motion-detail", pk=pk)


class ShowOfHandsView(StaffRequiredMixin, View):
    """GOV-5: the secretary records a show of hands for the seats chosen; one refusal writes
    none of them."""

    permission_required = MANAGE

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        motion = motion_or_404(pk)
        form = ShowOfHandsForm(request.POST, seats=presenters.held_seats(motion.meeting))
        if not form.is_valid():
            return motion_detail(request, motion, form)
        chosen = form.chosen()
        try:
            with transaction.atomic():
                for seat, vote in chosen:
                    services.motion_vote(
                        motion=motion, seat=seat, vote=vote, by=staff(request), show_of_hands=True
                    )
        except RuleViolation as violation:
            form.add_violation(violation)
            return motion_detail(request, motion, form)
        labels = dict(VoteChoices.choices)
        messages.success(
            request,
            _("The show of hands has been recorded: %(votes)s.")
            % {"votes": ", ".join(f"{seat} {labels[vote.value]}" for seat, vote in chosen)},
        )
        return redirect("web:meetings:motion-detail", pk=pk)
