"""The seller's settings, VAT per kind of fee, direct-debit mandates and payments."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction

from bundel.billing import policies, selectors
from bundel.billing.adapters.sepa import check_bic, check_creditor_id, check_iban
from bundel.billing.domain import VatCategory, VatRate
from bundel.billing.models import BillingSettings, FeeVat, Invoice, Mandate, Payment
from bundel.registry.models import Board
from bundel.shared import audit, clock
from bundel.shared.errors import RuleViolation

SELLER_FIELDS = [
    "name",
    "street",
    "postcode",
    "city",
    "kvk_number",
    "vat_number",
    "iban",
    "bic",
    "creditor_id",
    "peppol_id",
    "email",
    "payment_term_days",
]


@transaction.atomic
def billing_settings_update(*, values: dict[str, Any], by: Any = None) -> BillingSettings:
    """The cooperative's own data, as the next invoices will carry it (issued ones keep theirs)."""
    row = BillingSettings.objects.select_for_update().get(pk=policies.seller().pk)
    before = audit.snapshot(row, SELLER_FIELDS)
    cleaned = dict(values)
    if cleaned.get("iban"):
        cleaned["iban"] = check_iban(str(cleaned["iban"]))
    if cleaned.get("bic"):
        cleaned["bic"] = check_bic(str(cleaned["bic"]))
    if cleaned.get("creditor_id"):
        cleaned["creditor_id"] = check_creditor_id(str(cleaned["creditor_id"]))
    for name in SELLER_FIELDS:
        if name in cleaned:
            setattr(row, name, cleaned[name])
    row.updated_at = clock.now()
    row.save()
    audit.record(
        row,
        "billing.settings.updated",
        actor=by,
        before=before,
        after=audit.snapshot(row, SELLER_FIELDS),
    )
    return row


@transaction.atomic
def fee_vat_set(
    *,
    kind: str,
    category: VatCategory,
    percent: Decimal,
    exemption_reason: str = "",
    by: Any = None,
) -> FeeVat:
    """FEE-4: the VAT category and rate of a kind of fee, for invoices issued from now on."""
    VatRate(category, percent)  # refuses a rate that does not fit its category
    before = policies.fee_vat(kind)
    row, _ = FeeVat.objects.update_or_create(
        kind=kind,
        defaults={
            "category": category.value,
            "percent": percent,
            "exemption_reason": exemption_reason.strip(),
        },
    )
    audit.record(
        row,
        "billing.vat.set",
        actor=by,
        before={"category": before.rate.category.value, "percent": before.rate.percent},
        after={"category": row.category, "percent": row.percent},
    )
    return row


@dataclass(frozen=True)
class MandateData:
    iban: str
    account_holder: str
    signed_on: date
    bic: str = ""


@transaction.atomic
def mandate_register(*, board: Board, data: MandateData, by: Any = None) -> Mandate:
    """A board's direct-debit mandate; the IBAN is checked before it is accepted. A new mandate
    replaces the active one (revoked the day it is signed)."""
    iban = check_iban(data.iban)
    bic = check_bic(data.bic) if data.bic.strip() else ""
    if not data.account_holder.strip():
        raise RuleViolation("billing.mandate_holder_required")
    if data.signed_on > clock.today():
        raise RuleViolation("billing.mandate_in_future")
    Board.objects.select_for_update().get(pk=board.pk)
    current = selectors.mandate_active(board=board)
    if current is not None:
        current.revoked_on = data.signed_on
        current.save(update_fields=["revoked_on"])
    count = Mandate.objects.filter(board=board).count() + 1
    mandate = Mandate.objects.create(
        board=board,
        reference=f"BUNDEL-{board.number}-{count}",
        iban=iban,
        bic=bic,
        account_holder=data.account_holder.strip(),
        signed_on=data.signed_on,
        signed_by=by if getattr(by, "is_authenticated", False) else None,
    )
    audit.record(
        mandate,
        "billing.mandate.registered",
        actor=by,
        before={"reference": current.reference} if current else None,
        after={"reference": mandate.reference, "iban": f"…{iban[-4:]}", "board": board.number},
    )
    return mandate


@transaction.atomic
def mandate_revoke(*, mandate: Mandate, on: date, by: Any = None) -> Mandate:
    mandate = Mandate.objects.select_for_update().get(pk=mandate.pk)
    if mandate.revoked_on is None:
        mandate.revoked_on = on
        mandate.save(update_fields=["revoked_on"])
        audit.record(mandate, "billing.mandate.revoked", actor=by, after={"revoked_on": on})
    return mandate


@transaction.atomic
def payment_record(
    *,
    invoice: Invoice,
    amount: Decimal,
    paid_on: date,
    method: str = Payment.Method.TRANSFER,
    reference: str = "",
    bank_entry: str = "",
    by: Any = None,
) -> Payment:
    """Money received for an invoice; never more than is open."""
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if amount <= 0:
        raise RuleViolation("billing.payment_positive")
    if paid_on > clock.today():
        raise RuleViolation("billing.payment_in_future")
    open_amount = selectors.open_amount(invoice)
    if amount > open_amount:
        raise RuleViolation("billing.payment_exceeds_open", open=str(open_amount))
    payment = Payment.objects.create(
        invoice=invoice,
        amount=amount,
        paid_on=paid_on,
        method=method,
        reference=reference.strip(),
        bank_entry=bank_entry,
        recorded_at=clock.now(),
        recorded_by=by if getattr(by, "is_authenticated", False) else None,
    )
    audit.record(
        payment,
        "billing.payment.recorded",
        actor=by,
        after={"invoice": invoice.number, "amount": amount, "paid_on": paid_on, "method": method},
    )
    return payment
