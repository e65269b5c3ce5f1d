from django.utils.translation import gettext_lazy as _

MESSAGES = {
    "billing.standard_rate_positive": _("The standard VAT rate must be above zero."),
    "billing.rate_must_be_zero": _("VAT category %(category)s has a rate of 0%%."),
    "billing.period_ends_before_start": _("A period cannot end before it starts."),
    "billing.sequence_starts_at_one": _("Invoice numbers start at 1."),
    "billing.numbering_gap": _(
        "Invoice numbering has a gap: expected %(expected)s, found %(found)s."
    ),
    "billing.credit_positive": _("A credit note credits an amount above zero."),
    "billing.credit_exceeds_invoice": _(
        "A credit note cannot credit more than is left of the invoice (EUR %(left)s)."
    ),
    "billing.invalid_period": _("Give the period as a year (2026) or a month (2026-03)."),
    "billing.run_in_progress": _("A billing run for %(period)s is already in progress."),
    "billing.not_an_invoice": _("Only an invoice can be credited, not a credit note."),
    "billing.no_lines_to_credit": _("Choose at least one line to credit."),
    "billing.line_not_on_invoice": _("That line is not on this invoice."),
    "billing.reason_required": _("Give the reason for the credit note."),
    "billing.payment_positive": _("A payment is an amount above zero."),
    "billing.payment_exceeds_open": _("The payment is more than is open (EUR %(open)s)."),
    "billing.invoice_not_found": _("There is no invoice %(number)s."),
    "billing.mandate_holder_required": _("Give the name of the account holder."),
    "billing.mandate_in_future": _("A mandate cannot be signed in the future."),
    "billing.no_active_mandate": _("The board has no active direct-debit mandate."),
    "billing.nothing_to_collect": _("There are no open invoices with a mandate to collect."),
    "billing.collection_date_past": _("The collection date cannot be in the past."),
    "billing.settings_incomplete": _(
        "Fill in the cooperative's %(fields)s in the billing settings before issuing invoices."
    ),
    "billing.line_already_credited": _("A line of this invoice has already been credited."),
    "billing.invalid_iban": _(
        "%(iban)s is not a valid IBAN: check the number and its check digits."
    ),
    "billing.invalid_bic": _("%(bic)s is not a valid BIC."),
    "billing.invalid_creditor_id": _("%(creditor_id)s is not a valid SEPA creditor identifier."),
    "billing.sepa_creditor_incomplete": _(
        "The cooperative's %(field)s is missing from the billing settings; a direct-debit file "
        "needs it."
    ),
    "billing.sepa_nothing_to_collect": _(
        "There is nothing to collect: the direct-debit file would be empty."
    ),
    "billing.sepa_duplicate_invoice": _(
        "Invoice %(invoice)s appears more than once in the direct-debit run."
    ),
    "billing.sepa_reference_invalid": _(
        "%(value)s cannot be used as a SEPA %(field)s: at most 35 characters from A–Z, a–z, 0–9, "
        "space and / - ? : ( ) . , ' +, not starting or ending with / and without //."
    ),
    "billing.debit_amount_not_positive": _(
        "Invoice %(invoice)s: only a positive amount can be collected by direct debit."
    ),
    "billing.debit_amount_not_in_cents": _(
        "Invoice %(invoice)s: the amount has fractions of a cent."
    ),
    "billing.debit_amount_too_large": _(
        "Invoice %(invoice)s: the amount is above the SEPA maximum of € 999,999,999.99."
    ),
    "billing.debtor_name_missing": _("Invoice %(invoice)s: the board's name is missing."),
    "billing.mandate_without_iban": _(
        "Invoice %(invoice)s: the board's direct-debit mandate has no IBAN."
    ),
    "billing.mandate_signed_after_collection": _(
        "Invoice %(invoice)s: mandate %(mandate)s was signed after the collection date."
    ),
    "billing.sepa_file_invalid": _(
        "The direct-debit file does not validate against the pain.008.001.02 schema: %(detail)s"
    ),
    "billing.camt_unreadable": _(
        "The bank statement cannot be read as a CAMT.053 (camt.053.001.02) file: %(detail)s"
    ),
    "billing.payment_in_future": _("A payment cannot be received in the future."),
}
