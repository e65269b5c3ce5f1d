"""What the governance write modules share."""

from __future__ import annotations

from datetime import date
from typing import Any, TypeVar

from django.db import models

from bundel.shared import audit
from bundel.shared.errors import RuleViolation

Termed = TypeVar("Termed", bound=models.Model)


def term_end_early(
    obj: Termed, *, on: date, fields: list[str], action: str, by: Any = None
) -> Termed:
    """End a seat term or an office term early: `on` is its last day, not before it starts and
    never later than the term's own end. Call inside the transaction, with `obj` locked."""
    starts_on: date = getattr(obj, "starts_on")  # noqa: B009 - both term models have it
    ends_on: date = getattr(obj, "ends_on")  # noqa: B009
    if on < starts_on:
        raise RuleViolation("governance.term_ends_before_start")
    before = audit.snapshot(obj, fields)
    obj.ended_on = min(on, ends_on)  # type: ignore[attr-defined]
    obj.save(update_fields=["ended_on"])
    audit.record(obj, action, actor=by, before=before, after=audit.snapshot(obj, fields))
    return obj
