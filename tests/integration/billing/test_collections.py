"""Mandates, the SEPA direct-debit run and bank statements, through the services."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import sepaxml
import time_machine
from lxml import etree

from bundel.accounts.roles import Role
from bundel.billing import selectors, services
from bundel.billing.models import Invoice, Mandate, Payment
from bundel.shared.errors import RuleViolation
from tests.factories.billing import member, seller_ready

pytestmark = pytest.mark.django_db

XSD = Path(sepaxml.__file__).parent / "schemas" / "pain.008.001.02.xsd"


@pytest.fixture
def staff(make_user):  # noqa: ANN001, ANN201
    user = make_user(Role.FINANCE, username="financien")
    seller_ready()
    return user


def mandate(board, on=date(2025, 12, 1)):  # noqa: ANN001, ANN201
    return services.mandate_register(
        board=board,
        data=services.MandateData(
            iban="nl44 rabo 0123 4567 89", account_holder=board.name, signed_on=on
        ),
    )


def test_a_mandate_with_a_bad_iban_checksum_is_refused_and_nothing_is_written(staff) -> None:  # noqa: ANN001
    board = member(800, staff, date(2024, 2, 1))
    with pytest.raises(RuleViolation, match="billing.invalid_iban"):
        services.mandate_register(
            board=board,
            data=services.MandateData(
                iban="NL91ABNA0417164301", account_holder="X", signed_on=date(2025, 1, 1)
            ),
        )
    assert not Mandate.objects.exists()
    first = mandate(board)
    assert first.iban == "NL44RABO0123456789"
    second = mandate(board, on=date(2026, 1, 2))
    first.refresh_from_db()
    assert first.revoked_on == date(2026, 1, 2)
    assert selectors.mandate_active(board=board) == second


@time_machine.travel("2026-01-20 10:00 +01:00", tick=False)
def test_the_direct_debit_run_collects_open_invoices_with_a_mandate_once(staff) -> None:  # noqa: ANN001
    with_mandate = member(800, staff, date(2024, 2, 1), name="Stichting Incasso")
    member(5000, staff, date(2024, 2, 1), name="Stichting Overboeking")
    mandate(with_mandate)
    run = services.billing_run(period="2026", by=staff, on=date(2026, 1, 15))
    debit = services.direct_debit_run_create(
        collection_date=date(2026, 2, 14), billing_run=run, by=staff
    )
    assert [i.board for i in debit.invoices.all()] == [with_mandate]
    assert debit.total == Decimal("1000.00")
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    schema.assertValid(etree.fromstring(debit.xml.encode()))
    assert "<SeqTp>FRST</SeqTp>" in debit.xml
    assert Mandate.objects.get(board=with_mandate).collections == 1
    with pytest.raises(RuleViolation, match="billing.nothing_to_collect"):
        services.direct_debit_run_create(collection_date=date(2026, 2, 14), by=staff)
    with pytest.raises(RuleViolation, match="billing.collection_date_past"):
        services.direct_debit_run_create(collection_date=date(2026, 1, 1), by=staff)


CAMT = """<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>
<GrpHdr><MsgId>STMT-1</MsgId><CreDtTm>2026-02-03T08:00:00</CreDtTm></GrpHdr>
<Stmt><Id>STMT-2026-02-02</Id><CreDtTm>2026-02-03T08:00:00</CreDtTm>
<Acct><Id><IBAN>NL91ABNA0417164300</IBAN></Id><Ccy>EUR</Ccy></Acct>
<Ntry><Amt Ccy="EUR">{amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
<BookgDt><Dt>2026-02-02</Dt></BookgDt><ValDt><Dt>2026-02-02</Dt></ValDt><AcctSvcrRef>REF-1</AcctSvcrRef>
<BkTxCd><Prtry><Cd>N078</Cd><Issr>ABNAMRO</Issr></Prtry></BkTxCd>
<NtryDtls><TxDtls><Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs>
<RltdPties><Dbtr><Nm>Stichting Overboeking</Nm></Dbtr></RltdPties>
<RmtInf><Ustrd>Factuur {number} contributie</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
</Stmt></BkToCstmrStmt></Document>"""


def test_a_bank_statement_pays_the_invoice_it_names_and_importing_it_again_changes_nothing(
    staff,
) -> None:  # noqa: ANN001
    member(5000, staff, date(2024, 2, 1))
    services.billing_run(period="2026", by=staff, on=date(2026, 1, 15))
    invoice = Invoice.objects.get()
    xml = CAMT.format(amount="2800.00", number=invoice.number).encode()
    report = services.statement_import(xml=xml, by=staff)
    assert [p.invoice for p in report.recorded] == [invoice]
    assert selectors.status_of(invoice) == "paid"
    again = services.statement_import(xml=xml, by=staff)
    assert (again.recorded, again.already_recorded) == ([], 1)
    assert Payment.objects.count() == 1


def test_an_unreadable_statement_is_refused(staff) -> None:  # noqa: ANN001
    with pytest.raises(RuleViolation, match="billing.camt_unreadable"):
        services.statement_import(xml=b"<not-camt/>", by=staff)
