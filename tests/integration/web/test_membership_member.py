"""The member area: a representative's own membership, fee, representatives, notice (MEM-4)
and exit settlement (MEM-5), and nothing of another board (ACC-2)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from django.core import mail
from django.test import Client

from bundel.accounts.models import User
from bundel.accounts.roles import Role
from bundel.membership import services
from bundel.membership.domain import NoticeBy
from bundel.membership.models import ExitSettlement, Membership, RepresentativeInvitation
from bundel.registry.models import Board
from tests.factories.membership import approved_member, board_with_students
from tests.integration.web.membership_pages import TODAY, html_of, today  # noqa: F401

pytestmark = pytest.mark.django_db


member = approved_member


@pytest.fixture
def board_a(staff_user: object) -> Board:
    board = board_with_students(1550, name="Stichting Primair Utrecht")
    member(board, staff_user, on=date(2025, 1, 6))
    return board


@pytest.fixture
def board_b(staff_user: object) -> Board:
    board = board_with_students(300, 200, name="Stichting Elders")
    member(board, staff_user, on=date(2025, 1, 6))
    return board


@pytest.fixture
def rep_a(board_a: Board, make_user: Callable[..., object]) -> User:
    return make_user(Role.MEMBER_REPRESENTATIVE, board=board_a, username="rep-a")  # type: ignore[return-value]


@pytest.fixture
def rep_b(board_b: Board, make_user: Callable[..., object]) -> User:
    return make_user(Role.MEMBER_REPRESENTATIVE, board=board_b, username="rep-b")  # type: ignore[return-value]


@pytest.fixture
def client_a(rep_a: User, client_for: Callable[[object], Client]) -> Client:
    return client_for(rep_a)


@pytest.mark.rule("FEE-1")
def test_the_member_home_shows_status_chamber_fee_and_representatives(
    client_a: Client, board_a: Board
) -> None:
    response = client_a.get("/mijn/")
    html = html_of(response)
    assert response.status_code == 200
    assert '<h1 class="utrecht-heading-1">Stichting Primair Utrecht</h1>' in html
    assert "Actief" in html
    assert "Lid sinds" in html
    assert "6 januari 2025" in html
    assert "Kamer in de ledenraad" in html
    assert "PO Groot" in html
    # The chamber's reason, in Dutch, from the register presenter.
    assert "PO 1.550 leerlingen op 1 oktober 2016 &gt; 1.000; geen VO → PO Groot" in html
    assert '<span class="bundel-fee__amount">EUR 2.800,00</span>' in html
    assert '<span class="bundel-fee__band">meer dan 1.000 leerlingen</span>' in html
    assert "Test Person" in html
    assert "Ons bestuur in het register" in html


@pytest.mark.rule("MEM-6")
def test_the_member_home_lists_the_membership_and_each_service_agreement(
    client_a: Client, board_a: Board
) -> None:
    membership = Membership.objects.get(board=board_a)
    membership.service_agreements.create(service="Wifi als dienst", starts_on=date(2025, 9, 1))
    membership.service_agreements.create(service="Printen", starts_on=date(2026, 1, 1))
    html = html_of(client_a.get("/mijn/"))
    assert "Lidmaatschap en diensten" in html
    assert "Dienstverleningsovereenkomst: Wifi als dienst" in html
    assert "Dienstverleningsovereenkomst: Printen" in html
    assert '<th scope="row" class="utrecht-table__header-cell">Lidmaatschap</th>' in html


@pytest.mark.rule("MEM-4")
def test_notice_by_the_member_shows_the_last_day_before_it_is_confirmed(
    client_a: Client,
    board_a: Board,
    django_capture_on_commit_callbacks: Callable[..., object],
) -> None:
    page = html_of(client_a.get("/mijn/opzeggen/"))
    assert "2 maart 2026" in page  # the date of notice: today
    assert 'bundel-last-day">2 maart 2027</dd>' in page
    assert "Tot en met 2 maart 2027 behoudt het lid al zijn rechten" in page

    unconfirmed = client_a.post("/mijn/opzeggen/", {"reason": "Fusie"})
    assert "Vink het vakje aan om te bevestigen." in html_of(unconfirmed)
    membership = Membership.objects.get(board=board_a)
    assert membership.status == Membership.Status.ACTIVE

    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[attr-defined]
        response = client_a.post("/mijn/opzeggen/", {"reason": "Fusie", "confirmed": "on"})

    assert response["Location"] == "/mijn/"
    membership.refresh_from_db()
    assert (membership.status, membership.notice_on, membership.notice_by, membership.last_day) == (
        Membership.Status.UNDER_NOTICE,
        TODAY,
        "member",
        date(2027, 3, 2),
    )
    home = html_of(client_a.get("/mijn/"))
    assert "Uw opzegging is vastgelegd." in home
    assert "Uw bestuur behoudt alle rechten van een lid tot en met 2 maart 2027." in home
    assert any("opgezegd door het lid" in message.body for message in mail.outbox)
    again = client_a.post("/mijn/opzeggen/", {"reason": "", "confirmed": "on"})
    assert "Alleen een actief lidmaatschap kan worden opgezegd." in html_of(again)


@pytest.fixture
def settlement_a(board_a: Board, staff_user: object) -> ExitSettlement:
    membership = Membership.objects.get(board=board_a)
    services.commitment_add(
        membership=membership,
        service="Wifi als dienst",
        starts_on=date(2025, 1, 1),
        term_months=60,
        investment=Decimal("12000"),
        yearly_fee=Decimal("2400"),
        added_by=staff_user,  # type: ignore[arg-type]
    )
    services.membership_give_notice(
        membership=membership,
        by=NoticeBy.MEMBER,
        given_by=staff_user,
        on=date(2025, 12, 31),  # type: ignore[arg-type]
    )
    return services.settlement_propose(membership=membership, proposed_by=staff_user)  # type: ignore[arg-type]


@pytest.mark.rule("MEM-5")
def test_the_member_sees_every_part_and_disputes_with_a_reason(
    client_a: Client, settlement_a: ExitSettlement, staff_user: object
) -> None:
    html = html_of(client_a.get("/mijn/uittreding/"))
    for part in (
        "Niet terugverdiende investeringen",
        "Verwachte fees voor de resterende looptijd",
        "Overgenomen door een opvolger",
        "EUR 7.202,63",
        "EUR 14.405,26",
        "1.096 van 1.826",
    ):
        assert part in html, part
    assert "Uittredingsregeling accepteren" in html

    empty = client_a.post("/mijn/uittreding/bezwaar/", {"reason": " "})
    assert "Geef aan waarom u bezwaar maakt tegen de uittredingsregeling." in html_of(empty)
    response = client_a.post("/mijn/uittreding/bezwaar/", {"reason": "Te hoog"})
    assert response["Location"] == "/mijn/uittreding/"
    settlement_a.refresh_from_db()
    assert (settlement_a.status, settlement_a.dispute_reason) == ("disputed", "Te hoog")
    page = html_of(client_a.get("/mijn/uittreding/"))
    assert "De adviescommissie bekijkt uw bezwaar." in page
    assert "Uittredingsregeling accepteren" not in page

    services.settlement_decide(
        settlement=settlement_a,
        opinion="De commissie adviseert een lager bedrag.",
        final_amount=Decimal("10000"),
        recorded_by=staff_user,  # type: ignore[arg-type]
    )
    page = html_of(client_a.get("/mijn/uittreding/"))
    assert "De commissie adviseert een lager bedrag." in page
    assert "EUR 10.000,00" in page
    assert "Eindbedrag: EUR 10.000,00" in html_of(client_a.get("/mijn/"))


@pytest.mark.rule("MEM-5")
def test_the_member_accepts_the_settlement(client_a: Client, settlement_a: ExitSettlement) -> None:
    response = client_a.post("/mijn/uittreding/akkoord/", follow=True)
    assert "U hebt de uittredingsregeling geaccepteerd." in html_of(response)
    settlement_a.refresh_from_db()
    assert settlement_a.status == ExitSettlement.Status.ACCEPTED
    again = client_a.post("/mijn/uittreding/akkoord/", follow=True)
    assert "kan zo niet worden gewijzigd" in html_of(again)


@pytest.mark.rule("ACC-2")
def test_a_representative_of_board_a_reaches_nothing_of_board_b(
    client_a: Client, board_a: Board, board_b: Board, rep_b: User, staff_user: object
) -> None:
    membership_b = Membership.objects.get(board=board_b)
    application_b = membership_b.application
    # Board B is under notice with a proposed settlement; board A has none.
    services.membership_give_notice(
        membership=membership_b, by=NoticeBy.MEMBER, given_by=rep_b, on=TODAY
    )
    settlement_b = services.settlement_propose(membership=membership_b, proposed_by=staff_user)  # type: ignore[arg-type]

    for path in (
        f"/beheer/leden/{membership_b.pk}/",
        f"/beheer/leden/{membership_b.pk}/opzeggen/",
        f"/beheer/leden/aanmeldingen/{application_b.pk}/",  # type: ignore[union-attr]
        "/beheer/leden/export.csv",
    ):
        assert client_a.get(path).status_code == 403, path
    for path in (
        f"/beheer/leden/{membership_b.pk}/uittreding/advies/",
        f"/beheer/leden/{membership_b.pk}/uittreding/wijzigen/",
        f"/beheer/leden/aanmeldingen/{application_b.pk}/goedkeuren/",  # type: ignore[union-attr]
    ):
        assert client_a.post(path, {"opinion": "x", "final_amount": "0"}).status_code == 403, path

    # The member area names no board: it only ever shows and changes board A.
    assert client_a.get("/mijn/uittreding/").status_code == 404
    assert client_a.post("/mijn/uittreding/akkoord/").status_code == 404
    assert client_a.post("/mijn/uittreding/bezwaar/", {"reason": "Te hoog"}).status_code == 404
    settlement_b.refresh_from_db()
    assert settlement_b.status == ExitSettlement.Status.PROPOSED
    remove = client_a.post(f"/mijn/vertegenwoordigers/{rep_b.pk}/verwijderen/")
    assert remove.status_code == 404
    rep_b.refresh_from_db()
    assert rep_b.is_active
    home = html_of(client_a.get("/mijn/", {"board": board_b.number, "pk": membership_b.pk}))
    assert "Stichting Primair Utrecht" in home
    assert "Stichting Elders" not in home
    assert "rep-b" not in home

    before = Membership.objects.filter(pk=membership_b.pk).values().get()
    client_a.post("/mijn/opzeggen/", {"confirmed": "on"})
    assert Membership.objects.filter(pk=membership_b.pk).values().get() == before
    assert Membership.objects.get(board=board_a).status == Membership.Status.UNDER_NOTICE


def test_a_representative_invites_another_one_for_the_same_board(
    client_a: Client,
    board_a: Board,
    django_capture_on_commit_callbacks,
    mailoutbox,  # noqa: ANN001
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client_a.post(
            "/mijn/vertegenwoordigers/uitnodigen/",
            {"name": "Piet Pieters", "email": "piet@bestuur.example"},
            follow=True,
        )
    invitation = RepresentativeInvitation.objects.get(email="piet@bestuur.example")
    assert invitation.membership.board == board_a
    html = html_of(response)
    assert "Piet Pieters is uitgenodigd" in html
    assert invitation.token not in html  # the link goes by e-mail to the invited person only
    (mail,) = [m for m in mailoutbox if m.to == ["piet@bestuur.example"]]
    assert f"http://testserver/uitnodiging/{invitation.token}/" in mail.body
    invalid = client_a.post("/mijn/vertegenwoordigers/uitnodigen/", {"name": "", "email": "x"})
    assert invalid.status_code == 200
    assert "Voer een geldig e-mailadres in." in html_of(invalid)


def test_a_representative_removes_another_but_never_the_last(
    client_a: Client, board_a: Board, rep_a: User, make_user: Callable[..., object]
) -> None:
    colleague = make_user(Role.MEMBER_REPRESENTATIVE, board=board_a, username="collega")
    response = client_a.post(f"/mijn/vertegenwoordigers/{colleague.pk}/verwijderen/", follow=True)  # type: ignore[attr-defined]
    assert "vertegenwoordigt uw bestuur niet meer" in html_of(response)
    colleague.refresh_from_db()  # type: ignore[attr-defined]
    assert not colleague.is_active  # type: ignore[attr-defined]
    last = client_a.post(f"/mijn/vertegenwoordigers/{rep_a.pk}/verwijderen/", follow=True)
    assert "De laatste vertegenwoordiger van een lid kan niet worden verwijderd." in html_of(last)
    rep_a.refresh_from_db()
    assert rep_a.is_active


def test_a_representative_of_a_board_that_is_not_a_member_is_pointed_to_word_lid(
    representative: User, client_for: Callable[[object], Client]
) -> None:
    html = html_of(client_for(representative).get("/mijn/"))
    assert "Uw bestuur is geen lid van de coöperatie." in html
    assert f'href="/word-lid/{representative.board.number}/"' in html  # type: ignore[union-attr]
    assert client_for(representative).get("/mijn/opzeggen/").status_code == 404


@pytest.mark.rule("FEE-1")
def test_a_board_that_left_in_an_earlier_year_is_quoted_no_fee(
    client_a: Client, board_a: Board
) -> None:
    Membership.objects.filter(board=board_a).update(
        status=Membership.Status.ENDED, notice_on=date(2024, 3, 1), last_day=date(2025, 2, 28)
    )
    html = html_of(client_a.get("/mijn/"))
    assert "Beëindigd" in html
    assert "Het bestuur is in 2026 geen lid." in html
    assert "bundel-fee__amount" not in html


@pytest.mark.rule("FEE-1")
def test_a_board_that_left_this_year_sees_the_fee_pro_rata_to_its_last_day(
    client_a: Client, board_a: Board
) -> None:
    Membership.objects.filter(board=board_a).update(
        status=Membership.Status.ENDED, notice_on=date(2025, 1, 31), last_day=date(2026, 1, 31)
    )
    html = html_of(client_a.get("/mijn/"))
    # 31 of 365 days of EUR 2,800.00
    assert '<span class="bundel-fee__amount">EUR 237,81</span>' in html
    assert "naar rato: 31 van 365 dagen van EUR 2.800,00 per jaar" in html
    assert "Opnieuw aanmelden" in html
