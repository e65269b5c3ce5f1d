"""Billing forms: they parse and check the shape of input; the rules stay in the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from bundel.billing.errors import MESSAGES
from bundel.billing.models import (
    BillingSettings,
    ChargeKind,
    KindChoices,
    Payment,
    VatCategoryChoices,
)
from bundel.billing.services.accounts import SELLER_FIELDS
from bundel.shared.errors import RuleViolation
from bundel.shared.explain import explain
from bundel.web.forms import utrecht_widgets
from bundel.web.membership.forms import UtrechtForm, money

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def date_field(label: Any, **options: Any) -> forms.DateField:
    return forms.DateField(label=label, widget=DATE_WIDGET, **options)


# --- Billing runs ------------------------------------------------------------------------------


class RunForm(UtrechtForm):
    """FEE-1: a run for a year (the membership fee) or a month (later: service fees)."""

    field_of_code = {
        "billing.invalid_period": "period",
        "billing.run_in_progress": "period",
    }

    period = forms.CharField(
        label=_("Period"),
        max_length=7,
        help_text=_("A year (2026) or a month (2026-03)."),
        error_messages={"required": MESSAGES["billing.invalid_period"]},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


class CollectionForm(UtrechtForm):
    """A SEPA direct-debit file: the day the bank collects."""

    field_of_code = {"billing.collection_date_past": "collection_date"}

    collection_date = date_field(
        _("Collection date"),
        help_text=_("The day the bank collects the amounts; not in the past."),
    )


# --- Invoices ----------------------------------------------------------------------------------

STATUS_CHOICES = [
    ("open", _("outstanding")),
    ("partly_paid", _("partly paid")),
    ("paid", _("paid")),
    ("credited", _("credited")),
]


class InvoiceFilterForm(UtrechtForm):
    q = forms.CharField(
        label=_("Board"),
        required=False,
        max_length=100,
        help_text=_("DUO number or name"),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("Invoices and credit notes")), *KindChoices.choices],
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses")), *STATUS_CHOICES]
    )
    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=2000,
        max_value=2999,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class CreditNoteForm(UtrechtForm):
    """A correction: whole lines of the invoice, with the reason on the credit note."""

    field_of_code = {
        "billing.no_lines_to_credit": "positions",
        "billing.line_not_on_invoice": "positions",
        "billing.line_already_credited": "positions",
        "billing.reason_required": "reason",
    }

    positions = forms.TypedMultipleChoiceField(
        label=_("Lines to credit"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": MESSAGES["billing.no_lines_to_credit"]},
    )
    reason = forms.CharField(
        label=_("Reason for the credit note"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("It is printed on the credit note."),
        error_messages={"required": MESSAGES["billing.reason_required"]},
    )

    def __init__(self, *args: Any, lines: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["positions"].choices = lines  # type: ignore[attr-defined]


class PaymentForm(UtrechtForm):
    field_of_code = {
        "billing.payment_positive": "amount",
        "billing.payment_exceeds_open": "amount",
    }

    amount = money(_("Amount"))
    paid_on = date_field(_("Paid on"))
    method = forms.ChoiceField(
        label=_("Method"), choices=Payment.Method.choices, initial=Payment.Method.TRANSFER
    )
    reference = forms.CharField(
        label=_("Reference (optional)"),
        max_length=140,
        required=False,
        help_text=_("For example the description on the bank statement."),
    )


class StatementForm(UtrechtForm):
    field_of_code = {"billing.camt_unreadable": "statement"}

    statement = forms.FileField(
        label=_("Bank statement (CAMT.053)"),
        help_text=_(
            "The XML file of the bank statement (camt.053.001.02). Importing it again records "
            "nothing twice."
        ),
    )


# --- Settings ----------------------------------------------------------------------------------


class SellerForm(forms.ModelForm):  # type: ignore[type-arg]
    """The cooperative's own data; the service checks IBAN, BIC and creditor ID."""

    field_of_code = {
        "billing.invalid_iban": "iban",
        "billing.invalid_bic": "bic",
        "billing.invalid_creditor_id": "creditor_id",
    }

    class Meta:
        model = BillingSettings
        fields = SELLER_FIELDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        utrecht_widgets(self)

    def add_violation(self, violation: RuleViolation) -> None:
        field = self.field_of_code.get(violation.code)
        self.add_error(field if field in self.fields else None, explain(violation))


class FeeVatForm(UtrechtForm):
    """FEE-4: the VAT category and rate of one kind of fee, for invoices issued from now on."""

    field_of_code = {
        "billing.standard_rate_positive": "percent",
        "billing.rate_must_be_zero": "percent",
    }

    category = forms.ChoiceField(
        label=capfirst(_("VAT category")), choices=VatCategoryChoices.choices
    )
    percent = forms.DecimalField(
        label=capfirst(_("VAT rate (%)")),
        max_digits=5,
        decimal_places=2,
        min_value=0,
        max_value=100,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    exemption_reason = forms.CharField(
        label=_("Reason for exemption"),
        max_length=200,
        required=False,
        help_text=_("Printed on the invoice when the fee is exempt from VAT."),
    )

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, prefix=kind, **kwargs)
        self.kind = ChargeKind(kind)


# --- Member area -------------------------------------------------------------------------------


class MandateForm(UtrechtForm):
    """A SEPA direct-debit mandate, signed today by the representative."""

    field_of_code = {
        "billing.invalid_iban": "iban",
        "billing.invalid_bic": "bic",
        "billing.mandate_holder_required": "account_holder",
    }

    iban = forms.CharField(
        label=_("IBAN"),
        max_length=42,
        help_text=_("The account the cooperative may collect its invoices from."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    account_holder = forms.CharField(
        label=_("Account holder"),
        max_length=200,
        error_messages={"required": MESSAGES["billing.mandate_holder_required"]},
    )
    bic = forms.CharField(label=_("BIC (optional)"), max_length=11, required=False)
    confirmed = forms.BooleanField(
        label=_(
            "We authorise the cooperative to collect the amounts of its invoices from this "
            "account, and our bank to debit them."
        ),
        error_messages={"required": _("Tick the box to confirm.")},
    )
