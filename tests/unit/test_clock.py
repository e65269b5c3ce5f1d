"""shared.clock: the one place that tells the time, and its override for written history."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from bundel.shared import clock


def test_override_sets_now_and_the_local_date_within_the_block_only() -> None:
    moment = datetime(2019, 3, 31, 23, 30, tzinfo=ZoneInfo("UTC"))  # 1 April in Amsterdam
    with clock.override(moment):
        assert clock.now() == moment
        assert clock.today() == date(2019, 4, 1)
    assert clock.now().year >= 2026


def test_override_refuses_a_naive_datetime() -> None:
    with pytest.raises(ValueError, match="aware"), clock.override(datetime(2019, 1, 1)):  # noqa: DTZ001
        pass
