"""ACC-1, ACC-2: who reaches which page of the web UI."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from bundel.accounts.roles import Role
from bundel.registry.models import Board

pytestmark = pytest.mark.django_db

STAFF_PAGES = [
    "/beheer/",
    "/beheer/register/",
    "/beheer/register/besturen/10001/",
    "/beheer/register/cijfers/",
    "/beheer/register/import/",
]


@pytest.mark.rule("ACC-1")
@pytest.mark.parametrize("path", [*STAFF_PAGES, "/mijn/"])
def test_an_anonymous_visitor_is_sent_to_the_login_page(client: Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('web:login')}?next={path}"


@pytest.mark.rule("ACC-1")
def test_an_anonymous_visitor_sees_the_public_page_with_a_login_link(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nl"' in html
    assert "coöperatie" in html
    assert f'href="{reverse("web:login")}"' in html


@pytest.mark.rule("ACC-1")
@pytest.mark.parametrize("path", STAFF_PAGES)
def test_a_representative_gets_a_dutch_403_in_the_staff_area(
    representative: object, client_for: Callable[[object], Client], path: str, register: object
) -> None:
    response = client_for(representative).get(path)
    assert response.status_code == 403
    assert "Geen toegang" in response.content.decode()


@pytest.mark.rule("ACC-1")
def test_staff_land_in_the_staff_area_and_representatives_in_the_member_area(
    staff_user: object, representative: object, client_for: Callable[[object], Client]
) -> None:
    assert client_for(staff_user).get("/")["Location"] == reverse("web:staff-home")
    assert client_for(representative).get("/")["Location"] == reverse("web:member:board")


@pytest.mark.rule("ACC-1")
def test_staff_without_a_representative_role_get_403_in_the_member_area(
    staff_client: Client,
) -> None:
    assert staff_client.get("/mijn/").status_code == 403


@pytest.mark.rule("ACC-1")
def test_only_the_administrator_role_may_import(
    make_user: Callable[..., object], client_for: Callable[[object], Client]
) -> None:
    finance = client_for(make_user(Role.FINANCE))
    assert finance.get("/beheer/register/").status_code == 200
    assert finance.get("/beheer/register/import/").status_code == 403
    html = finance.get("/beheer/").content.decode()
    assert reverse("web:registry:import-create") not in html


@pytest.mark.rule("ACC-2")
def test_a_representative_sees_only_its_own_board(
    register: dict[str, Board],
    make_user: Callable[..., object],
    client_for: Callable[[object], Client],
) -> None:
    user = make_user(Role.MEMBER_REPRESENTATIVE, board=register["10001"])
    response = client_for(user).get("/mijn/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Stichting Primair Utrecht" in html
    assert "12AB01" in html
    assert "PO Groot" in html
    assert "Stichting VO Amersfoort" not in html
    assert "78GH" not in html
    assert "/beheer/register/besturen/" not in html


@pytest.mark.rule("ACC-2")
def test_a_representative_cannot_open_another_boards_page(
    register: dict[str, Board],
    make_user: Callable[..., object],
    client_for: Callable[[object], Client],
) -> None:
    client = client_for(make_user(Role.MEMBER_REPRESENTATIVE, board=register["10001"]))
    assert client.get("/beheer/register/besturen/10003/").status_code == 403
    html = client.get("/mijn/", {"board": "10003", "number": "10003"}).content.decode()
    assert "Stichting Primair Utrecht" in html
    assert "Stichting VO Amersfoort" not in html


@pytest.mark.rule("ACC-1")
def test_the_login_page_is_dutch_and_signs_in(client: Client, staff_user: object) -> None:
    page = client.get(reverse("web:login"))
    html = page.content.decode()
    assert "<title>Inloggen – Bundel</title>" in html
    assert "Gebruikersnaam" in html
    response = client.post(
        reverse("web:login"),
        {"username": "beheer", "password": "correct horse battery staple"},
    )
    assert response.status_code == 302
    assert client.get("/beheer/").status_code == 200


def test_a_wrong_password_is_refused_in_dutch(client: Client, staff_user: object) -> None:
    response = client.post(reverse("web:login"), {"username": "beheer", "password": "wrong"})
    assert response.status_code == 200
    assert "Voer een juiste gebruikersnaam en wachtwoord in" in response.content.decode()


def test_logging_out_takes_a_post(staff_client: Client) -> None:
    assert staff_client.get(reverse("web:logout")).status_code == 405
    response = staff_client.post(reverse("web:logout"))
    assert response["Location"] == reverse("web:login")
    login_page = staff_client.get(response["Location"]).content.decode()
    assert "utrecht-alert utrecht-alert--ok" in login_page
    assert "U bent uitgelogd." in login_page
    assert staff_client.get("/beheer/").status_code == 302


def test_the_language_switch_turns_the_pages_english(staff_client: Client) -> None:
    dutch = staff_client.get("/beheer/register/").content.decode()
    assert '<html lang="nl"' in dutch
    assert "Register van schoolbesturen" in dutch
    response = staff_client.post("/i18n/setlang/", {"language": "en", "next": "/beheer/register/"})
    assert response["Location"] == "/beheer/register/"
    english = staff_client.get("/beheer/register/").content.decode()
    assert '<html lang="en"' in english
    assert "Register of school boards" in english
    assert 'value="nl"' in english  # and back again


def test_the_layout_has_landmarks_a_skip_link_and_a_page_title(staff_client: Client) -> None:
    html = staff_client.get("/beheer/register/").content.decode()
    assert 'href="#main"' in html
    assert '<main id="main"' in html
    assert '<nav class="utrecht-nav-bar bundel-nav" aria-label="Hoofdmenu">' in html
    assert "<header" in html
    assert "<footer" in html
    assert 'aria-current="page"' in html
    assert "<title>Register van schoolbesturen – Bundel</title>" in html


def test_an_unknown_page_is_a_dutch_404(client: Client) -> None:
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()
