"""GOV-4 end to end in headless Chromium, checked with axe on every page visited: the council
secretary prepares an election for the member day, adds candidates and opens it; two
representatives of member boards of that chamber vote; the secretary sees the turnout and no
choices; after the window the secretary closes it and sees the elected candidate seated."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from playwright.sync_api import Page, expect

from bundel.accounts.roles import Role
from bundel.governance.models import Ballot, ElectionVoter, SeatTerm
from bundel.registry.models import Board
from bundel.shared import clock
from tests.browser.test_membership_journeys import log_out
from tests.browser.test_register_journey import assert_accessible, log_in
from tests.factories.governance import member_board, seated

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def named(board: Board, name: str) -> Board:
    board.name = name
    board.save(update_fields=["name"])
    return board


def test_the_secretary_runs_an_election_and_the_elected_candidate_takes_the_seat(
    page: Page, live_server: object, make_user: Callable[..., object]
) -> None:
    secretary = make_user(Role.COUNCIL_SECRETARY, username="griffier")
    for number in range(1, 6):
        seated("KLEIN", number, secretary)  # one vacancy left in Klein
    alfa = named(member_board("KLEIN", secretary), "Stichting Alfa")
    beta = named(member_board("KLEIN", secretary), "Stichting Beta")
    for username, name in (("kiezer1", "Stichting Gamma"), ("kiezer2", "Stichting Delta")):
        board = named(member_board("KLEIN", secretary), name)
        make_user(Role.MEMBER_REPRESENTATIVE, board=board, username=username)
    base_url = str(live_server)
    # The voting window is already open and closes on the member day, two days from now.
    now = clock.now().astimezone(AMSTERDAM)
    member_day = now.date() + timedelta(days=2)
    opens_at = (now - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    closes_at = datetime.combine(member_day, time(17, 0)).strftime("%Y-%m-%dT%H:%M")

    # The secretary prepares the election, adds two candidates and opens it.
    log_in(page, base_url, "griffier")
    expect(page).to_have_url(f"{base_url}/beheer/")
    page.goto(f"{base_url}/beheer/ledenraad/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ledenraad")
    expect(page.locator('[data-chamber="KLEIN"]')).to_have_text(
        "5 van de 6 zetels bezet · vacatures: 1"
    )
    assert_accessible(page)
    tabs = page.get_by_role("navigation", name="Beheer van de ledenraad")
    tabs.get_by_role("link", name="Verkiezingen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verkiezingen")
    assert_accessible(page)
    page.get_by_role("link", name="Verkiezing voorbereiden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verkiezing voorbereiden")
    assert_accessible(page)
    page.get_by_label("Naam").fill("Ledendag najaar")
    page.get_by_label("Ledendag").fill(member_day.isoformat())
    page.get_by_label("Stemmen opent").fill(opens_at)
    page.get_by_label("Stemmen sluit").fill(closes_at)
    page.get_by_role("button", name="Verkiezing voorbereiden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ledendag najaar")
    expect(page.get_by_role("status").first).to_contain_text("De verkiezing is voorbereid.")
    assert_accessible(page)
    for board, person in ((alfa, "Anna Alfa"), (beta, "Bert Beta")):
        page.get_by_label("Kandidaat-bestuur (DUO-nummer)").fill(board.number)
        page.get_by_label("Vertegenwoordiger").fill(person)
        page.get_by_role("button", name="Kandidaat toevoegen").click()
        expect(page.get_by_role("status").first).to_contain_text(f"{board.name} is kandidaat.")
    expect(page.get_by_text("Kamer Klein · vacatures: 1")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Verkiezing openen").click()
    expect(page.get_by_role("status").first).to_contain_text("De verkiezing is open")
    expect(page.get_by_text("De leden stemmen tot")).to_be_visible()
    assert_accessible(page)
    election_url = page.url
    log_out(page)

    # Two representatives of member boards of Klein vote, each once for its own board.
    for username in ("kiezer1", "kiezer2"):
        log_in(page, base_url, username)
        expect(page).to_have_url(f"{base_url}/mijn/")
        page.goto(f"{base_url}/mijn/verkiezingen/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Verkiezingen")
        expect(page.get_by_text("uw bestuur heeft nog niet gestemd")).to_be_visible()
        assert_accessible(page)
        page.get_by_role("link", name="Ledendag najaar").click()
        expect(page.get_by_role("group", name="Kandidaten van kamer Klein")).to_be_visible()
        assert_accessible(page)
        page.get_by_role("radio", name="Stichting Alfa – Anna Alfa").check()
        page.get_by_role("button", name="Stem uitbrengen").click()
        expect(page.get_by_text("Uw bestuur heeft in deze verkiezing gestemd.")).to_be_visible()
        expect(page.get_by_role("radio")).to_have_count(0)  # the choice is not shown again
        assert_accessible(page)
        log_out(page)
    assert ElectionVoter.objects.count() == 2
    assert Ballot.objects.count() == 2

    # The secretary sees the turnout, but not which board chose whom.
    log_in(page, base_url, "griffier")
    page.goto(election_url)
    turnout = page.locator('.bundel-turnout tr[data-chamber="KLEIN"]')
    expect(turnout.get_by_role("cell").first).to_have_text("2")
    expect(page.get_by_text("Stichting Gamma")).to_have_count(0)
    expect(page.get_by_text("Stichting Delta")).to_have_count(0)
    expect(page.get_by_role("button", name="Sluiten en tellen")).to_have_count(0)
    assert_accessible(page)

    # After the window, on the day after the member day, the secretary closes and counts.
    later = datetime.combine(member_day + timedelta(days=1), time(10, 0), tzinfo=AMSTERDAM)
    with time_machine.travel(later, tick=True):
        page.reload()
        page.get_by_role("button", name="Sluiten en tellen").click()
        expect(page.get_by_role("status").first).to_contain_text("De stemmen zijn geteld")
        results = page.locator("table.bundel-results")
        alfa_row = results.get_by_role("row", name="Stichting Alfa")
        expect(alfa_row).to_contain_text("Gekozen")
        expect(alfa_row).to_contain_text("zetel Klein 6")
        expect(alfa_row.get_by_role("cell").nth(1)).to_have_text("2")
        expect(results.get_by_role("row", name="Stichting Beta")).to_contain_text("Niet gekozen")
        expect(page.get_by_text("Stichting Gamma")).to_have_count(0)
        assert_accessible(page)
        page.get_by_role("link", name="Bekijk de ledenraad met de gekozen zetelhouders").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Ledenraad")
        expect(page.locator('[data-chamber="KLEIN"]')).to_have_text(
            "6 van de 6 zetels bezet · vacatures: 0"
        )
        seat_row = page.locator("#seat-KLEIN-6")
        expect(seat_row).to_contain_text("Stichting Alfa")
        expect(seat_row).to_contain_text("Anna Alfa")
        assert_accessible(page)
    term = SeatTerm.objects.get(board=alfa)
    assert (term.seat.code, term.starts_on) == ("KLEIN-6", member_day)
