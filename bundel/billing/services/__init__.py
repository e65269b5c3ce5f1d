"""Billing writes (FEE-1 … FEE-4): one transaction each, locked where numbering or invoicing
could race, audited (ACC-3)."""

from bundel.billing.services.accounts import (
    MandateData,
    billing_settings_update,
    fee_vat_set,
    mandate_register,
    mandate_revoke,
    payment_record,
)
from bundel.billing.services.collections import (
    StatementReport,
    direct_debit_run_create,
    statement_import,
)
from bundel.billing.services.issuing import credit_note_issue, invoice_charges, next_number
from bundel.billing.services.runs import (
    billing_run,
    billing_run_create,
    billing_run_execute,
    charge_add,
    charges_create,
)

__all__ = [
    "MandateData",
    "StatementReport",
    "direct_debit_run_create",
    "statement_import",
    "billing_run",
    "billing_run_create",
    "billing_run_execute",
    "billing_settings_update",
    "charge_add",
    "charges_create",
    "credit_note_issue",
    "fee_vat_set",
    "invoice_charges",
    "mandate_register",
    "mandate_revoke",
    "next_number",
    "payment_record",
]
