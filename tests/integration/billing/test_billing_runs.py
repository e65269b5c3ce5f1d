"""FEE-1 and FEE-4 through a billing run: one invoice per board with a line per charge,
numbered gap-free per year, idempotent; corrections by credit note; payments."""

from datetime import date
from decimal import Decimal

import pytest

from bundel.accounts.roles import Role
from bundel.billing import domain, selectors, services
from bundel.billing.models import BillingRun, Charge, Invoice, InvoiceLine
from bundel.billing.snapshot import InvoiceSnapshot
from bundel.shared.errors import RuleViolation
from bundel.shared.models import AuditEvent
from tests.factories.billing import member, seller_ready

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(make_user):  # noqa: ANN001, ANN201
    user = make_user(Role.FINANCE, username="financien")
    seller_ready()
    return user


@pytest.mark.rule("FEE-1")
def test_a_yearly_run_invoices_every_member_once_with_its_fee(staff) -> None:  # noqa: ANN001
    small = member(800, staff, date(2024, 2, 1), name="Stichting Klein")
    large = member(5000, staff, date(2024, 2, 1), name="Stichting Groot")
    run = services.billing_run(period="2026", by=staff, on=date(2026, 1, 15))
    assert (run.status, run.boards_total, run.boards_done, run.invoices_created) == (
        "done",
        2,
        2,
        2,
    )
    amounts = {i.board: i.total_gross for i in Invoice.objects.all()}
    assert amounts == {small: Decimal("1000.00"), large: Decimal("2800.00")}
    assert sorted(Invoice.objects.values_list("number", flat=True)) == [
        "2026-000001",
        "2026-000002",
    ]
    line = InvoiceLine.objects.get(invoice__board=small)
    assert (line.description, line.period_start, line.period_end, line.note) == (
        "Contributie 2026",
        date(2026, 1, 1),
        date(2026, 12, 31),
        "",
    )
    assert run.amount_total == Decimal("3800.00")


@pytest.mark.rule("FEE-1")
def test_running_the_same_period_again_invoices_nothing_twice(staff) -> None:  # noqa: ANN001
    member(800, staff, date(2024, 2, 1))
    services.billing_run(period="2026", by=staff, on=date(2026, 1, 15))
    again = services.billing_run(period="2026", by=staff, on=date(2026, 1, 16))
    assert again.invoices_created == 0
    assert Invoice.objects.count() == 1
    assert Charge.objects.count() == 1


@pytest.mark.rule("FEE-1")
def test_a_dry_run_shows_per_board_what_would_be_invoiced_and_writes_nothing(staff) -> None:  # noqa: ANN001
    board = member(800, staff, date(2026, 6, 1))
    preview = selectors.run_preview(domain.parse_period("2026"))
    assert [(p.board, p.net) for p in preview] == [(board, Decimal("586.30"))]  # 1000 × 214/365
    assert not Charge.objects.exists()
    assert not Invoice.objects.exists()
    assert not BillingRun.objects.exists()


@pytest.mark.rule("FEE-1")
def test_joining_on_31_december_is_one_day_of_the_year(staff) -> None:  # noqa: ANN001
    board = member(5000, staff, date(2025, 12, 31))
    services.billing_run(period="2025", by=staff, on=date(2026, 1, 5))
    line = InvoiceLine.objects.get(invoice__board=board)
    assert line.amount == Decimal("7.67")  # 2800 / 365 = 7.671…
    assert line.note == "pro rata 1/365 × EUR 2800.00"
    assert line.period_start == line.period_end == date(2025, 12, 31)


@pytest.mark.rule("FEE-1")
def test_a_leap_year_counts_366_days(staff) -> None:  # noqa: ANN001
    board = member(800, staff, date(2028, 3, 1))
    services.billing_run(period="2028", by=staff, on=date(2028, 3, 2))
    line = InvoiceLine.objects.get(invoice__board=board)
    assert line.note == "pro rata 306/366 × EUR 1000.00"
    assert line.amount == Decimal("836.07")  # 306000 / 366 = 836.065… → half-up


@pytest.mark.rule("FEE-4")
def test_the_invoice_is_an_immutable_snapshot_of_seller_and_buyer(staff) -> None:  # noqa: ANN001
    board = member(800, staff, date(2024, 2, 1), name="Stichting Eerst")
    services.billing_run(period="2026", by=staff, on=date(2026, 1, 15))
    board.name = "Stichting Later"
    board.save(update_fields=["name"])
    services.billing_settings_update(values={"name": "Nieuwe naam"}, by=staff)
    invoice = Invoice.objects.get()
    snapshot = InvoiceSnapshot.from_json(invoice.snapshot)
    assert snapshot.buyer.name == "Stichting Eerst"
    assert snapshot.seller.name == "Coöperatie Bundel U.A."
    assert snapshot.seller.iban == "NL91ABNA0417164300"
    assert snapshot.totals.gross == invoice.total_gross
    assert AuditEvent.objects.filter(action="billing.invoice.issued").count() == 1


def test_a_credit_note_refers_to_the_invoice_and_never_credits_twice(staff) -> None:  # noqa: ANN001
    member(800, staff, date(2024, 2, 1))
    services.billing_run(period="2026", by=staff, on=date(2026, 1, 15))
    invoice = Invoice.objects.get()
    with pytest.raises(RuleViolation, match="billing.reason_required"):
        services.credit_note_issue(invoice=invoice, positions=[1], reason=" ", on=date(2026, 2, 1))
    note = services.credit_note_issue(
        invoice=invoice, positions=[1], reason="Verkeerde kamer", on=date(2026, 2, 1), by=staff
    )
    assert (note.kind, note.number, note.credited_invoice) == (
        "credit_note",
        "C2026-000001",
        invoice,
    )
    assert note.total_gross == invoice.total_gross
    assert selectors.status_of(invoice) == "credited"
    assert selectors.open_amount(invoice) == Decimal("0.00")
    with pytest.raises(RuleViolation, match="billing.line_already_credited"):
        services.credit_note_issue(
            invoice=invoice, positions=[1], reason="Nog eens", on=date(2026, 2, 2)
        )
    with pytest.raises(RuleViolation, match="billing.not_an_invoice"):
        services.credit_note_issue(invoice=note, positions=[1], reason="X", on=date(2026, 2, 2))
    assert Invoice.objects.filter(kind="credit_note").count() == 1
    # the next invoice number of the year is not taken by the credit note
    member(800, staff, date(2026, 2, 1))
    services.billing_run(period="2026", by=staff, on=date(2026, 2, 3))
    assert Invoice.objects.filter(kind="invoice").latest("sequence").number == "2026-000002"


def test_payments_settle_an_invoice_and_never_exceed_what_is_open(staff) -> None:  # noqa: ANN001
    member(5000, staff, date(2024, 2, 1))
    services.billing_run(period="2026", by=staff, on=date(2026, 1, 15))
    invoice = Invoice.objects.get()
    services.payment_record(
        invoice=invoice, amount=Decimal("800.00"), paid_on=date(2026, 2, 1), by=staff
    )
    assert selectors.status_of(invoice) == "partly_paid"
    with pytest.raises(RuleViolation) as refused:
        services.payment_record(
            invoice=invoice, amount=Decimal("2000.01"), paid_on=date(2026, 2, 2)
        )
    assert refused.value.params == {"open": "2000.00"}
    services.payment_record(invoice=invoice, amount=Decimal("2000.00"), paid_on=date(2026, 2, 2))
    assert selectors.status_of(invoice) == "paid"


def test_billing_refuses_to_issue_without_the_sellers_data(make_user) -> None:  # noqa: ANN001
    staff = make_user(Role.FINANCE)
    member(800, staff, date(2024, 2, 1))
    with pytest.raises(RuleViolation) as refused:
        services.billing_run(period="2026", by=staff)
    assert refused.value.code == "billing.settings_incomplete"
    assert not Invoice.objects.exists()
    assert not BillingRun.objects.exists()


def test_a_bad_period_is_refused(staff) -> None:  # noqa: ANN001
    with pytest.raises(RuleViolation, match="billing.invalid_period"):
        services.billing_run(period="2026-13", by=staff)


@pytest.mark.rule("FEE-2")
def test_a_monthly_run_invoices_a_purchase_fee_once_at_its_vat_rate(staff) -> None:  # noqa: ANN001
    board = member(800, staff, date(2024, 2, 1))
    for _ in range(2):  # raised twice (e.g. a retried confirmation): one charge
        services.charge_add(
            board_id=board.pk,
            kind="purchase_fee",
            source_key=f"tender:7:board:{board.pk}",
            description="Inkoopfee BND-2026-001 Wifi",
            billing_period="2026-11",
            unit_price=Decimal("250.00"),
        )
    run = services.billing_run(period="2026-11", by=staff, on=date(2026, 12, 1))
    line = InvoiceLine.objects.get(invoice__run=run)
    assert (line.amount, line.vat_category, line.vat_percent) == (
        Decimal("250.00"), "S", Decimal("21.00"),
    )  # fmt: skip
    assert line.invoice.total_gross == Decimal("302.50")
    assert services.billing_run(period="2026-11", by=staff).invoices_created == 0


def test_filtering_by_status_in_the_database_agrees_with_status_of(staff) -> None:  # noqa: ANN001
    for students in (800, 900, 5000, 6000):
        member(students, staff, date(2024, 2, 1))
    services.billing_run(period="2026", by=staff, on=date(2026, 1, 15))
    first, second, third, _ = Invoice.objects.order_by("sequence")
    services.payment_record(invoice=first, amount=first.total_gross, paid_on=date(2026, 2, 1))
    services.payment_record(invoice=second, amount=Decimal("1.00"), paid_on=date(2026, 2, 1))
    services.credit_note_issue(invoice=third, positions=[1], reason="Fout", on=date(2026, 2, 1))
    rows = selectors.invoices_with_balance()
    for status in ("open", "partly_paid", "paid", "credited", "credit_note"):
        expected = {i.number for i in rows if selectors.status_of(i) == status}
        assert {i.number for i in selectors.in_status(rows, status)} == expected, status
        assert len(expected) == 1, status
