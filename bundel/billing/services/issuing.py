"""Issuing invoices and credit notes: gap-free numbers taken in the issuing transaction, and an
immutable snapshot of seller, buyer and lines (FEE-4 rounding once per line)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, Literal

from django.db import IntegrityError, transaction

from bundel.billing import domain, policies, selectors
from bundel.billing.models import (
    BillingRun,
    BillingSettings,
    Charge,
    ChargeKind,
    Invoice,
    InvoiceLine,
    NumberSequence,
)
from bundel.billing.models import Mandate as MandateRow
from bundel.billing.snapshot import DocumentKind, DocumentLine, InvoiceSnapshot, Mandate, Party
from bundel.membership import selectors as membership_selectors
from bundel.membership.models import Membership
from bundel.registry.models import Board
from bundel.shared import audit, clock
from bundel.shared.errors import RuleViolation

PREFIX = {DocumentKind.INVOICE: "", DocumentKind.CREDIT_NOTE: "C"}
REQUIRED_SELLER_FIELDS = ("kvk_number", "iban", "street", "postcode", "city")


def next_number(kind: DocumentKind, year: int) -> tuple[int, str]:
    """The next number of the kind in the year, under a row lock held until commit: two
    transactions never get the same number, and a rolled-back one leaves no gap."""
    return next_numbers(kind, year, 1)[0]


def next_numbers(kind: DocumentKind, year: int, count: int) -> list[tuple[int, str]]:
    """The next `count` numbers at once, as next_number takes one (a run's batch of boards)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_number must run inside the issuing transaction")
    row = NumberSequence.objects.select_for_update().filter(kind=kind.value, year=year).first()
    if row is None:
        try:
            with transaction.atomic():
                NumberSequence.objects.create(kind=kind.value, year=year, last=0)
        except IntegrityError:
            pass  # another transaction created it first
        row = NumberSequence.objects.select_for_update().get(kind=kind.value, year=year)
    first = row.last + 1
    row.last += count
    row.save(update_fields=["last"])
    return [
        (sequence, domain.invoice_number(year=year, sequence=sequence, prefix=PREFIX[kind]))
        for sequence in range(first, row.last + 1)
    ]


def seller_party() -> Party:
    seller = policies.seller()
    missing = [name for name in REQUIRED_SELLER_FIELDS if not getattr(seller, name)]
    if missing:
        labels = [
            str(getattr(BillingSettings._meta.get_field(name), "verbose_name", name))
            for name in missing
        ]
        raise RuleViolation("billing.settings_incomplete", fields=", ".join(labels))
    return Party(
        name=seller.name,
        street=seller.street,
        postcode=seller.postcode,
        city=seller.city,
        kvk_number=seller.kvk_number,
        vat_number=seller.vat_number,
        peppol_id=seller.peppol_id or f"0106:{seller.kvk_number}",
        email=seller.email,
        iban=seller.iban,
        bic=seller.bic,
        creditor_id=seller.creditor_id,
    )


def buyer_party(board: Board) -> tuple[Party, str]:
    """The board as at issue, with the invoice details of its (latest) membership; and its
    buyer reference (BT-10)."""
    return buyer_of(board, membership_selectors.membership_latest_for_board(board=board))


def buyer_of(board: Board, membership: Membership | None) -> tuple[Party, str]:
    """buyer_party with the board's latest membership already read."""
    street = f"{board.street} {board.house_number}".strip()
    kvk = (membership.kvk_number if membership else "") or board.kvk_number
    party = Party(
        name=board.name or board.short_name or board.number,
        street=street,
        postcode=board.postcode,
        city=board.city,
        kvk_number=kvk,
        oin=membership.oin if membership else "",
        vat_number=membership.vat_number if membership else "",
        peppol_id=(membership.peppol_id if membership else "") or (f"0106:{kvk}" if kvk else ""),
        email=membership.invoice_email if membership else "",
        board_number=board.number,
    )
    reference = (membership.buyer_reference if membership else "") or board.number
    return party, reference


@dataclass(frozen=True)
class IssueContext:
    """What every invoice of a run shares, read once: the seller and the VAT per kind of fee."""

    seller: Party
    payment_term_days: int
    vat: dict[str, policies.FeeVatPolicy]


def issue_context() -> IssueContext:
    return IssueContext(
        seller=seller_party(),
        payment_term_days=policies.seller().payment_term_days,
        vat={kind: policies.fee_vat(kind) for kind in ChargeKind.values},
    )


def _snapshot(
    *,
    context: IssueContext,
    kind: DocumentKind,
    number: str,
    issue_date: date,
    board: Board,
    lines: Sequence[DocumentLine],
    preceding: Invoice | None = None,
    note: str = "",
    extra: dict[str, Any] | None = None,
    exemption_reason: str = "",
    buyer_and_reference: tuple[Party, str] | None = None,
    mandate: MandateRow | None | Literal["read"] = "read",
) -> InvoiceSnapshot:
    buyer, reference = buyer_and_reference or buyer_party(board)
    if mandate == "read":
        mandate = selectors.mandate_active(board=board)
    days = context.payment_term_days
    return InvoiceSnapshot(
        kind=kind,
        number=number,
        issue_date=issue_date,
        due_date=issue_date + timedelta(days=days),
        buyer_reference=reference,
        seller=context.seller,
        buyer=buyer,
        lines=tuple(lines),
        note=note,
        preceding_number=preceding.number if preceding else "",
        preceding_issue_date=preceding.issue_date if preceding else None,
        payment_terms=f"Betaling binnen {days} dagen",
        mandate=Mandate(
            reference=mandate.reference,
            signed_on=mandate.signed_on,
            iban=mandate.iban,
            bic=mandate.bic,
            first_collection=mandate.collections == 0,
        )
        if mandate and kind == DocumentKind.INVOICE
        else None,
        vat_exemption_reason=exemption_reason,
        extra=extra or {},
    )


def _store(
    snapshot: InvoiceSnapshot,
    *,
    board: Board,
    sequence: int,
    charges: Sequence[Charge | None],
    run: BillingRun | None,
    by: Any,
    credited: Invoice | None = None,
    reason: str = "",
) -> Invoice:
    totals = snapshot.totals
    invoice = Invoice.objects.create(
        kind=snapshot.kind.value,
        number=snapshot.number,
        year=snapshot.issue_date.year,
        sequence=sequence,
        board=board,
        run=run,
        issue_date=snapshot.issue_date,
        due_date=snapshot.due_date,
        total_net=totals.net,
        total_tax=totals.tax,
        total_gross=totals.gross,
        credited_invoice=credited,
        reason=reason,
        snapshot=snapshot.as_json(),
        issued_at=clock.now(),
        issued_by=by if getattr(by, "is_authenticated", False) else None,
    )
    InvoiceLine.objects.bulk_create(_line_rows(invoice, snapshot, charges))
    audit.record(
        invoice,
        f"billing.{snapshot.kind.value}.issued",
        actor=by,
        after={
            "number": invoice.number,
            "board": board.number,
            "total_gross": totals.gross,
            "lines": len(snapshot.lines),
            "credits": credited.number if credited else None,
        },
    )
    return invoice


def _line_rows(
    invoice: Invoice, snapshot: InvoiceSnapshot, charges: Sequence[Charge | None]
) -> list[InvoiceLine]:
    """The invoice's lines as rows, each with the charge it invoices (none on a credit note)."""
    return [
        InvoiceLine(
            invoice=invoice,
            charge=charge,
            position=position,
            description=line.description,
            period_start=line.period_start,
            period_end=line.period_end,
            quantity=line.quantity,
            unit_price=line.unit_price,
            vat_category=line.vat_category.value,
            vat_percent=line.vat_percent,
            amount=line.amount,
            note=line.note,
        )
        for position, (line, charge) in enumerate(zip(snapshot.lines, charges, strict=True), 1)
    ]


def document_line(charge: Charge, context: IssueContext) -> DocumentLine:
    vat = context.vat[charge.kind]
    return DocumentLine(
        description=charge.description,
        quantity=charge.quantity,
        unit_price=charge.unit_price,
        vat_category=vat.rate.category,
        vat_percent=vat.rate.percent,
        period_start=charge.period_start,
        period_end=charge.period_end,
        note=charge.note,
    )


def invoice_charges(
    *,
    board: Board,
    charges: Sequence[Charge],
    on: date,
    run: BillingRun | None,
    by: Any = None,
    context: IssueContext | None = None,
) -> Invoice:
    """One invoice for a board's charges, with a line per charge. Call inside a transaction in
    which the charges are locked and known to be uninvoiced."""
    [invoice] = invoices_issue(
        groups=[(board, charges)], on=on, run=run, by=by, context=context or issue_context()
    )
    return invoice


def invoices_issue(
    *,
    groups: Sequence[tuple[Board, Sequence[Charge]]],
    on: date,
    run: BillingRun | None,
    by: Any = None,
    context: IssueContext,
) -> list[Invoice]:
    """invoice_charges for many boards at once (a run's batch): numbers taken together, the
    boards' memberships and mandates read together, invoices, lines and audit events inserted
    in bulk. Call inside a transaction in which the charges are locked and known uninvoiced."""
    board_ids = [board.pk for board, _ in groups]
    latest: dict[int, Membership] = {}
    for membership in Membership.objects.filter(board_id__in=board_ids).order_by(
        "board_id", "-starts_on", "-id"
    ):
        latest.setdefault(membership.board_id, membership)
    mandates: dict[int, MandateRow] = {}
    for mandate in MandateRow.objects.filter(board_id__in=board_ids, revoked_on__isnull=True):
        mandates.setdefault(mandate.board_id, mandate)
    numbers = next_numbers(DocumentKind.INVOICE, on.year, len(groups))
    issued_by = by if getattr(by, "is_authenticated", False) else None
    now = clock.now()
    invoices, snapshots = [], []
    for (board, charges), (sequence, number) in zip(groups, numbers, strict=True):
        lines = [document_line(charge, context) for charge in charges]
        reasons = {
            context.vat[charge.kind].exemption_reason
            for charge, line in zip(charges, lines, strict=True)
            if line.vat_category == domain.VatCategory.EXEMPT
        }
        snapshot = _snapshot(
            context=context,
            kind=DocumentKind.INVOICE,
            number=number,
            issue_date=on,
            board=board,
            lines=lines,
            exemption_reason="; ".join(sorted(r for r in reasons if r)),
            buyer_and_reference=buyer_of(board, latest.get(board.pk)),
            mandate=mandates.get(board.pk),
        )
        totals = snapshot.totals
        snapshots.append(snapshot)
        invoices.append(
            Invoice(
                kind=snapshot.kind.value,
                number=number,
                year=on.year,
                sequence=sequence,
                board=board,
                run=run,
                issue_date=on,
                due_date=snapshot.due_date,
                total_net=totals.net,
                total_tax=totals.tax,
                total_gross=totals.gross,
                snapshot=snapshot.as_json(),
                issued_at=now,
                issued_by=issued_by,
            )
        )
    Invoice.objects.bulk_create(invoices, batch_size=500)
    InvoiceLine.objects.bulk_create(
        [
            row
            for invoice, snapshot, (_, charges) in zip(invoices, snapshots, groups, strict=True)
            for row in _line_rows(invoice, snapshot, charges)
        ],
        batch_size=500,
    )
    audit.record_many(
        [
            (
                invoice,
                "billing.invoice.issued",
                {
                    "number": invoice.number,
                    "board": board.number,
                    "total_gross": invoice.total_gross,
                    "lines": len(charges),
                    "credits": None,
                },
            )
            for invoice, (board, charges) in zip(invoices, groups, strict=True)
        ],
        actor=by,
    )
    return invoices


@transaction.atomic
def credit_note_issue(
    *, invoice: Invoice, positions: Sequence[int], reason: str, on: date, by: Any = None
) -> Invoice:
    """A correction is a credit note that refers to the invoice and credits whole lines; the
    invoice itself never changes. Nothing is credited twice."""
    invoice = Invoice.objects.select_for_update().select_related("board").get(pk=invoice.pk)
    if invoice.kind != DocumentKind.INVOICE.value:
        raise RuleViolation("billing.not_an_invoice")
    if not reason.strip():
        raise RuleViolation("billing.reason_required")
    if not positions:
        raise RuleViolation("billing.no_lines_to_credit")
    original = InvoiceSnapshot.from_json(invoice.snapshot)
    chosen = []
    for position in sorted(set(positions)):
        if not 1 <= position <= len(original.lines):
            raise RuleViolation("billing.line_not_on_invoice")
        chosen.append(original.lines[position - 1])
    earlier = list(Invoice.objects.filter(credited_invoice=invoice))
    done = {p for note in earlier for p in note.snapshot.get("extra", {}).get("credits_lines", [])}
    if done & set(positions):
        raise RuleViolation("billing.line_already_credited")
    credit = domain.totals([line.as_line() for line in chosen]).gross
    credited_before = sum((c.total_gross for c in earlier), Decimal("0"))
    domain.check_credit(
        invoiced=invoice.total_gross, credited_before=credited_before, credit=credit
    )
    sequence, number = next_number(DocumentKind.CREDIT_NOTE, on.year)
    snapshot = _snapshot(
        context=issue_context(),
        kind=DocumentKind.CREDIT_NOTE,
        number=number,
        issue_date=on,
        board=invoice.board,
        lines=chosen,
        preceding=invoice,
        note=reason.strip(),
        extra={"credits_lines": sorted(set(positions))},
        exemption_reason=original.vat_exemption_reason,
    )
    return _store(
        snapshot,
        board=invoice.board,
        sequence=sequence,
        charges=[None] * len(chosen),
        run=None,
        by=by,
        credited=invoice,
        reason=reason.strip(),
    )
