"""`bundel tenders …`: the tender list and a tender's OCDS release package, as JSON."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command

from bundel.accounts.roles import Role
from bundel.procurement import services
from bundel.procurement.models import Participation
from tests.factories import procurement as f

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("tenders", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def staff(make_user):  # noqa: ANN001, ANN201
    return make_user(Role.PROCUREMENT, username="inkoop")


@pytest.mark.rule("TEN-6")
def test_the_list_shows_product_status_participants_and_room_left(staff, make_user) -> None:  # noqa: ANN001
    wifi = f.product("wifi")
    with time_machine.travel(datetime(2026, 11, 24, 10, tzinfo=UTC), tick=False):
        board = f.member_with_locations(staff)
        f.intent(board, wifi)
    awarded = f.awarded(wifi, make_user, room=Decimal(10))
    with time_machine.travel(datetime(2027, 1, 10, tzinfo=UTC), tick=False):
        services.participation_confirm(participation=Participation.objects.get(tender=awarded))
        services.late_join(tender=awarded, board=f.member_with_locations(staff), units=Decimal(4))
        draft = f.tender_ready(f.product("connectivity"))
    rows = json.loads(run("list", "--json"))
    assert rows == [
        {
            "reference": awarded.reference, "title": "Aanbesteding Wifi met intern vast netwerk",
            "product": "wifi", "status": "awarded", "participants": 2, "room_left": "6.00",
            "room_unit": "units",
        },
        {
            "reference": draft.reference, "title": draft.title, "product": "connectivity",
            "status": "requirements", "participants": 0, "room_left": "10.00",
            "room_unit": "units",
        },
    ]  # fmt: skip
    text = run("list")
    assert f"{awarded.reference}" in text
    assert "room left 6.00 units" in text


@pytest.mark.rule("TEN-7")
def test_ocds_prints_the_release_package(make_user) -> None:  # noqa: ANN001
    tender = f.awarded(f.product("wifi"), make_user)
    with time_machine.travel(datetime(2026, 12, 20, 8, tzinfo=UTC), tick=False):
        package = json.loads(run("ocds", tender.reference, "--json"))
    assert package["publishedDate"] == "2026-12-20T08:00:00Z"
    [release] = package["releases"]
    assert release["ocid"] == f"ocds-bundel-{tender.reference}"
    assert release["tag"] == ["tender", "award"]
    assert release["awards"][0]["suppliers"][0]["name"] == "Netwerk BV"


def test_an_unknown_tender_is_refused_clearly() -> None:
    with pytest.raises(CommandError, match="there is no tender BND-1999-001") as refused:
        run("ocds", "BND-1999-001", "--json")
    assert refused.value.returncode != 0


def test_a_tender_not_yet_published_has_no_package() -> None:
    tender = f.tender_ready(f.product("wifi"))
    with pytest.raises(CommandError, match="has not been published"):
        run("ocds", tender.reference, "--json")
