"""Council meeting forms: they parse the shape of input; the rules (GOV-5, GOV-6, GOV-10) stay in
the governance services, whose refusals the views show beside the form."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bundel.governance.domain import Vote
from bundel.governance.models import AgendaItem, Meeting, Motion, Seat, VoteChoices
from bundel.web.forms import utrecht_widgets
from bundel.web.governance.meetings.presenters import HeldSeat
from bundel.web.membership.forms import UtrechtForm


class PageForm(UtrechtForm):
    """One of several forms on a page: its element ids carry its own prefix, so that no two
    forms share an id (the field names stay as they are)."""

    id_prefix = "id"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)


def seat_field(label: Any, **options: Any) -> forms.ModelChoiceField[Seat]:
    """Any seat passes the form, so that the service can say why a seat is refused (a vacant
    seat, GOV-6); the list offers only the seats held on the meeting day."""
    return forms.ModelChoiceField(
        label=label, queryset=Seat.objects.all(), empty_label=_("Choose a seat"), **options
    )


def offer_seats(field: forms.Field, seats: Iterable[HeldSeat]) -> None:
    field.widget.choices = [("", _("Choose a seat")), *((h.seat.pk, h.label) for h in seats)]


class MeetingForm(PageForm):
    id_prefix = "meeting"

    title = forms.CharField(label=_("Title"), max_length=200)
    held_on = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    place = forms.CharField(label=_("Place (optional)"), max_length=200, required=False)


class AgendaItemForm(PageForm):
    id_prefix = "agenda"

    title = forms.CharField(label=_("Agenda item"), max_length=200)
    description = forms.CharField(
        label=_("Description (optional)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AttendanceForm(PageForm):
    id_prefix = "attendance"

    seat = seat_field(_("Seat present"))
    attended_by = forms.CharField(
        label=_("Attended by (optional)"),
        max_length=200,
        required=False,
        help_text=_("Empty: the seat's named representative."),
    )

    def __init__(self, *args: Any, seats: Iterable[HeldSeat] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offer_seats(self.fields["seat"], seats)


class ProxyForm(PageForm):
    """GOV-6, for the secretary: a seat gives its vote on this meeting's motions to another."""

    id_prefix = "proxy"
    grantor = seat_field(_("Seat that gives its proxy"))
    holder = seat_field(_("Seat that holds the proxy"))

    def __init__(self, *args: Any, seats: Iterable[HeldSeat] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        seats = list(seats)
        offer_seats(self.fields["grantor"], seats)
        offer_seats(self.fields["holder"], seats)


class ProxyGiveForm(PageForm):
    """GOV-6, for a seat holder: its own seat's vote goes to the representative of another."""

    id_prefix = "proxy"
    holder = seat_field(
        _("Give our vote to"),
        help_text=_(
            "The seat whose representative votes for your seat on this meeting's motions. "
            "A representative holds at most 2 proxies."
        ),
    )

    def __init__(self, *args: Any, seats: Iterable[HeldSeat] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offer_seats(self.fields["holder"], seats)


class MotionForm(PageForm):
    id_prefix = "motion"

    title = forms.CharField(label=_("Title of the motion"), max_length=200)
    text = forms.CharField(
        label=_("Text of the motion"), max_length=20000, widget=forms.Textarea(attrs={"rows": 4})
    )
    agenda_item = forms.ModelChoiceField(
        label=_("Agenda item (optional)"),
        queryset=AgendaItem.objects.none(),
        required=False,
        empty_label=_("No agenda item"),
    )

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.agenda.all()  # type: ignore[attr-defined]


class MinutesForm(PageForm):
    id_prefix = "minutes"

    minutes = forms.CharField(
        label=_("Minutes"),
        required=False,
        max_length=100000,
        widget=forms.Textarea(attrs={"rows": 8}),
    )


VOTE_CHOICES = [(choice.value, choice.label) for choice in VoteChoices]


class VoteForm(forms.Form):
    """A seat holder's vote on an open motion of this meeting, for one seat."""

    motion = forms.ModelChoiceField(queryset=Motion.objects.none())
    seat = forms.ModelChoiceField(queryset=Seat.objects.all())
    vote = forms.ChoiceField(choices=VOTE_CHOICES)

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["motion"].queryset = meeting.motions.all()  # type: ignore[attr-defined]

    @property
    def chosen_vote(self) -> Vote:
        return Vote(self.cleaned_data["vote"])


def seat_field_name(seat: Seat) -> str:
    return f"seat_{seat.pk}"


class ShowOfHandsForm(PageForm):
    """GOV-5: the secretary records the votes of a show of hands, one choice per seat."""

    id_prefix = "hands"

    def __init__(self, *args: Any, seats: Iterable[HeldSeat] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.seats = list(seats)
        for held in self.seats:
            self.fields[seat_field_name(held.seat)] = forms.ChoiceField(
                label=_("Vote of %(seat)s") % {"seat": held.label},
                choices=[("", _("no vote recorded")), *VOTE_CHOICES],
                required=False,
            )
        utrecht_widgets(self)

    def field_for(self, seat: Seat) -> forms.BoundField:
        return self[seat_field_name(seat)]

    def chosen(self) -> list[tuple[Seat, Vote]]:
        """The seats given a vote, in the order of the list."""
        return [
            (held.seat, Vote(self.cleaned_data[seat_field_name(held.seat)]))
            for held in self.seats
            if self.cleaned_data.get(seat_field_name(held.seat))
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.errors and not self.chosen():
            raise forms.ValidationError(_("Choose a vote for at least one seat."))
        return cleaned
