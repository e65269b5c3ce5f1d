"""The documents of an invoice: a Dutch PDF made again at any time from the stored snapshot."""

import io
from datetime import date

import pytest
from pypdf import PdfReader

from bundel.accounts.roles import Role
from bundel.billing import documents, services
from bundel.billing.models import Invoice
from tests.factories.billing import member, seller_ready

pytestmark = pytest.mark.django_db


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def staff(make_user):  # noqa: ANN001, ANN201
    user = make_user(Role.FINANCE, username="financien")
    seller_ready()
    return user


@pytest.mark.rule("FEE-1")
def test_the_pdf_is_dutch_and_shows_the_pro_rata_line(staff) -> None:  # noqa: ANN001
    member(5000, staff, date(2026, 6, 1), name="Stichting Halverwege")
    services.billing_run(period="2026", by=staff, on=date(2026, 6, 2))
    invoice = Invoice.objects.get()
    text = text_of(documents.render_pdf(documents.snapshot_of(invoice)))
    assert "Factuur 2026-000001" in text
    assert "Stichting Halverwege" in text
    assert "pro rata 214/365 × EUR 2800.00" in text
    assert "€ 1.641,64" in text  # 2800 × 214 / 365 = 1641.643…
    assert "2 juni 2026" in text
    assert "2 juli 2026" in text
    assert documents.filename(documents.snapshot_of(invoice), "pdf") == "factuur-2026-000001.pdf"


def test_a_credit_note_pdf_names_the_invoice_it_corrects(staff) -> None:  # noqa: ANN001
    member(800, staff, date(2024, 2, 1))
    services.billing_run(period="2026", by=staff, on=date(2026, 1, 15))
    invoice = Invoice.objects.get()
    note = services.credit_note_issue(
        invoice=invoice, positions=[1], reason="Dubbel gefactureerd", on=date(2026, 2, 1)
    )
    text = text_of(documents.render_pdf(documents.snapshot_of(note)))
    assert "Creditnota C2026-000001" in text
    assert "2026-000001 van 15 januari 2026" in text
    assert "Dubbel gefactureerd" in text


@pytest.mark.rule("FEE-4")
def test_every_issued_document_is_a_valid_peppol_e_invoice(staff) -> None:  # noqa: ANN001
    from bundel.billing.adapters.ubl_rules import check_ubl
    from bundel.billing.xsd import ubl_xsd_errors

    member(5000, staff, date(2026, 6, 1))
    services.billing_run(period="2026", by=staff, on=date(2026, 6, 2))
    invoice = Invoice.objects.get()
    note = services.credit_note_issue(
        invoice=invoice, positions=[1], reason="Fout", on=date(2026, 7, 1)
    )
    for document in (invoice, note):
        xml = documents.render_ubl(documents.snapshot_of(document))
        assert ubl_xsd_errors(xml) == []
        assert check_ubl(xml) == []
        assert document.number.encode() in xml
