"""An issued invoice or credit note as it stood when it was issued: everything its documents
(PDF, UBL, SEPA) are made from. Immutable, pure, stored as JSON on the invoice row so a document
can be reproduced at any time (issue #6)."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from bundel.billing.domain import Line, Totals, VatCategory, VatRate, totals


class DocumentKind(StrEnum):
    INVOICE = "invoice"  # UNCL1001 380
    CREDIT_NOTE = "credit_note"  # UNCL1001 381


@dataclass(frozen=True)
class Party:
    """Seller or buyer as at issue. Identifiers: KvK (scheme 0106), OIN (scheme 0190), VAT,
    Peppol endpoint as `scheme:id` (e.g. `0106:12345678`)."""

    name: str
    street: str = ""
    postcode: str = ""
    city: str = ""
    country: str = "NL"
    kvk_number: str = ""
    oin: str = ""
    vat_number: str = ""
    peppol_id: str = ""
    email: str = ""
    # the seller's own
    iban: str = ""
    bic: str = ""
    creditor_id: str = ""  # SEPA creditor identifier
    # the buyer's own
    board_number: str = ""  # DUO bestuursnummer


@dataclass(frozen=True)
class DocumentLine:
    description: str
    quantity: Decimal
    unit_price: Decimal
    vat_category: VatCategory
    vat_percent: Decimal
    period_start: date | None = None
    period_end: date | None = None
    note: str = ""  # e.g. "pro rata 214/365 days (FEE-1)", shown on the PDF and in the UBL

    def as_line(self) -> Line:
        return Line(
            self.description,
            self.quantity,
            self.unit_price,
            VatRate(self.vat_category, self.vat_percent),
            self.period_start,
            self.period_end,
        )

    @property
    def amount(self) -> Decimal:
        return self.as_line().amount


@dataclass(frozen=True)
class Mandate:
    """A SEPA direct-debit mandate the buyer gave."""

    reference: str
    signed_on: date
    iban: str
    bic: str = ""
    first_collection: bool = True


@dataclass(frozen=True)
class InvoiceSnapshot:
    kind: DocumentKind
    number: str
    issue_date: date
    due_date: date
    buyer_reference: str  # BT-10, required by Peppol (PEPPOL-EN16931-R003)
    seller: Party
    buyer: Party
    lines: tuple[DocumentLine, ...]
    currency: str = "EUR"
    note: str = ""
    order_reference: str = ""
    preceding_number: str = ""  # a credit note's invoice (BT-25)
    preceding_issue_date: date | None = None
    payment_terms: str = ""
    mandate: Mandate | None = None
    vat_exemption_reason: str = ""  # BT-120, for category E lines
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def totals(self) -> Totals:
        return totals([line.as_line() for line in self.lines])

    def as_json(self) -> dict[str, Any]:
        """Written out field by field: a billing run makes thousands (asdict deep-copies)."""
        mandate = self.mandate
        return {
            "kind": self.kind.value,
            "number": self.number,
            "issue_date": self.issue_date.isoformat(),
            "due_date": self.due_date.isoformat(),
            "buyer_reference": self.buyer_reference,
            "seller": dict(vars(self.seller)),  # a Party holds strings only
            "buyer": dict(vars(self.buyer)),
            "lines": [_line_json(line) for line in self.lines],
            "currency": self.currency,
            "note": self.note,
            "order_reference": self.order_reference,
            "preceding_number": self.preceding_number,
            "preceding_issue_date": _iso(self.preceding_issue_date),
            "payment_terms": self.payment_terms,
            "mandate": None
            if mandate is None
            else {**vars(mandate), "signed_on": mandate.signed_on.isoformat()},
            "vat_exemption_reason": self.vat_exemption_reason,
            "extra": _jsonable(self.extra),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> InvoiceSnapshot:
        values = dict(data)
        values["kind"] = DocumentKind(values["kind"])
        values["issue_date"] = date.fromisoformat(values["issue_date"])
        values["due_date"] = date.fromisoformat(values["due_date"])
        if values.get("preceding_issue_date"):
            values["preceding_issue_date"] = date.fromisoformat(values["preceding_issue_date"])
        values["seller"] = Party(**values["seller"])
        values["buyer"] = Party(**values["buyer"])
        if values.get("mandate"):
            mandate = dict(values["mandate"])
            mandate["signed_on"] = date.fromisoformat(mandate["signed_on"])
            values["mandate"] = Mandate(**mandate)
        values["lines"] = tuple(_line_from_json(line) for line in values["lines"])
        return cls(**values)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _line_json(line: DocumentLine) -> dict[str, Any]:
    return {
        "description": line.description,
        "quantity": str(line.quantity),
        "unit_price": str(line.unit_price),
        "vat_category": line.vat_category.value,
        "vat_percent": str(line.vat_percent),
        "period_start": _iso(line.period_start),
        "period_end": _iso(line.period_end),
        "note": line.note,
    }


def _line_from_json(data: dict[str, Any]) -> DocumentLine:
    values = dict(data)
    values["quantity"] = Decimal(values["quantity"])
    values["unit_price"] = Decimal(values["unit_price"])
    values["vat_category"] = VatCategory(values["vat_category"])
    values["vat_percent"] = Decimal(values["vat_percent"])
    for key in ("period_start", "period_end"):
        if values.get(key):
            values[key] = date.fromisoformat(values[key])
    return DocumentLine(**values)


def _jsonable(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _jsonable(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, StrEnum):
        return value.value
    return value
