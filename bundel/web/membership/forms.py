"""Membership forms: they parse and check the shape of input; the rules stay in the services."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from bundel.accounts.models import User
from bundel.membership.errors import MESSAGES
from bundel.membership.models import Membership
from bundel.membership.services import ApplicationData
from bundel.registry.models import ChamberChoices
from bundel.shared.errors import RuleViolation
from bundel.shared.explain import explain
from bundel.web.forms import utrecht_widgets


class UtrechtForm(forms.Form):
    """A form whose widgets carry the NL Design System classes."""

    # RuleViolation codes that belong to one field rather than to the whole form.
    field_of_code: dict[str, str] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        utrecht_widgets(self)

    def add_violation(self, violation: RuleViolation) -> None:
        """A refusal of the service, in words, beside the field it is about (or on top)."""
        field = self.field_of_code.get(violation.code)
        self.add_error(field if field in self.fields else None, explain(violation))


def money(label: Any, **options: Any) -> forms.DecimalField:
    """FEE-4: euros to the cent, typed the Dutch way (1250,50) or with a point."""
    return forms.DecimalField(
        label=label,
        max_digits=12,
        decimal_places=2,
        min_value=Decimal(0),
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        **options,
    )


def text(label: Any, max_length: int, **options: Any) -> forms.CharField:
    return forms.CharField(label=label, max_length=max_length, **options)


def long_text(
    label: Any, *, rows: int = 3, required_code: str = "", **options: Any
) -> forms.CharField:
    """A textarea; `required_code` words a missing value as the service would refuse it."""
    if required_code:
        options["error_messages"] = {"required": MESSAGES[required_code]}
    return forms.CharField(label=label, widget=forms.Textarea(attrs={"rows": rows}), **options)


def confirm(label: Any) -> forms.BooleanField:
    return forms.BooleanField(
        label=label, error_messages={"required": _("Tick the box to confirm.")}
    )


# --- Word lid (public) -----------------------------------------------------------------------


class JoinSearchForm(UtrechtForm):
    q = forms.CharField(
        label=_("Find your board"),
        required=False,
        max_length=100,
        help_text=_("DUO number of the board, its name or the BRIN code of one of its schools"),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )


KVK = RegexValidator(r"^[0-9]{8}$", _("A KvK number has 8 digits."))
OIN = RegexValidator(r"^[0-9]{20}$", _("An OIN has 20 digits."))


class ApplicationForm(UtrechtForm):
    """MEM-2: the contact, the signer and their authority, and the billing details."""

    field_of_code = {
        "membership.kvk_or_oin_needed": "kvk_number",
        "membership.terms_not_accepted": "terms_accepted",
    }

    contact_name = text(_("Contact person"), 200, widget=forms.TextInput({"autocomplete": "name"}))
    contact_email = forms.EmailField(
        label=_("E-mail of the contact person"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    contact_phone = text(
        _("Phone of the contact person (optional)"),
        40,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    signer_name = text(
        _("Signed by"), 200, help_text=_("The person who signs the membership for the board.")
    )
    signer_authority = text(
        _("Authority of the signer"),
        200,
        help_text=_("For example: chair of the executive board, authorised by the articles."),
    )
    invoice_address = long_text(_("Invoice address"), max_length=1000)
    invoice_email = forms.EmailField(label=_("E-mail for invoices"), max_length=254)
    kvk_number = text(
        _("KvK number"),
        8,
        required=False,
        validators=[KVK],
        help_text=_("Give the KvK number or the OIN (public bodies)."),
    )
    oin = text(_("OIN"), 20, required=False, validators=[OIN])
    vat_number = text(_("VAT number (if any)"), 20, required=False)
    buyer_reference = text(
        _("Buyer reference on invoices"),
        100,
        help_text=_("The reference your administration wants on every invoice."),
    )
    peppol_id = text(_("Peppol ID (if any)"), 100, required=False)
    terms_accepted = confirm(
        _("We accept the articles of association and the terms of membership of the cooperative.")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["terms_accepted"].error_messages["required"] = MESSAGES[
            "membership.terms_not_accepted"
        ]

    def application_data(self) -> ApplicationData:
        return ApplicationData(**self.cleaned_data)


class InterestForm(UtrechtForm):
    contact_name = text(_("Contact person"), 200, widget=forms.TextInput({"autocomplete": "name"}))
    contact_email = forms.EmailField(
        label=_("E-mail"), max_length=254, widget=forms.EmailInput({"autocomplete": "email"})
    )
    note = long_text(_("Note (optional)"), required=False, max_length=2000)


class InvitationAcceptForm(UtrechtForm):
    """ACC-1: the invited person chooses a user name and a password."""

    field_of_code = {"accounts.username_taken": "username"}

    username = forms.CharField(
        label=_("User name"),
        max_length=150,
        validators=[User.username_validator],
        help_text=_("Letters, digits and @ . + - _ only."),
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters, not only digits, not a common password."),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            try:
                password_validation.validate_password(
                    first, User(username=cleaned.get("username", ""))
                )
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


# --- Staff ---------------------------------------------------------------------------------


class ApplicationFilterForm(UtrechtForm):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Pending")), ("approved", _("Approved")), ("rejected", _("Rejected"))],
    )


class RejectForm(UtrechtForm):
    field_of_code = {"membership.rejection_needs_reason": "reason"}

    reason = long_text(
        _("Reason for the rejection"),
        required_code="membership.rejection_needs_reason",
        max_length=2000,
        help_text=_("The board's contact receives this reason by e-mail."),
    )


class MemberFilterForm(UtrechtForm):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        help_text=_("DUO number or name"),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *Membership.Status.choices],
    )
    chamber = forms.ChoiceField(
        label=_("Chamber"),
        required=False,
        choices=[("", _("All chambers")), *ChamberChoices.choices],
    )


class CooperativeNoticeForm(UtrechtForm):
    """MEM-4: notice on the cooperative's behalf needs a reason."""

    field_of_code = {"membership.notice_needs_reason": "reason"}

    reason = long_text(
        _("Reason for the notice"),
        required_code="membership.notice_needs_reason",
        max_length=2000,
        help_text=_("Why the member no longer meets the conditions. The board receives it."),
    )
    confirmed = confirm(_("I give notice on the cooperative's behalf with the last day above."))


class CommitmentForm(UtrechtForm):
    """MEM-5: a long-term commitment the cooperative invested for, entered by hand."""

    service = text(_("Service"), 200)
    starts_on = forms.DateField(
        label=_("Starts on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    term_months = forms.IntegerField(label=_("Term in months"), min_value=1, max_value=600)
    investment = money(_("Investment by the cooperative"))
    yearly_fee = money(_("Expected fees a year"))


class SettlementProposeForm(UtrechtForm):
    successor_absorbs = money(
        _("Absorbed by a successor"),
        initial=Decimal("0.00"),
        help_text=_("The part a successor takes over; it is deducted."),
    )
    explanation = long_text(_("Explanation for the member (optional)"), required=False)


class SettlementEditForm(UtrechtForm):
    """MEM-5: each part of the formula, editable while the settlement is proposed."""

    unrecovered_investment = money(_("Unrecovered investments"))
    expected_fees = money(_("Expected fees for the committed remainder"))
    successor_absorbs = money(_("Absorbed by a successor"))
    explanation = long_text(_("Explanation for the member"), required=False)


class SettlementDecideForm(UtrechtForm):
    field_of_code = {"membership.opinion_needed": "opinion"}

    opinion = long_text(
        _("Opinion of the advisory committee"),
        rows=5,
        required_code="membership.opinion_needed",
        max_length=5000,
    )
    final_amount = money(_("Final amount"))


# --- Member area ---------------------------------------------------------------------------


class MemberNoticeForm(UtrechtForm):
    """MEM-4: the member confirms the notice after seeing its last day."""

    reason = long_text(_("Reason (optional)"), required=False, max_length=2000)
    confirmed = confirm(_("We give notice of our membership with the last day above."))


class SettlementDisputeForm(UtrechtForm):
    field_of_code = {"membership.dispute_needs_reason": "reason"}

    reason = long_text(
        _("Why do you dispute the settlement?"),
        rows=5,
        required_code="membership.dispute_needs_reason",
        max_length=5000,
        help_text=_("The advisory committee reads your reason."),
    )


class RepresentativeInviteForm(UtrechtForm):
    name = text(_("Name"), 200)
    email = forms.EmailField(label=_("E-mail"), max_length=254)
