"""The only place that asks what time it is; services take `on: date` from here."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime

from django.utils import timezone

_moment: ContextVar[datetime | None] = ContextVar("bundel_clock_moment", default=None)


def now() -> datetime:
    moment = _moment.get()
    return moment if moment is not None else timezone.now()


def today() -> date:
    moment = _moment.get()
    return timezone.localdate(moment) if moment is not None else timezone.localdate()


@contextmanager
def override(moment: datetime) -> Iterator[None]:
    """Within the block, now() is `moment` and today() its local date: for writing history as
    it happened (the demo world). Tests pin time with time-machine instead."""
    if timezone.is_naive(moment):
        raise ValueError("clock.override needs an aware datetime")
    token = _moment.set(moment)
    try:
        yield
    finally:
        _moment.reset(token)
