"""Journeys through the register in headless Chromium, checked with axe on every page."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, Response, expect

from bundel.accounts.roles import Role
from bundel.registry import services
from bundel.registry.models import Board
from tests.factories.registry import po_counts_csv, vo_counts_csv

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"
AXE = Axe()


def assert_accessible(page: Page) -> None:
    """No axe violations on the page as it is now; the report names each one."""
    results = AXE.run(page)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


@pytest.fixture
def register(db: None) -> None:
    services.register_import(
        files=[
            services.ImportFile(
                "01-leerlingen-po-2016.csv",
                po_counts_csv(
                    [
                        ("10001", "12AB", "0", "BAO", "nvt", "900"),
                        ("10001", "12AB", "1", "BAO", "nvt", "650"),
                        ("10004", "56EF", "0", "BAO", "nvt", "300"),
                    ]
                ),
            ),
            services.ImportFile(
                "03-leerlingen-vo-2016.csv",
                vo_counts_csv([("10003", "78GH", "78GH00", "4000", "20")]),
            ),
        ]
    )
    Board.objects.filter(number="10001").update(name="Stichting Primair Utrecht", city="Utrecht")
    Board.objects.filter(number="10003").update(name="Stichting VO Amersfoort", city="Amersfoort")


def log_in(page: Page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/")
    assert_accessible(page)
    page.get_by_role("link", name="Inloggen").first.click()
    expect(page).to_have_title("Inloggen – Bundel")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    assert_accessible(page)
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Inloggen").click()


def test_staff_find_a_board_by_brin_and_see_its_chamber_and_reason(
    page: Page, live_server: object, register: None, make_user: Callable[..., object]
) -> None:
    make_user(Role.ADMINISTRATOR, username="beheer")
    stylesheets: list[Response] = []
    page.on("response", lambda r: stylesheets.append(r) if r.url.endswith(".css") else None)
    base_url = str(live_server)

    log_in(page, base_url, "beheer")
    expect(page).to_have_url(f"{base_url}/beheer/")
    assert_accessible(page)

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Register").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Register van schoolbesturen")
    assert_accessible(page)

    # Live search: typing is enough, htmx swaps in the results and updates the count.
    page.get_by_role("searchbox", name="Zoeken").press_sequentially("78gh", delay=50)
    expect(page.locator("#board-count")).to_contain_text("1 bestuur gevonden")
    expect(page.get_by_role("link", name="10001")).to_have_count(0)
    expect(page).to_have_url(re.compile(r"q=78gh"))
    assert_accessible(page)

    page.get_by_role("link", name="10003").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Stichting VO Amersfoort")
    expect(page.locator(".bundel-chamber__badge")).to_have_text("VO Groot")
    expect(page.locator(".bundel-chamber__reason")).to_contain_text(
        "geen PO; VO 4.000 leerlingen op 1 oktober 2016 > 3.500 → VO Groot"
    )
    expect(page.get_by_role("img", name="Leerlingen per teldatum en sector")).to_be_visible()
    assert_accessible(page)

    assert stylesheets
    assert all(response.status in (200, 304) for response in stylesheets), stylesheets
    nav = page.locator(".bundel-nav")
    assert nav.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(31, 78, 121)"
    skip_link = page.locator(".utrecht-skip-link")
    assert skip_link.evaluate("e => getComputedStyle(e).position") == "fixed"


def test_the_skip_link_is_the_first_stop_and_visible_on_focus(
    page: Page, live_server: object, db: None
) -> None:
    page.goto(f"{live_server}/")
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Direct naar de inhoud")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))


def test_a_representative_sees_its_own_board(
    page: Page, live_server: object, register: None, make_user: Callable[..., object]
) -> None:
    make_user(
        Role.MEMBER_REPRESENTATIVE, board=Board.objects.get(number="10001"), username="bestuur"
    )
    base_url = str(live_server)

    log_in(page, base_url, "bestuur")
    expect(page).to_have_url(f"{base_url}/mijn/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Stichting Primair Utrecht")
    expect(page.locator(".bundel-chamber__reason")).to_contain_text(
        "PO 1.550 leerlingen op 1 oktober 2016 > 1.000; geen VO → PO Groot"
    )
    expect(page.get_by_text("Stichting VO Amersfoort")).to_have_count(0)
    assert_accessible(page)

    page.goto(f"{base_url}/beheer/register/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Geen toegang")
    assert_accessible(page)


def test_staff_import_duo_files_and_read_the_report(
    page: Page, live_server: object, db: None, make_user: Callable[..., object]
) -> None:
    make_user(Role.ADMINISTRATOR, username="beheer")
    base_url = str(live_server)
    log_in(page, base_url, "beheer")

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Import").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("DUO-bestanden importeren")
    assert_accessible(page)
    page.get_by_label("DUO-bestanden").set_input_files(
        [
            {
                "name": "01-leerlingen-po-2016.csv",
                "mimeType": "text/csv",
                "buffer": po_counts_csv([("10001", "12AB", "0", "BAO", "nvt", "<5")]),
            },
            {
                "name": "03-leerlingen-vo-2016.csv",
                "mimeType": "text/csv",
                "buffer": vo_counts_csv([("10003", "78GH", "78GH00", "4000", "20")]),
            },
        ]
    )
    page.get_by_role("button", name="Bestanden importeren").click()
    expect(page.get_by_role("heading", name="Importverslag")).to_be_visible()
    expect(page.get_by_text("Onderdrukte cellen (“<5”, als 0 geteld)")).to_be_visible()
    assert_accessible(page)
    assert Board.objects.filter(number__in=["10001", "10003"]).count() == 2
