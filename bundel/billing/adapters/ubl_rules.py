"""The business rules a UBL invoice or credit note of ours must pass, checked with lxml (issue #6).

An independent implementation of the rules of the EN 16931 UBL Schematron (BR-*, BR-CO-*, BR-DEC-*,
BR-CL-*, BR-S/E/Z/O-*, some UBL-SR/UBL-DT syntax rules), the Peppol BIS Billing 3.0 rules
(PEPPOL-EN16931-*) and the Dutch rules (NL-R-*) that apply to documents like ours, each under its
official ID and with the official test (tolerances and quirks included, noted where they matter).
Not the official Schematron, which is run on the output separately. It assumes a document that
is valid against the UBL 2.1 XSD (see `bundel.billing.xsd`): an element the XSD allows once but
that occurs twice is the XSD's to report (the Schematron stops with an error on it).

Semantics follow the Schematron's: one rule per node and pattern (so BR-29 and BR-CO-19 see the
invoicing period, not a line's), XPath round() half towards +infinity, the tolerance of ± 1 in
BR-CO-17, BR-S-08 and BR-S-09 and of ± 0.02 in PEPPOL-EN16931-R120. One deliberate difference:
BR-DEC-13 checks the total VAT amount's decimals (the official test never fires; UBL-DT-01 does).

Left out: rules for things we never emit (document and line allowances and charges beyond the
totals, tax representatives' VAT data, delivery, card payments, item classification and
attributes, VAT categories AE, K, G, L, M, B), the code lists of units (BR-CL-23), exemption
reason codes (BR-CL-22) and other code lists of elements we do not use, the warnings (UBL-CR-*),
and other countries' rules. Pure: no Django.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_FLOOR, Decimal, InvalidOperation

from lxml import etree

CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
INVOICE_NS = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
CREDIT_NOTE_NS = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
NS = {"cbc": CBC, "cac": CAC}

PEPPOL_CUSTOMIZATION = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"


@dataclass(frozen=True)
class RuleFailure:
    rule_id: str
    message: str
    path: str = ""

    def __str__(self) -> str:
        where = f" at {self.path}" if self.path else ""
        return f"[{self.rule_id}] {self.message}{where}"


# The rules implemented, by official ID, with what each demands (our words).
RULES: dict[str, str] = {
    # EN 16931: mandatory business terms
    "BR-01": "The specification identifier (BT-24) is mandatory.",
    "BR-02": "The invoice number (BT-1) is mandatory.",
    "BR-03": "The issue date (BT-2) is mandatory.",
    "BR-04": "The invoice type code (BT-3) is mandatory.",
    "BR-05": "The invoice currency code (BT-5) is mandatory.",
    "BR-06": "The seller name (BT-27) is mandatory.",
    "BR-07": "The buyer name (BT-44) is mandatory.",
    "BR-08": "The seller postal address (BG-5) is mandatory.",
    "BR-09": "The seller postal address needs a country code (BT-40).",
    "BR-10": "The buyer postal address (BG-8) is mandatory.",
    "BR-11": "The buyer postal address needs a country code (BT-55).",
    "BR-12": "The sum of line net amounts (BT-106) is mandatory.",
    "BR-13": "The total without VAT (BT-109) is mandatory.",
    "BR-14": "The total with VAT (BT-112) is mandatory.",
    "BR-15": "The amount due for payment (BT-115) is mandatory.",
    "BR-16": "An invoice has at least one line (BG-25).",
    "BR-21": "Each line has an identifier (BT-126).",
    "BR-22": "Each line has a quantity (BT-129).",
    "BR-23": "Each line quantity has a unit of measure (BT-130).",
    "BR-24": "Each line has a net amount (BT-131).",
    "BR-25": "Each line has an item name (BT-153).",
    "BR-26": "Each line has an item net price (BT-146).",
    "BR-27": "The item net price (BT-146) is not negative.",
    "BR-28": "The item gross price (BT-148) is not negative.",
    "BR-29": "An invoicing period ends on or after its start.",
    "BR-30": "A line period ends on or after its start.",
    "BR-45": "Each VAT breakdown has a taxable amount (BT-116).",
    "BR-46": "Each VAT breakdown has a tax amount (BT-117).",
    "BR-47": "Each VAT breakdown has a VAT category code (BT-118).",
    "BR-48": "Each VAT breakdown has a VAT rate (BT-119), unless not subject to VAT.",
    "BR-49": "A payment instruction has a payment means code (BT-81).",
    "BR-50": "A credit transfer account has an account identifier (BT-84).",
    "BR-52": "Each supporting document has a reference (BT-122).",
    "BR-55": "A preceding invoice reference has the invoice number (BT-25).",
    "BR-61": "A (SEPA) credit transfer needs the payment account identifier (BT-84).",
    "BR-62": "The seller electronic address (BT-34) has a scheme identifier.",
    "BR-63": "The buyer electronic address (BT-49) has a scheme identifier.",
    # EN 16931: conditions and calculations
    "BR-CO-03": "The VAT point date (BT-7) and its code (BT-8) exclude each other.",
    "BR-CO-04": "Each line has a VAT category code (BT-151).",
    "BR-CO-09": "A VAT identifier starts with an ISO 3166 country code (or EL).",
    "BR-CO-10": "The sum of line net amounts (BT-106) equals the sum of the lines (BT-131).",
    "BR-CO-11": "The sum of allowances (BT-107) equals the document allowances.",
    "BR-CO-12": "The sum of charges (BT-108) equals the document charges.",
    "BR-CO-13": "Total without VAT (BT-109) = line total − allowances + charges.",
    "BR-CO-14": "Total VAT (BT-110) equals the sum of the VAT category amounts (BT-117).",
    "BR-CO-15": "Total with VAT (BT-112) = total without VAT (BT-109) + total VAT (BT-110).",
    "BR-CO-16": "Amount due (BT-115) = total with VAT − paid amount + rounding amount.",
    "BR-CO-17": "VAT category amount = taxable amount × rate, rounded to two decimals.",
    "BR-CO-18": "An invoice has at least one VAT breakdown (BG-23).",
    "BR-CO-19": "An invoicing period has a start date, an end date or both.",
    "BR-CO-20": "A line period has a start date, an end date or both.",
    "BR-CO-25": "A positive amount due needs a due date (BT-9) or payment terms (BT-20).",
    "BR-CO-26": "The seller has an identifier, a legal registration or a VAT identifier.",
    # EN 16931: decimals
    "BR-DEC-09": "The sum of line net amounts (BT-106) has at most two decimals.",
    "BR-DEC-10": "The sum of allowances (BT-107) has at most two decimals.",
    "BR-DEC-11": "The sum of charges (BT-108) has at most two decimals.",
    "BR-DEC-12": "The total without VAT (BT-109) has at most two decimals.",
    "BR-DEC-13": "The total VAT (BT-110) has at most two decimals.",
    "BR-DEC-14": "The total with VAT (BT-112) has at most two decimals.",
    "BR-DEC-16": "The paid amount (BT-113) has at most two decimals.",
    "BR-DEC-17": "The rounding amount (BT-114) has at most two decimals.",
    "BR-DEC-18": "The amount due (BT-115) has at most two decimals.",
    "BR-DEC-19": "A VAT taxable amount (BT-116) has at most two decimals.",
    "BR-DEC-20": "A VAT category amount (BT-117) has at most two decimals.",
    "BR-DEC-23": "A line net amount (BT-131) has at most two decimals.",
    # EN 16931: code lists
    "BR-CL-01": "The type code is from the UNTDID 1001 invoice or credit note codes.",
    "BR-CL-03": "A currencyID is an ISO 4217 currency code.",
    "BR-CL-04": "The invoice currency code (BT-5) is an ISO 4217 currency code.",
    "BR-CL-10": "A party identifier scheme is an ISO 6523 ICD (or SEPA for the seller).",
    "BR-CL-11": "A legal registration scheme is an ISO 6523 ICD.",
    "BR-CL-14": "A country code is an ISO 3166-1 alpha-2 code.",
    "BR-CL-16": "The payment means code is from UNCL 4461.",
    "BR-CL-17": "A VAT category code is from UNCL 5305.",
    "BR-CL-18": "A line VAT category code is from UNCL 5305.",
    "BR-CL-24": "An attachment's mime code is one of the allowed types.",
    "BR-CL-25": "An electronic address scheme is from the EAS code list.",
    # EN 16931: VAT categories
    "BR-S-01": "Standard rated items and a standard rated VAT breakdown go together.",
    "BR-S-02": "Standard rated lines need the seller VAT or tax registration identifier.",
    "BR-S-05": "A standard rated line has a VAT rate above zero.",
    "BR-S-08": "A standard rated breakdown's taxable amount is the sum of its lines.",
    "BR-S-09": "A standard rated breakdown's tax is its taxable amount × rate.",
    "BR-S-10": "A standard rated breakdown has no exemption reason.",
    "BR-E-01": "Exempt items need exactly one exempt VAT breakdown.",
    "BR-E-02": "Exempt lines need the seller VAT or tax registration identifier.",
    "BR-E-05": "An exempt line has a VAT rate of zero.",
    "BR-E-08": "An exempt breakdown's taxable amount is the sum of its lines.",
    "BR-E-09": "An exempt breakdown's tax amount is zero.",
    "BR-E-10": "An exempt breakdown has an exemption reason (BT-120) or code (BT-121).",
    "BR-Z-01": "Zero rated items need exactly one zero rated VAT breakdown.",
    "BR-Z-02": "Zero rated lines need the seller VAT or tax registration identifier.",
    "BR-Z-05": "A zero rated line has a VAT rate of zero.",
    "BR-Z-08": "A zero rated breakdown's taxable amount is the sum of its lines.",
    "BR-Z-09": "A zero rated breakdown's tax amount is zero.",
    "BR-Z-10": "A zero rated breakdown has no exemption reason.",
    "BR-O-01": "Items not subject to VAT need exactly one such VAT breakdown.",
    "BR-O-02": "Lines not subject to VAT exclude the seller's and buyer's VAT identifiers.",
    "BR-O-05": "A line not subject to VAT has no VAT rate.",
    "BR-O-08": "A not-subject-to-VAT breakdown's taxable amount is the sum of its lines.",
    "BR-O-09": "A not-subject-to-VAT breakdown's tax amount is zero.",
    "BR-O-10": "A not-subject-to-VAT breakdown has an exemption reason or code.",
    "BR-O-11": "A not-subject-to-VAT breakdown excludes other VAT breakdowns.",
    "BR-O-12": "A not-subject-to-VAT breakdown excludes lines of other categories.",
    # UBL syntax
    "UBL-DT-01": "Amounts have at most two decimals.",
    "UBL-DT-06": "A binary object has a mime code.",
    "UBL-DT-07": "A binary object has a file name.",
    "UBL-SR-01": "At most one contract reference.",
    "UBL-SR-02": "At most one receiving advice reference.",
    "UBL-SR-03": "At most one despatch advice reference.",
    "UBL-SR-04": "At most one invoiced object identifier.",
    "UBL-SR-05": "At most one payment terms note.",
    "UBL-SR-06": "A billing reference has at most one preceding invoice reference.",
    "UBL-SR-07": "A billing reference has the preceding invoice number.",
    "UBL-SR-08": "At most one invoicing period.",
    "UBL-SR-09": "The seller has at most one registration name.",
    "UBL-SR-10": "The seller has at most one trading name.",
    "UBL-SR-11": "The seller has at most one legal registration identifier.",
    "UBL-SR-12": "The seller has at most one VAT identifier.",
    "UBL-SR-13": "The seller has at most one tax registration identifier.",
    "UBL-SR-14": "The seller has at most one additional legal information.",
    "UBL-SR-15": "The buyer has at most one registration name.",
    "UBL-SR-16": "The buyer has at most one identifier.",
    "UBL-SR-17": "The buyer has at most one legal registration identifier.",
    "UBL-SR-18": "The buyer has at most one VAT identifier.",
    "UBL-SR-24": "At most one delivery.",
    "UBL-SR-26": "A payment instruction has at most one payment reference.",
    "UBL-SR-27": "A payment instruction has at most one payment means code.",
    "UBL-SR-28": "A payment instruction has at most one mandate reference.",
    "UBL-SR-29": "There is at most one bank assigned creditor identifier (SEPA).",
    "UBL-SR-32": "A VAT breakdown has at most one exemption reason text.",
    "UBL-SR-33": "A supporting document has at most one description.",
    "UBL-SR-34": "A line has at most one note.",
    "UBL-SR-35": "A line has at most one order line reference.",
    "UBL-SR-36": "A line has at most one period.",
    "UBL-SR-37": "A line price has at most one price discount.",
    "UBL-SR-39": "At most one project reference.",
    "UBL-SR-40": "The buyer has at most one trading name.",
    "UBL-SR-42": "The seller has at most two party tax schemes.",
    "UBL-SR-44": "At most one payment reference value.",
    "UBL-SR-45": "At most one payment due date in the payment instructions.",
    "UBL-SR-46": "At most one payment means text.",
    "UBL-SR-47": "All payment instructions use the same payment means code.",
    "UBL-SR-48": "A line has exactly one VAT category.",
    "UBL-SR-49": "At most one VAT point date code.",
    "UBL-SR-50": "A line has at most one item description.",
    "UBL-SR-51": "An address has at most one third address line.",
    "UBL-SR-52": "A line has at most one document reference.",
    "BR-66": "At most one payment card account (BG-18).",
    "BR-67": "At most one payment mandate (BG-19).",
    "UBL-SR-53": "A party tax scheme has a tax scheme identifier and a company ID.",
    # Peppol BIS Billing 3.0
    "PEPPOL-EN16931-R001": "The business process (ProfileID) is mandatory.",
    "PEPPOL-EN16931-R002": "At most one note on document level.",
    "PEPPOL-EN16931-R003": "A buyer reference (BT-10) or order reference (BT-13) is mandatory.",
    "PEPPOL-EN16931-R004": "The specification identifier is the Peppol BIS Billing 3.0 one.",
    "PEPPOL-EN16931-R005": "The VAT accounting currency differs from the invoice currency.",
    "PEPPOL-EN16931-R007": "The business process is urn:fdc:peppol.eu:2017:poacc:billing:NN:1.0.",
    "PEPPOL-EN16931-R008": "The document has no empty elements.",
    "PEPPOL-EN16931-R010": "The buyer electronic address (BT-49) is mandatory.",
    "PEPPOL-EN16931-R020": "The seller electronic address (BT-34) is mandatory.",
    "PEPPOL-EN16931-R051": "Every amount is in the invoice currency (BT-5).",
    "PEPPOL-EN16931-R053": "Exactly one tax total with tax subtotals.",
    "PEPPOL-EN16931-R054": "A tax total without subtotals only with a VAT accounting currency.",
    "PEPPOL-EN16931-R061": "A direct debit needs the mandate reference (BT-89).",
    "PEPPOL-EN16931-R080": "At most one project reference on a credit note.",
    "PEPPOL-EN16931-R100": "At most one invoiced object per line.",
    "PEPPOL-EN16931-R101": "A line document reference is an invoiced object (type 130).",
    "PEPPOL-EN16931-R110": "A line period starts within the invoicing period.",
    "PEPPOL-EN16931-R111": "A line period ends within the invoicing period.",
    "PEPPOL-EN16931-R120": "Line net amount = quantity × (net price ÷ base quantity), ± 0.02.",
    "PEPPOL-EN16931-R121": "A price base quantity is above zero.",
    "PEPPOL-EN16931-R130": "A price base quantity has the line quantity's unit.",
    "PEPPOL-EN16931-CL001": "An attachment's mime code is from the allowed subset.",
    "PEPPOL-EN16931-CL008": "An electronic address scheme is from the Peppol EAS list.",
    "PEPPOL-EN16931-P0100": "The invoice type code is allowed in the billing profile.",
    "PEPPOL-EN16931-P0101": "The credit note type code is allowed in the billing profile.",
    "PEPPOL-EN16931-F001": "A date is formatted YYYY-MM-DD.",
    # Peppol: the Netherlands (NLCIUS)
    "NL-R-001": "A Dutch supplier's credit note refers to the invoice it credits (BT-25).",
    "NL-R-002": "A Dutch supplier's address has street, city and post code.",
    "NL-R-003": "A Dutch supplier's legal registration is a KvK number (0106) or OIN (0190).",
    "NL-R-004": "A Dutch customer's address has street, city and post code.",
    "NL-R-005": "A Dutch customer's legal registration is a KvK number (0106) or OIN (0190).",
    "NL-R-006": "A Dutch tax representative's address has street, city and post code.",
    "NL-R-007": "A Dutch supplier gives payment means when the customer has to pay.",
    "NL-R-008": "Between Dutch parties, the payment means code is 30, 48, 49, 57, 58 or 59.",
    "NL-R-009": "An order line reference needs an order reference on the document.",
}

RULE_IDS: tuple[str, ...] = tuple(RULES)


def check_ubl(xml: bytes) -> list[RuleFailure]:
    """Every rule of `RULES` the document breaks, in a stable order; empty when it passes. A
    document that is not a well-formed UBL Invoice or CreditNote fails with rule ID `XML`."""
    try:
        root = etree.fromstring(xml, _PARSER)
    except etree.XMLSyntaxError as error:
        return [RuleFailure("XML", f"not well-formed XML: {error}")]
    name = etree.QName(root)
    if (name.namespace, name.localname) not in {
        (INVOICE_NS, "Invoice"),
        (CREDIT_NOTE_NS, "CreditNote"),
    }:
        return [RuleFailure("XML", "the root is not a UBL 2.1 Invoice or CreditNote")]
    checker = _Checker(root)
    for check in _CHECKS:
        check(checker)
    return checker.failures


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


# --- code lists (the subsets the official rules use) ---------------------------------------------


def _codes(text: str) -> frozenset[str]:
    return frozenset(text.split())


_INVOICE_TYPES = _codes(
    "71 80 81 82 84 102 130 202 203 204 211 218 219 295 325 326 331 380 382 383 384 385 386 387 "
    "388 389 390 393 394 395 456 457 471 472 473 500 501 502 503 527 553 575 623 633 751 780 817 "
    "870 875 876 877 935"
)
_CREDIT_NOTE_TYPES = _codes("81 83 261 262 296 308 381 396 420 458 532")
_PEPPOL_INVOICE_TYPES = _codes(
    "71 80 82 84 102 218 219 326 331 380 382 383 384 386 388 393 395 553 575 623 780 817 870 "
    "875 876 877"
)
_PEPPOL_CREDIT_NOTE_TYPES = _codes("381 396 81 83 532")
_ISO_4217 = _codes(
    "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD BTN "
    "BWP BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP "
    "ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK "
    "JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK "
    "MNT MOP MRO MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN "
    "PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STD SVC SYP SZL THB TJS "
    "TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU UZS VES VED VND VUV WST XAF XAG XAU XBA "
    "XBB XBC XBD XCD XDR XOF XPD XPF XPT XSU XTS XUA XXX YER ZAR ZMW ZWG"
)
_ISO_3166 = _codes(
    "1A AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ "
    "BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO "
    "DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU "
    "GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW "
    "KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU "
    "MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW "
    "PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF "
    "TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XI YE YT "
    "ZA ZM ZW"
)
_VAT_PREFIX_TEXT = f" {' '.join(sorted(_ISO_3166 | {'EL'}))} "  # BR-CO-09: Greece uses EL
_PEPPOL_EAS = _codes(
    "0002 0007 0009 0037 0060 0088 0096 0097 0106 0130 0135 0142 0147 0151 0154 0158 0170 0177 "
    "0183 0184 0188 0190 0191 0192 0193 0194 0195 0196 0198 0199 0200 0201 0202 0203 0204 0205 "
    "0208 0209 0210 0211 0212 0213 0215 0216 0217 0218 0221 0225 0230 0235 0240 9910 9913 9914 "
    "9915 9918 9919 9920 9922 9923 9924 9925 9926 9927 9928 9929 9930 9931 9932 9933 9934 9935 "
    "9936 9937 9938 9939 9940 9941 9942 9943 9944 9945 9946 9947 9948 9949 9950 9951 9952 9953 "
    "9957 9959"
)
_EN16931_EAS = _PEPPOL_EAS | {"0219", "0220", "AN", "AQ", "AS", "AU", "EM"}
_ICD = frozenset(f"{n:04d}" for n in range(2, 241) if n not in {92, 103, 181, 182})
_PAYMENT_MEANS = frozenset(
    [str(n) for n in (*range(1, 71), *range(74, 79), *range(91, 99))] + ["ZZZ"]
)
_VAT_CATEGORIES = _codes("AE L M E S Z G O K B")
_MIME_CODES = frozenset(
    {
        "application/pdf",
        "image/png",
        "image/jpeg",
        "text/csv",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.oasis.opendocument.spreadsheet",
    }
)
_NL_PAYMENT_MEANS = frozenset({"30", "48", "49", "57", "58", "59"})
_CREDIT_TRANSFER = frozenset({"30", "58"})
_DIRECT_DEBIT = frozenset({"49", "59"})
_DUTCH_REGISTRATION = frozenset({"0106", "0190"})

# amounts whose currencyID PEPPOL-EN16931-R051 and BR-CL-03 check
_AMOUNTS = sorted(
    _codes(
        "Amount BaseAmount PriceAmount TaxableAmount LineExtensionAmount TaxExclusiveAmount "
        "TaxInclusiveAmount AllowanceTotalAmount ChargeTotalAmount PrepaidAmount "
        "PayableRoundingAmount PayableAmount"
    )
)
_DATES = sorted(_codes("IssueDate DueDate TaxPointDate StartDate EndDate ActualDeliveryDate"))
_TOTAL_DECIMALS = {
    "LineExtensionAmount": "BR-DEC-09",
    "AllowanceTotalAmount": "BR-DEC-10",
    "ChargeTotalAmount": "BR-DEC-11",
    "TaxExclusiveAmount": "BR-DEC-12",
    "TaxInclusiveAmount": "BR-DEC-14",
    "PrepaidAmount": "BR-DEC-16",
    "PayableRoundingAmount": "BR-DEC-17",
    "PayableAmount": "BR-DEC-18",
}
_PROFILE = re.compile(r"urn:fdc:peppol.eu:2017:poacc:billing:([0-9]{2}):1.0")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DECIMAL = re.compile(r"^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*$")

_SUPPLIER = "cac:AccountingSupplierParty/cac:Party"
_CUSTOMER = "cac:AccountingCustomerParty/cac:Party"
_VAT_SCHEME = "cac:TaxScheme[normalize-space(translate(cbc:ID, 'vat', 'VAT'))='VAT']"
_VAT_ID = f"cac:PartyTaxScheme[{_VAT_SCHEME}]/cbc:CompanyID"


# --- the checker ----------------------------------------------------------------------------------


class _Checker:
    def __init__(self, root: etree._Element) -> None:
        self.root = root
        self.tree = root.getroottree()
        self.failures: list[RuleFailure] = []
        self.is_credit_note = etree.QName(root).localname == "CreditNote"
        self.currency = (self.value(root, "cbc:DocumentCurrencyCode") or "").strip()
        self.lines = self.all(root, "cac:InvoiceLine | cac:CreditNoteLine")
        self.subtotals = self.all(root, "cac:TaxTotal/cac:TaxSubtotal")
        self.supplier_country = self.text(
            root, f"{_SUPPLIER}/cac:PostalAddress/cac:Country/cbc:IdentificationCode"
        ).upper()
        self.customer_country = self.text(
            root, f"{_CUSTOMER}/cac:PostalAddress/cac:Country/cbc:IdentificationCode"
        ).upper()

    def fail(self, rule_id: str, element: etree._Element | None = None, detail: str = "") -> None:
        message = RULES[rule_id] + (f" {detail}" if detail else "")
        path = self.tree.getpath(element) if element is not None else ""
        self.failures.append(RuleFailure(rule_id, message, path))

    def check(self, rule_id: str, ok: bool, element: etree._Element | None = None) -> None:
        if not ok:
            self.fail(rule_id, element if element is not None else self.root)

    @staticmethod
    def all(element: etree._Element, path: str) -> list[etree._Element]:
        found = element.xpath(path, namespaces=NS)
        return list(found) if isinstance(found, list) else []

    def first(self, element: etree._Element, path: str) -> etree._Element | None:
        found = self.all(element, path)
        return found[0] if found else None

    def exists(self, element: etree._Element, path: str) -> bool:
        return bool(self.all(element, path))

    def value(self, element: etree._Element, path: str) -> str | None:
        """The string value of the first node at `path`, None when there is none."""
        found = self.first(element, path)
        if found is None:
            return None
        return str(found) if not isinstance(found, etree._Element) else "".join(found.itertext())

    def text(self, element: etree._Element, path: str) -> str:
        """normalize-space() of the first node at `path` ('' when there is none)."""
        return " ".join((self.value(element, path) or "").split())

    def decimal(self, element: etree._Element, path: str) -> Decimal | None:
        return _decimal(self.value(element, path))

    def sum(self, elements: Iterable[etree._Element], path: str) -> Decimal:
        total = Decimal(0)
        for element in elements:
            for node in self.all(element, path):
                total += _decimal(_string(node)) or Decimal(0)
        return total


Check = Callable[[_Checker], None]
_CHECKS: list[Check] = []


def _check(function: Check) -> Check:
    _CHECKS.append(function)
    return function


def _string(node: object) -> str:
    if isinstance(node, etree._Element):
        return "".join(node.itertext())
    return str(node)


def _decimal(text: str | None) -> Decimal | None:
    if text is None or not _DECIMAL.match(text):
        return None
    try:
        return Decimal(text.strip())
    except InvalidOperation:
        return None


def _round(value: Decimal, places: int = 2) -> Decimal:
    """XPath round(): half towards positive infinity, as the Schematron's round(x * 100) div 100."""
    unit = Decimal(1).scaleb(-places)
    return ((value / unit) + Decimal("0.5")).to_integral_value(rounding=ROUND_FLOOR) * unit


def _decimals_ok(text: str) -> bool:
    """string-length(substring-after(., '.')) <= 2"""
    return len(text.partition(".")[2]) <= 2


def _date(text: str) -> date | None:
    if not _DATE.match(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


# --- document level -------------------------------------------------------------------------------


@_check
def _mandatory_terms(c: _Checker) -> None:
    r = c.root
    c.check("BR-01", c.text(r, "cbc:CustomizationID") != "")
    c.check("BR-02", c.text(r, "cbc:ID") != "")
    c.check("BR-03", c.text(r, "cbc:IssueDate") != "")
    c.check(
        "BR-04", c.text(r, "cbc:InvoiceTypeCode") != "" or c.text(r, "cbc:CreditNoteTypeCode") != ""
    )
    c.check("BR-05", c.text(r, "cbc:DocumentCurrencyCode") != "")
    c.check("BR-06", c.text(r, f"{_SUPPLIER}/cac:PartyLegalEntity/cbc:RegistrationName") != "")
    c.check("BR-07", c.text(r, f"{_CUSTOMER}/cac:PartyLegalEntity/cbc:RegistrationName") != "")
    c.check("BR-08", c.exists(r, f"{_SUPPLIER}/cac:PostalAddress"))
    c.check("BR-10", c.exists(r, f"{_CUSTOMER}/cac:PostalAddress"))
    c.check("BR-16", bool(c.lines))
    c.check(
        "BR-CO-03",
        not (
            c.exists(r, "cbc:TaxPointDate") and c.exists(r, "cac:InvoicePeriod/cbc:DescriptionCode")
        ),
    )
    c.check("BR-CO-18", bool(c.subtotals))


@_check
def _peppol_document(c: _Checker) -> None:
    r = c.root
    profile = c.value(r, "cbc:ProfileID")
    c.check("PEPPOL-EN16931-R001", profile is not None)
    match = _PROFILE.search(" ".join((profile or "").split()))
    profile_number = " ".join((profile or "").split()).split(":")[6] if match else "Unknown"
    c.check("PEPPOL-EN16931-R007", profile_number != "Unknown")
    both_german = c.supplier_country == "DE" and c.customer_country == "DE"
    c.check("PEPPOL-EN16931-R002", len(c.all(r, "cbc:Note")) <= 1 or both_german)
    c.check(
        "PEPPOL-EN16931-R003",
        c.exists(r, "cbc:BuyerReference") or c.exists(r, "cac:OrderReference/cbc:ID"),
    )
    c.check(
        "PEPPOL-EN16931-R004",
        c.text(r, "cbc:CustomizationID/text()").startswith(PEPPOL_CUSTOMIZATION),
    )
    c.check("PEPPOL-EN16931-R053", len(c.all(r, "cac:TaxTotal[cac:TaxSubtotal]")) == 1)
    without = len(c.all(r, "cac:TaxTotal[not(cac:TaxSubtotal)]"))
    c.check("PEPPOL-EN16931-R054", without == (1 if c.exists(r, "cbc:TaxCurrencyCode") else 0))
    for element in c.all(r, "cbc:TaxCurrencyCode"):
        c.check("PEPPOL-EN16931-R005", c.text(element, ".") != c.currency, element)
    if c.is_credit_note:
        projects = c.all(r, "cac:AdditionalDocumentReference[cbc:DocumentTypeCode='50']")
        c.check("PEPPOL-EN16931-R080", len(projects) <= 1)

    for code in c.all(r, "cbc:InvoiceTypeCode"):
        value = c.text(code, ".")
        c.check("BR-CL-01", value in _INVOICE_TYPES, code)
        c.check(
            "PEPPOL-EN16931-P0100",
            profile_number != "01" or value in _PEPPOL_INVOICE_TYPES,
            code,
        )
    for code in c.all(r, "cbc:CreditNoteTypeCode"):
        value = c.text(code, ".")
        c.check("BR-CL-01", value in _CREDIT_NOTE_TYPES, code)
        c.check(
            "PEPPOL-EN16931-P0101",
            profile_number != "01" or value in _PEPPOL_CREDIT_NOTE_TYPES,
            code,
        )
    for code in c.all(r, "cbc:DocumentCurrencyCode"):
        c.check("BR-CL-04", c.text(code, ".") in _ISO_4217, code)


@_check
def _empty_elements(c: _Checker) -> None:
    for element in c.all(c.root, "//*[not(*) and not(normalize-space())]"):
        c.fail("PEPPOL-EN16931-R008", element)


@_check
def _dates(c: _Checker) -> None:
    path = " | ".join(f"//cbc:{name}" for name in _DATES)
    for element in c.all(c.root, path):
        c.check("PEPPOL-EN16931-F001", _date(_string(element)) is not None, element)


@_check
def _amount_format(c: _Checker) -> None:
    for element in c.root.iter():
        if not isinstance(element.tag, str):
            continue
        name = etree.QName(element).localname
        if not name.endswith("Amount") or name.endswith("PriceAmount"):
            continue
        if c.exists(element, "ancestor::cac:Price/cac:AllowanceCharge"):
            continue
        c.check("UBL-DT-01", _decimals_ok(_string(element)), element)
    path = " | ".join(f"//cbc:{name}" for name in _AMOUNTS) + (
        " | //cac:TaxTotal[cac:TaxSubtotal]/cbc:TaxAmount | //cac:TaxSubtotal/cbc:TaxAmount"
    )
    document_currency = c.value(c.root, "cbc:DocumentCurrencyCode")
    for element in c.all(c.root, path):
        c.check(
            "PEPPOL-EN16931-R051",
            document_currency is not None and element.get("currencyID") == document_currency,
            element,
        )
    every_amount = path + " | //cbc:TaxAmount"
    for element in c.all(c.root, every_amount):
        currency = " ".join((element.get("currencyID") or "").split())
        c.check("BR-CL-03", currency in _ISO_4217, element)


# --- cardinalities (UBL-SR-*: what the XSD allows many of, EN 16931 allows once) ---------------

_VAT_SCHEME_UPPER = "cac:TaxScheme[translate(cbc:ID, 'vat', 'VAT')='VAT']"
_LINES = "/*/cac:InvoiceLine | /*/cac:CreditNoteLine"
_AT_MOST: tuple[tuple[str, str, str, int], ...] = (
    # (rule, context, counted path, maximum)
    ("UBL-SR-01", "/*", "cac:ContractDocumentReference/cbc:ID", 1),
    ("UBL-SR-02", "/*", "cac:ReceiptDocumentReference/cbc:ID", 1),
    ("UBL-SR-03", "/*", "cac:DespatchDocumentReference/cbc:ID", 1),
    ("UBL-SR-04", "/*", "cac:AdditionalDocumentReference[cbc:DocumentTypeCode='130']/cbc:ID", 1),
    ("UBL-SR-05", "/*", "cac:PaymentTerms/cbc:Note", 1),
    ("UBL-SR-08", "/*", "cac:InvoicePeriod", 1),
    ("UBL-SR-09", "/*", f"{_SUPPLIER}/cac:PartyLegalEntity/cbc:RegistrationName", 1),
    ("UBL-SR-10", "/*", f"{_SUPPLIER}/cac:PartyName/cbc:Name", 1),
    ("UBL-SR-11", "/*", f"{_SUPPLIER}/cac:PartyLegalEntity/cbc:CompanyID", 1),
    ("UBL-SR-12", "/*", f"{_SUPPLIER}/cac:PartyTaxScheme[{_VAT_SCHEME_UPPER}]/cbc:CompanyID", 1),
    (
        "UBL-SR-13",
        "/*",
        f"{_SUPPLIER}/cac:PartyTaxScheme[cac:TaxScheme[translate(cbc:ID, 'vat', 'VAT')!='VAT']]"
        "/cbc:CompanyID",
        1,
    ),
    ("UBL-SR-14", "/*", f"{_SUPPLIER}/cac:PartyLegalEntity/cbc:CompanyLegalForm", 1),
    ("UBL-SR-15", "/*", f"{_CUSTOMER}/cac:PartyLegalEntity/cbc:RegistrationName", 1),
    ("UBL-SR-16", "/*", f"{_CUSTOMER}/cac:PartyIdentification/cbc:ID", 1),
    ("UBL-SR-17", "/*", f"{_CUSTOMER}/cac:PartyLegalEntity/cbc:CompanyID", 1),
    ("UBL-SR-18", "/*", f"{_CUSTOMER}/cac:PartyTaxScheme[{_VAT_SCHEME_UPPER}]/cbc:CompanyID", 1),
    ("UBL-SR-24", "/*", "cac:Delivery", 1),
    (
        "UBL-SR-29",
        "/*",
        "//cac:PartyIdentification/cbc:ID[translate(@schemeID, 'sepa', 'SEPA')='SEPA']",
        1,
    ),
    ("UBL-SR-39", "/*", "cac:ProjectReference/cbc:ID", 1),
    ("UBL-SR-40", "/*", f"{_CUSTOMER}/cac:PartyName/cbc:Name", 1),
    ("UBL-SR-45", "/*", "cac:PaymentMeans/cbc:PaymentDueDate", 1),
    ("UBL-SR-46", "/*", "cac:PaymentMeans/cbc:PaymentMeansCode/@name", 1),
    ("UBL-SR-49", "/*", "cac:InvoicePeriod/cbc:DescriptionCode", 1),
    ("BR-66", "/*", "cac:PaymentMeans/cac:CardAccount", 1),
    ("BR-67", "/*", "cac:PaymentMeans/cac:PaymentMandate", 1),
    ("UBL-SR-06", "//cac:BillingReference", "cac:InvoiceDocumentReference", 1),
    ("UBL-SR-26", "//cac:PaymentMeans", "cbc:PaymentID", 1),
    ("UBL-SR-27", "//cac:PaymentMeans", "cbc:PaymentMeansCode", 1),
    ("UBL-SR-28", "//cac:PaymentMeans", "cac:PaymentMandate/cbc:ID", 1),
    ("UBL-SR-32", "//cac:TaxSubtotal", "cac:TaxCategory/cbc:TaxExemptionReason", 1),
    ("UBL-SR-33", "//cac:AdditionalDocumentReference", "cbc:DocumentDescription", 1),
    ("UBL-SR-34", _LINES, "cbc:Note", 1),
    ("UBL-SR-35", _LINES, "cac:OrderLineReference/cbc:LineID", 1),
    ("UBL-SR-36", _LINES, "cac:InvoicePeriod", 1),
    ("UBL-SR-37", _LINES, "cac:Price/cac:AllowanceCharge/cbc:Amount", 1),
    ("UBL-SR-50", _LINES, "cac:Item/cbc:Description", 1),
    ("UBL-SR-52", _LINES, "cac:DocumentReference", 1),
    ("UBL-SR-51", "//cac:PostalAddress | //cac:Address", "cac:AddressLine", 1),
    ("UBL-SR-42", f"/*/{_SUPPLIER}", "cac:PartyTaxScheme", 2),
)


@_check
def _cardinalities(c: _Checker) -> None:
    for rule_id, context, counted, maximum in _AT_MOST:
        for element in c.all(c.root, context):
            c.check(rule_id, len(c.all(element, counted)) <= maximum, element)
    payment_ids = {_string(node) for node in c.all(c.root, "//cbc:PaymentID")}
    c.check("UBL-SR-44", len(payment_ids) <= 1)
    for reference in c.all(c.root, "//cac:BillingReference"):
        c.check("UBL-SR-07", c.exists(reference, "cac:InvoiceDocumentReference/cbc:ID"), reference)


# --- parties --------------------------------------------------------------------------------------


@_check
def _parties(c: _Checker) -> None:
    r = c.root
    for address in c.all(r, f"{_SUPPLIER}/cac:PostalAddress"):
        c.check("BR-09", c.text(address, "cac:Country/cbc:IdentificationCode") != "", address)
    for address in c.all(r, f"{_CUSTOMER}/cac:PostalAddress"):
        c.check("BR-11", c.text(address, "cac:Country/cbc:IdentificationCode") != "", address)
    for party in c.all(r, _SUPPLIER):
        c.check("PEPPOL-EN16931-R020", c.exists(party, "cbc:EndpointID"), party)
    for supplier in c.all(r, "cac:AccountingSupplierParty"):
        c.check(
            "BR-CO-26",
            c.exists(supplier, f"cac:Party/{_VAT_ID}")
            or c.exists(supplier, "cac:Party/cac:PartyIdentification/cbc:ID")
            or c.exists(supplier, "cac:Party/cac:PartyLegalEntity/cbc:CompanyID"),
            supplier,
        )
    for tax_scheme in c.all(r, "//cac:PartyTaxScheme"):
        c.check(
            "UBL-SR-53",
            c.exists(tax_scheme, "cac:TaxScheme/cbc:ID") and c.exists(tax_scheme, "cbc:CompanyID"),
            tax_scheme,
        )
    for party in c.all(r, _CUSTOMER):
        c.check("PEPPOL-EN16931-R010", c.exists(party, "cbc:EndpointID"), party)
    for endpoint in c.all(r, f"{_SUPPLIER}/cbc:EndpointID"):
        c.check("BR-62", endpoint.get("schemeID") is not None, endpoint)
    for endpoint in c.all(r, f"{_CUSTOMER}/cbc:EndpointID"):
        c.check("BR-63", endpoint.get("schemeID") is not None, endpoint)
    for endpoint in c.all(r, "//cbc:EndpointID[@schemeID]"):
        scheme = endpoint.get("schemeID") or ""
        c.check("BR-CL-25", " ".join(scheme.split()) in _EN16931_EAS, endpoint)
        c.check("PEPPOL-EN16931-CL008", scheme in _PEPPOL_EAS, endpoint)
    for tax_scheme in c.all(r, f"//cac:PartyTaxScheme[{_VAT_SCHEME}]"):
        # contains(' 1A AD … ZW ', substring(cbc:CompanyID, 1, 2)): no VAT number passes too
        prefix = (c.value(tax_scheme, "cbc:CompanyID") or "")[:2]
        c.check("BR-CO-09", prefix in _VAT_PREFIX_TEXT, tax_scheme)
    for identifier in c.all(r, "//cac:PartyIdentification/cbc:ID[@schemeID]"):
        scheme = " ".join((identifier.get("schemeID") or "").split())
        sepa = scheme == "SEPA" and c.exists(
            identifier, "ancestor::cac:AccountingSupplierParty | ancestor::cac:PayeeParty"
        )
        c.check("BR-CL-10", scheme in _ICD or sepa, identifier)
    for company in c.all(r, "//cac:PartyLegalEntity/cbc:CompanyID[@schemeID]"):
        scheme = " ".join((company.get("schemeID") or "").split())
        c.check("BR-CL-11", scheme in _ICD, company)
    for country in c.all(r, "//cac:Country/cbc:IdentificationCode"):
        c.check("BR-CL-14", c.text(country, ".") in _ISO_3166, country)


@_check
def _dutch_parties(c: _Checker) -> None:
    r = c.root
    if c.supplier_country != "NL":
        return
    both_dutch = c.customer_country == "NL"
    for address in c.all(r, f"{_SUPPLIER}/cac:PostalAddress"):
        c.check("NL-R-002", _has_street_city_postcode(c, address), address)
    for company in c.all(r, f"{_SUPPLIER}/cac:PartyLegalEntity/cbc:CompanyID"):
        c.check("NL-R-003", _dutch_registration(c, company), company)
    if both_dutch:
        for address in c.all(r, f"{_CUSTOMER}/cac:PostalAddress"):
            c.check("NL-R-004", _has_street_city_postcode(c, address), address)
        for company in c.all(r, f"{_CUSTOMER}/cac:PartyLegalEntity/cbc:CompanyID"):
            c.check("NL-R-005", _dutch_registration(c, company), company)
    representative_country = c.text(
        r, "cac:TaxRepresentativeParty/cac:PostalAddress/cac:Country/cbc:IdentificationCode"
    ).upper()
    if representative_country == "NL":
        for address in c.all(r, "cac:TaxRepresentativeParty/cac:PostalAddress"):
            c.check("NL-R-006", _has_street_city_postcode(c, address), address)
    for code in c.all(r, "cbc:CreditNoteTypeCode"):
        c.check(
            "NL-R-001",
            c.exists(r, "cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID"),
            code,
        )
    for line_id in c.all(r, "//cac:OrderLineReference/cbc:LineID"):
        c.check("NL-R-009", c.exists(r, "cac:OrderReference/cbc:ID"), line_id)


def _has_street_city_postcode(c: _Checker, address: etree._Element) -> bool:
    return all(
        c.exists(address, f"cbc:{name}") for name in ("StreetName", "CityName", "PostalZone")
    )


def _dutch_registration(c: _Checker, company: etree._Element) -> bool:
    return company.get("schemeID") in _DUTCH_REGISTRATION and c.text(company, ".") != ""


# --- payment --------------------------------------------------------------------------------------


@_check
def _payment(c: _Checker) -> None:
    r = c.root
    means = c.all(r, "cac:PaymentMeans")
    codes = {
        c.text(m, "cbc:PaymentMeansCode") for m in means if c.exists(m, "cbc:PaymentMeansCode")
    }
    c.check("UBL-SR-47", len(codes) <= 1)
    for element in means:
        code = c.text(element, "cbc:PaymentMeansCode")
        c.check("BR-49", c.exists(element, "cbc:PaymentMeansCode"), element)
        c.check(
            "BR-61",
            code not in _CREDIT_TRANSFER or c.exists(element, "cac:PayeeFinancialAccount/cbc:ID"),
            element,
        )
        if code in _CREDIT_TRANSFER:
            for account in c.all(element, "cac:PayeeFinancialAccount"):
                c.check("BR-50", c.text(account, "cbc:ID") != "", account)
        if code in _DIRECT_DEBIT:
            c.check("PEPPOL-EN16931-R061", c.exists(element, "cac:PaymentMandate/cbc:ID"), element)
        if c.supplier_country == "NL" and c.customer_country == "NL":
            c.check("NL-R-008", code in _NL_PAYMENT_MEANS, element)
    for code_element in c.all(r, "cac:PaymentMeans/cbc:PaymentMeansCode"):
        c.check("BR-CL-16", c.text(code_element, ".") in _PAYMENT_MEANS, code_element)
    if c.supplier_country == "NL":
        for monetary in c.all(r, "cac:LegalMonetaryTotal"):
            payable = c.decimal(monetary, "cbc:PayableAmount")
            nothing_to_pay = payable is not None and (
                (not c.is_credit_note and payable <= 0) or (c.is_credit_note and payable >= 0)
            )
            c.check("NL-R-007", nothing_to_pay or bool(means), monetary)


# --- references and attachments -------------------------------------------------------------------


@_check
def _references(c: _Checker) -> None:
    r = c.root
    for reference in c.all(r, "cac:BillingReference"):
        c.check("BR-55", c.exists(reference, "cac:InvoiceDocumentReference/cbc:ID"), reference)
    for reference in c.all(r, "//cac:AdditionalDocumentReference"):
        c.check("BR-52", c.text(reference, "cbc:ID") != "", reference)
    for binary in c.all(
        r, "//*[substring(local-name(), string-length(local-name()) - 11) = 'BinaryObject']"
    ):
        c.check("UBL-DT-06", binary.get("mimeCode") is not None, binary)
        c.check("UBL-DT-07", binary.get("filename") is not None, binary)
    for binary in c.all(r, "//cbc:EmbeddedDocumentBinaryObject[@mimeCode]"):
        c.check("BR-CL-24", binary.get("mimeCode") in _MIME_CODES, binary)
        c.check("PEPPOL-EN16931-CL001", binary.get("mimeCode") in _MIME_CODES, binary)


# --- periods --------------------------------------------------------------------------------------


@_check
def _periods(c: _Checker) -> None:
    r = c.root
    # a line's period is taken by the line period rule first: one rule per node and pattern
    document_periods = (
        "//cac:InvoicePeriod[not(parent::cac:InvoiceLine | parent::cac:CreditNoteLine)]"
    )
    for period in c.all(r, document_periods):
        c.check(
            "BR-CO-19",
            c.exists(period, "cbc:StartDate | cbc:EndDate | cbc:DescriptionCode"),
            period,
        )
        c.check("BR-29", _ordered(c, period), period)
    for period in c.all(
        r, "cac:InvoiceLine/cac:InvoicePeriod | cac:CreditNoteLine/cac:InvoicePeriod"
    ):
        c.check("BR-CO-20", c.exists(period, "cbc:StartDate | cbc:EndDate"), period)
        c.check("BR-30", _ordered(c, period), period)
    document_start = _date(c.text(r, "cac:InvoicePeriod/cbc:StartDate"))
    document_end = _date(c.text(r, "cac:InvoicePeriod/cbc:EndDate"))
    for line in c.lines:
        for start in c.all(line, "cac:InvoicePeriod/cbc:StartDate"):
            line_start = _date(c.text(start, "."))
            if c.exists(r, "cac:InvoicePeriod/cbc:StartDate"):
                c.check(
                    "PEPPOL-EN16931-R110",
                    line_start is not None
                    and document_start is not None
                    and line_start >= document_start,
                    start,
                )
        for end in c.all(line, "cac:InvoicePeriod/cbc:EndDate"):
            line_end = _date(c.text(end, "."))
            if c.exists(r, "cac:InvoicePeriod/cbc:EndDate"):
                c.check(
                    "PEPPOL-EN16931-R111",
                    line_end is not None and document_end is not None and line_end <= document_end,
                    end,
                )


def _ordered(c: _Checker, period: etree._Element) -> bool:
    start = _date(c.text(period, "cbc:StartDate"))
    end = _date(c.text(period, "cbc:EndDate"))
    return start is None or end is None or end >= start


# --- lines ----------------------------------------------------------------------------------------


@_check
def _lines(c: _Checker) -> None:
    for line in c.lines:
        quantity_path = "cbc:CreditedQuantity" if c.is_credit_note else "cbc:InvoicedQuantity"
        c.check("BR-21", c.text(line, "cbc:ID") != "", line)
        c.check("BR-22", c.exists(line, "cbc:InvoicedQuantity | cbc:CreditedQuantity"), line)
        c.check(
            "BR-23",
            c.exists(line, "cbc:InvoicedQuantity/@unitCode | cbc:CreditedQuantity/@unitCode"),
            line,
        )
        c.check("BR-24", c.exists(line, "cbc:LineExtensionAmount"), line)
        c.check("BR-25", c.text(line, "cac:Item/cbc:Name") != "", line)
        c.check("BR-26", c.exists(line, "cac:Price/cbc:PriceAmount"), line)
        price = c.decimal(line, "cac:Price/cbc:PriceAmount")
        c.check("BR-27", price is not None and price >= 0, line)
        for gross in c.all(line, "cac:Price/cac:AllowanceCharge/cbc:BaseAmount"):
            value = _decimal(_string(gross))
            c.check("BR-28", value is not None and value >= 0, gross)
        c.check(
            "BR-CO-04",
            c.exists(line, f"cac:Item/cac:ClassifiedTaxCategory[{_VAT_SCHEME}]/cbc:ID"),
            line,
        )
        for amount in c.all(line, "cbc:LineExtensionAmount"):
            c.check("BR-DEC-23", _decimals_ok(_string(amount)), amount)
        c.check("UBL-SR-48", len(c.all(line, "cac:Item/cac:ClassifiedTaxCategory")) == 1, line)
        references = c.all(line, "cac:DocumentReference")
        c.check("PEPPOL-EN16931-R100", len(references) <= 1, line)
        c.check(
            "PEPPOL-EN16931-R101",
            not references or c.exists(line, "cac:DocumentReference[cbc:DocumentTypeCode='130']"),
            line,
        )
        _line_amount(c, line, quantity_path)
        for category in c.all(line, f"cac:Item/cac:ClassifiedTaxCategory[{_VAT_SCHEME}]"):
            _line_category(c, category)
        for code in c.all(line, "cac:Item/cac:ClassifiedTaxCategory/cbc:ID"):
            c.check("BR-CL-18", c.text(code, ".") in _VAT_CATEGORIES, code)


def _line_amount(c: _Checker, line: etree._Element, quantity_path: str) -> None:
    """PEPPOL-EN16931-R120/R121/R130: net amount = quantity × price ÷ base quantity + charges −
    allowances, within 0.02."""
    amount = c.decimal(line, "cbc:LineExtensionAmount") or Decimal(0)
    quantity = c.decimal(line, quantity_path) if c.exists(line, quantity_path) else Decimal(1)
    price = c.decimal(line, "cac:Price/cbc:PriceAmount") or Decimal(0)
    base = c.decimal(line, "cac:Price/cbc:BaseQuantity")
    allowances = _round(
        c.sum(
            c.all(line, "cac:AllowanceCharge[normalize-space(cbc:ChargeIndicator)='false']"),
            "cbc:Amount",
        )
    )
    charges = _round(
        c.sum(
            c.all(line, "cac:AllowanceCharge[normalize-space(cbc:ChargeIndicator)='true']"),
            "cbc:Amount",
        )
    )
    if c.exists(line, "cac:Price/cbc:BaseQuantity"):
        c.check("PEPPOL-EN16931-R121", base is not None and base > 0, line)
    divisor = base if base is not None and base != 0 else Decimal(1)
    if quantity is None:
        c.fail("PEPPOL-EN16931-R120", line, "The quantity is not a number.")
        return
    expected = quantity * (price / divisor) + charges - allowances
    c.check("PEPPOL-EN16931-R120", abs(expected - amount) <= Decimal("0.02"), line)
    for base_quantity in c.all(line, "cac:Price/cbc:BaseQuantity[@unitCode]"):
        unit = c.first(line, f"{quantity_path}/@unitCode")
        if c.exists(line, "cbc:InvoicedQuantity | cbc:CreditedQuantity"):
            c.check(
                "PEPPOL-EN16931-R130",
                unit is not None and base_quantity.get("unitCode") == str(unit),
                base_quantity,
            )


def _line_category(c: _Checker, category: etree._Element) -> None:
    code = c.text(category, "cbc:ID")
    percent = c.decimal(category, "cbc:Percent")
    if code == "S":
        c.check("BR-S-05", percent is not None and percent > 0, category)
    elif code == "E":
        c.check("BR-E-05", percent is not None and percent == 0, category)
    elif code == "Z":
        c.check("BR-Z-05", percent is not None and percent == 0, category)
    elif code == "O":
        c.check("BR-O-05", not c.exists(category, "cbc:Percent"), category)


# --- totals ---------------------------------------------------------------------------------------


@_check
def _monetary_totals(c: _Checker) -> None:
    r = c.root
    line_total = _round(c.sum(c.lines, "cbc:LineExtensionAmount"))
    document_charges = c.all(r, "cac:AllowanceCharge")
    allowances = [a for a in document_charges if c.text(a, "cbc:ChargeIndicator") == "false"]
    charges = [a for a in document_charges if c.text(a, "cbc:ChargeIndicator") == "true"]
    for monetary in c.all(r, "cac:LegalMonetaryTotal"):
        c.check("BR-12", c.exists(monetary, "cbc:LineExtensionAmount"), monetary)
        c.check("BR-13", c.exists(monetary, "cbc:TaxExclusiveAmount"), monetary)
        c.check("BR-14", c.exists(monetary, "cbc:TaxInclusiveAmount"), monetary)
        c.check("BR-15", c.exists(monetary, "cbc:PayableAmount"), monetary)
        for name, rule_id in _TOTAL_DECIMALS.items():
            for element in c.all(monetary, f"cbc:{name}"):
                c.check(rule_id, _decimals_ok(_string(element)), element)

        line_extension = c.decimal(monetary, "cbc:LineExtensionAmount")
        exclusive = c.decimal(monetary, "cbc:TaxExclusiveAmount")
        inclusive = c.decimal(monetary, "cbc:TaxInclusiveAmount")
        payable = c.decimal(monetary, "cbc:PayableAmount")
        allowance_total = c.decimal(monetary, "cbc:AllowanceTotalAmount")
        charge_total = c.decimal(monetary, "cbc:ChargeTotalAmount")
        prepaid = c.decimal(monetary, "cbc:PrepaidAmount")
        rounding = c.decimal(monetary, "cbc:PayableRoundingAmount")

        c.check("BR-CO-10", line_extension is not None and line_extension == line_total, monetary)
        c.check(
            "BR-CO-11",
            (allowance_total is None and not allowances)
            or allowance_total == _round(c.sum(allowances, "cbc:Amount")),
            monetary,
        )
        c.check(
            "BR-CO-12",
            (charge_total is None and not charges)
            or charge_total == _round(c.sum(charges, "cbc:Amount")),
            monetary,
        )
        if line_extension is not None and exclusive is not None:
            expected = line_extension + (charge_total or 0) - (allowance_total or 0)
            c.check("BR-CO-13", exclusive == _round(expected), monetary)
        else:
            c.fail("BR-CO-13", monetary)
        if inclusive is not None and payable is not None:
            left = _round(payable - rounding) if rounding is not None else payable
            right = _round(inclusive - prepaid) if prepaid is not None else inclusive
            c.check("BR-CO-16", left == right, monetary)
        else:
            c.fail("BR-CO-16", monetary)

        if not c.is_credit_note:
            for amount in c.all(monetary, "cbc:PayableAmount"):
                value = _decimal(_string(amount))
                c.check(
                    "BR-CO-25",
                    value is None
                    or value <= 0
                    or c.exists(r, "//cbc:DueDate | //cac:PaymentTerms/cbc:Note"),
                    amount,
                )

    if c.exists(r, "cbc:DocumentCurrencyCode"):  # every $Currency in cbc:DocumentCurrencyCode
        currency = c.value(r, "cbc:DocumentCurrencyCode") or ""
        tax_amounts = [
            a for a in c.all(r, "cac:TaxTotal/cbc:TaxAmount") if a.get("currencyID") == currency
        ]
        inclusive = c.decimal(r, "cac:LegalMonetaryTotal/cbc:TaxInclusiveAmount")
        exclusive = c.decimal(r, "cac:LegalMonetaryTotal/cbc:TaxExclusiveAmount")
        tax = _decimal(_string(tax_amounts[0])) if len(tax_amounts) == 1 else None
        c.check(
            "BR-CO-15",
            tax is not None
            and inclusive is not None
            and exclusive is not None
            and inclusive == _round(exclusive + tax),
        )
        for amount in tax_amounts:
            c.check("BR-DEC-13", _decimals_ok(_string(amount)), amount)


@_check
def _tax_totals(c: _Checker) -> None:
    for total in c.all(c.root, "cac:TaxTotal"):
        subtotals = c.all(total, "cac:TaxSubtotal")
        if not subtotals:
            continue
        tax = c.decimal(total, "cbc:TaxAmount")
        c.check(
            "BR-CO-14", tax is not None and tax == _round(c.sum(subtotals, "cbc:TaxAmount")), total
        )


@_check
def _subtotals(c: _Checker) -> None:
    for subtotal in c.subtotals:
        c.check("BR-45", c.exists(subtotal, "cbc:TaxableAmount"), subtotal)
        c.check("BR-46", c.exists(subtotal, "cbc:TaxAmount"), subtotal)
        c.check("BR-47", c.exists(subtotal, f"cac:TaxCategory[{_VAT_SCHEME}]/cbc:ID"), subtotal)
        c.check(
            "BR-48",
            c.exists(subtotal, f"cac:TaxCategory[{_VAT_SCHEME}]/cbc:Percent")
            or c.text(subtotal, f"cac:TaxCategory[{_VAT_SCHEME}]/cbc:ID") == "O",
            subtotal,
        )
        for amount in c.all(subtotal, "cbc:TaxableAmount"):
            c.check("BR-DEC-19", _decimals_ok(_string(amount)), amount)
        for amount in c.all(subtotal, "cbc:TaxAmount"):
            c.check("BR-DEC-20", _decimals_ok(_string(amount)), amount)
        c.check("BR-CO-17", _category_tax_ok(c, subtotal), subtotal)
    for code in c.all(c.root, "//cac:TaxCategory/cbc:ID"):
        c.check("BR-CL-17", c.text(code, ".") in _VAT_CATEGORIES, code)


def _category_tax_ok(c: _Checker, subtotal: etree._Element) -> bool:
    """BR-CO-17 as the Schematron tests it: a zero rate has zero tax; otherwise the tax lies
    within 1 of round(taxable × rate ÷ 100, 2)."""
    tax = c.decimal(subtotal, "cbc:TaxAmount")
    taxable = c.decimal(subtotal, "cbc:TaxableAmount")
    percent_path = f"cac:TaxCategory[{_VAT_SCHEME}]/cbc:Percent"
    percent = c.decimal(subtotal, percent_path)
    if tax is None or (percent is None and c.exists(subtotal, percent_path)):
        return False  # not a number: the Schematron stops with an error
    if percent is None:
        return _round(tax, 0) == 0
    if _round(percent, 0) == 0:
        return _round(tax, 0) == 0
    if taxable is None:
        return False
    expected = _round(abs(taxable) * percent / 100)
    return abs(tax) - 1 < expected < abs(tax) + 1


# --- VAT categories -------------------------------------------------------------------------------


@_check
def _vat_categories(c: _Checker) -> None:
    r = c.root
    supplier_vat = c.exists(r, f"//{_SUPPLIER}/cac:PartyTaxScheme/cbc:CompanyID") or c.exists(
        r, f"//cac:TaxRepresentativeParty/{_VAT_ID}"
    )
    for code, breakdown_rule, seller_rule in (
        ("E", "BR-E-01", "BR-E-02"),
        ("Z", "BR-Z-01", "BR-Z-02"),
        ("O", "BR-O-01", None),
    ):
        anywhere = c.exists(
            r, f"//cac:TaxCategory[{_VAT_SCHEME}]/cbc:ID[normalize-space(.)='{code}']"
        ) or c.exists(
            r, f"//cac:ClassifiedTaxCategory[{_VAT_SCHEME}]/cbc:ID[normalize-space(.)='{code}']"
        )
        breakdowns = c.all(
            r,
            f"cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory[{_VAT_SCHEME}]/cbc:ID[normalize-space(.)='{code}']",
        )
        c.check(breakdown_rule, not anywhere or len(breakdowns) == 1)
        lines = c.exists(
            r, f"//cac:ClassifiedTaxCategory[normalize-space(cbc:ID)='{code}'][{_VAT_SCHEME}]"
        )
        if seller_rule:
            c.check(seller_rule, not lines or supplier_vat)

    standard_items = len(
        c.all(r, "//cac:AllowanceCharge/cac:TaxCategory[normalize-space(cbc:ID)='S']")
    ) + len(c.all(r, "//cac:ClassifiedTaxCategory[normalize-space(cbc:ID)='S']"))
    standard_breakdowns = len(
        c.all(r, "cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory[normalize-space(cbc:ID)='S']")
    )
    c.check("BR-S-01", (standard_items > 0) == (standard_breakdowns > 0))
    standard_lines = c.exists(
        r, f"//cac:ClassifiedTaxCategory[normalize-space(cbc:ID)='S'][{_VAT_SCHEME}]"
    )
    c.check(
        "BR-S-02",
        not c.exists(r, "//cac:ClassifiedTaxCategory[normalize-space(cbc:ID)='S']")
        or (standard_lines and supplier_vat),
    )

    outside_lines = c.exists(
        r, f"//cac:ClassifiedTaxCategory[normalize-space(cbc:ID)='O'][{_VAT_SCHEME}]"
    )
    any_vat_id = (
        c.exists(r, f"//{_SUPPLIER}/{_VAT_ID}")
        or c.exists(r, f"//cac:TaxRepresentativeParty/{_VAT_ID}")
        or c.exists(r, f"//{_CUSTOMER}/{_VAT_ID}")
    )
    c.check("BR-O-02", not outside_lines or not any_vat_id)
    outside_breakdown = c.exists(
        r,
        f"cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory[{_VAT_SCHEME}]/cbc:ID[normalize-space(.)='O']",
    )
    if outside_breakdown:
        others = c.all(
            r,
            f"cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory[normalize-space(cbc:ID)!='O'][{_VAT_SCHEME}]",
        )
        c.check("BR-O-11", not others)
        other_lines = c.all(
            r, f"//cac:ClassifiedTaxCategory[normalize-space(cbc:ID)!='O'][{_VAT_SCHEME}]"
        )
        c.check("BR-O-12", not other_lines)

    for category in c.all(r, f"cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory[{_VAT_SCHEME}]"):
        _breakdown(c, category)


def _breakdown(c: _Checker, category: etree._Element) -> None:
    code = c.text(category, "cbc:ID")
    subtotal = category.getparent()
    if subtotal is None or code not in {"S", "E", "Z", "O"}:
        return
    taxable = c.decimal(subtotal, "cbc:TaxableAmount")
    tax = c.decimal(subtotal, "cbc:TaxAmount")
    has_reason = c.exists(category, "cbc:TaxExemptionReason | cbc:TaxExemptionReasonCode")
    if code == "S":
        rate = c.decimal(category, "cbc:Percent")
        # `every $rate in xs:decimal(cbc:Percent)`: holds vacuously without a rate (BR-48 fails)
        c.check("BR-S-08", rate is None or _standard_taxable_ok(c, rate, taxable), category)
        percent = c.decimal(category, "cbc:Percent")
        expected = (
            _round(abs(taxable) * percent / 100)
            if taxable is not None and percent is not None
            else None
        )
        c.check(
            "BR-S-09",
            tax is not None and expected is not None and abs(tax) - 1 < expected < abs(tax) + 1,
            category,
        )
        c.check("BR-S-10", not has_reason, category)
        return
    rules = {
        "E": ("BR-E-08", "BR-E-09", "BR-E-10"),
        "Z": ("BR-Z-08", "BR-Z-09", "BR-Z-10"),
        "O": ("BR-O-08", "BR-O-09", "BR-O-10"),
    }[code]
    c.check(
        rules[0],
        bool(c.lines) and taxable is not None and taxable == _category_base(c, code),
        category,
    )
    c.check(rules[1], tax is not None and tax == 0, category)
    c.check(rules[2], has_reason if code != "Z" else not has_reason, category)


def _category_base(c: _Checker, code: str, rate: Decimal | None = None) -> Decimal:
    """The sum of the category's line amounts plus its document charges minus its allowances."""

    def matches(category: etree._Element | None) -> bool:
        if category is None or c.text(category, "cbc:ID") != code:
            return False
        return rate is None or c.decimal(category, "cbc:Percent") == rate

    lines = [
        line
        for line in c.lines
        if any(matches(cat) for cat in c.all(line, "cac:Item/cac:ClassifiedTaxCategory"))
    ]
    charges = [
        a
        for a in c.all(c.root, "cac:AllowanceCharge")
        if any(matches(cat) for cat in c.all(a, "cac:TaxCategory"))
    ]
    plus = [a for a in charges if c.text(a, "cbc:ChargeIndicator") == "true"]
    minus = [a for a in charges if c.text(a, "cbc:ChargeIndicator") == "false"]
    return (
        c.sum(lines, "cbc:LineExtensionAmount")
        + c.sum(plus, "cbc:Amount")
        - c.sum(minus, "cbc:Amount")
    )


def _standard_taxable_ok(c: _Checker, rate: Decimal, taxable: Decimal | None) -> bool:
    """BR-S-08 as the Schematron tests it: there is an item at this rate, and the taxable amount
    lies within 1 of its lines plus charges minus allowances."""
    at_rate = [
        category
        for category in c.all(
            c.root,
            "//cac:ClassifiedTaxCategory[normalize-space(cbc:ID)='S'] "
            "| //cac:AllowanceCharge/cac:TaxCategory[normalize-space(cbc:ID)='S']",
        )
        if c.decimal(category, "cbc:Percent") == rate
    ]
    if not at_rate or taxable is None:
        return False
    base = _category_base(c, "S", rate)
    return taxable - 1 < base < taxable + 1
