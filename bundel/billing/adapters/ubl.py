"""An issued invoice or credit note as a UBL 2.1 e-invoice: Peppol BIS Billing 3.0 with the Dutch
rules (NLCIUS), issue #6. Pure: an `InvoiceSnapshot` in, XML bytes out; no Django.

What goes where (EN 16931 business terms):
- seller (BG-4) = the cooperative: electronic address (BT-34) from its Peppol ID, KvK number as
  legal registration (BT-30, scheme 0106; OIN 0190 without one), VAT number (BT-31);
- buyer (BG-7) = the school board: electronic address (BT-49) from its Peppol ID, else its KvK
  number (0106) or OIN (0190); the DUO board number as buyer identifier (BT-46);
- payment (BG-16): SEPA direct debit (59) with the mandate (BT-89) and the debited IBAN (BT-91)
  when the board gave a mandate, else SEPA credit transfer (58) to the cooperative's IBAN;
- lines (BG-25) carry their period (BG-26) and note (BT-127), e.g. the pro-rata text (FEE-1);
- the PDF, when given, is embedded as a supporting document (BG-24).

Nothing is emitted empty (PEPPOL-EN16931-R008): a missing value leaves its element out, so a
snapshot that lacks something mandatory yields a document that `ubl_rules.check_ubl` rejects
with the rule that names it.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from lxml import etree

from bundel.billing.domain import VatCategory, cents
from bundel.billing.snapshot import DocumentKind, DocumentLine, InvoiceSnapshot, Party

CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
INVOICE_NS = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
CREDIT_NOTE_NS = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"

CUSTOMIZATION_ID = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
PROFILE_ID = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"

INVOICE_TYPE_CODE = "380"  # UNCL1001 commercial invoice
CREDIT_NOTE_TYPE_CODE = "381"  # UNCL1001 credit note
SEPA_CREDIT_TRANSFER = "58"  # UNCL4461
SEPA_DIRECT_DEBIT = "59"  # UNCL4461
KVK_SCHEME = "0106"  # ISO 6523 ICD / Peppol EAS: Dutch Chamber of Commerce number
OIN_SCHEME = "0190"  # ISO 6523 ICD / Peppol EAS: Dutch government identification number
UNIT_CODE = "C62"  # UN/ECE Rec 20 "one": a unit of whatever the line counts
PDF_MIME = "application/pdf"

_NSMAP_INVOICE = {None: INVOICE_NS, "cac": CAC, "cbc": CBC}
_NSMAP_CREDIT_NOTE = {None: CREDIT_NOTE_NS, "cac": CAC, "cbc": CBC}

# prices and quantities are written as given up to this many decimals; longer ones (a pro-rata
# price such as 2800 × 214/365) are shortened to the fewest decimals that give the same line amount
_EXACT_PLACES = 4
_MAX_PLACES = 15


def invoice_to_ubl(snapshot: InvoiceSnapshot, *, pdf: bytes | None = None) -> bytes:
    """The snapshot as a UBL 2.1 Invoice (380) or CreditNote (381), UTF-8 bytes with an XML
    declaration, per Peppol BIS Billing 3.0 and NLCIUS. `pdf` is embedded when given."""
    is_credit_note = snapshot.kind == DocumentKind.CREDIT_NOTE
    if is_credit_note:
        root = etree.Element(f"{{{CREDIT_NOTE_NS}}}CreditNote", nsmap=_NSMAP_CREDIT_NOTE)
    else:
        root = etree.Element(f"{{{INVOICE_NS}}}Invoice", nsmap=_NSMAP_INVOICE)
    currency = snapshot.currency
    totals = snapshot.totals

    _cbc(root, "CustomizationID", CUSTOMIZATION_ID)
    _cbc(root, "ProfileID", PROFILE_ID)
    _cbc(root, "ID", snapshot.number)
    _cbc(root, "IssueDate", _date(snapshot.issue_date))
    if is_credit_note:
        _cbc(root, "CreditNoteTypeCode", CREDIT_NOTE_TYPE_CODE)
    else:
        _cbc(root, "DueDate", _date(snapshot.due_date))
        _cbc(root, "InvoiceTypeCode", INVOICE_TYPE_CODE)
    _cbc(root, "Note", snapshot.note)  # BT-22: at most one (PEPPOL-EN16931-R002)
    _cbc(root, "DocumentCurrencyCode", currency)
    _cbc(root, "BuyerReference", snapshot.buyer_reference)
    _period(root, *_document_period(snapshot.lines))
    if snapshot.order_reference:
        _cbc(_cac(root, "OrderReference"), "ID", snapshot.order_reference)
    if snapshot.preceding_number:
        reference = _cac(_cac(root, "BillingReference"), "InvoiceDocumentReference")
        _cbc(reference, "ID", snapshot.preceding_number)
        if snapshot.preceding_issue_date:
            _cbc(reference, "IssueDate", _date(snapshot.preceding_issue_date))
    if pdf is not None:
        _attachment(root, snapshot, pdf)

    direct_debit = snapshot.mandate is not None and not is_credit_note
    outside_scope = any(line.vat_category == VatCategory.OUTSIDE_SCOPE for line in snapshot.lines)
    seller = _cac(_cac(root, "AccountingSupplierParty"), "Party")
    _party(seller, snapshot.seller, sepa_creditor=direct_debit, with_vat=not outside_scope)
    buyer = _cac(_cac(root, "AccountingCustomerParty"), "Party")
    _party(
        buyer, snapshot.buyer, identifier=snapshot.buyer.board_number, with_vat=not outside_scope
    )

    if not is_credit_note:  # a credit note is not paid by the buyer (NL-R-007)
        _payment_means(root, snapshot, direct_debit=direct_debit)
    if snapshot.payment_terms:
        _cbc(_cac(root, "PaymentTerms"), "Note", snapshot.payment_terms)

    tax_total = _cac(root, "TaxTotal")
    _amount(tax_total, "TaxAmount", totals.tax, currency)
    for subtotal in totals.vat:
        element = _cac(tax_total, "TaxSubtotal")
        _amount(element, "TaxableAmount", subtotal.taxable, currency)
        _amount(element, "TaxAmount", subtotal.tax, currency)
        category = _cac(element, "TaxCategory")
        _tax_category(category, subtotal.category, subtotal.percent)
        if subtotal.category in (VatCategory.EXEMPT, VatCategory.OUTSIDE_SCOPE):
            _cbc(category, "TaxExemptionReason", snapshot.vat_exemption_reason)  # BT-120
        _cbc(_cac(category, "TaxScheme"), "ID", "VAT")

    monetary = _cac(root, "LegalMonetaryTotal")
    _amount(monetary, "LineExtensionAmount", totals.net, currency)
    _amount(monetary, "TaxExclusiveAmount", totals.net, currency)
    _amount(monetary, "TaxInclusiveAmount", totals.gross, currency)
    _amount(monetary, "PayableAmount", totals.gross, currency)

    for position, line in enumerate(snapshot.lines, start=1):
        _line(root, position, line, currency, is_credit_note=is_credit_note)

    _prune(root)
    body = etree.tostring(root, encoding="UTF-8", xml_declaration=False, pretty_print=True)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + bytes(body)


# --- parts ----------------------------------------------------------------------------------------


def _party(
    parent: etree._Element,
    party: Party,
    *,
    identifier: str = "",
    sepa_creditor: bool = False,
    with_vat: bool = True,
) -> None:
    endpoint = _endpoint(party)
    if endpoint:
        _cbc(parent, "EndpointID", endpoint[1], schemeID=endpoint[0])
    if identifier:
        _cbc(_cac(parent, "PartyIdentification"), "ID", identifier)
    if sepa_creditor and party.creditor_id:  # BT-90, bank assigned creditor identifier
        _cbc(_cac(parent, "PartyIdentification"), "ID", party.creditor_id, schemeID="SEPA")
    if party.name:
        _cbc(_cac(parent, "PartyName"), "Name", party.name)
    address = _cac(parent, "PostalAddress")
    _cbc(address, "StreetName", party.street)
    _cbc(address, "CityName", party.city)
    _cbc(address, "PostalZone", party.postcode)
    _cbc(_cac(address, "Country"), "IdentificationCode", party.country)
    if with_vat and party.vat_number:
        tax_scheme = _cac(parent, "PartyTaxScheme")
        _cbc(tax_scheme, "CompanyID", party.vat_number)
        _cbc(_cac(tax_scheme, "TaxScheme"), "ID", "VAT")
    legal = _cac(parent, "PartyLegalEntity")
    _cbc(legal, "RegistrationName", party.name)
    registration = _legal_registration(party)
    if registration:
        _cbc(legal, "CompanyID", registration[1], schemeID=registration[0])
    if party.email:
        _cbc(_cac(parent, "Contact"), "ElectronicMail", party.email)


def _endpoint(party: Party) -> tuple[str, str] | None:
    """The Peppol electronic address as (scheme, id): the party's Peppol ID `scheme:id`, else
    its KvK number (0106), else its OIN (0190)."""
    scheme, _, value = party.peppol_id.strip().partition(":")
    if scheme and value:
        return scheme, value
    return _legal_registration(party)


def _legal_registration(party: Party) -> tuple[str, str] | None:
    """NL-R-003/NL-R-005: a Dutch legal registration is a KvK number or an OIN."""
    if party.kvk_number:
        return KVK_SCHEME, party.kvk_number
    if party.oin:
        return OIN_SCHEME, party.oin
    return None


def _payment_means(
    parent: etree._Element, snapshot: InvoiceSnapshot, *, direct_debit: bool
) -> None:
    means = _cac(parent, "PaymentMeans")
    mandate = snapshot.mandate
    if direct_debit and mandate is not None:
        _cbc(means, "PaymentMeansCode", SEPA_DIRECT_DEBIT, name="SEPA-incasso")
        _cbc(means, "PaymentID", snapshot.number)  # BT-83, remittance information
        payment_mandate = _cac(means, "PaymentMandate")
        _cbc(payment_mandate, "ID", mandate.reference)  # BT-89
        _cbc(_cac(payment_mandate, "PayerFinancialAccount"), "ID", mandate.iban)  # BT-91
        return
    _cbc(means, "PaymentMeansCode", SEPA_CREDIT_TRANSFER, name="SEPA-overboeking")
    _cbc(means, "PaymentID", snapshot.number)
    account = _cac(means, "PayeeFinancialAccount")
    _cbc(account, "ID", snapshot.seller.iban)  # BT-84
    _cbc(account, "Name", snapshot.seller.name)  # BT-85
    if snapshot.seller.bic:
        _cbc(_cac(account, "FinancialInstitutionBranch"), "ID", snapshot.seller.bic)  # BT-86


def _attachment(parent: etree._Element, snapshot: InvoiceSnapshot, pdf: bytes) -> None:
    """BG-24: the PDF rendering, base64 in EmbeddedDocumentBinaryObject (BT-125)."""
    label = "Creditnota" if snapshot.kind == DocumentKind.CREDIT_NOTE else "Factuur"
    reference = _cac(parent, "AdditionalDocumentReference")
    _cbc(reference, "ID", snapshot.number)  # BT-122
    _cbc(reference, "DocumentDescription", f"{label} {snapshot.number}")  # BT-123
    _cbc(
        _cac(reference, "Attachment"),
        "EmbeddedDocumentBinaryObject",
        base64.b64encode(pdf).decode("ascii"),
        mimeCode=PDF_MIME,
        filename=f"{label.lower()}-{snapshot.number}.pdf",
    )


def _line(
    parent: etree._Element,
    position: int,
    line: DocumentLine,
    currency: str,
    *,
    is_credit_note: bool,
) -> None:
    element = _cac(parent, "CreditNoteLine" if is_credit_note else "InvoiceLine")
    amount = line.amount
    quantity, price = _quantity_and_price(line.quantity, line.unit_price, amount)
    _cbc(element, "ID", str(position))
    _cbc(element, "Note", line.note)  # BT-127, e.g. the pro-rata days (FEE-1)
    _cbc(
        element,
        "CreditedQuantity" if is_credit_note else "InvoicedQuantity",
        quantity,
        unitCode=UNIT_CODE,
    )
    _amount(element, "LineExtensionAmount", amount, currency)
    _period(element, line.period_start, line.period_end)
    item = _cac(element, "Item")
    _cbc(item, "Name", line.description)
    category = _cac(item, "ClassifiedTaxCategory")
    _tax_category(category, line.vat_category, line.vat_percent)
    _cbc(_cac(category, "TaxScheme"), "ID", "VAT")
    _cbc(_cac(element, "Price"), "PriceAmount", price, currencyID=currency)


def _tax_category(parent: etree._Element, category: VatCategory, percent: Decimal) -> None:
    _cbc(parent, "ID", category.value)
    if category != VatCategory.OUTSIDE_SCOPE:  # BR-O-05: no rate when not subject to VAT
        _cbc(parent, "Percent", _plain(percent))


def _period(parent: etree._Element, start: date | None, end: date | None) -> None:
    if start is None and end is None:
        return
    period = _cac(parent, "InvoicePeriod")
    if start is not None:
        _cbc(period, "StartDate", _date(start))
    if end is not None:
        _cbc(period, "EndDate", _date(end))


def _document_period(lines: tuple[DocumentLine, ...]) -> tuple[date | None, date | None]:
    """BG-14 spans the lines' periods, so each line period lies within it (PEPPOL-EN16931-R110,
    R111)."""
    starts = [line.period_start for line in lines if line.period_start]
    ends = [line.period_end for line in lines if line.period_end]
    return (min(starts) if starts else None, max(ends) if ends else None)


# --- numbers --------------------------------------------------------------------------------------


def _quantity_and_price(quantity: Decimal, unit_price: Decimal, amount: Decimal) -> tuple[str, str]:
    """Quantity (BT-129) and net price (BT-146) as written, such that quantity × price gives the
    line amount (PEPPOL-EN16931-R120). A price is never negative (BR-27): a negative line carries
    its sign on the quantity."""
    if unit_price < 0:
        quantity, unit_price = -quantity, -unit_price
    written_quantity = _fitted(quantity, lambda q: cents(q * unit_price) == amount, minimum=0)
    written_price = _fitted(unit_price, lambda p: cents(written_quantity * p) == amount, minimum=2)
    return _plain(written_quantity), _plain(written_price, minimum=2)


def _fitted(value: Decimal, fits: Callable[[Decimal], bool], *, minimum: int) -> Decimal:
    """`value` as given when it has few decimals, else rounded to the fewest decimals (at least
    `minimum`) that still give the same line amount."""
    if _places(value) <= _EXACT_PLACES:
        return value
    for places in range(minimum, _MAX_PLACES + 1):
        candidate = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        if fits(candidate):
            return candidate
    return value


def _places(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _plain(value: Decimal, *, minimum: int = 0) -> str:
    """A decimal in plain notation without trailing zeros beyond `minimum` places: 21, 0.335."""
    places = max(_places(value), minimum)
    return format(value.quantize(Decimal(1).scaleb(-places)), "f")


def _date(value: date) -> str:
    return value.isoformat()


# --- elements -------------------------------------------------------------------------------------


def _cac(parent: etree._Element, tag: str) -> etree._Element:
    return etree.SubElement(parent, f"{{{CAC}}}{tag}")


def _cbc(parent: etree._Element, tag: str, text: str, **attributes: str) -> None:
    """A basic element, left out when its text is empty (PEPPOL-EN16931-R008)."""
    value = text.strip()
    if not value:
        return
    element = etree.SubElement(parent, f"{{{CBC}}}{tag}")
    element.text = value
    for key, attribute in attributes.items():
        if attribute:
            element.set(key, attribute)


def _prune(element: etree._Element) -> None:
    """Drop aggregates left without content (a party without address or legal data): no empty
    elements (PEPPOL-EN16931-R008); the business rule that needs the data reports it instead."""
    for child in list(element):
        _prune(child)
        if len(child) == 0 and not (child.text or "").strip():
            element.remove(child)


def _amount(parent: etree._Element, tag: str, value: Decimal, currency: str) -> None:
    """An amount: two decimals, in the document currency (BR-DEC-*, PEPPOL-EN16931-R051)."""
    _cbc(parent, tag, format(cents(value), "f"), currencyID=currency)
