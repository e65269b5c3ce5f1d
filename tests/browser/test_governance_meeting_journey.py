"""A council meeting in headless Chromium, checked with axe on every page visited: the secretary
plans a meeting and opens a motion; a seat holder gives its proxy in the portal; seat holders
vote, the proxy holder for its own seat and the proxy seat; the secretary closes the vote and
the tally page shows both tests of GOV-5 and the outcome."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import formats, translation
from playwright.sync_api import Page, expect

from bundel.accounts.roles import Role
from bundel.governance import services
from bundel.governance.domain import Vote
from bundel.governance.models import Motion, MotionVote
from bundel.registry.models import Board
from bundel.shared import clock
from tests.browser.test_membership_journeys import log_out
from tests.browser.test_register_journey import assert_accessible, log_in
from tests.factories.governance import seat, seated

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHAMBERS = {"PO_GROOT": "po", "VO_GROOT": "vo", "COMBINATIE": "combinatie", "KLEIN": "klein"}


def seat_holders(secretary: Any, make_user: Callable[..., Any]) -> dict[str, Any]:
    """Two seats in each of the four chambers, each held by a member board whose representative
    logs in as e.g. `klein1`."""
    holders = {}
    for chamber, prefix in CHAMBERS.items():
        for number in (1, 2):
            term = seated(chamber, number, secretary)
            holders[f"{chamber}-{number}"] = make_user(
                Role.MEMBER_REPRESENTATIVE, board=term.board, username=f"{prefix}{number}"
            )
    return holders


def open_the_meeting(page: Page, base_url: str, title: str) -> None:
    """From the member area's list of meetings to the meeting's page."""
    page.goto(f"{base_url}/mijn/ledenraad/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ledenraad")
    assert_accessible(page)
    page.get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    assert_accessible(page)


def vote(page: Page, seat_legend: str, choice: str) -> None:
    page.get_by_role("group", name=seat_legend).get_by_role("button", name=choice).click()


def test_seat_holders_vote_with_a_proxy_and_the_tally_shows_both_tests(
    page: Page, live_server: object, make_user: Callable[..., Any]
) -> None:
    secretary = make_user(Role.COUNCIL_SECRETARY, username="griffier")
    holders = seat_holders(secretary, make_user)
    klein_1 = Board.objects.get(pk=holders["KLEIN-1"].board_id)
    base_url = str(live_server)
    held_on = clock.today() + timedelta(days=14)
    with translation.override("nl"):
        long_date = formats.date_format(held_on, "j F Y")
    title = "Ledenraad najaar"

    # The secretary plans the meeting, adds a motion and opens the vote.
    log_in(page, base_url, "griffier")
    page.goto(f"{base_url}/beheer/vergaderingen/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ledenraadvergaderingen")
    assert_accessible(page)
    page.get_by_label("Titel").fill(title)
    page.get_by_label("Datum").fill(held_on.isoformat())
    page.get_by_label("Plaats (optioneel)").fill("Utrecht")
    page.get_by_role("button", name="Vergadering plannen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.get_by_role("status").first).to_contain_text(
        f"De vergadering {title} is aangemaakt."
    )
    expect(page.locator(".bundel-subtitle")).to_contain_text(f"{long_date} · Utrecht")
    assert_accessible(page)
    page.get_by_text("Voorstel toevoegen").first.click()  # opens the <details>
    page.get_by_label("Titel van het voorstel").fill("Jaarplan 2027 vaststellen")
    page.get_by_label("Tekst van het voorstel").fill("De ledenraad stelt het jaarplan 2027 vast.")
    page.get_by_role("button", name="Voorstel toevoegen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Voorstel 1: Jaarplan 2027 vaststellen"
    )
    expect(page.get_by_text("De stemming is nog niet geopend.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Stemming openen").click()
    expect(page.get_by_role("status").first).to_contain_text("Het voorstel is in stemming")
    expect(page.get_by_role("heading", name="Telling tot nu toe")).to_be_visible()
    assert_accessible(page)
    motion = Motion.objects.get()
    log_out(page)

    # Klein 2 cannot attend: it gives its proxy to Klein 1 in the portal.
    log_in(page, base_url, "klein2")
    open_the_meeting(page, base_url, title)
    expect(page.get_by_text("heeft uw bestuur zetel Klein 2")).to_be_visible()
    page.get_by_label("Onze stem gaat naar").select_option(
        label=f"Klein 1 – {klein_1.display_name}"
    )
    page.get_by_role("button", name="Volmacht geven").click()
    expect(page.get_by_role("status").first).to_contain_text(
        "De volmacht van uw zetel is voor deze vergadering naar Klein 1 gegaan."
    )
    expect(
        page.get_by_text("Uw zetel heeft volmacht gegeven: Klein 1 stemt ervoor.")
    ).to_be_visible()
    expect(page.get_by_role("button", name="Voor")).to_have_count(0)
    assert_accessible(page)
    log_out(page)

    # Seat holders vote in the portal.
    for username, legend, choice in (
        ("po1", "Stem van PO Groot 1 (uw zetel)", "Voor"),
        ("vo1", "Stem van VO Groot 1 (uw zetel)", "Tegen"),
    ):
        log_in(page, base_url, username)
        open_the_meeting(page, base_url, title)
        vote(page, legend, choice)
        expect(page.get_by_role("status").first).to_contain_text("is vastgelegd")
        expect(page.get_by_text(f"heeft gestemd: {choice.lower()}.")).to_be_visible()
        assert_accessible(page)
        log_out(page)

    # The proxy holder votes for its own seat and for Klein 2.
    log_in(page, base_url, "klein1")
    open_the_meeting(page, base_url, title)
    expect(
        page.get_by_text("U stemt ook voor de zetels waarvan u een volmacht hebt: Klein 2.")
    ).to_be_visible()
    vote(page, "Stem van Klein 1 (uw zetel)", "Voor")
    expect(page.get_by_role("status").first).to_contain_text(
        "De stem van Klein 1 op voorstel 1 is vastgelegd: voor."
    )
    assert_accessible(page)
    vote(page, "Stem van Klein 2 (bij volmacht)", "Voor")
    expect(page.get_by_role("status").first).to_contain_text(
        "De stem van Klein 2 op voorstel 1 is vastgelegd: voor."
    )
    expect(page.get_by_text("Zetel Klein 2 (bij volmacht) heeft gestemd: voor.")).to_be_visible()
    assert_accessible(page)
    log_out(page)

    # The other seat holders' votes, cast the same way.
    for code, choice in (
        ("PO_GROOT-2", Vote.FOR),
        ("VO_GROOT-2", Vote.FOR),
        ("COMBINATIE-1", Vote.FOR),
        ("COMBINATIE-2", Vote.ABSTAIN),
    ):
        chamber, _, number = code.partition("-")
        services.motion_vote(
            motion=motion, seat=seat(chamber, int(number)), vote=choice, by=holders[code]
        )
    assert MotionVote.objects.filter(cast_by=seat("KLEIN", 1)).count() == 1

    # The secretary closes the vote: the tally shows both tests and the outcome.
    log_in(page, base_url, "griffier")
    page.goto(f"{base_url}/beheer/vergaderingen/")
    page.get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    proxies = page.get_by_role("table", name="Volmachten voor deze vergadering")
    expect(proxies.get_by_role("row", name=re.compile(r"^Klein 2 "))).to_contain_text("Klein 1")
    assert_accessible(page)
    page.get_by_role("link", name="Jaarplan 2027 vaststellen").click()
    expect(page.get_by_text("8 van 8 zetels hebben gestemd.")).to_be_visible()
    votes = page.get_by_role("table", name="Stemmen per zetel")
    expect(votes.get_by_role("row", name=re.compile(r"^Klein 2 "))).to_contain_text(
        "bij volmacht, uitgebracht door Klein 1"
    )
    page.get_by_role("button", name="Stemming sluiten en tellen").click()
    expect(page.get_by_role("status").first).to_contain_text(
        "De stemming is gesloten: het voorstel is aangenomen."
    )
    expect(page.get_by_role("heading", name="Telling", exact=True)).to_be_visible()
    expect(page.locator(".bundel-test-majority")).to_contain_text(
        "6 van 7 uitgebrachte stemmen vóór"
    )
    expect(page.locator(".bundel-test-majority")).to_contain_text("meer dan de helft: ja")
    expect(page.locator(".bundel-test-chambers")).to_contain_text("3 van 4 kamers vóór, 3 nodig")
    expect(page.locator(".bundel-test-chambers")).to_contain_text("voldoende: ja")
    expect(page.locator(".bundel-outcome")).to_contain_text(
        "Aangenomen: meer dan de helft van de uitgebrachte stemmen is vóór (6 van 7), en het "
        "aantal kamers vóór is 3 van 4, ten minste de 3 die nodig zijn."
    )
    chambers = page.get_by_role("table", name="Stemmen per kamer")
    for row in ("PO Groot 2 0 0 ja", "VO Groot 1 1 0 nee", "Combinatie 1 0 1 ja", "Klein 2 0 0 ja"):
        name, *cells = row.rsplit(" ", 4)
        expect(chambers.get_by_role("row", name=re.compile(f"^{name} "))).to_have_text(
            re.compile(r"\s*".join([re.escape(name), *cells]))
        )
    assert_accessible(page)
