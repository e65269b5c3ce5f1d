"""Council pages: the seats and terms (GOV-2, GOV-3), elections with a secret ballot for staff and
members (GOV-4), the boards and committee (GOV-1, GOV-8, GOV-9) and the council's advice (GOV-7);
who may read and who may act (ACC-1, ACC-2)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from bundel.accounts.models import User
from bundel.accounts.roles import Role
from bundel.governance import services
from bundel.governance.models import (
    Advice,
    Ballot,
    Candidate,
    Election,
    ElectionVoter,
    OfficeHolder,
    SeatTerm,
    SupervisorySize,
)
from bundel.registry.models import Board
from tests.factories.governance import member_board, seat, seated
from tests.factories.membership import board_with_students

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 2)
MEMBER_DAY = date(2026, 6, 1)
OPENS = datetime(2026, 5, 1, 9, tzinfo=UTC)
CLOSES = datetime(2026, 5, 20, 17, tzinfo=UTC)
VOTING = datetime(2026, 5, 10, 12, tzinfo=UTC)
AFTER = datetime(2026, 5, 21, 9, tzinfo=UTC)
COUNCIL = "/beheer/ledenraad/"
ELECTIONS = "/beheer/ledenraad/verkiezingen/"
ORGANS = "/beheer/ledenraad/organen/"
ADVICE = "/beheer/ledenraad/adviezen/"
MEMBER_ELECTIONS = "/mijn/verkiezingen/"


@pytest.fixture(autouse=True)
def today(settings: Any) -> Iterator[date]:
    """Every council page test starts on 2 March 2026, 10:00 in Amsterdam; a session lasts
    through the months an election test travels."""
    settings.SESSION_COOKIE_AGE = 365 * 24 * 3600
    moment = datetime(2026, 3, 2, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
    with time_machine.travel(moment, tick=False):
        yield TODAY


@pytest.fixture
def secretary(make_user: Callable[..., User]) -> User:
    return make_user(Role.COUNCIL_SECRETARY, username="griffier")


@pytest.fixture
def secretary_client(secretary: User, client_for: Callable[[object], Client]) -> Client:
    return client_for(secretary)


def html_of(response: object) -> str:
    return response.content.decode()  # type: ignore[attr-defined]


def followed(client: Client, path: str, data: dict[str, object]) -> str:
    response = client.post(path, data, follow=True)
    assert response.status_code == 200
    return html_of(response)


def election(by: User, **fields: object) -> Election:
    values: dict[str, object] = {
        "name": "Ledendag 2026",
        "member_day": MEMBER_DAY,
        "opens_at": OPENS,
        "closes_at": CLOSES,
    }
    values.update(fields)
    return services.election_create(by=by, **values)  # type: ignore[arg-type]


def candidate(in_election: Election, chamber: str, by: User, name: str) -> Candidate:
    board = member_board(chamber, by)
    board.name = f"Stichting {name}"
    board.save(update_fields=["name"])
    return services.candidate_add(
        election=in_election, board=board, representative_name=f"Vertegenwoordiger {name}", by=by
    )


def voter(make_user: Callable[..., User], chamber: str, by: User, name: str = "") -> User:
    board = member_board(chamber, by)
    if name:
        board.name = name
        board.save(update_fields=["name"])
    return make_user(Role.MEMBER_REPRESENTATIVE, board=board)


def without_csrf(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


# --- Access (ACC-1) ---------------------------------------------------------------------------


@pytest.mark.rule("ACC-1")
@pytest.mark.parametrize(
    "path", [COUNCIL, ELECTIONS, f"{ELECTIONS}nieuw/", ORGANS, ADVICE, MEMBER_ELECTIONS]
)
def test_an_anonymous_visitor_is_sent_to_the_login_page(client: Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('web:login')}?next={path}"


@pytest.mark.rule("ACC-1")
def test_a_finance_user_reads_the_council_but_may_not_act(
    make_user: Callable[..., User], client_for: Callable[[object], Client], secretary: User
) -> None:
    term = seated("PO_GROOT", 1, secretary)
    prepared = election(secretary)
    finance = client_for(make_user(Role.FINANCE))
    for path in (COUNCIL, ELECTIONS, f"{ELECTIONS}{prepared.pk}/", ORGANS, ADVICE):
        response = finance.get(path)
        assert response.status_code == 200, path
        html = html_of(response)
        assert "Bestuur benoemen" not in html
        assert "Verkiezing openen" not in html
    seat_path = f"{COUNCIL}zetels/{seat('PO_GROOT', 2).pk}/benoemen/"
    assert finance.get(seat_path).status_code == 403
    board = member_board("PO_GROOT", secretary)
    response = finance.post(
        seat_path, {"board": board.number, "representative_name": "X", "starts_on": "2026-03-02"}
    )
    assert response.status_code == 403
    assert "Geen toegang" in html_of(response)
    for path in (
        f"{COUNCIL}termijnen/{term.pk}/",
        f"{ELECTIONS}nieuw/",
        f"{ELECTIONS}{prepared.pk}/openen/",
        f"{ORGANS}benoemen/",
        f"{ADVICE}nieuw/",
    ):
        assert finance.post(path, {}).status_code == 403, path
    assert SeatTerm.objects.count() == 1
    assert Election.objects.get().status == Election.Status.DRAFT


@pytest.mark.rule("ACC-1")
@pytest.mark.parametrize(
    "path",
    [COUNCIL, ELECTIONS, f"{ELECTIONS}nieuw/", ORGANS, ADVICE, f"{COUNCIL}zetels/1/benoemen/"],
)
def test_a_representative_gets_403_on_the_staff_pages(
    representative: User, client_for: Callable[[object], Client], path: str
) -> None:
    response = client_for(representative).get(path)
    assert response.status_code == 403
    assert "Geen toegang" in html_of(response)


@pytest.mark.rule("ACC-1")
def test_staff_without_a_representative_role_get_403_on_the_member_elections(
    secretary_client: Client,
) -> None:
    assert secretary_client.get(MEMBER_ELECTIONS).status_code == 403


# --- GOV-2, GOV-3: the council ----------------------------------------------------------------


@pytest.mark.rule("GOV-2")
def test_the_council_shows_each_chamber_with_its_holders_and_vacancies_in_dutch(
    secretary_client: Client, secretary: User
) -> None:
    term = seated("PO_GROOT", 1, secretary)
    html = html_of(secretary_client.get(COUNCIL))
    assert '<html lang="nl"' in html
    assert "<title>Ledenraad – Bundel</title>" in html
    assert "Op 2 maart 2026: 1 van de 34 zetels bezet, 33 vacant." in html
    assert "1 van de 10 zetels bezet · vacatures: 9" in html  # PO Groot
    assert "0 van de 10 zetels bezet · vacatures: 10" in html  # VO Groot
    assert "0 van de 8 zetels bezet · vacatures: 8" in html  # Combinatie
    assert "0 van de 6 zetels bezet · vacatures: 6" in html  # Klein
    assert html.count(">Vacature</span>") == 33
    assert term.board.display_name in html
    assert term.representative_name in html
    assert "1 juni 2025" in html
    assert "31 mei 2029" in html
    assert "1 van 2" in html  # the first of at most two consecutive terms
    assert f"{COUNCIL}zetels/{seat('PO_GROOT', 2).pk}/benoemen/" in html
    assert f"{COUNCIL}termijnen/{term.pk}/" in html


@pytest.mark.rule("GOV-2")
def test_the_secretary_appoints_a_member_board_of_the_chamber_to_a_vacant_seat(
    secretary_client: Client, secretary: User
) -> None:
    board = member_board("KLEIN", secretary)
    path = f"{COUNCIL}zetels/{seat('KLEIN', 3).pk}/benoemen/"
    form = html_of(secretary_client.get(path))
    assert "Bestuur benoemen op zetel Klein 3" in form
    assert f'<option value="{board.number}">' in form  # suggested from the chamber's members
    response = secretary_client.post(
        path,
        {"board": board.number, "representative_name": "Anna de Vries", "starts_on": "2026-03-02"},
    )
    assert response["Location"] == COUNCIL
    term = SeatTerm.objects.get()
    assert (term.seat.code, term.board, term.representative_name) == (
        "KLEIN-3",
        board,
        "Anna de Vries",
    )
    assert (term.starts_on, term.ends_on, term.consecutive) == (TODAY, date(2030, 3, 1), 1)
    html = html_of(secretary_client.get(COUNCIL))
    assert f"{board.display_name} bezet zetel Klein 3 vanaf 2 maart 2026." in html
    assert "1 van de 6 zetels bezet · vacatures: 5" in html


@pytest.mark.rule("GOV-2")
def test_a_board_of_another_chamber_or_a_non_member_is_refused_with_the_reason(
    secretary_client: Client, secretary: User
) -> None:
    path = f"{COUNCIL}zetels/{seat('KLEIN', 1).pk}/benoemen/"
    po_board = member_board("PO_GROOT", secretary)
    response = secretary_client.post(
        path, {"board": po_board.number, "representative_name": "A", "starts_on": "2026-03-02"}
    )
    assert response.status_code == 200
    assert "De zetel hoort bij kamer KLEIN, maar het bestuur zit in kamer PO_GROOT." in html_of(
        response
    )
    outsider = board_with_students(600)  # Klein by its figures, but not a member
    response = secretary_client.post(
        path, {"board": outsider.number, "representative_name": "B", "starts_on": "2026-03-02"}
    )
    assert "Alleen een bestuur dat lid is kan een zetel bezetten" in html_of(response)
    response = secretary_client.post(
        path, {"board": "99999", "representative_name": "C", "starts_on": "2026-03-02"}
    )
    assert "Er staat geen schoolbestuur met DUO-nummer 99999 in het register." in html_of(response)
    assert not SeatTerm.objects.exists()


@pytest.mark.rule("GOV-2")
def test_a_held_seat_is_refused_to_another_board(secretary_client: Client, secretary: User) -> None:
    term = seated("VO_GROOT", 1, secretary)
    other = member_board("VO_GROOT", secretary)
    response = secretary_client.post(
        f"{COUNCIL}zetels/{term.seat.pk}/benoemen/",
        {"board": other.number, "representative_name": "B", "starts_on": "2026-03-02"},
    )
    html = html_of(response)
    assert "Een ander bestuur bezet deze zetel in die periode." in html
    assert f"{term.board.display_name} bezet deze zetel vandaag" in html
    assert SeatTerm.objects.count() == 1


@pytest.mark.rule("GOV-3")
def test_a_third_consecutive_term_is_refused_with_the_reason(
    secretary_client: Client, secretary: User
) -> None:
    board = member_board("COMBINATIE", secretary, on=date(2018, 1, 8))
    for starts_on in (date(2018, 6, 1), date(2022, 6, 1)):
        services.seat_appoint(
            seat=seat("COMBINATIE", 1),
            board=board,
            representative_name="Piet",
            starts_on=starts_on,
            by=secretary,
        )
    page = html_of(secretary_client.get(COUNCIL))
    assert "2 van 2" in page
    assert "herbenoemd" in page
    response = secretary_client.post(
        f"{COUNCIL}zetels/{seat('COMBINATIE', 2).pk}/benoemen/",
        {"board": board.number, "representative_name": "Piet", "starts_on": "2026-06-01"},
    )
    assert response.status_code == 200
    assert (
        "Een zetelhouder zit ten hoogste 2 aaneengesloten termijnen: een derde wordt geweigerd."
        in html_of(response)
    )
    assert SeatTerm.objects.count() == 2


@pytest.mark.rule("GOV-2")
def test_the_secretary_changes_the_representative_and_ends_a_term_early(
    secretary_client: Client, secretary: User
) -> None:
    term = seated("KLEIN", 2, secretary)
    page = html_of(secretary_client.get(f"{COUNCIL}termijnen/{term.pk}/"))
    assert "Termijn eerder beëindigen" in page
    response = secretary_client.post(
        f"{COUNCIL}termijnen/{term.pk}/vertegenwoordiger/", {"name": " "}
    )
    assert "Noem de persoon die het bestuur vertegenwoordigt." in html_of(response)
    html = followed(
        secretary_client, f"{COUNCIL}termijnen/{term.pk}/vertegenwoordiger/", {"name": "Bea Bos"}
    )
    assert f"Bea Bos vertegenwoordigt nu {term.board.display_name} op zetel Klein 2." in html
    response = secretary_client.post(
        f"{COUNCIL}termijnen/{term.pk}/beeindigen/", {"on": "2025-01-01"}
    )
    assert "Een zittingstermijn kan niet eindigen voordat hij begint." in html_of(response)
    term.refresh_from_db()
    assert term.ended_on is None
    html = followed(
        secretary_client, f"{COUNCIL}termijnen/{term.pk}/beeindigen/", {"on": "2026-03-01"}
    )
    assert "eindigt op 1 maart 2026" in html
    assert "0 van de 6 zetels bezet · vacatures: 6" in html
    term.refresh_from_db()
    assert (term.representative_name, term.ended_on) == ("Bea Bos", date(2026, 3, 1))


# --- GOV-4: elections for the secretary -------------------------------------------------------


@pytest.mark.rule("GOV-4")
def test_the_secretary_prepares_an_election_and_a_window_after_the_member_day_is_refused(
    secretary_client: Client,
) -> None:
    page = html_of(secretary_client.get(f"{ELECTIONS}nieuw/"))
    assert "Verkiezing voorbereiden" in page
    assert 'type="datetime-local"' in page
    late = {
        "name": "Ledendag 2026",
        "member_day": "2026-06-01",
        "opens_at": "2026-05-01T09:00",
        "closes_at": "2026-06-02T17:00",
    }
    response = secretary_client.post(f"{ELECTIONS}nieuw/", late)
    assert response.status_code == 200
    assert "De stemming loopt vóór de ledendag" in html_of(response)
    assert not Election.objects.exists()
    response = secretary_client.post(
        f"{ELECTIONS}nieuw/", {**late, "closes_at": "2026-05-20T17:00"}
    )
    created = Election.objects.get()
    assert response["Location"] == f"{ELECTIONS}{created.pk}/"
    amsterdam = ZoneInfo("Europe/Amsterdam")
    assert created.opens_at == datetime(2026, 5, 1, 9, tzinfo=amsterdam)
    assert created.closes_at == datetime(2026, 5, 20, 17, tzinfo=amsterdam)
    listing = html_of(secretary_client.get(ELECTIONS))
    assert "Ledendag 2026" in listing
    assert "in voorbereiding" in listing.lower()


@pytest.mark.rule("GOV-4")
def test_candidates_are_added_and_removed_only_while_in_preparation(
    secretary_client: Client, secretary: User
) -> None:
    prepared = election(secretary)
    detail = f"{ELECTIONS}{prepared.pk}/"
    response = secretary_client.post(f"{detail}openen/", follow=True)
    assert "Een verkiezing heeft ten minste één kandidaat nodig." in html_of(response)
    board = member_board("KLEIN", secretary)
    assert f'<option value="{board.number}">' in html_of(secretary_client.get(detail))
    html = followed(
        secretary_client,
        f"{detail}kandidaten/",
        {"board": board.number, "representative_name": "Anna"},
    )
    assert f"{board.display_name} is kandidaat." in html
    outsider = board_with_students(600)
    response = secretary_client.post(
        f"{detail}kandidaten/", {"board": outsider.number, "representative_name": "B"}
    )
    assert "Alleen een bestuur dat lid is kan een zetel bezetten" in html_of(response)
    for number in range(1, 11):
        seated("VO_GROOT", number, secretary)
    vo_board = member_board("VO_GROOT", secretary)
    response = secretary_client.post(
        f"{detail}kandidaten/", {"board": vo_board.number, "representative_name": "C"}
    )
    assert "Kamer VO_GROOT heeft op de ledendag geen vacature." in html_of(response)
    assert list(Candidate.objects.values_list("board", flat=True)) == [board.pk]

    removable = candidate(prepared, "PO_GROOT", secretary, "Weg")
    html = followed(secretary_client, f"{detail}kandidaten/{removable.pk}/verwijderen/", {})
    assert "Stichting Weg is geen kandidaat meer." in html
    html = followed(secretary_client, f"{detail}openen/", {})
    assert "De verkiezing is open" in html
    assert "Kandidaat toevoegen" not in html
    late = member_board("KLEIN", secretary)
    response = secretary_client.post(
        f"{detail}kandidaten/", {"board": late.number, "representative_name": "D"}
    )
    assert "Kandidaten en stemperiode kunnen alleen veranderen" in html_of(response)
    assert Candidate.objects.count() == 1
    prepared.refresh_from_db()
    assert prepared.vacancies == {"PO_GROOT": 10, "VO_GROOT": 0, "COMBINATIE": 8, "KLEIN": 6}


@pytest.mark.rule("GOV-4")
def test_the_staff_see_turnout_but_never_a_boards_choice(
    secretary_client: Client, secretary: User, make_user: Callable[..., User]
) -> None:
    running = election(secretary)
    anna = candidate(running, "KLEIN", secretary, "Anna")
    bram = candidate(running, "KLEIN", secretary, "Bram")
    services.election_open(election=running, by=secretary)
    rep = voter(make_user, "KLEIN", secretary, name="Stichting Kiezer")
    detail = f"{ELECTIONS}{running.pk}/"
    with time_machine.travel(VOTING, tick=False):
        services.election_vote(election=running, candidate=anna, voter=rep)
        during = without_csrf(html_of(secretary_client.get(detail)))
        assert "Opkomst per kamer" in during
        assert "De leden stemmen tot" in during
        assert "Stichting Kiezer" not in during
        # Nothing on the page depends on the choice: with the ballot for Bram it is the same.
        Ballot.objects.update(candidate=bram)
        assert without_csrf(html_of(secretary_client.get(detail))) == during
        Ballot.objects.update(candidate=anna)
        assert "Sluiten en tellen" not in during
        response = secretary_client.post(f"{detail}sluiten/", follow=True)
        assert "De stemperiode loopt tot" in html_of(response)
        assert Election.objects.get().status == Election.Status.OPEN
    with time_machine.travel(AFTER, tick=False):
        assert "Sluiten en tellen" in html_of(secretary_client.get(detail))
        after = followed(secretary_client, f"{detail}sluiten/", {})
        assert (
            "De stemmen zijn geteld en de gekozen kandidaten hebben hun zetel ingenomen." in after
        )
        assert "Uitslag per kamer" in after
        assert "Stichting Kiezer" not in after  # the voter is counted, never shown with a choice
        for page in (ELECTIONS, COUNCIL):
            assert "Stichting Kiezer" not in html_of(secretary_client.get(page))
    assert Candidate.objects.get(pk=anna.pk).outcome == Candidate.Outcome.ELECTED


@pytest.mark.rule("GOV-4")
def test_the_results_seat_the_elected_and_a_tie_waits_for_the_secretary(
    secretary_client: Client, secretary: User, make_user: Callable[..., User]
) -> None:
    for number in range(1, 5):
        seated("KLEIN", number, secretary)  # two vacancies left in Klein
    running = election(secretary)
    a, b, c = (candidate(running, "KLEIN", secretary, name) for name in ("Aa", "Bb", "Cc"))
    services.election_open(election=running, by=secretary)
    with time_machine.travel(VOTING, tick=False):
        for choice in (a, a, b, c):
            services.election_vote(
                election=running, candidate=choice, voter=voter(make_user, "KLEIN", secretary)
            )
    detail = f"{ELECTIONS}{running.pk}/"
    with time_machine.travel(AFTER, tick=False):
        html = followed(secretary_client, f"{detail}sluiten/", {})
        assert "Er zijn gelijke stemmen" in html
        assert "gelijke stemmen: de griffier beslist" in html.lower()
        assert "Vacatures: 2 · nog vacant na de telling: 1" in html
        assert "zetel Klein 5" in html
        tie_path = f"{detail}gelijke-stemmen/{c.pk}/"
        assert tie_path in html
        confirm = html_of(secretary_client.get(tie_path))
        assert "bijvoorbeeld door loting" in confirm
        assert "Stichting Cc krijgt de zetel" in confirm
        response = secretary_client.post(tie_path, {})
        assert "Vink het vakje aan om te bevestigen." in html_of(response)
        assert not SeatTerm.objects.filter(board=c.board).exists()
        response = secretary_client.post(f"{detail}gelijke-stemmen/{a.pk}/", {"confirmed": "on"})
        assert "Deze kandidaat hoort niet bij de kandidaten met gelijke stemmen." in html_of(
            response
        )
        html = followed(secretary_client, tie_path, {"confirmed": "on"})
        assert "Stichting Cc krijgt de zetel." in html
        assert "zetel Klein 6" in html
    with time_machine.travel(datetime(2026, 6, 1, 12, tzinfo=UTC), tick=False):
        council = html_of(secretary_client.get(COUNCIL))
    assert "6 van de 6 zetels bezet · vacatures: 0" in council
    assert "Stichting Cc" in council
    assert "Stichting Aa" in council
    assert SeatTerm.objects.get(board=c.board).seat.code == "KLEIN-6"
    assert Candidate.objects.get(pk=b.pk).outcome == Candidate.Outcome.NOT_ELECTED


# --- GOV-4: the member's ballot ---------------------------------------------------------------


@pytest.fixture
def open_election(secretary: User) -> tuple[Election, Candidate, Candidate]:
    running = election(secretary)
    klein = candidate(running, "KLEIN", secretary, "Klein Kandidaat")
    po = candidate(running, "PO_GROOT", secretary, "PO Kandidaat")
    services.election_open(election=running, by=secretary)
    return running, klein, po


@pytest.mark.rule("GOV-4")
def test_a_representative_votes_once_for_its_own_chamber_and_never_sees_the_choice_again(
    open_election: tuple[Election, Candidate, Candidate],
    secretary: User,
    make_user: Callable[..., User],
    client_for: Callable[[object], Client],
) -> None:
    running, klein, po = open_election
    rep = voter(make_user, "KLEIN", secretary)
    colleague = make_user(Role.MEMBER_REPRESENTATIVE, board=rep.board)
    client = client_for(rep)
    ballot_path = f"{MEMBER_ELECTIONS}{running.pk}/"
    assert "Er is nu geen verkiezing open om te stemmen." in html_of(client.get(MEMBER_ELECTIONS))
    with time_machine.travel(VOTING, tick=False):
        listing = html_of(client.get(MEMBER_ELECTIONS))
        assert "Ledendag 2026" in listing
        assert "uw bestuur heeft nog niet gestemd" in listing
        page = html_of(client.get(ballot_path))
        assert "Kandidaten van kamer Klein" in page
        assert f'value="{klein.pk}"' in page
        assert "Stichting Klein Kandidaat" in page
        assert "Stichting PO Kandidaat" not in page  # only its own chamber's candidates
        response = client.post(ballot_path, {})
        assert "Kies een kandidaat." in html_of(response)
        html = followed(client, ballot_path, {"candidate": klein.pk})
        assert "De stem van uw bestuur is uitgebracht." in html
        assert "Uw bestuur heeft in deze verkiezing gestemd." in html
        assert "Stichting Klein Kandidaat" not in html
        for person in (rep, colleague):
            seen = html_of(client_for(person).get(ballot_path))
            assert "Uw bestuur heeft in deze verkiezing gestemd." in seen
            assert "Stichting Klein Kandidaat" not in seen
            assert 'type="radio"' not in seen
        # A second vote for the same board, by the colleague, is refused in Dutch.
        response = client_for(colleague).post(ballot_path, {"candidate": klein.pk})
        assert "Uw bestuur heeft in deze verkiezing al gestemd." in html_of(response)
    assert ElectionVoter.objects.get().board == rep.board
    assert Ballot.objects.count() == 1


@pytest.mark.rule("GOV-4")
def test_a_vote_for_another_chamber_or_outside_the_window_is_refused(
    open_election: tuple[Election, Candidate, Candidate],
    secretary: User,
    make_user: Callable[..., User],
    client_for: Callable[[object], Client],
) -> None:
    running, klein, po = open_election
    client = client_for(voter(make_user, "KLEIN", secretary))
    ballot_path = f"{MEMBER_ELECTIONS}{running.pk}/"
    response = client.post(ballot_path, {"candidate": klein.pk})  # before the window
    assert "Deze verkiezing is niet open voor stemmen." in html_of(response)
    assert "Het stemmen opent op 1 mei 2026 11:00." in html_of(response)
    with time_machine.travel(VOTING, tick=False):
        response = client.post(ballot_path, {"candidate": po.pk})
        assert response.status_code == 200
        assert "Een lid stemt op kandidaten van de eigen kamer (KLEIN), niet op PO_GROOT." in (
            html_of(response)
        )
    with time_machine.travel(AFTER, tick=False):
        response = client.post(ballot_path, {"candidate": klein.pk})
        html = html_of(response)
        assert "De stemperiode van deze verkiezing is voorbij." in html
    assert not Ballot.objects.exists()
    assert not ElectionVoter.objects.exists()


@pytest.mark.rule("ACC-2")
@pytest.mark.rule("GOV-4")
def test_a_representative_of_board_a_cannot_vote_for_board_b(
    open_election: tuple[Election, Candidate, Candidate],
    secretary: User,
    make_user: Callable[..., User],
    client_for: Callable[[object], Client],
) -> None:
    running, klein, _po = open_election
    rep_a = voter(make_user, "KLEIN", secretary)
    rep_b = voter(make_user, "KLEIN", secretary)
    board_b: Board = rep_b.board  # type: ignore[assignment]
    client_a = client_for(rep_a)
    ballot_path = f"{MEMBER_ELECTIONS}{running.pk}/"
    with time_machine.travel(VOTING, tick=False):
        client_a.post(
            ballot_path,
            {"candidate": klein.pk, "board": board_b.pk, "board_id": board_b.pk, "voter": rep_b.pk},
        )
        client_a.post(f"{ballot_path}?board={board_b.number}", {"candidate": klein.pk})
        assert list(ElectionVoter.objects.values_list("board", flat=True)) == [rep_a.board_id]
        # Board B has not voted, and still can.
        page_b = html_of(client_for(rep_b).get(ballot_path))
        assert "Kandidaten van kamer Klein" in page_b
        client_for(rep_b).post(ballot_path, {"candidate": klein.pk})
    assert set(ElectionVoter.objects.values_list("board", flat=True)) == {
        rep_a.board_id,
        board_b.pk,
    }
    assert client_a.get(f"{ELECTIONS}{running.pk}/").status_code == 403


@pytest.mark.rule("GOV-4")
def test_members_see_the_results_of_past_elections_per_chamber(
    open_election: tuple[Election, Candidate, Candidate],
    secretary: User,
    make_user: Callable[..., User],
    client_for: Callable[[object], Client],
) -> None:
    running, klein, _po = open_election
    rep = voter(make_user, "KLEIN", secretary)
    client = client_for(rep)
    draft = election(secretary, name="Nog niet open")
    assert client.get(f"{MEMBER_ELECTIONS}{draft.pk}/").status_code == 404
    assert client.get(f"{MEMBER_ELECTIONS}{running.pk}/uitslag/").status_code == 404
    with time_machine.travel(VOTING, tick=False):
        services.election_vote(election=running, candidate=klein, voter=rep)
    with time_machine.travel(AFTER, tick=False):
        services.election_close(election=running, by=secretary)
        listing = html_of(client.get(MEMBER_ELECTIONS))
        assert "Uitslagen van eerdere verkiezingen" in listing
        assert f"{MEMBER_ELECTIONS}{running.pk}/uitslag/" in listing
        html = html_of(client.get(f"{MEMBER_ELECTIONS}{running.pk}/uitslag/"))
    assert "Uitslag: Ledendag 2026" in html
    assert "Kamer Klein" in html
    assert "Stichting Klein Kandidaat" in html
    assert "Gekozen" in html
    assert "zetel Klein 1" in html
    assert "Gelijke stemmen beslechten" not in html
    assert rep.board.display_name not in html  # type: ignore[union-attr]


# --- GOV-1, GOV-8, GOV-9: the boards and committee --------------------------------------------


@pytest.mark.rule("GOV-8")
def test_the_secretary_appoints_and_ends_a_member_of_the_executive_board(
    secretary_client: Client,
) -> None:
    page = html_of(secretary_client.get(ORGANS))
    for organ in ("Bestuur", "Raad van commissarissen", "Adviescommissie uittreding"):
        assert organ in page
    assert "0 van de 5 zetels bezet" in page
    html = followed(
        secretary_client,
        f"{ORGANS}benoemen/",
        {
            "organ": "executive_board",
            "name": "Els Jansen",
            "role": "voorzitter",
            "employer_name": "Bundel",
            "starts_on": "2026-01-05",
        },
    )
    assert "Els Jansen is benoemd: Bestuur." in html
    assert "1 van de 5 zetels bezet" in html
    holder = OfficeHolder.objects.get()
    assert holder.ends_on == date(2030, 1, 4)
    assert "4 januari 2030" in html
    html = followed(secretary_client, f"{ORGANS}{holder.pk}/beeindigen/", {"on": "2026-01-01"})
    assert "Een zittingstermijn kan niet eindigen voordat hij begint." in html
    html = followed(secretary_client, f"{ORGANS}{holder.pk}/beeindigen/", {"on": "2026-03-01"})
    assert "De termijn van Els Jansen is beëindigd." in html
    assert "0 van de 5 zetels bezet" in html
    assert OfficeHolder.objects.get().ended_on == date(2026, 3, 1)


@pytest.mark.rule("GOV-9")
def test_a_supervisor_employed_by_a_member_board_is_refused_with_the_reason(
    secretary_client: Client, secretary: User
) -> None:
    supervisor = {
        "organ": "supervisory_board",
        "name": "Jan de Boer",
        "employer_name": "Stichting Lid",
        "starts_on": "2026-03-02",
    }
    response = secretary_client.post(f"{ORGANS}benoemen/", supervisor)
    assert "De ledenraad heeft het aantal commissarissen nog niet vastgesteld." in html_of(response)
    response = secretary_client.post(
        f"{ORGANS}commissarissen/aantal/", {"size": "6", "decided_on": "2026-03-01"}
    )
    assert "De raad van commissarissen heeft 3 tot 5 leden." in html_of(response)
    assert not SupervisorySize.objects.exists()
    html = followed(
        secretary_client,
        f"{ORGANS}commissarissen/aantal/",
        {"size": "3", "decided_on": "2026-03-01"},
    )
    assert "De raad van commissarissen heeft 3 zetels." in html
    member = member_board("KLEIN", secretary)
    response = secretary_client.post(
        f"{ORGANS}benoemen/", {**supervisor, "employer_board": member.number}
    )
    assert response.status_code == 200
    assert (
        f"Een commissaris mag niet in dienst zijn van een bestuur dat lid is ({member.number})."
        in html_of(response)
    )
    assert not OfficeHolder.objects.exists()
    supplier_board = board_with_students(600)  # in the register, but not a member
    html = followed(
        secretary_client,
        f"{ORGANS}benoemen/",
        {**supervisor, "employer_name": "Leverancier BV", "employer_board": supplier_board.number},
    )
    assert "Jan de Boer is benoemd: Raad van commissarissen." in html
    assert "1 van de 3 zetels bezet" in html


# --- GOV-7: advice ----------------------------------------------------------------------------


@pytest.mark.rule("GOV-7")
def test_the_council_advice_is_recorded_with_the_executive_boards_response(
    secretary_client: Client,
) -> None:
    assert "Er is nog geen advies vastgelegd." in html_of(secretary_client.get(ADVICE))
    asked = {
        "subject": "Begroting 2027",
        "asked": "on",
        "question": "Wat vindt de raad van de begroting?",
        "advice": "Positief, met één kanttekening.",
        "given_on": "2026-03-01",
    }
    response = secretary_client.post(f"{ADVICE}nieuw/", asked)
    assert "Gevraagd advies heeft de datum van de adviesaanvraag nodig." in html_of(response)
    assert not Advice.objects.exists()
    html = followed(secretary_client, f"{ADVICE}nieuw/", {**asked, "requested_on": "2026-02-01"})
    assert "Het advies over Begroting 2027 is vastgelegd." in html
    advice = Advice.objects.get()
    assert "gevraagd door het bestuur op 1 februari 2026" in html
    listing = html_of(secretary_client.get(ADVICE))
    assert "Begroting 2027" in listing
    assert "wacht op reactie" in listing
    respond = f"{ADVICE}{advice.pk}/reactie/"
    response = secretary_client.post(
        respond, {"response": "Dank, we nemen het over.", "responded_on": "2026-02-15"}
    )
    assert "De reactie kan niet vóór het advies komen." in html_of(response)
    assert Advice.objects.get().responded_on is None
    html = followed(
        secretary_client,
        respond,
        {"response": "Dank, we nemen het over.", "responded_on": "2026-03-02"},
    )
    assert "De reactie van het bestuur is vastgelegd." in html
    assert "Dank, we nemen het over." in html
    assert "gereageerd op 2 maart 2026" in html_of(secretary_client.get(ADVICE))
    html = followed(
        secretary_client,
        f"{ADVICE}nieuw/",
        {"subject": "Ledendag", "advice": "Eerder beginnen.", "given_on": "2026-03-02"},
    )
    assert "ongevraagd" in html
