"""Model fields shared by the contexts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise


def money_field(verbose_name: str | _StrPromise, **options: Any) -> models.DecimalField:  # type: ignore[type-arg]
    """FEE-4: money in euros, exact to the cent."""
    return models.DecimalField(verbose_name, max_digits=12, decimal_places=2, **options)
