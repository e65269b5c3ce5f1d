"""The documents of an issued invoice, made again at any time from its stored snapshot: the
Dutch PDF (WeasyPrint) and the UBL e-invoice with that PDF embedded (Peppol BIS 3.0, NLCIUS)."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import translation

from bundel.billing.models import Invoice
from bundel.billing.snapshot import DocumentKind, InvoiceSnapshot


def snapshot_of(invoice: Invoice) -> InvoiceSnapshot:
    return InvoiceSnapshot.from_json(invoice.snapshot)


def pdf_context(snapshot: InvoiceSnapshot) -> dict[str, Any]:
    totals = snapshot.totals
    return {
        "doc": snapshot,
        "is_credit_note": snapshot.kind == DocumentKind.CREDIT_NOTE,
        "lines": [
            {"line": line, "amount": line.amount, "position": position}
            for position, line in enumerate(snapshot.lines, start=1)
        ],
        "totals": totals,
    }


def render_pdf(snapshot: InvoiceSnapshot) -> bytes:
    """The invoice as a Dutch PDF, made from the snapshot alone."""
    from weasyprint import HTML  # imported here: loading Pango is slow and only PDFs need it

    with translation.override("nl"):
        html = render_to_string("billing/invoice_pdf.html", pdf_context(snapshot))
    document = HTML(string=html, base_url=None)
    pdf: bytes = document.write_pdf()
    return pdf


def filename(snapshot: InvoiceSnapshot, extension: str) -> str:
    kind = "creditnota" if snapshot.kind == DocumentKind.CREDIT_NOTE else "factuur"
    return f"{kind}-{snapshot.number}.{extension}"


def render_ubl(snapshot: InvoiceSnapshot) -> bytes:
    """The UBL 2.1 e-invoice (Peppol BIS Billing 3.0, NLCIUS) with the PDF embedded."""
    from bundel.billing.adapters.ubl import invoice_to_ubl

    return invoice_to_ubl(snapshot, pdf=render_pdf(snapshot))
