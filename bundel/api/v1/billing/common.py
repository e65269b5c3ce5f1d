"""What the billing operations share: their tag, the finance permission, finding an invoice
within the request's board scope, and amounts as decimal strings."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers

from bundel.api.errors import Refusal
from bundel.api.permissions import BoardScope
from bundel.billing import selectors
from bundel.billing.models import Invoice

TAGS = ["billing"]

INVOICE_NUMBER = OpenApiParameter(
    "number",
    OpenApiTypes.STR,
    OpenApiParameter.PATH,
    description="The invoice's or credit note's number, e.g. 2026-000001 or C2026-000001.",
)
RUN_ID = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description="The billing run's id."
)

# selectors.status_of: what an invoice's payments and credit notes make of it.
STATUSES = ["open", "partly_paid", "paid", "credited", "credit_note"]
STATUS_HELP = (
    "open: nothing paid; partly_paid; paid: paid and credited cover the total; credited: credit "
    "notes cover the total; credit_note: the document is itself a credit note."
)


def money(**kwargs: Any) -> serializers.DecimalField:
    """An amount in euros: a decimal string with exactly 2 places, e.g. "1000.00"."""
    return serializers.DecimalField(max_digits=12, decimal_places=2, **kwargs)


class ExactDecimalField(serializers.DecimalField):
    """A quantity or unit price exactly as stored (up to 6 places), as a decimal string with at
    least `minimum_places` places and no trailing zeros beyond them: "1", "1000.00", "7.671233"."""

    def __init__(self, *, minimum_places: int = 0, **kwargs: Any) -> None:
        self.minimum_places = minimum_places
        super().__init__(max_digits=20, decimal_places=6, **kwargs)

    def to_representation(self, value: Any) -> Any:
        number = Decimal(str(value))
        exponent = number.normalize().as_tuple().exponent
        places = max(self.minimum_places, -exponent if isinstance(exponent, int) else 0)
        return f"{number.quantize(Decimal(1).scaleb(-places)):f}"


class StatusField(serializers.ChoiceField):
    """An invoice's status, read from the whole row (`source="*"`)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=STATUSES, source="*", read_only=True, **kwargs)

    def to_representation(self, value: Any) -> Any:
        return selectors.status_of(value)


class OpenAmountField(serializers.DecimalField):
    """An invoice's open amount, read from the whole annotated row (`source="*"`)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_digits=12, decimal_places=2, source="*", read_only=True, **kwargs)

    def to_representation(self, value: Any) -> Any:
        return super().to_representation(open_amount(value))


def invoices(scope: BoardScope) -> QuerySet[Invoice]:
    """Invoices and credit notes with what is paid and credited, of the boards the scope sees."""
    rows = selectors.invoices_with_balance().select_related("credited_invoice", "run")
    return scope.narrow_rows(rows)


def invoice_or_404(*, number: str, scope: BoardScope) -> Invoice:
    """The invoice or credit note, if the scope may see it. Another board's answers 404 exactly
    as a number that does not exist does (ACC-2)."""
    invoice = invoices(scope).filter(number=number.strip()).first()
    if invoice is None:
        raise Refusal("billing.invoice_not_found", status=404, number=number)
    return invoice


def open_amount(row: Invoice) -> Decimal:
    """An annotated row's open amount: never below zero, none on a credit note."""
    if row.kind != "invoice":
        return selectors.ZERO
    return max(selectors.balance(row), selectors.ZERO)
