"""Bank statements (issue #6): read a CAMT.053 statement (camt.053.001.02, as Dutch banks deliver
it) and match its credit entries to open invoices. Pure: bytes in, dataclasses out; no Django.

An entry that books several transactions at once (a batch, such as the credit of our own SEPA
direct-debit collection) is split into one `Entry` per transaction when the bank reports each
transaction's amount, so each can be matched to its invoice. Amounts stay `Decimal` throughout
(FEE-4). Anything that is not a readable camt.053.001.02 statement raises
`RuleViolation("billing.camt_unreadable")`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from lxml import etree

from bundel.shared.errors import RuleViolation

NAMESPACE = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"
_NS = {"c": NAMESPACE}
# The bank's placeholder when the payer gave no end-to-end id.
NOT_PROVIDED = "NOTPROVIDED"
_AMOUNT = re.compile(r"^[0-9]{1,18}(\.[0-9]{1,5})?$")


class CreditDebit(StrEnum):
    CREDIT = "CRDT"  # money in
    DEBIT = "DBIT"  # money out


@dataclass(frozen=True)
class Entry:
    """One transaction on the statement (booked unless `status` says otherwise)."""

    amount: Decimal  # always positive; see credit_debit
    currency: str
    credit_debit: CreditDebit
    booking_date: date
    value_date: date | None = None
    status: str = "BOOK"
    reversal: bool = False
    bank_reference: str = ""  # AcctSvcrRef
    end_to_end_id: str = ""  # "" when absent or NOTPROVIDED
    remittance: str = ""  # unstructured remittance information, lines joined by a space
    creditor_reference: str = ""  # structured: CdtrRefInf/Ref (e.g. an ISO 11649 RF reference)
    counterparty_name: str = ""  # the payer of a credit, the payee of a debit
    counterparty_iban: str = ""
    mandate_reference: str = ""  # MndtId, on direct debits
    additional_info: str = ""  # AddtlNtryInf/AddtlTxInf

    @property
    def is_payment(self) -> bool:
        """A booked credit that is not a reversal: money a board paid in."""
        return self.credit_debit == CreditDebit.CREDIT and not self.reversal and self.booked

    @property
    def booked(self) -> bool:
        return self.status == "BOOK"


@dataclass(frozen=True)
class Statement:
    statement_id: str
    account_iban: str
    currency: str
    created_at: str  # CreDtTm as given (ISO 8601)
    entries: tuple[Entry, ...]
    sequence_number: str = ""  # ElctrncSeqNb
    message_id: str = ""  # GrpHdr/MsgId


class MatchStatus(StrEnum):
    PAID = "paid"  # the entry pays the invoice's open amount exactly
    PARTIAL = "partial"  # less than the open amount
    OVERPAID = "overpaid"  # more than the open amount (or the invoice was already paid)
    AMBIGUOUS = "ambiguous"  # refers to more than one open invoice: staff decide
    UNMATCHED = "unmatched"  # a payment that refers to no open invoice
    NOT_A_PAYMENT = "not_a_payment"  # a debit, a reversal or a pending entry


@dataclass(frozen=True)
class Match:
    entry: Entry
    status: MatchStatus
    invoice_number: str = ""
    open_before: Decimal | None = None
    open_after: Decimal | None = None  # open_before - entry.amount; below zero when overpaid
    candidates: tuple[str, ...] = ()  # the invoice numbers found, for AMBIGUOUS


def read_statement(xml: bytes) -> Statement:
    """The one statement in a camt.053.001.02 file. A file with several statements (several
    accounts or days) is refused: use `read_statements`."""
    statements = read_statements(xml)
    if len(statements) != 1:
        raise RuleViolation("billing.camt_unreadable", detail=f"{len(statements)} statements")
    return statements[0]


def read_statements(xml: bytes) -> list[Statement]:
    """Every statement in a camt.053.001.02 file, in file order."""
    root = _parse(xml)
    if root.tag != f"{{{NAMESPACE}}}Document":
        raise RuleViolation("billing.camt_unreadable", detail=f"not camt.053.001.02: {root.tag}")
    message = root.find("c:BkToCstmrStmt", _NS)
    if message is None:
        raise RuleViolation("billing.camt_unreadable", detail="no BkToCstmrStmt")
    message_id = _text(message, "c:GrpHdr/c:MsgId")
    statements = [_statement(element, message_id) for element in message.findall("c:Stmt", _NS)]
    if not statements:
        raise RuleViolation("billing.camt_unreadable", detail="no Stmt")
    return statements


def match_payments(entries: Iterable[Entry], open_invoices: Mapping[str, Decimal]) -> list[Match]:
    """One match per entry, in statement order. A payment is matched to the open invoice whose
    number its end-to-end id, structured creditor reference or remittance information carries:
    the exact open amount pays it, less pays part of it, more overpays it. Several payments to one
    invoice are applied in turn, so the second sees what the first left open (exact Decimal
    arithmetic, FEE-4). Numbers are compared case-insensitively and only as whole tokens, so
    2026-0001 is not found in 2026-00012."""
    if not all(isinstance(amount, Decimal) for amount in open_invoices.values()):
        raise TypeError("open amounts are Decimal, never float")
    open_now = dict(open_invoices)
    finder = _InvoiceFinder(open_now)
    matches: list[Match] = []
    for entry in entries:
        if not entry.is_payment:
            matches.append(Match(entry, MatchStatus.NOT_A_PAYMENT))
            continue
        candidates = finder.find(entry)
        if entry.currency != "EUR" or not candidates:
            matches.append(Match(entry, MatchStatus.UNMATCHED))
            continue
        if len(candidates) > 1:
            matches.append(Match(entry, MatchStatus.AMBIGUOUS, candidates=candidates))
            continue
        number = candidates[0]
        before = open_now[number]
        after = before - entry.amount
        open_now[number] = after
        if after == 0:
            status = MatchStatus.PAID
        elif after > 0:
            status = MatchStatus.PARTIAL
        else:
            status = MatchStatus.OVERPAID
        matches.append(Match(entry, status, number, before, after))
    return matches


class _InvoiceFinder:
    def __init__(self, numbers: Iterable[str]) -> None:
        self._by_key = {number.casefold(): number for number in numbers if number}
        alternatives = "|".join(map(re.escape, sorted(self._by_key, key=len, reverse=True)))
        # whole tokens only: no letter or digit may touch the number on either side
        self._pattern = re.compile(rf"(?<![0-9a-z])(?:{alternatives})(?![0-9a-z])")

    def find(self, entry: Entry) -> tuple[str, ...]:
        """The open invoices an entry refers to. The end-to-end id wins when it names exactly
        one (our own direct debits carry the invoice number there)."""
        if not self._by_key:
            return ()
        in_end_to_end = self._search(entry.end_to_end_id)
        if len(in_end_to_end) == 1:
            return in_end_to_end
        return self._search(
            _join((entry.end_to_end_id, entry.creditor_reference, entry.remittance))
        )

    def _search(self, text: str) -> tuple[str, ...]:
        hits = self._pattern.finditer(text.casefold())
        return tuple(dict.fromkeys(self._by_key[hit.group(0)] for hit in hits))


def _parse(xml: bytes) -> etree._Element:
    if not isinstance(xml, bytes) or not xml.strip():
        raise RuleViolation("billing.camt_unreadable", detail="empty file")
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(xml, parser)
    except etree.XMLSyntaxError as error:
        raise RuleViolation("billing.camt_unreadable", detail=str(error)) from error
    if root.getroottree().docinfo.doctype:
        # bank statements have no DTD; one here can only be an attempt at entity tricks
        raise RuleViolation("billing.camt_unreadable", detail="a DOCTYPE is not allowed")
    return root


def _statement(element: etree._Element, message_id: str) -> Statement:
    statement_id = _required(element, "c:Id")
    iban = _compact(_text(element, "c:Acct/c:Id/c:IBAN"))
    if not iban:
        raise RuleViolation("billing.camt_unreadable", detail=f"statement {statement_id}: no IBAN")
    entries: list[Entry] = []
    for position, entry in enumerate(element.findall("c:Ntry", _NS), start=1):
        try:
            entries.extend(_entries(entry))
        except RuleViolation as error:
            detail = error.params.get("detail", "")
            raise RuleViolation(
                "billing.camt_unreadable",
                detail=f"statement {statement_id}, entry {position}: {detail}",
            ) from error
    return Statement(
        statement_id=statement_id,
        account_iban=iban,
        currency=_text(element, "c:Acct/c:Ccy") or "EUR",
        created_at=_text(element, "c:CreDtTm"),
        entries=tuple(entries),
        sequence_number=_text(element, "c:ElctrncSeqNb"),
        message_id=message_id,
    )


@dataclass(frozen=True)
class _Booking:
    """What an entry's transactions share."""

    currency: str
    credit_debit: CreditDebit
    booking_date: date
    value_date: date | None
    status: str
    reversal: bool
    bank_reference: str


@dataclass(frozen=True)
class _Details:
    """What one transaction (TxDtls) tells about itself."""

    end_to_end_id: str = ""
    remittance: str = ""
    creditor_reference: str = ""
    counterparty_name: str = ""
    counterparty_iban: str = ""
    mandate_reference: str = ""
    additional_info: str = ""

    def entry(self, booking: _Booking, amount: Decimal) -> Entry:
        return Entry(
            amount=amount,
            currency=booking.currency,
            credit_debit=booking.credit_debit,
            booking_date=booking.booking_date,
            value_date=booking.value_date,
            status=booking.status,
            reversal=booking.reversal,
            bank_reference=booking.bank_reference,
            end_to_end_id=self.end_to_end_id,
            remittance=self.remittance,
            creditor_reference=self.creditor_reference,
            counterparty_name=self.counterparty_name,
            counterparty_iban=self.counterparty_iban,
            mandate_reference=self.mandate_reference,
            additional_info=self.additional_info,
        )


def _entries(entry: etree._Element) -> list[Entry]:
    amount, currency = _amount(entry, "c:Amt")
    indicator = _required(entry, "c:CdtDbtInd")
    if indicator not in {"CRDT", "DBIT"}:
        raise RuleViolation("billing.camt_unreadable", detail=f"CdtDbtInd {indicator}")
    booking_date = _date(entry, "c:BookgDt")
    if booking_date is None:
        raise RuleViolation("billing.camt_unreadable", detail="no booking date")
    booking = _Booking(
        currency=currency,
        credit_debit=CreditDebit(indicator),
        booking_date=booking_date,
        value_date=_date(entry, "c:ValDt"),
        status=_text(entry, "c:Sts") or "BOOK",
        reversal=_text(entry, "c:RvslInd").lower() in {"true", "1"},
        bank_reference=_text(entry, "c:AcctSvcrRef"),
    )
    entry_info = _text(entry, "c:AddtlNtryInf")
    nodes = entry.findall("c:NtryDtls/c:TxDtls", _NS)
    details = [_transaction(node, booking.credit_debit, entry_info) for node in nodes]
    amounts = [_transaction_amount(node) for node in nodes]
    split = [value for value in amounts if value is not None]
    if len(nodes) > 1 and len(split) == len(nodes) and sum(split) == amount:
        # a batch that reports each transaction's amount, adding up to the entry's exactly:
        # one entry per transaction
        return [detail.entry(booking, value) for detail, value in zip(details, split, strict=True)]
    if not details:
        return [_Details(additional_info=entry_info).entry(booking, amount)]
    if len(details) == 1:
        return [details[0].entry(booking, amount)]
    # several transactions without (consistent) amounts each: one entry, references joined
    joined = _Details(
        remittance=_join(detail.remittance for detail in details),
        creditor_reference=_join(detail.creditor_reference for detail in details),
        additional_info=entry_info,
    )
    return [joined.entry(booking, amount)]


def _join(parts: Iterable[str]) -> str:
    return " ".join(part for part in parts if part)


def _transaction(node: etree._Element, credit_debit: CreditDebit, entry_info: str) -> _Details:
    party = "Dbtr" if credit_debit == CreditDebit.CREDIT else "Cdtr"
    end_to_end = _text(node, "c:Refs/c:EndToEndId")
    remittance = _join(
        " ".join((line.text or "").split()) for line in node.findall("c:RmtInf/c:Ustrd", _NS)
    )
    references = _join(
        (ref.text or "").strip() for ref in node.findall("c:RmtInf/c:Strd/c:CdtrRefInf/c:Ref", _NS)
    )
    return _Details(
        end_to_end_id="" if end_to_end.upper() == NOT_PROVIDED else end_to_end,
        remittance=remittance,
        creditor_reference=references,
        counterparty_name=_text(node, f"c:RltdPties/c:{party}/c:Nm"),
        counterparty_iban=_compact(_text(node, f"c:RltdPties/c:{party}Acct/c:Id/c:IBAN")),
        mandate_reference=_text(node, "c:Refs/c:MndtId"),
        additional_info=_text(node, "c:AddtlTxInf") or entry_info,
    )


def _transaction_amount(node: etree._Element) -> Decimal | None:
    for path in ("c:AmtDtls/c:TxAmt/c:Amt", "c:AmtDtls/c:InstdAmt/c:Amt"):
        amount = node.find(path, _NS)
        if amount is not None:
            return _decimal(amount.text or "")
    return None


def _amount(element: etree._Element, path: str) -> tuple[Decimal, str]:
    node = element.find(path, _NS)
    if node is None:
        raise RuleViolation("billing.camt_unreadable", detail="no amount")
    return _decimal(node.text or ""), str(node.get("Ccy") or "")


def _decimal(text: str) -> Decimal:
    text = text.strip()
    if not _AMOUNT.match(text):
        raise RuleViolation("billing.camt_unreadable", detail=f"amount {text!r}")
    try:
        return Decimal(text)
    except InvalidOperation as error:  # pragma: no cover - the pattern already refuses these
        raise RuleViolation("billing.camt_unreadable", detail=f"amount {text!r}") from error


def _date(element: etree._Element, path: str) -> date | None:
    """A DateAndDateTimeChoice: Dt, or the date part of DtTm."""
    text = _text(element, f"{path}/c:Dt") or _text(element, f"{path}/c:DtTm")[:10]
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise RuleViolation("billing.camt_unreadable", detail=f"date {text!r}") from error


def _compact(iban: str) -> str:
    return iban.replace(" ", "").upper()


def _text(element: etree._Element, path: str) -> str:
    node = element.find(path, _NS)
    if node is None or node.text is None:
        return ""
    return str(node.text).strip()


def _required(element: etree._Element, path: str) -> str:
    value = _text(element, path)
    if not value:
        raise RuleViolation("billing.camt_unreadable", detail=f"no {path.replace('c:', '')}")
    return value
