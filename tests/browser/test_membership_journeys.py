"""Membership journeys in headless Chromium, checked with axe on every page visited:
(1) a visitor applies, staff approve, the representative accepts the invitation and sees the
fee; (2) a member gives notice, staff propose a settlement, the member disputes it, staff record
the advisory committee's opinion and the final amount, and the member sees it."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from django.utils import formats, translation
from playwright.sync_api import Page, expect

from bundel.accounts.roles import Role
from bundel.membership import selectors, services
from bundel.membership.domain import add_months
from bundel.membership.models import ExitSettlement, Membership, RepresentativeInvitation
from bundel.shared import clock
from tests.browser.test_register_journey import PASSWORD, assert_accessible, log_in
from tests.factories.membership import application_data, board_with_students

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def euro(amount: Decimal) -> str:
    """EUR 1.000,00, as the Dutch pages write it."""
    with translation.override("nl"):
        return f"EUR {formats.number_format(amount, 2, use_l10n=True, force_grouping=True)}"


def long_date(day: date) -> str:
    with translation.override("nl"):
        return formats.date_format(day, "j F Y")


def log_out(page: Page) -> None:
    page.get_by_role("button", name="Uitloggen").click()
    expect(page).to_have_title("Inloggen – Bundel")


def test_a_visitor_applies_staff_approve_and_the_representative_sees_the_fee(
    page: Page, live_server: object, make_user: Callable[..., object]
) -> None:
    board = board_with_students(999, 1, name="Stichting Primair Utrecht", city="Utrecht")
    make_user(Role.ADMINISTRATOR, username="beheer")
    base_url = str(live_server)

    # A visitor finds the board and applies.
    page.goto(f"{base_url}/")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Word lid").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Word lid")
    assert_accessible(page)
    page.get_by_role("searchbox", name="Zoek uw bestuur").fill("primair utrecht")
    page.get_by_role("button", name="Zoeken").click()
    assert_accessible(page)
    page.get_by_role("link", name="Stichting Primair Utrecht").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Stichting Primair Utrecht")
    expect(page.locator(".bundel-fee__amount")).to_have_text("EUR 1.000,00")
    expect(page.locator(".bundel-fee__band")).to_have_text("t/m 1.000 leerlingen")
    assert_accessible(page)

    page.get_by_role("link", name="Lid worden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lid worden")
    assert_accessible(page)
    page.get_by_role("button", name="Aanmelding versturen").click()  # empty: errors first
    expect(page.get_by_role("alert")).to_contain_text("Verbeter de fouten hieronder.")
    assert_accessible(page)
    page.get_by_label("Contactpersoon", exact=True).fill("Jan Jansen")
    page.get_by_label("E-mailadres van de contactpersoon").fill("jan.jansen@bestuur.example")
    page.get_by_label("Ondertekenaar", exact=True).fill("Marieke de Wit")
    page.get_by_label("Bevoegdheid van de ondertekenaar").fill("voorzitter college van bestuur")
    page.get_by_label("Factuuradres").fill("Postbus 12\n3500 AA Utrecht")
    page.get_by_label("E-mailadres voor facturen").fill("facturen@bestuur.example")
    page.get_by_label("KvK-nummer").fill("41178451")
    page.get_by_label("Inkoopreferentie op facturen").fill("PO-2026-001")
    page.get_by_label("Wij aanvaarden de statuten").check()
    page.get_by_role("button", name="Aanmelding versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bedankt")
    expect(
        page.get_by_text("We hebben de aanmelding van Stichting Primair Utrecht")
    ).to_be_visible()
    assert_accessible(page)

    # Staff approve it from the queue.
    log_in(page, base_url, "beheer")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Leden", exact=True
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Leden")
    assert_accessible(page)
    page.get_by_role("navigation", name="Ledenadministratie").get_by_role(
        "link", name="Aanmeldingen"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aanmeldingen")
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("Stichting Primair Utrecht")).click()
    expect(page.get_by_text("voorzitter college van bestuur")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Goedkeuren").click()
    expect(page.get_by_role("status").first).to_contain_text("Stichting Primair Utrecht is lid.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Stichting Primair Utrecht")
    assert_accessible(page)
    log_out(page)

    # The representative accepts the invitation and lands on the member home.
    invitation = RepresentativeInvitation.objects.get(membership__board=board)
    page.goto(f"{base_url}/uitnodiging/{invitation.token}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Maak uw account aan")
    assert_accessible(page)
    page.get_by_label("Gebruikersnaam").fill("jan.jansen")
    page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    page.get_by_label("Wachtwoord nogmaals").fill(PASSWORD)
    page.get_by_role("button", name="Account aanmaken").click()
    expect(page).to_have_url(f"{base_url}/mijn/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Stichting Primair Utrecht")
    quote = selectors.fee_quote(board=board, year=clock.today().year).quote
    expect(page.locator(".bundel-fee__amount")).to_have_text(euro(quote.amount.amount))
    expect(page.locator(".bundel-fee__band")).to_have_text("t/m 1.000 leerlingen")
    expect(page.get_by_text(f"Lidmaatschapsfee {clock.today().year}")).to_be_visible()
    assert_accessible(page)

    # Signed out and in again with the new account: the same home.
    log_out(page)
    log_in(page, base_url, "jan.jansen")
    expect(page).to_have_url(f"{base_url}/mijn/")
    expect(page.locator(".bundel-fee__amount")).to_have_text(euro(quote.amount.amount))


def test_a_member_gives_notice_disputes_the_settlement_and_sees_the_committees_opinion(
    page: Page, live_server: object, make_user: Callable[..., object]
) -> None:
    board = board_with_students(1550, name="Stichting Primair Utrecht")
    staff = make_user(Role.ADMINISTRATOR, username="beheer")
    application = services.application_submit(
        board=board, data=application_data(), on=date(2024, 1, 8)
    )
    services.application_approve(application=application, approved_by=staff, on=date(2024, 1, 8))  # type: ignore[arg-type]
    make_user(Role.MEMBER_REPRESENTATIVE, board=board, username="bestuur")
    membership = Membership.objects.get(board=board)
    base_url = str(live_server)
    last_day = long_date(add_months(clock.today(), 12))  # MEM-4: one year's notice

    # The member gives notice after seeing the last day.
    log_in(page, base_url, "bestuur")
    expect(page).to_have_url(f"{base_url}/mijn/")
    assert_accessible(page)
    page.get_by_role("link", name="Lidmaatschap opzeggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lidmaatschap opzeggen")
    expect(page.locator(".bundel-last-day")).to_have_text(last_day)
    assert_accessible(page)
    page.get_by_role("button", name="Opzegging bevestigen").click()
    expect(page.get_by_role("alert")).to_contain_text("Verbeter de fouten hieronder.")
    page.get_by_label("Wij zeggen ons lidmaatschap op").check()
    page.get_by_role("button", name="Opzegging bevestigen").click()
    expect(page).to_have_url(f"{base_url}/mijn/")
    expect(page.get_by_role("status").first).to_contain_text("Uw opzegging is vastgelegd.")
    expect(page.locator(".bundel-last-day")).to_have_text(last_day)
    assert_accessible(page)
    log_out(page)

    # Staff add the member's commitment and propose the settlement.
    log_in(page, base_url, "beheer")
    page.goto(f"{base_url}/beheer/leden/")
    page.get_by_role("link", name=board.number).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Stichting Primair Utrecht")
    assert_accessible(page)
    page.get_by_text("Verplichting toevoegen").first.click()  # opens the <details>
    page.get_by_label("Dienst", exact=True).fill("Wifi als dienst")
    page.get_by_label("Begindatum").fill("2024-01-01")
    page.get_by_label("Looptijd in maanden").fill("60")
    page.get_by_label("Investering door de coöperatie").fill("12000")
    page.get_by_label("Verwachte fees per jaar").fill("2400,00")
    page.get_by_role("button", name="Verplichting toevoegen").click()
    expect(page.get_by_role("status").first).to_contain_text("De verplichting is toegevoegd.")
    expect(page.get_by_role("cell", name="Wifi als dienst")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Overgenomen door een opvolger").fill("500")
    page.get_by_role("button", name="Uittredingsregeling voorstellen").click()
    expect(page.get_by_role("status").first).to_contain_text("voorgesteld")
    settlement = ExitSettlement.objects.get(membership=membership)
    expect(page.locator(".bundel-settlement__amount")).to_have_text(euro(settlement.total))
    assert_accessible(page)
    log_out(page)

    # The member disputes it.
    log_in(page, base_url, "bestuur")
    page.get_by_role("link", name="Bekijk elk onderdeel, en accepteer of maak bezwaar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uittredingsregeling")
    expect(page.get_by_role("rowheader", name="Wifi als dienst")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Waarom maakt u bezwaar").fill(
        "De investering is al grotendeels terugverdiend."
    )
    page.get_by_role("button", name="Bezwaar maken").click()
    expect(page.locator(".bundel-settlement__status")).to_have_text("Betwist")
    expect(page.get_by_text("De adviescommissie bekijkt uw bezwaar.")).to_be_visible()
    assert_accessible(page)
    log_out(page)

    # Staff record the advisory committee's opinion and the final amount.
    log_in(page, base_url, "beheer")
    page.goto(f"{base_url}/beheer/leden/{membership.pk}/")
    expect(page.get_by_text("De investering is al grotendeels terugverdiend.")).to_be_visible()
    page.get_by_label("Advies van de adviescommissie").fill(
        "De commissie acht de helft van het bedrag redelijk."
    )
    page.get_by_label("Eindbedrag").fill("9000")
    page.get_by_role("button", name="Advies en eindbedrag vastleggen").click()
    expect(page.locator(".bundel-settlement__final")).to_have_text("EUR 9.000,00")
    assert_accessible(page)
    log_out(page)

    # The member sees the opinion and the final amount.
    log_in(page, base_url, "bestuur")
    expect(page.get_by_text("Eindbedrag: EUR 9.000,00")).to_be_visible()
    page.get_by_role("link", name="Bekijk de uittredingsregeling").click()
    expect(page.locator(".bundel-opinion")).to_contain_text(
        "De commissie acht de helft van het bedrag redelijk."
    )
    expect(page.locator(".bundel-settlement__final")).to_have_text("EUR 9.000,00")
    assert_accessible(page)
    assert ExitSettlement.objects.get(membership=membership).final_amount == Decimal("9000.00")
