"""Load the billing [setting]s: VAT per kind of fee (a staff-edited row, else the default in
settings.BUNDEL_POLICIES["billing"]) and the seller's own data."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings

from bundel.billing.domain import VatCategory, VatRate
from bundel.billing.models import BillingSettings, FeeVat


@dataclass(frozen=True)
class FeeVatPolicy:
    rate: VatRate
    exemption_reason: str


def fee_vat(kind: str) -> FeeVatPolicy:
    """FEE-4: the VAT category and rate for a kind of fee [setting]."""
    row = FeeVat.objects.filter(kind=kind).first()
    if row is not None:
        return FeeVatPolicy(VatRate(VatCategory(row.category), row.percent), row.exemption_reason)
    billing: dict[str, Any] = dict(settings.BUNDEL_POLICIES.get("billing", {}))
    values: dict[str, Any] = dict(billing.get("vat", {}).get(kind, {}))
    category = VatCategory(values.get("category", "S"))
    percent = Decimal(str(values.get("percent", "21" if category == VatCategory.STANDARD else "0")))
    return FeeVatPolicy(VatRate(category, percent), str(values.get("exemption_reason", "")))


def seller() -> BillingSettings:
    """The seller's data; the row is created with its defaults on first use."""
    billing: dict[str, Any] = dict(settings.BUNDEL_POLICIES.get("billing", {}))
    row, _ = BillingSettings.objects.get_or_create(
        pk=1, defaults={"payment_term_days": int(billing.get("payment_term_days", 30))}
    )
    return row
