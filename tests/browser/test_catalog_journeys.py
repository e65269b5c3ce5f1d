"""Catalogue journeys in headless Chromium, checked with axe on every page visited:
(1) a representative browses the catalogue, registers its board's intent for wifi at two
locations with options and sees it in its overview; staff see the board counted on the demand
dashboard; (2) a late joiner joins an awarded tender and sees the room left go down; a second
board asking more than is left is refused with the reason, and its request is kept as demand."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from bundel.accounts.roles import Role
from bundel.procurement.models import Intent, Participation, UnmetDemand
from bundel.shared import clock
from tests.browser.test_membership_journeys import log_out
from tests.browser.test_register_journey import assert_accessible, log_in
from tests.factories import procurement as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIFI = "Wifi met intern vast netwerk"


def test_a_member_registers_intent_for_wifi_and_staff_see_it_in_the_demand(
    page: Page, live_server: object, make_user: Callable[..., object]
) -> None:
    admin = make_user(Role.ADMINISTRATOR, username="beheer")
    f.catalogue()
    board = f.member_with_locations(admin, locations=2, students=300)
    board.name = "Stichting Wijde Wifi"
    board.save(update_fields=["name"])
    make_user(Role.MEMBER_REPRESENTATIVE, board=board, username="bestuur")
    first, second = f.locations_of(board)
    next_year = str(clock.today().year + 1)
    base_url = str(live_server)

    # The representative browses the catalogue: exploration is shown as such.
    log_in(page, base_url, "bestuur")
    expect(page).to_have_url(f"{base_url}/mijn/")
    page.goto(f"{base_url}/mijn/catalogus/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Catalogus")
    expect(
        page.get_by_text("Verkend door de special interest group SIG Devices en beheer.")
    ).to_be_visible()
    connectivity = page.get_by_role("article", name=re.compile("Externe connectiviteit"))
    expect(connectivity).to_contain_text("Verplichte beveiligingsdiensten")
    assert_accessible(page)

    page.get_by_role("link", name=f"Interesse registreren voor {WIFI}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Interesse voor {WIFI}")
    assert_accessible(page)

    # A chosen location without its number of access points: the form says what is missing.
    first_group = page.get_by_role("group", name=re.compile(first.code))
    second_group = page.get_by_role("group", name=re.compile(second.code))
    first_group.get_by_label("Deze locatie doet mee").check()
    page.get_by_role("button", name="Interesse registreren").click()
    expect(page.get_by_role("alert")).to_contain_text("Verbeter de fouten hieronder.")
    expect(first_group).to_contain_text("Geef Aantal toegangspunten op voor deze locatie.")
    assert_accessible(page)

    first_group.get_by_label("Aantal toegangspunten").fill("6")
    second_group.get_by_label("Deze locatie doet mee").check()
    second_group.get_by_label("Aantal toegangspunten").fill("4")
    page.get_by_label("Startjaar").select_option(next_year)
    page.get_by_role("button", name="Interesse registreren").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Interesse van uw bestuur")
    expect(page.get_by_role("status").first).to_contain_text(
        f"De interesse van uw bestuur voor {WIFI} is geregistreerd."
    )
    overview = page.get_by_role("table", name="De producten die uw bestuur wil afnemen")
    row = overview.get_by_role("row", name=re.compile(WIFI))
    expect(row).to_contain_text(next_year)
    expect(row).to_contain_text("10")  # 6 + 4 access points
    expect(row).to_contain_text("1 bestuur, 100,00% van alle leerlingen")
    assert_accessible(page)
    intent = Intent.objects.get(board=board)
    assert sorted(intent.locations.values_list("units", flat=True)) == [4, 6]
    log_out(page)

    # Staff see the board counted on the demand dashboard.
    log_in(page, base_url, "beheer")
    expect(page).to_have_url(f"{base_url}/beheer/")
    page.goto(f"{base_url}/beheer/catalogus/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Catalogus")
    assert_accessible(page)
    page.get_by_role("link", name=f"Vraag naar {WIFI}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Vraag naar {WIFI}")
    expect(page.locator(".bundel-demand__boards")).to_have_text("1")
    expect(page.locator(".bundel-demand__locations")).to_have_text("2")
    expect(page.locator(".bundel-demand__students")).to_have_text("600")
    expect(page.locator(".bundel-demand__units")).to_have_text("10 (toegangspunt)")
    boards = page.get_by_role("table", name="Besturen met interesse")
    expect(boards).to_contain_text("Stichting Wijde Wifi")
    expect(page.get_by_role("img", name=re.compile("Bereikte leerlingen per jaar"))).to_be_visible()
    page.get_by_text("De aantallen als tabel tonen", exact=True).click()
    expect(page.get_by_role("table", name="Vraag in de tijd (tabel)")).to_contain_text("600")
    assert_accessible(page)


def test_a_late_joiner_joins_while_room_is_left_and_a_larger_request_is_refused(
    page: Page, live_server: object, make_user: Callable[..., object]
) -> None:
    admin = make_user(Role.ADMINISTRATOR, username="beheer")
    tender = f.awarded(f.product("wifi"), make_user, room=Decimal(10))
    early = f.member_with_locations(admin, locations=1)
    late = f.member_with_locations(admin, locations=1)
    make_user(Role.MEMBER_REPRESENTATIVE, board=early, username="snel")
    make_user(Role.MEMBER_REPRESENTATIVE, board=late, username="traag")
    base_url = str(live_server)

    # The first board joins with 6 of the 10 access points of room.
    log_in(page, base_url, "snel")
    expect(page).to_have_url(f"{base_url}/mijn/")
    page.goto(f"{base_url}/mijn/catalogus/deelname/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Deelname aan aanbestedingen")
    joinable = page.get_by_role("article", name=re.compile(tender.reference))
    expect(joinable.locator(".bundel-room-left")).to_have_text("Ruimte over: 10 (toegangspunt)")
    assert_accessible(page)
    joinable.get_by_label("Aantal eenheden (toegangspunt)").fill("6")
    joinable.get_by_role("button", name=f"Aansluiten bij {tender.reference}").click()
    expect(page.get_by_role("status").first).to_contain_text(
        f"Uw bestuur is aangesloten bij {tender.reference}. Ruimte over: 4."
    )
    mine = page.get_by_role("region", name="Deelnames van uw bestuur")
    expect(mine).to_contain_text("Bevestigd")
    expect(mine).to_contain_text("late aansluiter")
    assert_accessible(page)
    log_out(page)

    # The second board sees the room left go down and asks more than is left: refused whole.
    log_in(page, base_url, "traag")
    page.goto(f"{base_url}/mijn/catalogus/deelname/")
    joinable = page.get_by_role("article", name=re.compile(tender.reference))
    expect(joinable.locator(".bundel-room-left")).to_have_text("Ruimte over: 4 (toegangspunt)")
    joinable.get_by_label("Aantal eenheden (toegangspunt)").fill("5")
    joinable.get_by_role("button", name=f"Aansluiten bij {tender.reference}").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Er is nog maar 4 over in deze aanbesteding, minder dan u vroeg: uw aanvraag telt mee "
        "als vraag voor een volgende aanbesteding."
    )
    expect(joinable.locator(".bundel-room-left")).to_have_text("Ruimte over: 4 (toegangspunt)")
    assert_accessible(page)

    joined = Participation.objects.get(tender=tender, late=True)
    assert (joined.board, joined.units) == (early, Decimal(6))
    unmet = UnmetDemand.objects.get()
    assert (unmet.board, unmet.units) == (late, Decimal(5))
