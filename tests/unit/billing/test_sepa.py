"""The pain.008 direct-debit file: checked inputs, FRST/RCUR batches, exact cents, a valid XSD."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
import sepaxml
from lxml import etree

from bundel.billing.adapters import sepa
from bundel.billing.adapters.sepa import (
    DebitItem,
    check_bic,
    check_creditor_id,
    check_iban,
    direct_debit_file,
)
from bundel.billing.snapshot import Mandate, Party
from bundel.shared.errors import RuleViolation

XSD = Path(sepaxml.__file__).parent / "schemas" / "pain.008.001.02.xsd"
NS = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.008.001.02"}
CREDITOR = Party(
    name="Coöperatie Bundel U.A.",
    iban="NL91 ABNA 0417 1643 00",
    bic="ABNANL2A",
    creditor_id="NL69ZZZ123456780000",
)
COLLECTION = date(2026, 2, 2)
CREATED = datetime(2026, 1, 27, 8, 30, tzinfo=UTC)


def item(
    number: str,
    amount: str,
    *,
    first: bool = True,
    iban: str = "NL20INGB0001234567",
    bic: str = "",
    name: str = "Stichting Primair",
) -> DebitItem:
    mandate = Mandate(f"BUNDEL-{number}", date(2025, 12, 1), iban, bic, first_collection=first)
    return DebitItem(number, Decimal(amount), name, mandate)


def write(*items: DebitItem) -> bytes:
    return direct_debit_file(
        creditor=CREDITOR,
        collection_date=COLLECTION,
        items=items,
        message_id="BUNDEL-RUN-2026-01",
        created_at=CREATED,
    )


def parse(xml: bytes) -> etree._Element:
    return etree.fromstring(xml)


def text(element: etree._Element, path: str) -> str:
    found = element.find(path, NS)
    assert found is not None, path
    return str(found.text)


ITEMS = (
    item("2026-000001", "1000.00", name="Stichting Primair Onderwijs Zuid"),
    item("2026-000002", "12.34", first=False, iban="nl44 rabo 0123 4567 89", bic="RABONL2U"),
    item("2026-000003", "0.10"),
    item("2026-000004", "0.20", first=False, name="Stichting Één & Ander;"),
)


def test_the_file_validates_against_the_pain_008_001_02_xsd() -> None:
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    document = parse(write(*ITEMS))
    schema.assertValid(document)
    assert document.tag == "{urn:iso:std:iso:20022:tech:xsd:pain.008.001.02}Document"


def test_one_payment_information_block_per_sequence_type() -> None:
    document = parse(write(*ITEMS))
    blocks = document.findall("p:CstmrDrctDbtInitn/p:PmtInf", NS)
    by_type = {text(block, "p:PmtTpInf/p:SeqTp"): block for block in blocks}
    assert sorted(by_type) == ["FRST", "RCUR"]
    first, recurring = by_type["FRST"], by_type["RCUR"]
    assert [text(tx, "p:PmtId/p:EndToEndId") for tx in first.findall("p:DrctDbtTxInf", NS)] == [
        "2026-000001",
        "2026-000003",
    ]
    assert [text(tx, "p:PmtId/p:EndToEndId") for tx in recurring.findall("p:DrctDbtTxInf", NS)] == [
        "2026-000002",
        "2026-000004",
    ]
    for block in blocks:
        assert text(block, "p:PmtTpInf/p:LclInstrm/p:Cd") == "CORE"
        assert text(block, "p:ReqdColltnDt") == "2026-02-02"
        assert text(block, "p:CdtrAcct/p:Id/p:IBAN") == "NL91ABNA0417164300"
        assert text(block, "p:CdtrSchmeId/p:Id/p:PrvtId/p:Othr/p:Id") == "NL69ZZZ123456780000"
    assert text(first, "p:NbOfTxs") == "2"
    assert text(recurring, "p:NbOfTxs") == "2"


@pytest.mark.rule("FEE-4")
def test_control_sums_are_exact_cents_per_batch_and_in_total() -> None:
    document = parse(write(*ITEMS))
    header = document.find("p:CstmrDrctDbtInitn/p:GrpHdr", NS)
    assert header is not None
    assert text(header, "p:NbOfTxs") == "4"
    # 1000.00 + 12.34 + 0.10 + 0.20: exact, where binary floats would give 1012.6400000000001
    assert Decimal(text(header, "p:CtrlSum")) == Decimal("1012.64")
    sums = {
        text(block, "p:PmtTpInf/p:SeqTp"): text(block, "p:CtrlSum")
        for block in document.findall("p:CstmrDrctDbtInitn/p:PmtInf", NS)
    }
    assert sums == {"FRST": "1000.10", "RCUR": "12.54"}
    amounts = [
        node.text for node in document.iter("{urn:iso:std:iso:20022:tech:xsd:pain.008.001.02}*")
    ]
    assert "0.10" in amounts
    assert "0.20" in amounts


@pytest.mark.rule("FEE-4")
def test_the_largest_sepa_amount_is_written_to_the_cent() -> None:
    document = parse(write(item("2026-000001", "999999999.99"), item("2026-000002", "0.01")))
    assert text(document, "p:CstmrDrctDbtInitn/p:GrpHdr/p:CtrlSum") == "1000000000.00"


@pytest.mark.rule("FEE-4")
@pytest.mark.parametrize("amount", ["10.005", "0.001", "1.999"])
def test_an_amount_in_fractions_of_a_cent_is_refused_never_rounded(amount: str) -> None:
    with pytest.raises(RuleViolation) as refused:
        write(item("2026-000001", amount))
    assert refused.value.code == "billing.debit_amount_not_in_cents"


def test_a_float_amount_is_a_programming_error() -> None:
    bad = DebitItem("2026-000001", 12.5, "Stichting", ITEMS[0].mandate)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        write(bad)


def test_each_transaction_carries_mandate_remittance_and_compact_iban() -> None:
    document = parse(write(*ITEMS))
    transactions = {
        text(tx, "p:PmtId/p:EndToEndId"): tx
        for tx in document.iter("{urn:iso:std:iso:20022:tech:xsd:pain.008.001.02}DrctDbtTxInf")
    }
    second = transactions["2026-000002"]
    assert text(second, "p:InstdAmt") == "12.34"
    assert second.find("p:InstdAmt", NS).get("Ccy") == "EUR"  # type: ignore[union-attr]
    assert text(second, "p:DrctDbtTx/p:MndtRltdInf/p:MndtId") == "BUNDEL-2026-000002"
    assert text(second, "p:DrctDbtTx/p:MndtRltdInf/p:DtOfSgntr") == "2025-12-01"
    assert text(second, "p:DbtrAcct/p:Id/p:IBAN") == "NL44RABO0123456789"
    assert text(second, "p:DbtrAgt/p:FinInstnId/p:BIC") == "RABONL2U"
    first = transactions["2026-000001"]
    assert text(first, "p:RmtInf/p:Ustrd") == "2026-000001 Stichting Primair Onderwijs Zuid"
    assert text(first, "p:DbtrAgt/p:FinInstnId/p:Othr/p:Id") == "NOTPROVIDED"
    # names and remittance in the EPC Latin character set every bank accepts
    assert text(transactions["2026-000004"], "p:Dbtr/p:Nm") == "Stichting Een + Ander"
    assert text(transactions["2026-000004"], "p:RmtInf/p:Ustrd") == (
        "2026-000004 Stichting Een + Ander"
    )
    assert text(document, "p:CstmrDrctDbtInitn/p:GrpHdr/p:InitgPty/p:Nm") == (
        "Cooperatie Bundel U.A."
    )


def test_the_same_run_gives_the_same_bytes() -> None:
    once = write(*ITEMS)
    assert write(*ITEMS) == once
    document = parse(once)
    assert text(document, "p:CstmrDrctDbtInitn/p:GrpHdr/p:MsgId") == "BUNDEL-RUN-2026-01"
    # 08:30 UTC is 09:30 in Amsterdam in winter, written without an offset
    assert text(document, "p:CstmrDrctDbtInitn/p:GrpHdr/p:CreDtTm") == "2026-01-27T09:30:00"
    ids = [node.text for node in document.iter("{*}PmtInfId")]
    assert ids == ["BUNDEL-RUN-2026-01-1-FRST", "BUNDEL-RUN-2026-01-2-RCUR"]


def test_only_recurring_collections_give_one_block() -> None:
    document = parse(write(item("2026-000001", "5.00", first=False)))
    blocks = document.findall("p:CstmrDrctDbtInitn/p:PmtInf", NS)
    assert [text(block, "p:PmtTpInf/p:SeqTp") for block in blocks] == ["RCUR"]


@pytest.fixture
def no_writing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fails the test if the file writer is so much as started."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the writer was started before the input was checked")

    monkeypatch.setattr(sepa, "_DeterministicSepaDD", refuse)


@pytest.mark.usefixtures("no_writing")
def test_an_iban_with_a_wrong_checksum_is_refused_before_writing() -> None:
    good = item("2026-000001", "10.00")
    bad = item("2026-000002", "10.00", iban="NL91ABNA0417164301")
    with pytest.raises(RuleViolation) as refused:
        write(good, bad)
    assert refused.value.code == "billing.invalid_iban"
    assert refused.value.params == {"iban": "NL91ABNA0417164301"}


@pytest.mark.usefixtures("no_writing")
@pytest.mark.parametrize(
    ("bad", "code"),
    [
        (item("2026-000001", "0.00"), "billing.debit_amount_not_positive"),
        (item("2026-000001", "1000000000.00"), "billing.debit_amount_too_large"),
        (item("2026-000001", "-5.00"), "billing.debit_amount_not_positive"),
        (item("2026-000001", "5.00", iban=""), "billing.mandate_without_iban"),
        (item("2026-000001", "5.00", iban="  "), "billing.mandate_without_iban"),
        (item("2026-000001", "5.00", bic="ABNANL"), "billing.invalid_bic"),
        (item("2026-000001", "5.00", name=" "), "billing.debtor_name_missing"),
        (item("2026-0000001-a-very-long-invoice-number", "5.00"), "billing.sepa_reference_invalid"),
        (
            DebitItem(
                "2026-000001",
                Decimal("5.00"),
                "Stichting",
                Mandate("BUNDEL-1", date(2026, 2, 3), "NL20INGB0001234567"),
            ),
            "billing.mandate_signed_after_collection",
        ),
        (
            DebitItem(
                "2026-000001",
                Decimal("5.00"),
                "Stichting",
                Mandate("BUNDEL//1", date(2025, 2, 3), "NL20INGB0001234567"),
            ),
            "billing.sepa_reference_invalid",
        ),
    ],
)
def test_bad_items_are_refused_before_writing(bad: DebitItem, code: str) -> None:
    with pytest.raises(RuleViolation) as refused:
        write(item("2026-000009", "1.00"), bad)
    assert refused.value.code == code


@pytest.mark.usefixtures("no_writing")
def test_an_empty_run_and_a_repeated_invoice_are_refused() -> None:
    with pytest.raises(RuleViolation) as empty:
        write()
    assert empty.value.code == "billing.sepa_nothing_to_collect"
    with pytest.raises(RuleViolation) as twice:
        write(item("2026-000001", "1.00"), item("2026-000001", "1.00", first=False))
    assert twice.value.code == "billing.sepa_duplicate_invoice"


@pytest.mark.usefixtures("no_writing")
@pytest.mark.parametrize(
    ("creditor", "code", "params"),
    [
        (Party(name="Bundel"), "billing.sepa_creditor_incomplete", {"field": "iban"}),
        (
            Party(name="Bundel", iban="NL91ABNA0417164300", creditor_id="NL69ZZZ123456780000"),
            "billing.sepa_creditor_incomplete",
            {"field": "bic"},
        ),
        (
            Party(
                name="Bundel",
                iban="NL91ABNA0417164300",
                bic="ABNANL2A",
                creditor_id="NL70ZZZ123456780000",
            ),
            "billing.invalid_creditor_id",
            {"creditor_id": "NL70ZZZ123456780000"},
        ),
        (
            Party(
                name="Bundel",
                iban="NL91ABNA0417164301",
                bic="ABNANL2A",
                creditor_id="NL69ZZZ123456780000",
            ),
            "billing.invalid_iban",
            {"iban": "NL91ABNA0417164301"},
        ),
    ],
)
def test_incomplete_or_invalid_creditor_data_is_refused(
    creditor: Party, code: str, params: dict[str, str]
) -> None:
    with pytest.raises(RuleViolation) as refused:
        direct_debit_file(
            creditor=creditor,
            collection_date=COLLECTION,
            items=ITEMS,
            message_id="RUN-1",
            created_at=CREATED,
        )
    assert refused.value.code == code
    assert refused.value.params == params


@pytest.mark.parametrize(
    "value",
    [
        "NL91ABNA0417164300",
        "nl91abna0417164300",
        " NL91 ABNA 0417 1643 00 ",
        "nl91-abna-0417-1643-00",
    ],
)
def test_an_iban_is_normalised_to_its_compact_form(value: str) -> None:
    assert check_iban(value) == "NL91ABNA0417164300"


@pytest.mark.parametrize(
    "value",
    ["NL91ABNA0417164301", "NL91ABNA041716430", "XX91ABNA0417164300", "", "not an iban"],
)
def test_an_invalid_iban_is_refused(value: str) -> None:
    with pytest.raises(RuleViolation) as refused:
        check_iban(value)
    assert refused.value.code == "billing.invalid_iban"


def test_bics_are_checked_and_compacted() -> None:
    assert check_bic("abnanl2a") == "ABNANL2A"
    assert check_bic("RABO NL 2U XXX") == "RABONL2UXXX"
    for bad in ("ABNANL", "ABNA1L2A", "", "ABNANL2AXX"):
        with pytest.raises(RuleViolation) as refused:
            check_bic(bad)
        assert refused.value.code == "billing.invalid_bic"


@pytest.mark.parametrize(
    ("value", "compact"),
    [
        ("NL69ZZZ123456780000", "NL69ZZZ123456780000"),
        ("nl69 zzz 1234 5678 0000", "NL69ZZZ123456780000"),
        # the business code is not part of the check
        ("NL69ABC123456780000", "NL69ABC123456780000"),
        # the Bundesbank's published example
        ("DE98ZZZ09999999999", "DE98ZZZ09999999999"),
    ],
)
def test_a_valid_creditor_identifier_is_accepted(value: str, compact: str) -> None:
    assert check_creditor_id(value) == compact


@pytest.mark.parametrize(
    "value",
    [
        "NL70ZZZ123456780000",  # wrong check digits
        "NL69ZZZ123456790000",  # a changed digit
        "NL17ZZZ12345678000",  # right check digits, but NL has 12 digits after the business code
        "DE99ZZZ09999999999",
        "NLXXZZZ123456780000",
        "",
    ],
)
def test_an_invalid_creditor_identifier_is_refused(value: str) -> None:
    with pytest.raises(RuleViolation) as refused:
        check_creditor_id(value)
    assert refused.value.code == "billing.invalid_creditor_id"
