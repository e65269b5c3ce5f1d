"""The billing journey in headless Chromium, checked with axe on every page visited: finance runs
a dry run for the year and sees per board what would be invoiced, then the real run, whose
progress page reaches done with its invoices; a representative sees its board's invoice and
downloads the PDF and the UBL e-invoice."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from bundel.accounts.roles import Role
from bundel.billing.models import BillingRun, Charge, Invoice
from bundel.shared import clock
from tests.browser.test_membership_journeys import euro, log_out
from tests.browser.test_register_journey import assert_accessible, log_in
from tests.factories.billing import member, seller_ready

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.rule("FEE-1")
def test_finance_runs_the_yearly_billing_and_a_representative_downloads_its_invoice(
    page: Page, live_server: object, make_user: Callable[..., object]
) -> None:
    finance = make_user(Role.FINANCE, username="financien")
    seller_ready()
    small = member(800, finance, date(2024, 2, 1), name="Stichting Klein")
    member(5000, finance, date(2024, 2, 1), name="Stichting Groot")
    make_user(Role.MEMBER_REPRESENTATIVE, board=small, username="bestuur")
    year = str(clock.today().year)
    base_url = str(live_server)

    # Finance: first a dry run for the year, which writes nothing.
    log_in(page, base_url, "financien")
    expect(page).to_have_url(f"{base_url}/beheer/")
    page.goto(f"{base_url}/beheer/facturatie/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Facturatieruns")
    assert_accessible(page)
    page.get_by_label("Periode").fill(year)
    page.get_by_role("button", name="Proefrun").click()
    expect(page.get_by_role("heading", name=f"Proefrun voor {year}")).to_be_visible()
    small_preview = page.get_by_role(
        "table", name="Wat aan Stichting Klein gefactureerd zou worden"
    )
    large_preview = page.get_by_role(
        "table", name="Wat aan Stichting Groot gefactureerd zou worden"
    )
    expect(small_preview).to_contain_text(f"Contributie {year}")
    expect(small_preview.locator(".bundel-preview__total")).to_have_text(euro(Decimal("1000")))
    expect(large_preview.locator(".bundel-preview__total")).to_have_text(euro(Decimal("2800")))
    expect(page.locator(".bundel-preview__summary")).to_contain_text(euro(Decimal("3800")))
    assert_accessible(page)
    assert not Charge.objects.exists()
    assert not Invoice.objects.exists()
    assert not BillingRun.objects.exists()

    # The real run: its page shows the progress reach done, then the invoices.
    page.get_by_role("button", name="Factureren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Facturatierun {year}")
    expect(page.locator(".bundel-run-done")).to_contain_text("Klaar: 2 van 2 besturen (100%).")
    invoice = Invoice.objects.get(board=small)
    invoices = page.get_by_role("table", name="Facturen van deze run")
    expect(invoices.get_by_role("link", name=invoice.number)).to_be_visible()
    expect(invoices).to_contain_text("Stichting Groot")
    expect(page.locator(".bundel-run-totals")).to_contain_text(euro(Decimal("3800")))
    assert_accessible(page)
    invoices.get_by_role("link", name=invoice.number).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Factuur {invoice.number}")
    expect(page.locator(".bundel-total")).to_have_text(euro(Decimal("1000")))
    assert_accessible(page)
    log_out(page)

    # The representative sees its own invoice only, and downloads its documents.
    log_in(page, base_url, "bestuur")
    expect(page).to_have_url(f"{base_url}/mijn/")
    page.goto(f"{base_url}/mijn/facturen/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Facturen")
    table = page.get_by_role("table", name="Facturen en creditnota's van uw bestuur")
    expect(table.get_by_role("row")).to_have_count(2)  # the header and the one invoice
    expect(table).to_contain_text(invoice.number)
    expect(table).to_contain_text("Openstaand")
    expect(page.locator(".bundel-open-total")).to_contain_text(euro(Decimal("1000")))
    assert_accessible(page)

    with page.expect_download() as pdf_download:
        table.get_by_role("link", name=f"PDF van {invoice.number}").click()
    pdf = pdf_download.value
    assert pdf.suggested_filename == f"factuur-{invoice.number}.pdf"
    assert Path(pdf.path()).read_bytes().startswith(b"%PDF")

    with page.expect_download() as ubl_download:
        table.get_by_role("link", name=f"UBL van {invoice.number}").click()
    ubl = ubl_download.value
    assert ubl.suggested_filename == f"factuur-{invoice.number}.xml"
    xml = Path(ubl.path()).read_text(encoding="utf-8")
    assert re.search(rf"<cbc:ID>{re.escape(invoice.number)}</cbc:ID>", xml)
