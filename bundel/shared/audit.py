"""ACC-3: record every change in the same transaction as the change itself."""

from __future__ import annotations

from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction

from bundel.shared import clock
from bundel.shared.models import AuditEvent

SYSTEM_ACTOR = "system"


def _jsonable(value: Any) -> Any:
    """Round-trip through Django's encoder so dates, Decimals and UUIDs are stored as text."""
    import json

    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def snapshot(obj: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """The concrete field values of a model instance, for `before`/`after`."""
    names = fields or [f.attname for f in obj._meta.concrete_fields]
    values: dict[str, Any] = _jsonable({name: getattr(obj, name) for name in names})
    return values


def record(
    obj: models.Model | None,
    action: str,
    *,
    actor: Any = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    object_type: str | None = None,
    object_id: str | None = None,
    object_label: str | None = None,
) -> AuditEvent:
    """Write one audit event. Must run inside the transaction of the change it describes."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.record must run inside the transaction of the change")
    return AuditEvent.objects.create(
        **_event(obj, action, actor, before, after, object_type, object_id, object_label)
    )


def record_many(
    events: list[tuple[models.Model, str, dict[str, Any]]], *, actor: Any = None
) -> None:
    """One audit event per (object, action, after), written in one insert: for a change made
    in bulk. Must run inside the transaction of the change."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.record must run inside the transaction of the change")
    AuditEvent.objects.bulk_create(
        [AuditEvent(**_event(obj, action, actor, None, after)) for obj, action, after in events],
        batch_size=500,
    )


def _event(
    obj: models.Model | None,
    action: str,
    actor: Any,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    object_type: str | None = None,
    object_id: str | None = None,
    object_label: str | None = None,
) -> dict[str, Any]:
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    return {
        "at": clock.now(),
        "actor": actor if is_user else None,
        "actor_label": (actor.get_username() if is_user else str(actor or SYSTEM_ACTOR))[:200],
        "action": action,
        "object_type": object_type or (obj._meta.label if obj is not None else ""),
        "object_id": object_id or (str(obj.pk) if obj is not None else ""),
        "object_label": (object_label or (str(obj) if obj is not None else ""))[:300],
        "before": _jsonable(before) if before is not None else None,
        "after": _jsonable(after) if after is not None else None,
    }
