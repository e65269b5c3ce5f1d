"""Collecting money: a SEPA direct-debit run (pain.008) for the open invoices of boards with a
mandate, and a CAMT.053 bank statement read into payments. Both idempotent."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import F

from bundel.billing import selectors
from bundel.billing.adapters import camt, sepa
from bundel.billing.models import BillingRun, DirectDebitRun, Invoice, Mandate, Payment
from bundel.billing.services.accounts import payment_record
from bundel.billing.services.issuing import seller_party
from bundel.billing.snapshot import Mandate as MandateSnapshot
from bundel.shared import audit, clock
from bundel.shared.errors import RuleViolation
from bundel.shared.locks import transaction_lock


@transaction.atomic
def direct_debit_run_create(
    *, collection_date: date, billing_run: BillingRun | None = None, by: Any = None
) -> DirectDebitRun:
    """A pain.008 file collecting the open invoices (of one billing run, or all) of boards with
    an active mandate, each invoice at most once across runs."""
    transaction_lock("billing:direct-debit")
    if collection_date < clock.today():
        raise RuleViolation("billing.collection_date_past")
    rows = selectors.open_invoices().filter(direct_debits__isnull=True)  # each collected once
    if billing_run is not None:
        rows = rows.filter(run=billing_run)
    invoices = list(rows.order_by("number"))
    mandates = {
        m.board_id: m
        for m in Mandate.objects.filter(
            revoked_on__isnull=True, board_id__in={i.board_id for i in invoices}
        )
    }
    items: list[tuple[Invoice, sepa.DebitItem]] = []
    for invoice in invoices:
        mandate = mandates.get(invoice.board_id)
        if mandate is None or mandate.signed_on > collection_date:
            continue
        items.append(
            (
                invoice,
                sepa.DebitItem(
                    invoice_number=invoice.number,
                    amount=selectors.balance(invoice),
                    debtor_name=invoice.snapshot["buyer"]["name"],
                    mandate=MandateSnapshot(
                        reference=mandate.reference,
                        signed_on=mandate.signed_on,
                        iban=mandate.iban,
                        bic=mandate.bic,
                        first_collection=mandate.collections == 0,
                    ),
                ),
            )
        )
    if not items:
        raise RuleViolation("billing.nothing_to_collect")
    now = clock.now()
    message_id = f"BUNDEL-DD-{now:%Y%m%d%H%M%S}-{DirectDebitRun.objects.count() + 1}"
    xml = sepa.direct_debit_file(
        creditor=seller_party(),
        collection_date=collection_date,
        items=[item for _, item in items],
        message_id=message_id,
        created_at=now,
    )
    run = DirectDebitRun.objects.create(
        created_at=now,
        created_by=by if getattr(by, "is_authenticated", False) else None,
        collection_date=collection_date,
        message_id=message_id,
        xml=xml.decode("utf-8"),
        total=sum((item.amount for _, item in items), Decimal("0.00")),
    )
    run.invoices.set([invoice for invoice, _ in items])
    Mandate.objects.filter(pk__in=[mandates[i.board_id].pk for i, _ in items]).update(
        collections=F("collections") + 1
    )
    audit.record(
        run,
        "billing.direct_debit.created",
        actor=by,
        after={"invoices": [i.number for i, _ in items], "total": run.total},
    )
    return run


@dataclass
class StatementReport:
    statement_id: str
    recorded: list[Payment] = field(default_factory=list)
    already_recorded: int = 0
    to_check: list[camt.Match] = field(default_factory=list)  # partial, over, ambiguous, unknown


def statement_import(*, xml: bytes, by: Any = None) -> StatementReport:
    """A CAMT.053 statement: credits that pay an open invoice (wholly or in part) become
    payments; the rest is listed for staff. Importing the same statement again records nothing
    twice (each entry is recorded once, by its bank reference)."""
    statement = camt.read_statement(xml)
    report = StatementReport(statement.statement_id)
    with transaction.atomic():
        transaction_lock("billing:statement")
        open_amounts = {i.number: selectors.balance(i) for i in selectors.open_invoices()}
        seen = set(Payment.objects.exclude(bank_entry="").values_list("bank_entry", flat=True))
        for index, match in enumerate(camt.match_payments(statement.entries, open_amounts)):
            key = _entry_key(statement.statement_id, match.entry, index)
            if key in seen:
                report.already_recorded += 1
                continue
            if match.status not in (camt.MatchStatus.PAID, camt.MatchStatus.PARTIAL):
                if match.status != camt.MatchStatus.NOT_A_PAYMENT:
                    report.to_check.append(match)
                continue
            invoice = Invoice.objects.get(number=match.invoice_number)
            report.recorded.append(
                payment_record(
                    invoice=invoice,
                    amount=match.entry.amount,
                    paid_on=match.entry.booking_date,
                    method=Payment.Method.TRANSFER,
                    reference=match.entry.remittance[:140],
                    bank_entry=key,
                    by=by,
                )
            )
    return report


def _entry_key(statement_id: str, entry: camt.Entry, index: int) -> str:
    reference = entry.bank_reference or entry.end_to_end_id or str(index)
    return f"{statement_id}:{reference}:{index}"[:100]
