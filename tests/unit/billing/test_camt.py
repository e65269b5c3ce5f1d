"""Reading a CAMT.053 bank statement and matching its payments to open invoices."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from bundel.billing.adapters.camt import (
    CreditDebit,
    Entry,
    MatchStatus,
    match_payments,
    read_statement,
    read_statements,
)
from bundel.shared.errors import RuleViolation

FIXTURE = Path(__file__).parent / "fixtures" / "camt053_bundel_2026-02-02.xml"
OPEN = {
    "2026-000001": Decimal("1000.00"),
    "2026-000002": Decimal("500.75"),
    "2026-000003": Decimal("812.40"),
    "2026-000004": Decimal("187.60"),
    "2026-000009": Decimal("99.00"),
}


def statement_xml() -> bytes:
    return FIXTURE.read_bytes()


def payment(amount: str, remittance: str = "", end_to_end_id: str = "", **kw: object) -> Entry:
    values: dict[str, object] = {
        "amount": Decimal(amount),
        "currency": "EUR",
        "credit_debit": CreditDebit.CREDIT,
        "booking_date": date(2026, 2, 2),
        "remittance": remittance,
        "end_to_end_id": end_to_end_id,
    }
    values.update(kw)
    return Entry(**values)  # type: ignore[arg-type]


def test_the_statement_header_is_read() -> None:
    statement = read_statement(statement_xml())
    assert statement.statement_id == "0417164300-20260202"
    assert statement.account_iban == "NL91ABNA0417164300"
    assert statement.currency == "EUR"
    assert statement.message_id == "ABNA-CAMT053-20260203-061245"
    assert statement.sequence_number == "23"
    assert statement.created_at.startswith("2026-02-03T06:12:45")


@pytest.mark.rule("FEE-4")
def test_entries_are_read_with_exact_amounts_and_their_details() -> None:
    entries = read_statement(statement_xml()).entries
    # five booked entries; the direct-debit batch is split into its two transactions
    assert [(e.amount, e.credit_debit.value) for e in entries] == [
        (Decimal("1000.00"), "CRDT"),
        (Decimal("250.50"), "CRDT"),
        (Decimal("812.40"), "CRDT"),
        (Decimal("187.60"), "CRDT"),
        (Decimal("75.00"), "CRDT"),
        (Decimal("45.99"), "DBIT"),
    ]
    assert all(isinstance(e.amount, Decimal) for e in entries)
    assert all(e.booking_date == date(2026, 2, 2) for e in entries)
    full, partial, first_debit, second_debit, unknown, debit = entries
    assert full.end_to_end_id == ""  # NOTPROVIDED
    assert full.remittance == "Factuur 2026-000001 contributie 2026"  # whitespace collapsed
    assert full.counterparty_name == "Stichting Primair Onderwijs Zuid"
    assert full.counterparty_iban == "NL20INGB0001234567"
    assert full.bank_reference == "0202260001234567"
    assert partial.creditor_reference == "2026-000002"
    assert partial.remittance == ""
    assert first_debit.end_to_end_id == "2026-000003"
    assert first_debit.mandate_reference == "BUNDEL-30512-1"
    assert first_debit.counterparty_name == "Stichting Kindcentra West"
    assert second_debit.counterparty_iban == "NL20INGB0001234567"
    assert unknown.end_to_end_id == "GEM-UTR-2026-00418"
    # the payee of a debit is its counterparty
    assert debit.counterparty_name == "Leverancier ICT B.V."
    assert debit.counterparty_iban == "NL18RABO0123459876"
    assert not debit.is_payment


def test_payments_are_matched_to_open_invoices() -> None:
    matches = match_payments(read_statement(statement_xml()).entries, OPEN)
    summary = [(m.status, m.invoice_number, m.open_before, m.open_after) for m in matches]
    assert summary == [
        (MatchStatus.PAID, "2026-000001", Decimal("1000.00"), Decimal("0.00")),
        (MatchStatus.PARTIAL, "2026-000002", Decimal("500.75"), Decimal("250.25")),
        (MatchStatus.PAID, "2026-000003", Decimal("812.40"), Decimal("0.00")),
        (MatchStatus.PAID, "2026-000004", Decimal("187.60"), Decimal("0.00")),
        (MatchStatus.UNMATCHED, "", None, None),
        # a debit that mentions an invoice number is still not a payment
        (MatchStatus.NOT_A_PAYMENT, "", None, None),
    ]
    unmatched = [m.entry for m in matches if m.status == MatchStatus.UNMATCHED]
    assert [e.counterparty_name for e in unmatched] == ["Gemeente Utrecht"]


@pytest.mark.rule("FEE-4")
def test_partial_payments_add_up_exactly() -> None:
    entries = [
        payment("0.10", "2026-000005 eerste deel"),
        payment("0.20", "2026-000005 tweede deel"),
        payment("0.01", "2026-000005 nog eens"),
    ]
    matches = match_payments(entries, {"2026-000005": Decimal("0.30")})
    assert [(m.status, m.open_after) for m in matches] == [
        (MatchStatus.PARTIAL, Decimal("0.20")),
        # 0.10 + 0.20 == 0.30 exactly: paid (with floats the invoice would stay open)
        (MatchStatus.PAID, Decimal("0.00")),
        (MatchStatus.OVERPAID, Decimal("-0.01")),
    ]


@pytest.mark.rule("FEE-4")
def test_open_amounts_must_be_decimal() -> None:
    with pytest.raises(TypeError):
        match_payments([payment("1.00", "2026-000001")], {"2026-000001": 1.0})  # type: ignore[dict-item]


def test_more_than_the_open_amount_is_overpaid() -> None:
    [match] = match_payments([payment("120.00", "2026-000009")], OPEN)
    assert match.status == MatchStatus.OVERPAID
    assert match.open_after == Decimal("-21.00")


def test_invoice_numbers_are_found_only_as_whole_tokens() -> None:
    open_invoices = {"2026-000001": Decimal("10.00"), "2026-000012": Decimal("20.00")}
    entries = [
        payment("10.00", "credit note C2026-000001"),  # a credit note number is not the invoice
        payment("10.00", "factuur 2026-0000012"),  # a longer number is not the invoice
        payment("20.00", "FACTUUR:2026-000012/BUNDEL"),
        payment("10.00", end_to_end_id="2026-000001"),
    ]
    matches = match_payments(entries, open_invoices)
    assert [(m.status, m.invoice_number) for m in matches] == [
        (MatchStatus.UNMATCHED, ""),
        (MatchStatus.UNMATCHED, ""),
        (MatchStatus.PAID, "2026-000012"),
        (MatchStatus.PAID, "2026-000001"),
    ]


def test_an_entry_naming_two_open_invoices_is_ambiguous_unless_its_end_to_end_id_decides() -> None:
    open_invoices = {"2026-000001": Decimal("10.00"), "2026-000002": Decimal("20.00")}
    ambiguous, decided = match_payments(
        [
            payment("30.00", "facturen 2026-000001 en 2026-000002"),
            payment("20.00", "zie ook 2026-000001", end_to_end_id="2026-000002"),
        ],
        open_invoices,
    )
    assert ambiguous.status == MatchStatus.AMBIGUOUS
    assert ambiguous.candidates == ("2026-000001", "2026-000002")
    assert (decided.status, decided.invoice_number) == (MatchStatus.PAID, "2026-000002")


def test_reversals_pending_entries_and_other_currencies_are_not_matched() -> None:
    matches = match_payments(
        [
            payment("10.00", "2026-000001", reversal=True),
            payment("10.00", "2026-000001", status="PDNG"),
            payment("10.00", "2026-000001", currency="USD"),
        ],
        {"2026-000001": Decimal("10.00")},
    )
    assert [m.status for m in matches] == [
        MatchStatus.NOT_A_PAYMENT,
        MatchStatus.NOT_A_PAYMENT,
        MatchStatus.UNMATCHED,
    ]


def test_with_no_open_invoices_every_payment_is_unmatched() -> None:
    entries = read_statement(statement_xml()).entries
    statuses = {m.status for m in match_payments(entries, {})}
    assert statuses == {MatchStatus.UNMATCHED, MatchStatus.NOT_A_PAYMENT}


def test_a_batch_without_amounts_per_transaction_stays_one_entry() -> None:
    xml = statement_xml()
    for amount in (b"812.40", b"187.60"):
        xml = xml.replace(b'<Amt Ccy="EUR">' + amount + b"</Amt>", b"")
    entries = read_statement(xml).entries
    batch = entries[2]
    assert batch.amount == Decimal("1000.00")
    assert batch.end_to_end_id == ""
    assert "2026-000003" in batch.remittance
    assert "2026-000004" in batch.remittance
    [match] = match_payments([batch], OPEN)
    assert match.status == MatchStatus.AMBIGUOUS


def test_a_batch_whose_transactions_do_not_add_up_stays_one_entry() -> None:
    xml = statement_xml().replace(b'<Amt Ccy="EUR">187.60</Amt>', b'<Amt Ccy="EUR">187.61</Amt>')
    entries = read_statement(xml).entries
    assert len(entries) == 5
    assert entries[2].amount == Decimal("1000.00")


def test_several_statements_in_one_file() -> None:
    xml = statement_xml()
    start = xml.index(b"<Stmt>")
    end = xml.index(b"</Stmt>") + len(b"</Stmt>")
    second = xml[start:end].replace(b"0417164300-20260202", b"0417164300-20260203")
    doubled = xml[:end] + second + xml[end:]
    assert [s.statement_id for s in read_statements(doubled)] == [
        "0417164300-20260202",
        "0417164300-20260203",
    ]
    with pytest.raises(RuleViolation) as refused:
        read_statement(doubled)
    assert refused.value.code == "billing.camt_unreadable"


@pytest.mark.parametrize(
    "xml",
    [
        b"",
        b"not xml at all",
        b"<Document><BkToCstmrStmt/></Document>",  # no namespace
        b'<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.008.001.02"/>',
        b'<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"/>',
        b'<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">'
        b"<BkToCstmrStmt><GrpHdr><MsgId>1</MsgId></GrpHdr></BkToCstmrStmt></Document>",
    ],
)
def test_unreadable_files_are_refused(xml: bytes) -> None:
    with pytest.raises(RuleViolation) as refused:
        read_statement(xml)
    assert refused.value.code == "billing.camt_unreadable"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (b'<Amt Ccy="EUR">250.50</Amt>', b'<Amt Ccy="EUR">250,50</Amt>'),
        (b'<Amt Ccy="EUR">250.50</Amt>', b'<Amt Ccy="EUR">-250.50</Amt>'),
        (b'<Amt Ccy="EUR">250.50</Amt>', b'<Amt Ccy="EUR">NaN</Amt>'),
        (b"<CdtDbtInd>DBIT</CdtDbtInd>", b"<CdtDbtInd>DEBIT</CdtDbtInd>"),
        (b"<Dt>2026-02-02</Dt>\n        </BookgDt>", b"<Dt>2026-02-30</Dt>\n        </BookgDt>"),
        (b"<IBAN>NL91ABNA0417164300</IBAN>", b""),
    ],
)
def test_a_broken_entry_is_refused_with_where_it_is(old: bytes, new: bytes) -> None:
    xml = statement_xml()
    assert old in xml
    with pytest.raises(RuleViolation) as refused:
        read_statement(xml.replace(old, new, 1))
    assert refused.value.code == "billing.camt_unreadable"
    assert refused.value.params["detail"]


def test_a_document_type_declaration_is_refused(tmp_path: Path) -> None:
    """No external entity is ever read: a file with a DTD is not a bank statement."""
    secret = tmp_path / "secret.txt"
    secret.write_text("geheim")
    doctype = f'<!DOCTYPE Document [<!ENTITY x SYSTEM "file://{secret}">]>\n<Document '
    xml = (
        statement_xml()
        .replace(b"<Document ", doctype.encode(), 1)
        .replace(b"Terugbetaling borg", b"&x; borg")
    )
    with pytest.raises(RuleViolation) as refused:
        read_statement(xml)
    assert refused.value.code == "billing.camt_unreadable"
    assert "geheim" not in str(refused.value)
