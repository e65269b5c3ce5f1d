"""TEN-6 on PostgreSQL: concurrent late joins never exceed the room."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
import time_machine

from bundel.accounts.roles import Role
from bundel.procurement import selectors, services
from bundel.procurement.models import Participation, UnmetDemand
from tests.factories import procurement as f
from tests.threads import at_once


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.rule("TEN-6")
def test_thirty_simultaneous_joins_against_room_for_ten(make_user) -> None:  # noqa: ANN001
    staff = make_user(Role.PROCUREMENT)
    tender = f.awarded(f.product("wifi"), make_user, room=Decimal(10))
    boards = [f.member_with_locations(staff, locations=1) for _ in range(30)]

    def join(board: object) -> object:
        return lambda: services.late_join(tender=tender, board=board, units=Decimal(1))

    with time_machine.travel(datetime(2027, 2, 1, tzinfo=UTC), tick=True):
        results, errors = at_once(*(join(b) for b in boards))
    assert errors == []
    joined = [r for r in results if r.participation is not None]  # type: ignore[attr-defined]
    assert len(joined) == 10
    assert Participation.objects.filter(tender=tender, late=True).count() == 10
    assert UnmetDemand.objects.filter(tender=tender).count() == 20
    assert selectors.room_left(tender=tender) == Decimal(0)
