"""What the membership page tests share: a fixed day and the page's HTML."""

from collections.abc import Iterator
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

TODAY = date(2026, 3, 2)


@pytest.fixture(autouse=True)
def today() -> Iterator[date]:
    """Every membership page test runs on 2 March 2026, 10:00 in Amsterdam."""
    moment = datetime(2026, 3, 2, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
    with time_machine.travel(moment, tick=False):
        yield TODAY


def html_of(response: object) -> str:
    return response.content.decode()  # type: ignore[attr-defined]
