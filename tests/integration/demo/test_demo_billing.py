"""`bundel demo`: billing in the demo world (issue #6): the seller's settings, invoices of last
year and this year numbered gap-free, pro-rata invoices for members that joined mid-year, a
credit note with its reason and the corrected invoice, paid, partly paid and open invoices, SEPA
direct-debit runs whose pain.008 validates, payments booked by hand, by direct debit and from
CAMT.053 statements, and invoices for every demo representative to see."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
import sepaxml
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from lxml import etree
from stdnum import iban as stdnum_iban
from stdnum.nl import btw

from bundel.accounts.models import User
from bundel.billing import domain, policies, selectors
from bundel.billing.models import (
    BillingRun,
    BillingSettings,
    Charge,
    DirectDebitRun,
    Invoice,
    InvoiceLine,
    Mandate,
    NumberSequence,
    Payment,
)
from bundel.billing.services.issuing import seller_party
from bundel.demo import billing, synthetic
from bundel.demo.members import StoryAccount
from bundel.demo.services import DEMO_PEOPLE, demo_world_load, demo_world_reset
from bundel.membership.models import Membership
from bundel.registry.services import ImportFile
from bundel.shared import clock
from bundel.shared.models import AuditEvent
from tests.integration.demo.world import SMALL, run_demo

XSD = Path(sepaxml.__file__).parent / "schemas" / "pain.008.001.02.xsd"
BILLING_MODELS = (
    BillingSettings,
    Charge,
    BillingRun,
    NumberSequence,
    Invoice,
    InvoiceLine,
    Mandate,
    DirectDebitRun,
    Payment,
)
REPRESENTATIVES = [p.username for p in DEMO_PEOPLE if p.chamber] + list(StoryAccount)


def billing_counts() -> dict[str, int]:
    return {
        "users": User.objects.count(),
        "audit_events": AuditEvent.objects.count(),
        **{model._meta.label: model.objects.count() for model in BILLING_MODELS},
    }


def statuses() -> Counter[tuple[int, str]]:
    rows = selectors.invoices_with_balance().filter(kind="invoice")
    return Counter((row.year, selectors.status_of(row)) for row in rows)


# -- the seller and the invoices ------------------------------------------------------------------


@pytest.mark.django_db
def test_the_seller_settings_are_complete(demo_world: str) -> None:
    seller = policies.seller()
    party = seller_party()  # refuses incomplete settings
    assert party.name == "Coöperatie Bundel U.A."
    assert party.city == "Utrecht"
    assert re.fullmatch(r"[0-9]{4} [A-Z]{2}", seller.postcode)
    assert re.fullmatch(r"[0-9]{8}", seller.kvk_number)
    assert btw.is_valid(seller.vat_number)
    assert stdnum_iban.is_valid(seller.iban)
    assert seller.bic
    assert seller.email
    assert seller.peppol_id == f"0106:{seller.kvk_number}"
    assert seller.kvk_number in seller.creditor_id  # NL, check digits, ZZZ, KvK, 0000
    settled = AuditEvent.objects.get(action="billing.settings.updated")
    assert settled.at < BillingRun.objects.order_by("created_at").first().created_at
    assert "Billing: made through the billing services" in demo_world
    assert f"KvK {seller.kvk_number}" in demo_world


@pytest.mark.django_db
def test_invoices_of_last_year_and_this_year_are_numbered_gap_free(demo_world: str) -> None:
    today = clock.today()
    for year in (today.year - 1, today.year):
        assert Invoice.objects.filter(kind="invoice", year=year).exists()
        assert BillingRun.objects.filter(period=str(year), status=BillingRun.Status.DONE)
        # every member of the year is charged once, and invoiced unless its month's run is due
        for membership in selectors.memberships_in(domain.parse_period(str(year))):
            charge = Charge.objects.get(source_key=selectors.membership_fee_key(membership, year))
            invoiced = InvoiceLine.objects.filter(charge=charge).exists()
            assert invoiced or charge.billing_period >= f"{today:%Y-%m}", charge.source_key
    for kind, year in set(Invoice.objects.values_list("kind", "year")):
        sequences = Invoice.objects.filter(kind=kind, year=year).values_list("sequence", flat=True)
        domain.check_gap_free(sequences)
        for invoice in Invoice.objects.filter(kind=kind, year=year):
            assert invoice.number == domain.invoice_number(
                year=year, sequence=invoice.sequence, prefix="C" if kind == "credit_note" else ""
            )
    # a year's run in January: one invoice per board
    january = Invoice.objects.filter(run__period=str(today.year), issue_date__month=1)
    assert january.count() == january.values("board").distinct().count()


@pytest.mark.django_db
def test_members_that_joined_mid_year_have_pro_rata_invoices_after_they_joined(
    demo_world: str,
) -> None:
    monthly = BillingRun.objects.exclude(period__regex=r"^[0-9]{4}$")
    assert monthly.exists()
    pro_rata = InvoiceLine.objects.filter(note__startswith="pro rata", invoice__run__in=monthly)
    assert pro_rata.exists()
    for line in pro_rata.select_related("invoice", "invoice__run"):
        invoice = line.invoice
        assert line.period_start is not None
        assert line.period_start.strftime("%Y-%m") == invoice.run.period
        assert invoice.issue_date > line.period_start
    # no invoice was issued before its board was a member
    for invoice in Invoice.objects.filter(kind="invoice").select_related("board"):
        assert Membership.objects.filter(
            board=invoice.board, starts_on__lte=invoice.issue_date
        ).exists(), invoice.number


@pytest.mark.django_db
def test_a_credit_note_refers_to_its_invoice_and_a_corrected_invoice_follows(
    demo_world: str,
) -> None:
    note = Invoice.objects.get(kind="credit_note")
    invoice = note.credited_invoice
    assert invoice is not None
    assert "leerlingen" in note.reason
    assert note.snapshot["preceding_number"] == invoice.number
    assert note.snapshot["note"] == note.reason
    assert note.total_gross == invoice.total_gross
    assert note.issue_date > invoice.issue_date
    assert selectors.status_of(invoice) == "credited"
    assert not invoice.payments.exists()
    corrected = Invoice.objects.get(lines__charge__source_key=f"correction:{invoice.number}")
    assert corrected.board_id == invoice.board_id
    assert corrected.total_gross < invoice.total_gross
    assert corrected.issue_date > note.issue_date
    assert corrected.run is not None
    assert corrected.run.period == str(invoice.year)
    assert corrected.run.invoices_created == 1  # the year's run again: only the correction


@pytest.mark.django_db
def test_invoices_are_paid_partly_paid_and_open(demo_world: str) -> None:
    this_year = clock.today().year
    counted = statuses()
    last = {status: n for (year, status), n in counted.items() if year == this_year - 1}
    assert last["paid"] >= 0.9 * sum(last.values())  # most of last year's are paid
    assert counted[this_year, "paid"] > 0
    assert counted[this_year, "partly_paid"] > 0
    assert counted[this_year, "open"] > 0
    methods = Counter(Payment.objects.values_list("method", flat=True))
    assert methods[Payment.Method.DIRECT_DEBIT]
    assert methods[Payment.Method.TRANSFER]
    from_statements = Payment.objects.exclude(bank_entry="")
    assert from_statements.exists()  # read from CAMT.053 statements
    assert Payment.objects.filter(bank_entry="", method=Payment.Method.TRANSFER).exists()
    today = clock.today()
    for payment in Payment.objects.select_related("invoice"):
        assert payment.invoice.issue_date <= payment.paid_on < today
        assert timezone.localdate(payment.recorded_at) >= payment.paid_on


@pytest.mark.django_db
def test_direct_debit_runs_validate_and_collect_boards_with_a_mandate(demo_world: str) -> None:
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    this_year = clock.today().year
    runs = list(DirectDebitRun.objects.order_by("collection_date"))
    assert runs
    for run in runs:
        schema.assertValid(etree.fromstring(run.xml.encode()))
        assert timezone.localdate(run.created_at) < run.collection_date  # then in the future
        invoices = list(run.invoices.all())
        assert invoices
        assert run.total == sum(i.total_gross for i in invoices)
        for invoice in invoices:
            mandate = Mandate.objects.filter(
                board=invoice.board_id, signed_on__lte=run.collection_date
            ).exclude(revoked_on__lte=run.collection_date)
            assert mandate.exists(), invoice.number
            assert f"<EndToEndId>{invoice.number}</EndToEndId>" in run.xml
    this_years = [r for r in runs if r.collection_date.year == this_year]
    assert this_years
    assert {i.run.period for i in this_years[0].invoices.all()} == {str(this_year)}
    assert "<SeqTp>RCUR</SeqTp>" in this_years[0].xml  # collected last year too
    assert "<SeqTp>FRST</SeqTp>" in this_years[0].xml  # mandates signed since
    assert Mandate.objects.filter(revoked_on__isnull=False).exists()  # one changed banks


@pytest.mark.django_db
def test_the_history_is_written_as_it_happened(demo_world: str) -> None:
    events = AuditEvent.objects.filter(action__startswith="billing.")
    assert events.exists()
    assert all(event.at <= timezone.now() for event in events)
    issued = events.filter(action="billing.invoice.issued")
    assert issued.count() == Invoice.objects.filter(kind="invoice").count()
    for invoice in Invoice.objects.all():
        assert timezone.localdate(invoice.issued_at) == invoice.issue_date
    for mandate in Mandate.objects.all():
        registered = events.filter(action="billing.mandate.registered", object_id=str(mandate.pk))
        assert timezone.localdate(registered.latest("at").at) == mandate.signed_on


@pytest.mark.django_db
def test_every_demo_representative_has_invoices_to_see(demo_world: str, client: Client) -> None:
    for username in REPRESENTATIVES:
        user = User.objects.get(username=username)
        assert user.board is not None
        invoices = selectors.invoices_of(board=user.board)
        assert invoices.filter(year=clock.today().year).exists(), username
    po = User.objects.get(username="bestuur-po")
    assert selectors.mandate_active(board=po.board) is not None
    klein = User.objects.get(username="bestuur-klein")
    assert {selectors.status_of(i) for i in selectors.invoices_of(board=klein.board)} >= {
        "paid",
        "partly_paid",
    }
    client.force_login(po)
    page = client.get(reverse("web:member_billing:invoice-list"))
    assert page.status_code == 200
    for invoice in selectors.invoices_of(board=po.board):
        assert invoice.number in page.content.decode()


# -- again, reset, and a small register -----------------------------------------------------------


@pytest.mark.django_db
def test_running_demo_again_leaves_billing_as_it_is(demo_world: str) -> None:
    before = billing_counts()
    out = run_demo()
    assert billing_counts() == before
    assert "billing data already; nothing changed" in out
    lines = demo_world[demo_world.index("Billing:") : demo_world.index("Demo accounts")]
    again = out[out.index("Billing:") : out.index("Demo accounts")]
    assert again.splitlines()[1:] == lines.splitlines()[1:]  # the same figures


@pytest.mark.django_db
def test_reset_removes_billing_and_the_seller_settings(demo_world: str) -> None:
    demo_world_reset()
    for model in BILLING_MODELS:
        assert not model.objects.exists(), model
    assert not policies.seller().iban  # made again, empty, on first use


def snapshot() -> list[object]:
    return [
        sorted(
            (i.number, i.board.number, i.issue_date, i.total_gross, selectors.status_of(i))
            for i in selectors.invoices_with_balance()
        ),
        sorted((m.reference, m.iban, m.signed_on, m.revoked_on) for m in Mandate.objects.all()),
        sorted((p.invoice.number, p.amount, p.paid_on, p.method) for p in Payment.objects.all()),
        sorted((r.message_id, r.collection_date, r.total) for r in DirectDebitRun.objects.all()),
    ]


@pytest.mark.django_db
def test_a_small_register_gets_billing_too_the_same_every_time(demo_world: str) -> None:
    today = date(2027, 3, 15)
    files = [ImportFile(name, data) for name, data in synthetic.world_files(seed=7, shape=SMALL)]

    result = demo_world_load(files=files, reset=True, seed=7, today=today)

    assert result.billing is not None
    assert result.billing.state is billing.BillingState.CREATED
    assert Invoice.objects.filter(year=2026).exists()
    assert Invoice.objects.filter(year=2027).exists()
    first = snapshot()
    demo_world_load(files=files, reset=True, seed=7, today=today)
    assert snapshot() == first
    again = demo_world_load(files=files, seed=7, today=date(2027, 4, 1))
    assert again.billing is not None
    assert again.billing.state is billing.BillingState.PRESENT
    assert snapshot() == first


@pytest.mark.django_db
def test_early_in_january_there_is_only_last_years_billing(demo_world: str) -> None:
    files = [ImportFile(name, data) for name, data in synthetic.world_files(seed=7, shape=SMALL)]
    demo_world_load(files=files, reset=True, seed=7, today=date(2027, 1, 4))
    assert Invoice.objects.filter(year=2026).exists()
    assert not BillingRun.objects.filter(period="2027").exists()
    events = AuditEvent.objects.filter(action__startswith="billing.")
    assert all(timezone.localdate(event.at) < date(2027, 1, 4) for event in events)
