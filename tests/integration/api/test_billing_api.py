"""Billing over the API: invoices and credit notes with their PDF and UBL, credit notes and
payments by finance staff, billing runs and dry runs; and who may see or do what (ACC-1,
ACC-2): a representative sees only its own board's invoices and documents."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from bundel.accounts.roles import Role
from bundel.billing import selectors, services
from bundel.billing.models import BillingRun, Charge, ChargeKind, Invoice, Payment
from bundel.registry.models import Board
from bundel.shared.models import AuditEvent
from tests.factories.billing import member, seller_ready

pytestmark = pytest.mark.django_db

TODAY = date(2026, 1, 15)
INVOICES = reverse("api:v1:billing-invoice-list")
RUNS = reverse("api:v1:billing-run-list")


def invoice_url(number: str, action: str = "") -> str:
    name = f"api:v1:billing-invoice-{action}" if action else "api:v1:billing-invoice-detail"
    return reverse(name, kwargs={"number": number})


def run_url(pk: int) -> str:
    return reverse("api:v1:billing-run-detail", kwargs={"pk": pk})


@pytest.fixture(autouse=True)
def _dutch_on_a_fixed_day() -> Iterator[None]:
    cache.clear()
    moment = datetime(2026, 1, 15, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
    with translation.override(settings.LANGUAGE_CODE), time_machine.travel(moment, tick=False):
        yield
    cache.clear()


@pytest.fixture
def client_for() -> Callable[[object], APIClient]:
    def make(user: object) -> APIClient:
        client = APIClient()
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return make


@pytest.fixture
def finance(make_user: Callable[..., Any]) -> Any:
    user = make_user(Role.FINANCE, username="financien")
    seller_ready()
    return user


@pytest.fixture
def finance_api(finance: Any, client_for: Callable[[object], APIClient]) -> APIClient:
    return client_for(finance)


@pytest.fixture
def procurement_api(make_user: Callable[..., Any], client_for: Callable[..., APIClient]) -> Any:
    return client_for(make_user(Role.PROCUREMENT, username="inkoop"))


@dataclass
class World:
    a: Board
    b: Board
    rep_a: APIClient  # the representative of board A


@pytest.fixture
def members(
    finance: Any, make_user: Callable[..., Any], client_for: Callable[..., APIClient]
) -> World:
    """Two member boards, A (800 students: EUR 1000) and B (5000: EUR 2800), not yet invoiced;
    A also owes a purchase fee (FEE-2, 21% VAT)."""
    a = member(800, finance, date(2024, 2, 1), number="10001", name="Stichting Adam")
    b = member(5000, finance, date(2024, 2, 1), number="20002", name="Stichting Bert")
    services.charges_create(
        [
            selectors.ChargeDraft(
                board_id=a.pk,
                kind=ChargeKind.PURCHASE_FEE,
                source_key="purchase:test:1",
                description="Inkoopfee laptops",
                period_start=None,
                period_end=None,
                billing_period="2026",
                quantity=Decimal("3"),
                unit_price=Decimal("12.345"),
            )
        ]
    )
    rep_a = client_for(make_user(Role.MEMBER_REPRESENTATIVE, board=a, username="bestuur-a"))
    return World(a, b, rep_a)


@pytest.fixture
def issued(members: World, finance: Any) -> World:
    """The year 2026 invoiced: A 2026-000001, B 2026-000002."""
    services.billing_run(period="2026", by=finance, on=TODAY)
    return members


def number_of(board: Board) -> str:
    return Invoice.objects.get(board=board, kind="invoice").number


def written() -> tuple[int, ...]:
    return (
        BillingRun.objects.count(),
        Charge.objects.count(),
        Invoice.objects.count(),
        Payment.objects.count(),
        AuditEvent.objects.count(),
    )


# Reading invoices ----------------------------------------------------------------------------


@pytest.mark.rule("FEE-4")
def test_staff_read_one_invoice_with_lines_vat_breakdown_and_what_is_open(
    issued: World, finance_api: APIClient
) -> None:
    response = finance_api.get(invoice_url("2026-000001"))
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["invoice"] == {
        "number": "2026-000001",
        "kind": "invoice",
        "board": "10001",
        "board_name": "Stichting Adam",
        "issue_date": "2026-01-15",
        "due_date": "2026-02-14",
        "total_net": "1037.04",
        "total_tax": "7.78",
        "total_gross": "1044.82",
        "paid": "0.00",
        "credited": "0.00",
        "open_amount": "1044.82",
        "status": "open",
        "credits_invoice": None,
        "run": BillingRun.objects.get().pk,
    }
    assert [
        (line["position"], line["description"], line["quantity"], line["unit_price"])
        for line in body["lines"]
    ] == [(1, "Contributie 2026", "1", "1000.00"), (2, "Inkoopfee laptops", "3", "12.345")]
    fee = body["lines"][1]
    assert (fee["vat_category"], fee["vat_percent"], fee["amount"]) == ("S", "21.00", "37.04")
    assert body["lines"][0]["period_start"] == "2026-01-01"
    assert body["vat_breakdown"] == [
        {
            "vat_category": "E",
            "vat_percent": "0.00",
            "taxable_amount": "1000.00",
            "tax_amount": "0.00",
        },
        {
            "vat_category": "S",
            "vat_percent": "21.00",
            "taxable_amount": "37.04",
            "tax_amount": "7.78",
        },
    ]
    assert body["vat_exemption_reason"] == "Ledencontributie, vrijgesteld van btw"
    assert body["payments"] == body["credit_notes"] == []
    assert body["documents"] == {
        "pdf": "http://testserver/api/v1/billing/invoices/2026-000001/pdf/",
        "ubl": "http://testserver/api/v1/billing/invoices/2026-000001/ubl/",
    }


def test_staff_list_every_boards_invoices_and_filter_them(
    issued: World,
    finance: Any,
    finance_api: APIClient,
    django_assert_max_num_queries: Any,
) -> None:
    invoice_b = Invoice.objects.get(board=issued.b)
    services.payment_record(invoice=invoice_b, amount=Decimal("800.00"), paid_on=TODAY)
    services.credit_note_issue(
        invoice=Invoice.objects.get(board=issued.a), positions=[2], reason="Te veel", on=TODAY
    )

    def numbers(**filters: Any) -> list[str]:
        response = finance_api.get(INVOICES, filters)
        assert response.status_code == 200, response.content
        return [row["number"] for row in response.json()["results"]]

    with django_assert_max_num_queries(6):
        response = finance_api.get(INVOICES)
    assert response.json()["count"] == 3
    rows = {row["number"]: row for row in response.json()["results"]}
    assert rows["C2026-000001"]["credits_invoice"] == "2026-000001"
    assert rows["C2026-000001"]["status"] == "credit_note"
    assert rows["C2026-000001"]["open_amount"] == "0.00"
    assert rows["2026-000001"]["credited"] == "44.82"
    assert rows["2026-000001"]["open_amount"] == "1000.00"
    assert (rows["2026-000002"]["paid"], rows["2026-000002"]["status"]) == ("800.00", "partly_paid")
    assert numbers(kind="credit_note") == ["C2026-000001"]
    assert numbers(board="20002") == ["2026-000002"]
    assert numbers(status="partly_paid") == ["2026-000002"]
    assert numbers(status="open") == ["2026-000001"]
    assert numbers(status="paid") == numbers(status="credited") == []
    assert numbers(status="credit_note") == ["C2026-000001"]
    assert numbers(year=2025) == []
    assert sorted(numbers(year=2026, kind="invoice")) == ["2026-000001", "2026-000002"]
    assert len(numbers(run=BillingRun.objects.get().pk)) == 2
    refused = finance_api.get(INVOICES, {"status": "lost"})
    assert (refused.status_code, refused.json()["code"]) == (400, "invalid")


def test_procurement_staff_read_invoices_and_runs_but_change_nothing(
    issued: World, procurement_api: APIClient
) -> None:
    assert procurement_api.get(INVOICES).json()["count"] == 2
    assert procurement_api.get(invoice_url("2026-000002")).status_code == 200
    assert procurement_api.get(RUNS).json()["count"] == 1
    before = written()
    for url, body in (
        (invoice_url("2026-000001", "credit-notes"), {"lines": [1], "reason": "x"}),
        (invoice_url("2026-000001", "payments"), {"amount": "10.00"}),
        (RUNS, {"period": "2026"}),
        (RUNS, {"period": "2026", "dry_run": True}),
    ):
        response = procurement_api.post(url, body, format="json")
        assert response.status_code == 403, url
        assert response.json()["code"] == "permission_denied"
    assert written() == before


@pytest.mark.rule("ACC-2")
def test_a_representative_sees_only_its_own_boards_invoices_and_documents(
    issued: World,
) -> None:
    rep = issued.rep_a
    listed = rep.get(INVOICES).json()
    assert [row["number"] for row in listed["results"]] == [number_of(issued.a)]
    assert rep.get(INVOICES, {"board": issued.b.number}).json()["count"] == 0
    assert rep.get(invoice_url(number_of(issued.a))).status_code == 200
    other = number_of(issued.b)
    for url in (invoice_url(other), invoice_url(other, "pdf"), invoice_url(other, "ubl")):
        response = rep.get(url)
        assert response.status_code == 404, url
        assert response["Content-Type"] == "application/json"
        assert response.json()["code"] == "billing.invoice_not_found"
    # exactly as a number that does not exist
    assert rep.get(invoice_url("2026-999999")).json()["code"] == "billing.invoice_not_found"


def test_a_representative_may_not_credit_pay_or_run(issued: World) -> None:
    rep = issued.rep_a
    own = number_of(issued.a)
    before = written()
    for method, url, body in (
        ("post", invoice_url(own, "credit-notes"), {"lines": [1], "reason": "x"}),
        ("post", invoice_url(own, "payments"), {"amount": "10.00"}),
        ("get", RUNS, None),
        ("get", run_url(BillingRun.objects.get().pk), None),
        ("post", RUNS, {"period": "2026", "dry_run": True}),
    ):
        response = getattr(rep, method)(url, body, format="json")
        assert response.status_code == 403, url
    assert written() == before


def test_anonymous_requests_are_401(issued: World) -> None:
    anonymous = APIClient()
    number = number_of(issued.a)
    for method, url in (
        ("get", INVOICES),
        ("get", invoice_url(number)),
        ("get", invoice_url(number, "pdf")),
        ("get", invoice_url(number, "ubl")),
        ("post", invoice_url(number, "credit-notes")),
        ("post", invoice_url(number, "payments")),
        ("get", RUNS),
        ("post", RUNS),
        ("get", run_url(1)),
    ):
        response = getattr(anonymous, method)(url)
        assert response.status_code == 401, url
        assert response["WWW-Authenticate"] == "Token"
        assert response.json()["code"] == "not_authenticated"


# Documents -----------------------------------------------------------------------------------


def test_the_pdf_downloads_as_a_pdf_attachment(issued: World) -> None:
    number = number_of(issued.a)
    response = issued.rep_a.get(invoice_url(number, "pdf"), HTTP_ACCEPT="application/pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="factuur-{number}.pdf"'
    assert response.content.startswith(b"%PDF")


def test_the_ubl_downloads_as_xml(issued: World, finance_api: APIClient) -> None:
    number = number_of(issued.b)
    response = finance_api.get(invoice_url(number, "ubl"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    assert response["Content-Disposition"] == f'attachment; filename="factuur-{number}.xml"'
    assert response.content.lstrip().startswith(b"<?xml")
    assert f"<cbc:ID>{number}</cbc:ID>".encode() in response.content


# Credit notes and payments -------------------------------------------------------------------


def test_finance_credits_an_invoice_once(issued: World, finance_api: APIClient) -> None:
    number = number_of(issued.a)
    url = invoice_url(number, "credit-notes")
    response = finance_api.post(url, {"lines": [2], "reason": "Dubbel"}, format="json")
    assert response.status_code == 201, response.content
    note = response.json()
    assert note["invoice"]["number"] == "C2026-000001"
    assert (note["invoice"]["kind"], note["invoice"]["credits_invoice"]) == ("credit_note", number)
    assert note["invoice"]["total_gross"] == "44.82"
    assert note["reason"] == "Dubbel"
    assert [line["description"] for line in note["lines"]] == ["Inkoopfee laptops"]
    invoice = finance_api.get(invoice_url(number)).json()
    assert invoice["credit_notes"] == [
        {
            "number": "C2026-000001",
            "issue_date": "2026-01-15",
            "total_gross": "44.82",
            "reason": "Dubbel",
        }
    ]
    assert invoice["invoice"]["open_amount"] == "1000.00"
    assert finance_api.get(invoice_url("C2026-000001", "pdf")).content.startswith(b"%PDF")

    before = written()
    again = finance_api.post(url, {"lines": [2], "reason": "Nog eens"}, format="json")
    assert again.status_code == 409
    assert again.json()["code"] == "billing.line_already_credited"
    assert again.json()["message"]
    credit_a_note = finance_api.post(
        invoice_url("C2026-000001", "credit-notes"), {"lines": [1], "reason": "x"}, format="json"
    )
    assert credit_a_note.json()["code"] == "billing.not_an_invoice"
    no_reason = finance_api.post(url, {"lines": [1], "reason": " "}, format="json")
    assert no_reason.json()["code"] == "billing.reason_required"
    not_a_line = finance_api.post(url, {"lines": [9], "reason": "x"}, format="json")
    assert not_a_line.json()["code"] == "billing.line_not_on_invoice"
    extra = finance_api.post(url, {"lines": [1], "reason": "x", "board": "20002"}, format="json")
    assert (extra.status_code, list(extra.json()["fields"])) == (400, ["board"])
    assert written() == before


def test_finance_records_payments_never_above_what_is_open(
    issued: World, finance_api: APIClient
) -> None:
    number = number_of(issued.b)
    url = invoice_url(number, "payments")
    body = {"amount": "800.00", "paid_on": "2026-01-14", "method": "transfer", "reference": "X1"}
    response = finance_api.post(url, body, format="json")
    assert response.status_code == 201, response.content
    assert {k: v for k, v in response.json().items() if k not in ("id", "recorded_at")} == {
        "invoice": number,
        "amount": "800.00",
        "paid_on": "2026-01-14",
        "method": "transfer",
        "reference": "X1",
    }
    detail = finance_api.get(invoice_url(number)).json()
    assert (detail["invoice"]["status"], detail["invoice"]["open_amount"]) == (
        "partly_paid",
        "2000.00",
    )
    assert [p["amount"] for p in detail["payments"]] == ["800.00"]

    before = written()
    too_much = finance_api.post(url, {"amount": "2000.01"}, format="json")
    assert too_much.status_code == 409
    assert too_much.json()["code"] == "billing.payment_exceeds_open"
    assert too_much.json()["params"] == {"open": "2000.00"}
    assert "2000.00" in too_much.json()["message"]
    nothing = finance_api.post(url, {"amount": "0.00"}, format="json")
    assert nothing.json()["code"] == "billing.payment_positive"
    cents = finance_api.post(url, {"amount": "1.001"}, format="json")
    assert cents.status_code == 400
    assert written() == before

    rest = finance_api.post(url, {"amount": "2000.00", "method": "direct_debit"}, format="json")
    assert rest.json()["paid_on"] == "2026-01-15"  # today when left out
    assert finance_api.get(invoice_url(number)).json()["invoice"]["status"] == "paid"


# Runs ----------------------------------------------------------------------------------------


@pytest.mark.rule("FEE-1")
def test_a_dry_run_shows_per_board_what_would_be_invoiced_and_writes_nothing(
    members: World, finance_api: APIClient
) -> None:
    before = written()
    response = finance_api.post(RUNS, {"period": "2026", "dry_run": True}, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["period"], body["dry_run"], body["invoices"]) == ("2026", True, 2)
    assert (body["total_net"], body["total_gross"]) == ("3837.04", "3844.82")
    adam, bert = body["boards"]
    assert (adam["board"], adam["board_name"], adam["total_gross"]) == (
        "10001",
        "Stichting Adam",
        "1044.82",
    )
    assert [(line["charge_kind"], line["amount"]) for line in adam["lines"]] == [
        ("membership_fee", "1000.00"),
        ("purchase_fee", "37.04"),
    ]
    assert (bert["board"], bert["total_net"], bert["total_tax"]) == ("20002", "2800.00", "0.00")
    assert written() == before


def test_a_run_is_queued_runs_and_is_idempotent_through_the_api(
    members: World, finance_api: APIClient
) -> None:
    response = finance_api.post(RUNS, {"period": "2026"}, format="json")
    assert response.status_code == 202, response.content
    run = response.json()
    assert (run["period"], run["started_by"]) == ("2026", "financien")
    # the test settings run tasks at once: the run is done when the answer comes
    assert (run["status"], run["boards_total"], run["boards_done"], run["percent_done"]) == (
        "done",
        2,
        2,
        100,
    )
    assert (run["invoices_created"], run["amount_total"]) == (2, "3844.82")
    assert finance_api.get(run_url(run["id"])).json() == run

    again = finance_api.post(RUNS, {"period": "2026"}, format="json")
    assert again.status_code == 202
    assert (again.json()["status"], again.json()["invoices_created"]) == ("done", 0)
    assert Invoice.objects.count() == 2
    assert Charge.objects.count() == 3
    listed = finance_api.get(RUNS).json()
    assert [r["id"] for r in listed["results"]] == [again.json()["id"], run["id"]]
    numbers = finance_api.get(INVOICES, {"run": run["id"]}).json()["results"]
    assert sorted(row["number"] for row in numbers) == ["2026-000001", "2026-000002"]


def test_a_bad_period_is_refused_and_writes_nothing(members: World, finance_api: APIClient) -> None:
    before = written()
    for body in ({"period": "2026-13"}, {"period": "26", "dry_run": True}):
        response = finance_api.post(RUNS, body, format="json")
        assert response.status_code == 409
        assert response.json()["code"] == "billing.invalid_period"
        assert response.json()["message"] == "Geef de periode als jaar (2026) of maand (2026-03)."
    assert written() == before
    unknown = finance_api.post(RUNS, {"period": "2026", "force": True}, format="json")
    assert unknown.status_code == 400
    assert finance_api.get(run_url(999)).status_code == 404
