"""Forms of the council, elections, organs and advice pages: they parse and check the shape of
input; the rules (GOV-2 … GOV-9) stay in the governance services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from bundel.governance import domain
from bundel.governance.errors import MESSAGES
from bundel.governance.models import Candidate, OrganChoices
from bundel.registry import selectors as registry_selectors
from bundel.registry.models import Board
from bundel.web.membership.forms import UtrechtForm, confirm, long_text, text


def date_field(label: Any, **options: Any) -> forms.DateField:
    return forms.DateField(
        label=label, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), **options
    )


def moment_field(label: Any, **options: Any) -> forms.DateTimeField:
    """A date and time, typed in the browser's own picker (Amsterdam time)."""
    return forms.DateTimeField(
        label=label,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        **options,
    )


def required(code: str) -> dict[str, Any]:
    """A missing value worded as the service would refuse it."""
    return {"required": MESSAGES[code]}


REPRESENTATIVE_REQUIRED = required("governance.representative_required")


def board_field(label: Any, **options: Any) -> forms.CharField:
    """A school board by its DUO number; a `<datalist>` beside it offers the likely boards."""
    return forms.CharField(
        label=label,
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
        **options,
    )


class BoardChoiceForm(UtrechtForm):
    """A form with board fields: the DUO number becomes the board from the register, and the
    service decides whether that board may take the place (member, chamber, terms)."""

    board_fields: tuple[str, ...] = ("board",)

    def __init__(self, *args: Any, datalist: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in self.board_fields:
            if datalist:
                self.fields[name].widget.attrs["list"] = datalist

    def board_of(self, name: str) -> Board | None:
        number = (self.cleaned_data.get(name) or "").strip()
        if not number:
            return None
        board = registry_selectors.board_get(number=number)
        if board is None:
            raise forms.ValidationError(
                _("There is no school board with DUO number %(number)s in the register."),
                params={"number": number},
            )
        return board

    def clean_board(self) -> Board | None:
        return self.board_of("board")


# --- GOV-2, GOV-3: seats and terms ------------------------------------------------------------


class SeatAppointForm(BoardChoiceForm):
    field_of_code = {
        "governance.not_a_member": "board",
        "governance.seat_other_chamber": "board",
        "governance.third_consecutive_term": "board",
        "governance.terms_overlap": "board",
        "governance.representative_required": "representative_name",
        "governance.term_too_long": "ends_on",
        "governance.term_ends_before_start": "ends_on",
    }

    board = board_field(
        _("School board (DUO number)"),
        help_text=_("Choose one of the member boards of this chamber, or type a DUO number."),
    )
    representative_name = text(
        _("Representative"),
        200,
        help_text=_("The person who takes the seat for the board."),
        error_messages=REPRESENTATIVE_REQUIRED,
    )
    starts_on = date_field(_("Term starts"))
    ends_on = date_field(
        _("Term ends (optional)"),
        required=False,
        help_text=_("Leave empty for the full term of 4 years."),
    )


class TermEndForm(UtrechtForm):
    field_of_code = {"governance.term_ends_before_start": "on"}

    on = date_field(_("Last day of the term"))


class RepresentativeForm(UtrechtForm):
    field_of_code = {"governance.representative_required": "name"}

    name = text(_("New representative"), 200, error_messages=REPRESENTATIVE_REQUIRED)


# --- GOV-4: elections -------------------------------------------------------------------------


class ElectionForm(UtrechtForm):
    field_of_code = {
        "governance.election_window": "closes_at",
        "governance.election_window_after_member_day": "closes_at",
    }

    name = text(_("Name"), 200, help_text=_("For example: Election for the member day 2026."))
    member_day = date_field(_("Member day"))
    opens_at = moment_field(_("Voting opens"))
    closes_at = moment_field(
        _("Voting closes"), help_text=_("The voting closes on or before the member day.")
    )


class CandidateForm(BoardChoiceForm):
    field_of_code = {
        "governance.not_a_member": "board",
        "governance.no_vacancy": "board",
        "governance.voter_without_chamber": "board",
        "governance.candidate_twice": "board",
        "governance.third_consecutive_term": "board",
        "governance.terms_overlap": "board",
        "governance.representative_required": "representative_name",
    }

    board = board_field(
        _("Candidate board (DUO number)"),
        help_text=_("A member board of a chamber with vacancies."),
    )
    representative_name = text(
        _("Representative"),
        200,
        help_text=_("The person who would take the seat."),
        error_messages=REPRESENTATIVE_REQUIRED,
    )


class TieResolveForm(UtrechtForm):
    confirmed = confirm(_("The member day decided by its rule that this candidate takes the seat."))


class BallotForm(UtrechtForm):
    """GOV-4: one candidate of the election; the service checks the voter's chamber."""

    candidate = forms.ModelChoiceField(
        label=_("Your vote"),
        queryset=Candidate.objects.none(),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a candidate."),
            "invalid_choice": _("This candidate does not stand in this election."),
        },
    )

    def __init__(self, *args: Any, candidates: QuerySet[Candidate], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["candidate"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = candidates


# --- GOV-1, GOV-8, GOV-9: the organs ----------------------------------------------------------


class OfficeHolderForm(BoardChoiceForm):
    field_of_code = {
        "governance.supervisor_not_independent": "employer_board",
        "governance.office_term_too_long": "ends_on",
        "governance.term_ends_before_start": "ends_on",
    }
    board_fields = ("employer_board",)

    organ = forms.ChoiceField(
        label=_("Organ"),
        choices=[(o.value, OrganChoices(o.value).label) for o in domain.OFFICE_ORGANS],
    )
    name = text(_("Name"), 200)
    role = text(_("Role (optional)"), 100, required=False, help_text=_("For example: chair."))
    employer_name = text(_("Employer"), 200)
    employer_board = board_field(
        _("Employer in the register (optional)"),
        required=False,
        help_text=_(
            "The DUO number if the employer is a school board. A supervisor may not be employed "
            "by a member board."
        ),
    )
    starts_on = date_field(_("Term starts"))
    ends_on = date_field(
        _("Term ends (optional)"),
        required=False,
        help_text=_("Leave empty for the full term of 4 years."),
    )

    def clean_employer_board(self) -> Board | None:
        return self.board_of("employer_board")


class OfficeEndForm(UtrechtForm):
    field_of_code = {"governance.term_ends_before_start": "on"}

    on = date_field(_("Last day"))


class SupervisorySizeForm(UtrechtForm):
    field_of_code = {
        "governance.supervisory_size": "size",
        "governance.supervisory_size_below_seated": "size",
    }

    size = forms.IntegerField(
        label=_("Number of supervisors"),
        min_value=0,
        max_value=99,
        help_text=_("The council sets a number from 3 to 5."),
    )
    decided_on = date_field(_("Decided by the council on"))


# --- GOV-7: advice ----------------------------------------------------------------------------


class AdviceForm(UtrechtForm):
    field_of_code = {
        "governance.advice_request_date": "requested_on",
        "governance.advice_before_request": "given_on",
    }

    subject = text(_("Subject"), 200)
    asked = forms.BooleanField(label=_("The executive board asked for this advice"), required=False)
    requested_on = date_field(
        _("Asked on"), required=False, help_text=_("Only for advice that was asked.")
    )
    question = long_text(_("Question of the executive board (optional)"), required=False)
    advice = long_text(_("Advice of the council"), rows=5, max_length=10000)
    given_on = date_field(_("Advice given on"))


class AdviceResponseForm(UtrechtForm):
    field_of_code = {
        "governance.response_before_advice": "responded_on",
        "governance.response_required": "response",
    }

    response = long_text(
        _("Response of the executive board"),
        rows=5,
        max_length=10000,
        error_messages=required("governance.response_required"),
    )
    responded_on = date_field(_("Responded on"))
