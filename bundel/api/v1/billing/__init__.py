"""Billing (FEE-1 … FEE-4) over HTTP: invoices and credit notes with their documents (a
representative only its own board's), credit notes and payments, and billing runs (staff)."""

from bundel.api.v1.billing.documents import InvoicePdfApi, InvoiceUblApi
from bundel.api.v1.billing.invoices import (
    CreditNoteCreateApi,
    InvoiceDetailApi,
    InvoiceListApi,
    PaymentCreateApi,
)
from bundel.api.v1.billing.runs import RunCreateApi, RunDetailApi, RunListApi

__all__ = [
    "CreditNoteCreateApi",
    "InvoiceDetailApi",
    "InvoiceListApi",
    "InvoicePdfApi",
    "InvoiceUblApi",
    "PaymentCreateApi",
    "RunCreateApi",
    "RunDetailApi",
    "RunListApi",
]
