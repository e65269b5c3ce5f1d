"""TEN-3 … TEN-5 end to end in headless Chromium, checked with axe on every page visited: staff
create a tender from the bundled demand for wifi, add a lot and the award criteria and publish
it; a supplier bids on the lot; after the deadline staff close bidding, score the quality,
complete the evaluation and award the lot, and see the scoring sheet with the winner."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from playwright.sync_api import Page, expect

from bundel.accounts.roles import Role
from bundel.procurement import services
from bundel.procurement.models import Award, Bid, Lot, Tender
from bundel.shared import clock
from tests.browser.test_membership_journeys import log_out
from tests.browser.test_register_journey import assert_accessible, log_in
from tests.factories import procurement as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def test_staff_publish_a_tender_a_supplier_bids_and_staff_award_the_lot(
    page: Page, live_server: object, make_user: Callable[..., object]
) -> None:
    buyer = make_user(Role.PROCUREMENT, username="inkoop")
    wifi = f.product("wifi")
    board = f.member_with_locations(buyer)
    f.intent(board, wifi)  # 2 locations × 10 access points
    netwerk = services.supplier_create(name="Netwerk BV", kvk_number="12345678")
    services.supplier_user_add(supplier=netwerk, user=make_user(Role.SUPPLIER, username="netwerk"))
    rival, rival_user = f.supplier("Wifi Groep", make_user)
    base_url = str(live_server)
    # Bids close tomorrow; browser cookies follow the real clock, so time only moves forward.
    deadline = (clock.now().astimezone(AMSTERDAM) + timedelta(days=1)).replace(
        second=0, microsecond=0
    )

    # Staff create the tender from the product's bundled demand.
    log_in(page, base_url, "inkoop")
    expect(page).to_have_url(f"{base_url}/beheer/")
    page.goto(f"{base_url}/beheer/aanbestedingen/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Aanbestedingen")
    expect(page.get_by_text("Nog geen aanbesteding.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("main").get_by_role("link", name="Nieuwe aanbesteding").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuwe aanbesteding")
    assert_accessible(page)
    page.get_by_label("Product", exact=True).select_option(label=wifi.name)
    expect(page.get_by_role("heading", name=f"Gebundelde vraag voor {wifi.name}")).to_be_visible()
    expect(page.locator(".bundel-demand__locations")).to_have_text("2")
    assert_accessible(page)
    page.get_by_label("Titel", exact=True).fill("Wifi in alle scholen")
    page.get_by_label("Programma van eisen", exact=True).fill(
        "Dekking in alle lokalen, beheer op afstand."
    )
    page.get_by_label("Inkoopfee (EUR)", exact=True).fill("250")
    page.get_by_label("Ruimte voor late aansluiters", exact=True).fill("10")
    page.get_by_label("Sluitingstermijn", exact=True).fill(deadline.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Aanbesteding aanmaken").click()
    tender = Tender.objects.get()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"{tender.reference} Wifi in alle scholen"
    )
    expect(page.get_by_role("status").first).to_contain_text("is aangemaakt als concept")
    assert_accessible(page)

    # A lot, the award criteria (price 60, quality 40), then through requirements to published.
    page.get_by_label("Titel van het perceel", exact=True).fill("Heel Nederland")
    page.get_by_role("button", name="Perceel toevoegen").click()
    expect(page.get_by_role("status").first).to_contain_text("Perceel 1. Heel Nederland")
    page.get_by_label("Weging van de prijs", exact=True).fill("60")
    first = page.get_by_role("group", name="Kwaliteitscriterium 1")
    first.get_by_label("Kwaliteitscriterium", exact=True).fill("Kwaliteit van de dienst")
    first.get_by_label("Weging", exact=True).fill("40")
    page.get_by_role("button", name="Gunningscriteria opslaan").click()
    expect(page.get_by_role("status").first).to_contain_text("De gunningscriteria zijn opgeslagen.")
    expect(page.locator("table.bundel-criteria")).to_contain_text("Kwaliteit van de dienst")
    assert_accessible(page)
    page.get_by_role("button", name="Programma van eisen starten").click()
    expect(page.get_by_role("status").first).to_contain_text(
        "De aanbesteding is nu: programma van eisen."
    )
    page.get_by_role("button", name="Aanbesteding publiceren").click()
    expect(page.get_by_role("status").first).to_contain_text("De aanbesteding is nu: gepubliceerd.")
    expect(page.get_by_text("Inschrijvingen ontvangen: 0.")).to_be_visible()
    assert_accessible(page)
    tender_url = page.url
    log_out(page)

    # The rival bids through the service; Netwerk BV bids through its portal.
    services.bid_submit(
        lot=Lot.objects.get(tender=tender),
        supplier=rival,
        price_per_unit=Decimal("30.00"),
        answers={"kwaliteit-van-de-dienst": "Plan van Wifi Groep"},
        by=rival_user,
    )
    log_in(page, base_url, "netwerk")
    page.goto(f"{base_url}/leverancier/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Aanbestedingen voor leveranciers")
    expect(page.get_by_text("U handelt voor Netwerk BV.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=tender.reference).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"{tender.reference} Wifi in alle scholen"
    )
    expect(page.get_by_text("Plan van Wifi Groep")).to_have_count(0)
    assert_accessible(page)
    page.get_by_label("Prijs per eenheid (EUR)", exact=True).fill("27,50")
    page.get_by_label("Uw antwoord op Kwaliteit van de dienst", exact=True).fill(
        "Plan van Netwerk BV"
    )
    page.get_by_role("button", name="Inschrijving op perceel 1 indienen").click()
    expect(page.get_by_role("status").first).to_contain_text(
        "Uw inschrijving op perceel 1 is ontvangen."
    )
    own_bid = page.locator(".bundel-own-bid")
    expect(own_bid).to_contain_text("EUR 27,50")
    expect(own_bid).to_contain_text("Plan van Netwerk BV")
    expect(page.get_by_text("Plan van Wifi Groep")).to_have_count(0)
    assert_accessible(page)
    log_out(page)
    assert Bid.objects.count() == 2

    # Before the deadline staff see how many bids came in, not what they say.
    log_in(page, base_url, "inkoop")
    page.goto(tender_url)
    expect(page.get_by_text("Inschrijvingen ontvangen: 2.")).to_be_visible()
    expect(page.get_by_text("Plan van Netwerk BV")).to_have_count(0)
    expect(page.get_by_role("button", name="Inschrijving sluiten")).to_have_count(0)

    # After the deadline: close bidding, score, complete the evaluation and award.
    with time_machine.travel(deadline + timedelta(hours=1), tick=True):
        page.reload()
        expect(page.locator("table.bundel-bids")).to_contain_text("Plan van Netwerk BV")
        page.get_by_role("button", name="Inschrijving sluiten").click()
        expect(page.get_by_role("status").first).to_contain_text(
            "De aanbesteding is nu: inschrijving gesloten."
        )
        assert_accessible(page)
        page.get_by_label("Punten voor Netwerk BV", exact=True).fill("8")
        page.get_by_label("Punten voor Wifi Groep", exact=True).fill("5")
        page.get_by_role("button", name="Punten voor Kwaliteit van de dienst opslaan").click()
        expect(page.get_by_role("status").first).to_contain_text(
            "De punten voor Kwaliteit van de dienst zijn opgeslagen."
        )
        # Netwerk BV 27.50 with 8 points: 60.00 + 32.00 = 92.00
        # Wifi Groep 30.00 with 5 points: 27.50/30 × 60 = 55.00 + 20.00 = 75.00
        sheet = page.get_by_role("table", name="Scoreblad van perceel 1")
        winner = sheet.get_by_role("row", name="Netwerk BV")
        expect(winner).to_contain_text("92,00")
        expect(winner).to_contain_text("Voorgesteld")
        expect(sheet.get_by_role("row", name="Wifi Groep")).to_contain_text("75,00")
        assert_accessible(page)
        page.get_by_role("button", name="Beoordeling afronden").click()
        expect(page.get_by_role("status").first).to_contain_text(
            "De aanbesteding is nu: beoordeeld."
        )
        assert_accessible(page)
        page.get_by_role("button", name="Perceel 1 gunnen aan Netwerk BV").click()
        expect(page.get_by_role("status").first).to_contain_text(
            "Perceel 1 is gegund aan Netwerk BV."
        )
        expect(page.locator(".bundel-subtitle")).to_contain_text("Gegund")
        expect(page.locator(".bundel-award")).to_contain_text("Gegund aan Netwerk BV")
        sheet = page.get_by_role("table", name="Scoreblad van perceel 1")
        expect(sheet.get_by_role("row", name="Netwerk BV")).to_contain_text("92,00")
        expect(page.locator("table.bundel-participants")).to_contain_text(board.display_name)
        assert_accessible(page)
    award = Award.objects.get()
    assert award.bid.supplier == netwerk
    tender.refresh_from_db()
    assert tender.status == "awarded"
