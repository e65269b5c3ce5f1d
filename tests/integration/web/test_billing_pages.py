"""The billing pages (FEE-1 … FEE-4): finance runs a dry run and the real run, reads invoices,
issues credit notes, records payments, imports a bank statement, makes a direct-debit file and
edits the seller's settings; other staff read only; a representative sees its own board's
invoices and documents and manages its mandate, and nothing of another board (ACC-1, ACC-2)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from bundel.accounts.models import User
from bundel.accounts.roles import Role
from bundel.billing import policies, selectors, services
from bundel.billing.models import (
    BillingRun,
    BillingSettings,
    Charge,
    DirectDebitRun,
    FeeVat,
    Invoice,
    Mandate,
    Payment,
)
from bundel.registry.models import Board
from tests.factories.billing import member, seller_ready

pytestmark = pytest.mark.django_db

TODAY = date(2026, 1, 20)


@pytest.fixture(autouse=True)
def today() -> Iterator[date]:
    """Every billing page test runs on 20 January 2026, 10:00 in Amsterdam."""
    moment = datetime(2026, 1, 20, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
    with time_machine.travel(moment, tick=False):
        yield TODAY


def html_of(response: object) -> str:
    return response.content.decode()  # type: ignore[attr-defined]


@pytest.fixture
def finance(make_user: Callable[..., object]) -> User:
    user = make_user(Role.FINANCE, username="financien")
    seller_ready()
    return user  # type: ignore[return-value]


@pytest.fixture
def board_a(finance: User) -> Board:
    return member(800, finance, date(2024, 2, 1), name="Stichting Klein")


@pytest.fixture
def board_b(finance: User) -> Board:
    return member(5000, finance, date(2024, 2, 1), name="Stichting Groot")


@pytest.fixture
def finance_client(finance: User, client_for: Callable[[object], Client]) -> Client:
    return client_for(finance)


@pytest.fixture
def reader_client(
    make_user: Callable[..., object], client_for: Callable[[object], Client]
) -> Client:
    """Procurement staff: they read billing but do not act on it."""
    return client_for(make_user(Role.PROCUREMENT, username="inkoop"))


@pytest.fixture
def rep_a(board_a: Board, make_user: Callable[..., object]) -> User:
    return make_user(Role.MEMBER_REPRESENTATIVE, board=board_a, username="rep-a")  # type: ignore[return-value]


@pytest.fixture
def client_a(rep_a: User, client_for: Callable[[object], Client]) -> Client:
    return client_for(rep_a)


@pytest.fixture
def invoiced(finance: User, board_a: Board, board_b: Board) -> dict[Board, Invoice]:
    """The 2026 membership fee invoiced: A pays EUR 1,000, B EUR 2,800."""
    services.billing_run(period="2026", by=finance, on=TODAY)
    return {invoice.board: invoice for invoice in Invoice.objects.all()}


def nothing_billed() -> bool:
    return not (Charge.objects.exists() or Invoice.objects.exists() or BillingRun.objects.exists())


# --- Access ------------------------------------------------------------------------------------

STAFF_PAGES = [
    "web:billing:run-list",
    "web:billing:invoice-list",
    "web:billing:open-items",
    "web:billing:direct-debit-list",
    "web:billing:statement-import",
    "web:billing:settings",
]
MEMBER_PAGES = ["web:member_billing:invoice-list", "web:member_billing:mandate"]


@pytest.mark.rule("ACC-1")
@pytest.mark.parametrize("name", STAFF_PAGES + MEMBER_PAGES)
def test_an_anonymous_visitor_is_sent_to_the_login_page(client: Client, name: str) -> None:
    path = reverse(name)
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('web:login')}?next={path}"


@pytest.mark.rule("ACC-1")
@pytest.mark.parametrize("name", STAFF_PAGES)
def test_a_representative_gets_a_dutch_403_on_the_billing_staff_pages(
    client_a: Client, name: str
) -> None:
    response = client_a.get(reverse(name))
    assert response.status_code == 403
    assert "Geen toegang" in html_of(response)


@pytest.mark.rule("ACC-1")
def test_a_representative_gets_403_on_a_staff_invoice_and_its_documents(
    client_a: Client, invoiced: dict[Board, Invoice], board_a: Board
) -> None:
    own = invoiced[board_a]
    for name in ("invoice-detail", "invoice-pdf", "invoice-ubl"):
        assert client_a.get(reverse(f"web:billing:{name}", args=[own.pk])).status_code == 403


@pytest.mark.rule("ACC-1")
def test_staff_may_not_open_the_member_billing_pages(finance_client: Client) -> None:
    for name in MEMBER_PAGES:
        assert finance_client.get(reverse(name)).status_code == 403


@pytest.mark.rule("ACC-1")
def test_other_staff_read_the_billing_lists_but_cannot_act(
    reader_client: Client, invoiced: dict[Board, Invoice], board_a: Board
) -> None:
    invoice = invoiced[board_a]
    run = BillingRun.objects.get()
    for path in (
        reverse("web:billing:run-list"),
        reverse("web:billing:run-detail", args=[run.pk]),
        reverse("web:billing:invoice-list"),
        reverse("web:billing:invoice-detail", args=[invoice.pk]),
        reverse("web:billing:open-items"),
        reverse("web:billing:direct-debit-list"),
    ):
        response = reader_client.get(path)
        assert response.status_code == 200, path
        html = html_of(response)
        assert "Factureren" not in html
        assert "Betaling vastleggen" not in html
        assert "Creditnota maken" not in html
    # Actions and finance's own pages are refused.
    actions = [
        (reverse("web:billing:run-list"), {"period": "2026", "action": "preview"}),
        (reverse("web:billing:run-list"), {"period": "2026", "action": "run"}),
        (
            reverse("web:billing:credit-note-create", args=[invoice.pk]),
            {"positions": ["1"], "reason": "Fout"},
        ),
        (
            reverse("web:billing:payment-record", args=[invoice.pk]),
            {"amount": "10", "paid_on": "2026-01-20", "method": "transfer"},
        ),
        (reverse("web:billing:run-direct-debit", args=[run.pk]), {"collection_date": "2026-02-01"}),
        (reverse("web:billing:direct-debit-list"), {"collection_date": "2026-02-01"}),
        (reverse("web:billing:settings"), {"name": "X"}),
        (reverse("web:billing:fee-vat-set", args=["purchase_fee"]), {}),
    ]
    for path, data in actions:
        assert reader_client.post(path, data).status_code == 403, path
    assert reader_client.get(reverse("web:billing:settings")).status_code == 403
    assert reader_client.get(reverse("web:billing:statement-import")).status_code == 403
    assert (Invoice.objects.count(), Payment.objects.count(), BillingRun.objects.count()) == (
        2,
        0,
        1,
    )


# --- Billing runs ------------------------------------------------------------------------------


@pytest.mark.rule("FEE-1")
def test_the_dry_run_shows_per_board_what_would_be_invoiced_and_writes_nothing(
    finance_client: Client, board_a: Board, board_b: Board
) -> None:
    page = finance_client.get(reverse("web:billing:run-list"))
    html = html_of(page)
    assert '<html lang="nl"' in html
    assert "Facturatieruns" in html
    assert "Proefrun" in html
    assert "Factureren" in html

    response = finance_client.post(
        reverse("web:billing:run-list"), {"period": "2026", "action": "preview"}
    )
    html = html_of(response)
    assert response.status_code == 200
    assert "Proefrun voor 2026" in html
    assert "Stichting Klein" in html
    assert "Stichting Groot" in html
    assert "Contributie 2026" in html
    assert "EUR 1.000,00" in html
    assert "EUR 2.800,00" in html
    assert "EUR 3.800,00" in html  # the dry run's total
    assert nothing_billed()


@pytest.mark.rule("FEE-1")
def test_a_period_that_is_neither_a_year_nor_a_month_is_refused_in_dutch(
    finance_client: Client, board_a: Board
) -> None:
    for action in ("preview", "run"):
        response = finance_client.post(
            reverse("web:billing:run-list"), {"period": "26", "action": action}
        )
        assert response.status_code == 200
        assert "Geef de periode als jaar (2026) of maand (2026-03)." in html_of(response)
    assert nothing_billed()


def test_a_run_is_refused_while_the_seller_data_is_incomplete(
    finance_client: Client, board_a: Board
) -> None:
    BillingSettings.objects.update(iban="")
    response = finance_client.post(
        reverse("web:billing:run-list"), {"period": "2026", "action": "run"}
    )
    assert response.status_code == 200
    assert "factuurinstellingen" in html_of(response)
    assert nothing_billed()


@pytest.mark.rule("FEE-1")
def test_the_run_invoices_every_board_and_shows_its_progress_done_and_its_invoices(
    finance_client: Client, board_a: Board, board_b: Board
) -> None:
    response = finance_client.post(
        reverse("web:billing:run-list"), {"period": "2026", "action": "run"}
    )
    run = BillingRun.objects.get()
    assert response["Location"] == reverse("web:billing:run-detail", args=[run.pk])
    # The ImmediateBackend has executed the task during the request.
    assert (run.status, run.boards_done, run.boards_total, run.invoices_created) == (
        "done",
        2,
        2,
        2,
    )
    assert {i.board: i.total_gross for i in Invoice.objects.all()} == {
        board_a: Decimal("1000.00"),
        board_b: Decimal("2800.00"),
    }
    html = html_of(finance_client.get(response["Location"]))
    assert "De facturatierun voor 2026 is gestart." in html
    assert "Klaar: 2 van 2 besturen (100%)." in html
    assert "2026-000001" in html
    assert "2026-000002" in html
    assert "EUR 3.800,00" in html
    assert 'hx-trigger="every 2s"' not in html
    # The same page as an htmx fragment: only the status, no longer polling.
    fragment = html_of(finance_client.get(response["Location"], headers={"HX-Request": "true"}))
    assert fragment.lstrip().startswith('<div id="run-status">')
    assert "De facturatierun is klaar." in fragment

    # Running the period again invoices nothing twice.
    finance_client.post(reverse("web:billing:run-list"), {"period": "2026", "action": "run"})
    assert Invoice.objects.count() == 2
    listing = html_of(finance_client.get(reverse("web:billing:run-list")))
    assert "2 van 2 besturen (100%)" in listing
    assert "0 van 0 besturen (100%)" in listing


def test_a_queued_run_polls_its_progress_every_two_seconds(
    finance_client: Client, finance: User, board_a: Board
) -> None:
    run = services.billing_run_create(period="2026", by=finance)
    html = html_of(finance_client.get(reverse("web:billing:run-detail", args=[run.pk])))
    assert 'hx-trigger="every 2s"' in html
    assert f'hx-get="{reverse("web:billing:run-detail", args=[run.pk])}"' in html
    assert "De run wacht om te beginnen" in html
    BillingRun.objects.filter(pk=run.pk).update(status="running", boards_total=4, boards_done=1)
    fragment = html_of(
        finance_client.get(
            reverse("web:billing:run-detail", args=[run.pk]), headers={"HX-Request": "true"}
        )
    )
    assert 'hx-trigger="every 2s"' in fragment
    assert '<progress class="bundel-progress" max="4" value="1"' in fragment
    assert "1 van 4 besturen (25%)" in fragment


# --- Invoices ----------------------------------------------------------------------------------


def test_the_invoice_list_filters_by_kind_status_board_and_year(
    finance_client: Client, invoiced: dict[Board, Invoice], board_a: Board, board_b: Board
) -> None:
    services.payment_record(invoice=invoiced[board_a], amount=Decimal("1000.00"), paid_on=TODAY)
    url = reverse("web:billing:invoice-list")
    html = html_of(finance_client.get(url))
    assert "Stichting Klein" in html
    assert "Stichting Groot" in html
    assert "Betaald" in html
    assert "Openstaand" in html
    assert "EUR 2.800,00" in html

    def numbers(**query: str) -> set[str]:
        page = html_of(finance_client.get(url, query))
        return {n for n in ("2026-000001", "2026-000002") if n in page}

    first, second = invoiced[board_a].number, invoiced[board_b].number
    assert numbers(status="paid") == {first}
    assert numbers(status="open") == {second}
    assert numbers(status="credited") == set()
    assert numbers(q="groot") == {second}
    assert numbers(q=board_a.number) == {first}
    assert numbers(kind="credit_note") == set()
    assert numbers(kind="invoice", year="2026") == {first, second}
    assert numbers(year="2025") == set()


@pytest.mark.rule("FEE-1")
@pytest.mark.rule("FEE-4")
def test_the_invoice_page_shows_the_pro_rata_line_totals_and_vat(
    finance_client: Client, finance: User
) -> None:
    board = member(800, finance, date(2025, 6, 1), name="Stichting Nieuw")
    services.billing_run(period="2025", by=finance, on=TODAY)
    invoice = Invoice.objects.get(board=board)
    response = finance_client.get(reverse("web:billing:invoice-detail", args=[invoice.pk]))
    html = html_of(response)
    assert response.status_code == 200
    assert f"Factuur {invoice.number}" in html
    assert "Contributie 2025" in html
    assert "1-6-2025 – 31-12-2025" in html
    assert "pro rata 214/365 × EUR 1000.00" in html  # FEE-1: 1000 × 214/365 = 586.301…
    assert "EUR 586,30" in html  # FEE-4: rounded half-up once, on the line
    assert "vrijgesteld van btw" in html
    assert "Ledencontributie, vrijgesteld van btw" in html
    assert "Openstaand" in html
    assert "Nog te betalen" in html
    assert "Factuur downloaden als PDF" in html


def test_the_pdf_and_ubl_of_an_invoice_are_downloads(
    finance_client: Client, invoiced: dict[Board, Invoice], board_a: Board
) -> None:
    invoice = invoiced[board_a]
    pdf = finance_client.get(reverse("web:billing:invoice-pdf", args=[invoice.pk]))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"] == f'attachment; filename="factuur-{invoice.number}.pdf"'
    assert pdf.content.startswith(b"%PDF")
    ubl = finance_client.get(reverse("web:billing:invoice-ubl", args=[invoice.pk]))
    assert ubl.status_code == 200
    assert ubl["Content-Type"] == "application/xml"
    assert ubl["Content-Disposition"] == f'attachment; filename="factuur-{invoice.number}.xml"'


def test_a_credit_note_credits_chosen_lines_and_a_line_is_never_credited_twice(
    finance_client: Client, invoiced: dict[Board, Invoice], board_b: Board
) -> None:
    invoice = invoiced[board_b]
    url = reverse("web:billing:credit-note-create", args=[invoice.pk])

    no_reason = finance_client.post(url, {"positions": ["1"], "reason": " "})
    assert "Geef de reden voor de creditnota." in html_of(no_reason)
    assert not Invoice.objects.filter(kind="credit_note").exists()

    response = finance_client.post(url, {"positions": ["1"], "reason": "Dubbel gefactureerd"})
    note = Invoice.objects.get(kind="credit_note")
    assert response["Location"] == reverse("web:billing:invoice-detail", args=[note.pk])
    assert (note.credited_invoice, note.total_gross, note.reason) == (
        invoice,
        Decimal("2800.00"),
        "Dubbel gefactureerd",
    )
    page = html_of(finance_client.get(response["Location"]))
    assert f"Creditnota {note.number} is gemaakt." in page
    assert f"Creditnota {note.number}" in page
    assert "Dubbel gefactureerd" in page
    original = html_of(finance_client.get(reverse("web:billing:invoice-detail", args=[invoice.pk])))
    assert "Gecrediteerd" in original
    assert note.number in original
    assert selectors.status_of(invoice) == "credited"

    again = finance_client.post(url, {"positions": ["1"], "reason": "Nog eens"})
    assert again.status_code == 200
    assert "Een regel van deze factuur is al gecrediteerd." in html_of(again)
    assert Invoice.objects.filter(kind="credit_note").count() == 1


def test_a_payment_is_recorded_and_more_than_is_open_is_refused(
    finance_client: Client, invoiced: dict[Board, Invoice], board_a: Board
) -> None:
    invoice = invoiced[board_a]
    url = reverse("web:billing:payment-record", args=[invoice.pk])

    too_much = finance_client.post(
        url, {"amount": "1000,01", "paid_on": "2026-01-20", "method": "transfer"}
    )
    assert too_much.status_code == 200
    assert "De betaling is meer dan er openstaat (EUR 1000.00)." in html_of(too_much)
    assert not Payment.objects.exists()

    response = finance_client.post(
        url,
        {"amount": "400,00", "paid_on": "2026-01-19", "method": "transfer", "reference": "Afschr"},
    )
    assert response.status_code == 302
    payment = Payment.objects.get()
    assert (payment.amount, payment.paid_on, payment.reference) == (
        Decimal("400.00"),
        date(2026, 1, 19),
        "Afschr",
    )
    html = html_of(finance_client.get(reverse("web:billing:invoice-detail", args=[invoice.pk])))
    assert "De betaling is vastgelegd." in html
    assert "Deels betaald" in html
    assert "EUR 600,00" in html  # still open


def test_open_items_show_per_board_what_is_due_and_what_is_overdue(
    finance_client: Client, finance: User, board_a: Board, board_b: Board
) -> None:
    services.billing_run(period="2025", by=finance, on=date(2025, 11, 3))  # due 3 December
    services.billing_run(period="2026", by=finance, on=TODAY)
    paid = Invoice.objects.get(board=board_a, year=2025)
    services.payment_record(invoice=paid, amount=paid.total_gross, paid_on=TODAY)
    html = html_of(finance_client.get(reverse("web:billing:open-items")))
    assert "Openstaande posten" in html
    assert "Stichting Klein" in html
    assert "Stichting Groot" in html
    assert paid.number not in html
    assert "Achterstallig" in html  # B's 2025 invoice is past its due date
    assert "achterstallig: EUR 2.800,00" in html
    assert "EUR 5.600,00" in html  # B: two years of EUR 2,800 open


# --- Bank statements and direct debits ---------------------------------------------------------

CAMT = """<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>
<GrpHdr><MsgId>STMT-1</MsgId><CreDtTm>2026-01-20T08:00:00</CreDtTm></GrpHdr>
<Stmt><Id>STMT-2026-01-19</Id><CreDtTm>2026-01-20T08:00:00</CreDtTm>
<Acct><Id><IBAN>NL91ABNA0417164300</IBAN></Id><Ccy>EUR</Ccy></Acct>
<Ntry><Amt Ccy="EUR">{amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
<BookgDt><Dt>2026-01-19</Dt></BookgDt><AcctSvcrRef>REF-1</AcctSvcrRef>
<NtryDtls><TxDtls><RltdPties><Dbtr><Nm>Stichting Groot</Nm></Dbtr></RltdPties>
<RmtInf><Ustrd>Factuur {number} contributie</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
<Ntry><Amt Ccy="EUR">75.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
<BookgDt><Dt>2026-01-19</Dt></BookgDt><AcctSvcrRef>REF-2</AcctSvcrRef>
<NtryDtls><TxDtls><RltdPties><Dbtr><Nm>Onbekende Stichting</Nm></Dbtr></RltdPties>
<RmtInf><Ustrd>Gift</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
</Stmt></BkToCstmrStmt></Document>"""


def test_a_bank_statement_records_the_payments_and_lists_the_entries_to_check(
    finance_client: Client, invoiced: dict[Board, Invoice], board_b: Board
) -> None:
    invoice = invoiced[board_b]
    url = reverse("web:billing:statement-import")
    assert "Bankafschrift importeren" in html_of(finance_client.get(url))
    xml = CAMT.format(amount="2800.00", number=invoice.number).encode()
    upload = SimpleUploadedFile("afschrift.xml", xml, content_type="application/xml")
    html = html_of(finance_client.post(url, {"statement": upload}))
    assert "Afschrift STMT-2026-01-19" in html
    assert "Vastgelegde betalingen: 1. Eerder vastgelegd: 0. Te controleren: 1." in html
    assert invoice.number in html
    assert "Onbekende Stichting" in html
    assert "Noemt geen openstaande factuur" in html
    assert selectors.status_of(invoice) == "paid"

    again = SimpleUploadedFile("afschrift.xml", xml, content_type="application/xml")
    html = html_of(finance_client.post(url, {"statement": again}))
    assert "Vastgelegde betalingen: 0. Eerder vastgelegd: 1." in html
    assert Payment.objects.count() == 1


def test_an_unreadable_bank_statement_is_refused_in_dutch(
    finance_client: Client, invoiced: dict[Board, Invoice]
) -> None:
    upload = SimpleUploadedFile("afschrift.xml", b"<geen-camt/>", content_type="text/xml")
    response = finance_client.post(reverse("web:billing:statement-import"), {"statement": upload})
    assert response.status_code == 200
    assert "Het bankafschrift is niet te lezen als CAMT.053" in html_of(response)
    assert not Payment.objects.exists()


def test_the_direct_debit_file_of_a_run_collects_the_boards_with_a_mandate(
    finance_client: Client, invoiced: dict[Board, Invoice], board_a: Board
) -> None:
    services.mandate_register(
        board=board_a,
        data=services.MandateData(
            iban="NL44RABO0123456789", account_holder="Stichting Klein", signed_on=TODAY
        ),
    )
    run = BillingRun.objects.get()
    url = reverse("web:billing:run-direct-debit", args=[run.pk])

    past = finance_client.post(url, {"collection_date": "2026-01-01"})
    assert "De incassodatum kan niet in het verleden liggen." in html_of(past)
    assert not DirectDebitRun.objects.exists()

    response = finance_client.post(url, {"collection_date": "2026-02-02"})
    assert response.status_code == 302
    debit = DirectDebitRun.objects.get()
    assert list(debit.invoices.all()) == [invoiced[board_a]]
    html = html_of(finance_client.get(reverse("web:billing:run-detail", args=[run.pk])))
    assert debit.message_id in html
    assert "EUR 1.000,00" in html
    download = finance_client.get(reverse("web:billing:direct-debit-download", args=[debit.pk]))
    assert download["Content-Type"] == "application/xml"
    assert download["Content-Disposition"] == f'attachment; filename="{debit.message_id}.xml"'
    assert b"pain.008.001.02" in download.content
    listing = html_of(finance_client.get(reverse("web:billing:direct-debit-list")))
    assert "Incasso’s" in listing or "Incasso's" in listing
    assert debit.message_id in listing

    nothing = finance_client.post(
        reverse("web:billing:direct-debit-list"), {"collection_date": "2026-02-02"}
    )
    assert "Er zijn geen openstaande facturen met een machtiging om te incasseren." in html_of(
        nothing
    )
    assert DirectDebitRun.objects.count() == 1


# --- Settings ----------------------------------------------------------------------------------


def seller_data(**overrides: str) -> dict[str, str]:
    values = {
        "name": "Coöperatie Bundel U.A.",
        "street": "Catharijnesingel 55",
        "postcode": "3511 GD",
        "city": "Utrecht",
        "kvk_number": "12345678",
        "vat_number": "NL001234567B01",
        "iban": "NL91 ABNA 0417 1643 00",
        "bic": "ABNANL2A",
        "creditor_id": "NL69ZZZ123456780000",
        "peppol_id": "",
        "email": "facturen@bundel.example",
        "payment_term_days": "14",
    }
    values.update(overrides)
    return values


def test_the_seller_settings_refuse_a_bad_iban_on_the_field_and_save_a_good_one(
    finance_client: Client, finance: User
) -> None:
    url = reverse("web:billing:settings")
    page = html_of(finance_client.get(url))
    assert "Factuurinstellingen" in page
    assert "NL91ABNA0417164300" in page

    bad = finance_client.post(url, seller_data(iban="NL91ABNA0417164301", payment_term_days="14"))
    html = html_of(bad)
    assert bad.status_code == 200
    assert 'id="id_iban_error"' in html
    assert "is geen geldig IBAN" in html
    assert policies.seller().payment_term_days == 30  # nothing written

    good = finance_client.post(url, seller_data(iban="nl44 rabo 0123 4567 89"))
    assert good["Location"] == url
    seller = policies.seller()
    assert (seller.iban, seller.payment_term_days) == ("NL44RABO0123456789", 14)
    assert "De factuurinstellingen zijn opgeslagen." in html_of(finance_client.get(url))


@pytest.mark.rule("FEE-4")
def test_the_vat_of_a_kind_of_fee_is_set_and_a_rate_that_does_not_fit_is_refused(
    finance_client: Client, finance: User
) -> None:
    url = reverse("web:billing:fee-vat-set", args=["purchase_fee"])
    bad = finance_client.post(
        url,
        {
            "purchase_fee-category": "S",
            "purchase_fee-percent": "0",
            "purchase_fee-exemption_reason": "",
        },
    )
    assert "Het standaard btw-tarief moet hoger zijn dan nul." in html_of(bad)
    assert not FeeVat.objects.exists()

    good = finance_client.post(
        url,
        {
            "purchase_fee-category": "S",
            "purchase_fee-percent": "9",
            "purchase_fee-exemption_reason": "",
        },
    )
    assert good.status_code == 302
    assert policies.fee_vat("purchase_fee").rate.percent == Decimal("9")
    assert (
        finance_client.post(reverse("web:billing:fee-vat-set", args=["nope"]), {}).status_code
        == 404
    )


# --- Member area -------------------------------------------------------------------------------


@pytest.mark.rule("ACC-2")
def test_a_representative_sees_only_its_own_invoices_with_status_and_open_amount(
    client_a: Client, invoiced: dict[Board, Invoice], board_a: Board, board_b: Board
) -> None:
    own = invoiced[board_a]
    services.payment_record(invoice=own, amount=Decimal("250.00"), paid_on=TODAY)
    response = client_a.get(reverse("web:member_billing:invoice-list"))
    html = html_of(response)
    assert response.status_code == 200
    assert own.number in html
    assert invoiced[board_b].number not in html
    assert "Stichting Groot" not in html
    assert "Deels betaald" in html
    assert "Totaal openstaand: EUR 750,00" in html
    assert reverse("web:member_billing:invoice-pdf", args=[own.pk]) in html
    assert reverse("web:member_billing:invoice-ubl", args=[own.pk]) in html


@pytest.mark.rule("ACC-2")
def test_a_representative_downloads_its_own_pdf_and_ubl_and_gets_404_for_another_board(
    client_a: Client, invoiced: dict[Board, Invoice], board_a: Board, board_b: Board
) -> None:
    own, other = invoiced[board_a], invoiced[board_b]
    pdf = client_a.get(reverse("web:member_billing:invoice-pdf", args=[own.pk]))
    assert (pdf.status_code, pdf["Content-Type"]) == (200, "application/pdf")
    assert pdf.content.startswith(b"%PDF")
    assert pdf["Content-Disposition"] == f'attachment; filename="factuur-{own.number}.pdf"'
    ubl = client_a.get(reverse("web:member_billing:invoice-ubl", args=[own.pk]))
    assert (ubl.status_code, ubl["Content-Type"]) == (200, "application/xml")
    for name in ("invoice-pdf", "invoice-ubl"):
        assert (
            client_a.get(reverse(f"web:member_billing:{name}", args=[other.pk])).status_code == 404
        )


def test_a_representative_gives_a_mandate_a_bad_iban_is_refused_and_it_can_be_revoked(
    client_a: Client, board_a: Board
) -> None:
    url = reverse("web:member_billing:mandate")
    page = html_of(client_a.get(url))
    assert "Incassomachtiging" in page
    assert "heeft geen actieve incassomachtiging" in page

    bad = client_a.post(
        url, {"iban": "NL91ABNA0417164301", "account_holder": "Stichting Klein", "confirmed": "on"}
    )
    html = html_of(bad)
    assert bad.status_code == 200
    assert 'id="id_iban_error"' in html
    assert "NL91ABNA0417164301 is geen geldig IBAN" in html
    assert not Mandate.objects.exists()

    unconfirmed = client_a.post(url, {"iban": "NL44RABO0123456789", "account_holder": "X"})
    assert "Vink het vakje aan om te bevestigen." in html_of(unconfirmed)
    assert not Mandate.objects.exists()

    given = client_a.post(
        url,
        {"iban": "nl44 rabo 0123 4567 89", "account_holder": "Stichting Klein", "confirmed": "on"},
    )
    assert given["Location"] == url
    mandate = Mandate.objects.get()
    assert (mandate.board, mandate.iban, mandate.signed_on) == (
        board_a,
        "NL44RABO0123456789",
        TODAY,
    )
    html = html_of(client_a.get(url))
    assert mandate.reference in html
    assert "NL44RABO0123456789" in html

    revoked = client_a.post(reverse("web:member_billing:mandate-revoke"))
    assert revoked["Location"] == url
    mandate.refresh_from_db()
    assert mandate.revoked_on == TODAY
    assert "is ingetrokken" in html_of(client_a.get(url))
    assert selectors.mandate_active(board=board_a) is None
