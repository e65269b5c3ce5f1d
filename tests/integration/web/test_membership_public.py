"""Word lid: a board finds itself, sees its chamber and fee, and applies or declares interest
(MEM-1, MEM-2, FEE-1); an invited person becomes the board's representative (ACC-1)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from bundel.accounts.roles import Role
from bundel.membership import services
from bundel.membership.models import Application, InterestDeclaration, Membership
from bundel.registry.models import Board
from bundel.shared.models import AuditEvent
from tests.factories.membership import application_data, board_with_students
from tests.factories.registry import BoardFactory
from tests.integration.web.membership_pages import TODAY, html_of, today  # noqa: F401

pytestmark = pytest.mark.django_db

APPLICATION = {
    "contact_name": "Jan Jansen",
    "contact_email": "jan.jansen@bestuur.example",
    "contact_phone": "030 123 45 67",
    "signer_name": "Marieke de Wit",
    "signer_authority": "voorzitter college van bestuur",
    "invoice_address": "Postbus 12\n3500 AA Utrecht",
    "invoice_email": "facturen@bestuur.example",
    "kvk_number": "41178451",
    "oin": "",
    "vat_number": "NL001234567B01",
    "buyer_reference": "PO-2026-001",
    "peppol_id": "0106:41178451",
    "terms_accepted": "on",
}


@pytest.fixture
def board() -> Board:
    """1,000 students (999 PO + 1 VO) at 1 October 2016: exactly the top of the lowest band."""
    return board_with_students(999, 1, name="Stichting Primair Utrecht", city="Utrecht")


@pytest.mark.rule("MEM-2")
@pytest.mark.parametrize("query", ["90", "primair utrecht", "BRIN"])
def test_a_board_is_found_by_number_name_or_brin(client: Client, board: Board, query: str) -> None:
    brin = board.schools.first().brin  # type: ignore[union-attr]
    response = client.get(reverse("web:membership:join"), {"q": brin if query == "BRIN" else query})
    html = html_of(response)
    assert response.status_code == 200
    assert f'href="/word-lid/{board.number}/"' in html
    assert "Stichting Primair Utrecht" in html


def test_the_search_shows_a_few_boards_and_asks_for_more_detail(client: Client) -> None:
    BoardFactory.create_batch(12, name="Stichting Veelvoud")
    html = html_of(client.get("/word-lid/", {"q": "veelvoud"}))
    assert html.count('href="/word-lid/9') == 10
    assert "Er passen meer besturen" in html


def test_the_public_pages_are_dutch_and_open_to_anyone(client: Client, board: Board) -> None:
    html = html_of(client.get("/word-lid/"))
    assert '<html lang="nl"' in html
    assert "<title>Word lid – Bundel</title>" in html
    assert 'aria-current="page">Word lid</a>' in html  # in the main menu of anonymous visitors


@pytest.mark.rule("FEE-1")
@pytest.mark.parametrize(
    ("po", "vo", "amount", "band"),
    [
        (999, 1, "EUR 1.000,00", "t/m 1.000 leerlingen"),
        (1000, 1, "EUR 2.800,00", "meer dan 1.000 leerlingen"),
    ],
)
def test_the_board_page_quotes_the_fee_of_its_band(
    client: Client, po: int, vo: int, amount: str, band: str
) -> None:
    board = board_with_students(po, vo)
    response = client.get(f"/word-lid/{board.number}/")
    html = html_of(response)
    assert response.status_code == 200
    assert f'<span class="bundel-fee__amount">{amount}</span>' in html
    assert f'<span class="bundel-fee__band">{band}</span>' in html
    assert "Lidmaatschapsfee 2026" in html
    assert "PO 999 op 1 oktober 2016" in html or "PO 1.000 op 1 oktober 2016" in html
    assert "VO 1 op 1 oktober 2016" in html
    assert "een heel jaar" in html
    assert f'href="/word-lid/{board.number}/aanmelden/"' in html
    assert f'href="/word-lid/{board.number}/interesse/"' in html


def test_the_board_page_shows_the_chamber_and_why(client: Client) -> None:
    board = board_with_students(1550)
    html = html_of(client.get(f"/word-lid/{board.number}/"))
    assert "PO Groot" in html
    assert "PO 1.550 leerlingen op 1 oktober 2016 &gt; 1.000; geen VO → PO Groot" in html


@pytest.mark.rule("MEM-2")
def test_a_board_applies_and_is_thanked(
    client: Client,
    board: Board,
    django_capture_on_commit_callbacks: Callable[..., object],
) -> None:
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[attr-defined]
        response = client.post(f"/word-lid/{board.number}/aanmelden/", APPLICATION)
    assert response.status_code == 302
    assert response["Location"] == f"/word-lid/{board.number}/bedankt/"
    application = Application.objects.get(board=board)
    assert application.status == Application.Status.PENDING
    assert (application.signer_authority, application.peppol_id) == (
        "voorzitter college van bestuur",
        "0106:41178451",
    )
    assert application.invoice_address == "Postbus 12\n3500 AA Utrecht"
    assert application.fee_quote["amount"] == "1000.00"
    assert application.fee_quote["students"] == 1000
    thanks = html_of(client.get(response["Location"]))
    assert "We hebben de aanmelding van Stichting Primair Utrecht ontvangen." in thanks
    confirmation = next(m for m in mail.outbox if "jan.jansen@bestuur.example" in m.to)
    assert confirmation.subject == "Aanmelding ontvangen: Stichting Primair Utrecht"


@pytest.mark.rule("MEM-1")
@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({}, "heeft geen leerlingen in het register op de laatste teldata"),
        ({"group": "SWV"}, "is een samenwerkingsverband passend onderwijs"),
        ({"marked_as_swv": True}, "is een samenwerkingsverband passend onderwijs"),
    ],
)
def test_an_ineligible_board_is_refused_at_once_with_the_reason_and_nothing_is_written(
    client: Client,
    fields: dict[str, object],
    reason: str,
    django_capture_on_commit_callbacks: Callable[..., object],
) -> None:
    students = 0 if not fields else 400
    board = board_with_students(students, **fields)
    page = html_of(client.get(f"/word-lid/{board.number}/"))
    assert reason in page
    assert f'href="/word-lid/{board.number}/aanmelden/"' not in page
    assert f'href="/word-lid/{board.number}/interesse/"' in page  # interest is still welcome
    audit_events = AuditEvent.objects.count()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:  # type: ignore[attr-defined]
        response = client.post(f"/word-lid/{board.number}/aanmelden/", APPLICATION)

    assert response.status_code == 200
    html = html_of(response)
    assert f"Bestuur {board.number} {reason}" in html
    assert 'role="alert"' in html
    assert not Application.objects.exists()
    assert AuditEvent.objects.count() == audit_events
    assert callbacks == []
    assert mail.outbox == []


@pytest.mark.rule("MEM-2")
def test_the_form_asks_for_the_kvk_number_or_the_oin_and_the_terms(
    client: Client, board: Board
) -> None:
    data = {**APPLICATION, "kvk_number": "", "oin": ""}
    data.pop("terms_accepted")
    html = html_of(client.post(f"/word-lid/{board.number}/aanmelden/", data))
    assert "De voorwaarden moeten worden geaccepteerd." in html
    assert not Application.objects.exists()

    data["terms_accepted"] = "on"
    html = html_of(client.post(f"/word-lid/{board.number}/aanmelden/", data))
    assert "Geef het KvK-nummer of het OIN." in html
    assert 'aria-invalid="true"' in html
    html = html_of(
        client.post(f"/word-lid/{board.number}/aanmelden/", {**data, "kvk_number": "1234"})
    )
    assert "Een KvK-nummer heeft 8 cijfers." in html
    assert not Application.objects.exists()


@pytest.mark.rule("MEM-2")
def test_a_board_that_applied_cannot_apply_again(client: Client, board: Board) -> None:
    client.post(f"/word-lid/{board.number}/aanmelden/", APPLICATION)
    page = html_of(client.get(f"/word-lid/{board.number}/"))
    assert f"Bestuur {board.number} heeft zich al aangemeld." in page
    response = client.post(f"/word-lid/{board.number}/aanmelden/", APPLICATION)
    assert f"Bestuur {board.number} heeft zich al aangemeld." in html_of(response)
    assert Application.objects.count() == 1


def test_the_application_form_needs_the_csrf_token(board: Board) -> None:
    client = Client(enforce_csrf_checks=True)
    assert "csrfmiddlewaretoken" in html_of(client.get(f"/word-lid/{board.number}/aanmelden/"))
    response = client.post(f"/word-lid/{board.number}/aanmelden/", APPLICATION)
    assert response.status_code == 403
    assert not Application.objects.exists()


def test_a_board_may_only_declare_interest(client: Client, board: Board) -> None:
    response = client.post(
        f"/word-lid/{board.number}/interesse/",
        {"contact_name": "Els de Boer", "contact_email": "els@bestuur.example", "note": "Wifi"},
    )
    assert response["Location"] == f"/word-lid/{board.number}/interesse/bedankt/"
    declaration = InterestDeclaration.objects.get()
    assert (declaration.board, declaration.note) == (board, "Wifi")
    assert not Application.objects.exists()
    assert "We hebben de interesse van" in html_of(client.get(response["Location"]))


def test_an_unknown_board_is_a_dutch_404(client: Client, db: None) -> None:
    response = client.get("/word-lid/99999/")
    assert response.status_code == 404
    assert "99999" in html_of(response)
    assert client.post("/word-lid/99999/aanmelden/", APPLICATION).status_code == 404


# --- The invitation -----------------------------------------------------------------------


@pytest.fixture
def invitation_token(board: Board, make_user: Callable[..., object]) -> str:
    staff = make_user(Role.ADMINISTRATOR)
    application = services.application_submit(board=board, data=application_data(), on=TODAY)
    membership = services.application_approve(
        application=application,
        approved_by=staff,  # type: ignore[arg-type]
        on=TODAY,
    )
    return membership.invitations.get().token


NEW_ACCOUNT = {
    "username": "jan.jansen",
    "password1": "lang genoeg wachtwoord 7",
    "password2": "lang genoeg wachtwoord 7",
}


@pytest.mark.rule("ACC-1")
def test_the_invitation_creates_a_representative_of_exactly_that_board(
    client: Client, board: Board, invitation_token: str
) -> None:
    other = board_with_students(500, name="Stichting Elders")
    page = html_of(client.get(f"/uitnodiging/{invitation_token}/"))
    assert "Maak uw account aan" in page

    response = client.post(f"/uitnodiging/{invitation_token}/", NEW_ACCOUNT)

    assert response.status_code == 302
    assert response["Location"] == "/mijn/"
    user = Membership.objects.get(board=board).invitations.get().user
    assert user is not None
    assert (user.username, user.board, user.email) == (
        "jan.jansen",
        board,
        "jan.jansen@bestuur.example",
    )
    assert user.is_member_representative
    home = html_of(client.get("/mijn/"))  # signed in
    assert "Stichting Primair Utrecht" in home
    assert "Uw account is aangemaakt." in home
    assert other.display_name not in home


@pytest.mark.rule("ACC-1")
def test_an_invitation_is_used_once(client: Client, invitation_token: str) -> None:
    client.post(f"/uitnodiging/{invitation_token}/", NEW_ACCOUNT)
    response = Client().post(
        f"/uitnodiging/{invitation_token}/", {**NEW_ACCOUNT, "username": "iemand.anders"}
    )
    assert response.status_code == 200
    assert "Deze uitnodiging is al gebruikt." in html_of(response)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"password2": "iets anders 123"}, "De twee wachtwoorden verschillen."),
        ({"password1": "12345678", "password2": "12345678"}, "Dit wachtwoord is te algemeen."),
        ({"username": "beheer"}, "De gebruikersnaam beheer is al in gebruik."),
    ],
)
def test_the_account_form_explains_what_is_wrong(
    client: Client,
    invitation_token: str,
    staff_user: object,
    data: dict[str, str],
    message: str,
) -> None:
    response = client.post(f"/uitnodiging/{invitation_token}/", {**NEW_ACCOUNT, **data})
    assert response.status_code == 200
    assert message in html_of(response)
    assert Membership.objects.get().invitations.get().accepted_at is None


def test_an_unknown_invitation_is_refused(client: Client, db: None) -> None:
    response = client.post("/uitnodiging/onbekend/", NEW_ACCOUNT)
    assert "Deze uitnodigingslink is niet geldig." in html_of(response)


def test_the_join_pages_turn_english_with_the_language_switch(client: Client, board: Board) -> None:
    client.cookies["django_language"] = "en"
    html = html_of(client.get(f"/word-lid/{board.number}/"))
    assert '<html lang="en"' in html
    assert '<span class="bundel-fee__amount">EUR 1,000.00</span>' in html
    assert '<span class="bundel-fee__band">up to and including 1,000 students</span>' in html
    assert "Apply for membership" in html
    form = html_of(client.get(f"/word-lid/{board.number}/aanmelden/"))
    assert "We accept the articles of association" in form
