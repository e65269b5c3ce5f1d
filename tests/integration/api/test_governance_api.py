"""Governance over the API: the council's seats, elections with a secret ballot, meetings with
motions, votes, proxies and tallies, and who may see or do what (ACC-1, ACC-2)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from bundel.accounts.roles import Role
from bundel.governance import services
from bundel.governance.models import (
    Ballot,
    Candidate,
    Election,
    ElectionVoter,
    Meeting,
    Motion,
    MotionVote,
    Proxy,
    SeatTerm,
)
from tests.factories.governance import member_board, seat, seated

pytestmark = pytest.mark.django_db

TODAY = datetime(2026, 3, 12, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
HELD_ON = date(2026, 3, 12)
OPENS = datetime(2026, 5, 1, 9, tzinfo=UTC)
CLOSES = datetime(2026, 5, 20, 17, tzinfo=UTC)
VOTING = datetime(2026, 5, 10, 12, tzinfo=UTC)
AFTER = datetime(2026, 5, 21, 9, tzinfo=UTC)
MEMBER_DAY = date(2026, 6, 1)
CHAMBERS = ("PO_GROOT", "VO_GROOT", "COMBINATIE", "KLEIN")

SEATS = reverse("api:v1:governance-seat-list")
ELECTIONS = reverse("api:v1:governance-election-list")
MEETINGS = reverse("api:v1:governance-meeting-list")


def election_url(pk: int, action: str = "") -> str:
    name = f"api:v1:governance-election-{action}" if action else "api:v1:governance-election-detail"
    return reverse(name, kwargs={"pk": pk})


def meeting_url(pk: int, action: str = "") -> str:
    name = f"api:v1:governance-meeting-{action}" if action else "api:v1:governance-meeting-detail"
    return reverse(name, kwargs={"pk": pk})


def motion_url(pk: int, action: str) -> str:
    return reverse(f"api:v1:governance-motion-{action}", kwargs={"pk": pk})


@pytest.fixture(autouse=True)
def _dutch_on_a_fixed_day() -> Iterator[None]:
    cache.clear()
    with translation.override(settings.LANGUAGE_CODE), time_machine.travel(TODAY, tick=False):
        yield
    cache.clear()


@pytest.fixture
def client_for() -> Callable[[object], APIClient]:
    def make(user: object) -> APIClient:
        client = APIClient()
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return make


@pytest.fixture
def secretary(make_user: Callable[..., Any]) -> Any:
    return make_user(Role.COUNCIL_SECRETARY, username="griffier")


@pytest.fixture
def staff_api(secretary: Any, client_for: Callable[[object], APIClient]) -> APIClient:
    return client_for(secretary)


@pytest.fixture
def finance_api(make_user: Callable[..., Any], client_for: Callable[[object], APIClient]) -> Any:
    return client_for(make_user(Role.FINANCE, username="financien"))


@pytest.fixture
def rep_api(make_user: Callable[..., Any], client_for: Callable[[object], APIClient]) -> Any:
    """A client for a new representative of `board`."""

    def make(board: Any) -> APIClient:
        return client_for(make_user(Role.MEMBER_REPRESENTATIVE, board=board))

    return make


def dumped(response: Any) -> str:
    return json.dumps(response.json()) if response.content else ""


# Seats (GOV-2, GOV-3) ------------------------------------------------------------------------


@pytest.mark.rule("GOV-2")
@pytest.mark.rule("GOV-3")
def test_the_council_shows_every_seat_its_holder_term_and_the_vacancies(
    secretary: Any, rep_api: Any, staff_api: APIClient, django_assert_max_num_queries: Any
) -> None:
    term = seated("KLEIN", 1, secretary)
    member_api = rep_api(term.board)
    # token + user, roles, terms (with boards), seats
    with django_assert_max_num_queries(4):
        response = member_api.get(SEATS)
    assert response.status_code == 200
    body = response.json()
    assert body["on"] == "2026-03-12"
    assert len(body["seats"]) == 34
    klein = [s for s in body["seats"] if s["chamber"] == "KLEIN"]
    assert klein[0] == {
        "code": "KLEIN-1",
        "chamber": "KLEIN",
        "number": 1,
        "vacant": False,
        "board": {"number": term.board.number, "name": term.board.name},
        "representative_name": term.representative_name,
        "starts_on": "2025-06-01",
        "ends_on": "2029-05-31",
        "consecutive": 1,
    }
    assert klein[1]["vacant"] is True
    assert (klein[1]["board"], klein[1]["representative_name"]) == (None, None)
    assert body["vacancies"] == {"PO_GROOT": 10, "VO_GROOT": 10, "COMBINATIE": 8, "KLEIN": 5}
    assert body["vacancy_total"] == 33
    assert staff_api.get(SEATS).json() == body


@pytest.mark.rule("GOV-2")
def test_the_council_on_another_day(secretary: Any, staff_api: APIClient) -> None:
    seated("KLEIN", 1, secretary)
    before = staff_api.get(SEATS, {"on": "2025-05-31"}).json()
    assert before["on"] == "2025-05-31"
    assert all(s["vacant"] for s in before["seats"])
    assert before["vacancy_total"] == 34
    assert staff_api.get(SEATS, {"on": "gisteren"}).status_code == 400


@pytest.mark.rule("ACC-1")
def test_only_staff_and_representatives_read_the_governance_api(
    make_user: Callable[..., Any], client_for: Callable[[object], APIClient]
) -> None:
    supplier = client_for(make_user(Role.SUPPLIER))
    for url in (SEATS, ELECTIONS, MEETINGS):
        assert APIClient().get(url).status_code == 401
        assert supplier.get(url).status_code == 403


# Elections (GOV-4) ---------------------------------------------------------------------------


@pytest.fixture
def election(secretary: Any) -> Election:
    return services.election_create(
        name="Ledendag 2026", member_day=MEMBER_DAY, opens_at=OPENS, closes_at=CLOSES, by=secretary
    )


def stand(election: Election, chamber: str, staff: Any, name: str = "Kandidaat") -> Candidate:
    return services.candidate_add(
        election=election, board=member_board(chamber, staff), representative_name=name, by=staff
    )


@pytest.fixture
def klein_election(election: Election, secretary: Any) -> dict[str, Any]:
    """An open election with two Klein candidates and one PO Groot candidate."""
    anna = stand(election, "KLEIN", secretary, "Anna")
    bram = stand(election, "KLEIN", secretary, "Bram")
    po = stand(election, "PO_GROOT", secretary, "Carla")
    services.election_open(election=election, by=secretary)
    return {"election": election, "anna": anna, "bram": bram, "po": po}


@pytest.mark.rule("GOV-4")
def test_the_secretary_prepares_opens_and_closes_an_election(
    secretary: Any, staff_api: APIClient
) -> None:
    klein = member_board("KLEIN", secretary)
    po = member_board("PO_GROOT", secretary)
    created = staff_api.post(
        ELECTIONS,
        {
            "name": "Ledendag 2026",
            "member_day": "2026-06-01",
            "opens_at": "2026-05-01T09:00:00Z",
            "closes_at": "2026-05-20T17:00:00Z",
        },
        format="json",
    )
    assert created.status_code == 201
    body = created.json()
    pk = body["election"]["id"]
    assert body["election"]["status"] == "draft"
    assert (body["candidates"], body["results"], body["vacancies"]) == ([], None, {})
    assert [t["chamber"] for t in body["turnout"]] == list(CHAMBERS)
    assert body["has_voted"] is None

    added = staff_api.post(
        election_url(pk, "candidates"),
        {"board": klein.number, "representative_name": "Anna de Vries"},
        format="json",
    )
    assert added.status_code == 201
    assert added.json() == {
        "id": added.json()["id"],
        "board": {"number": klein.number, "name": klein.name},
        "chamber": "KLEIN",
        "representative_name": "Anna de Vries",
        "votes": None,
        "outcome": None,
    }
    other = staff_api.post(
        election_url(pk, "candidates"),
        {"board": po.number, "representative_name": "Piet"},
        format="json",
    ).json()
    twice = staff_api.post(
        election_url(pk, "candidates"),
        {"board": klein.number, "representative_name": "Anna"},
        format="json",
    )
    assert (twice.status_code, twice.json()["code"]) == (409, "governance.candidate_twice")
    unknown = staff_api.post(
        election_url(pk, "candidates"), {"board": "99999", "representative_name": "X"}
    )
    assert (unknown.status_code, unknown.json()["code"]) == (400, "registry.board_not_found")
    removed = staff_api.delete(
        reverse(
            "api:v1:governance-election-candidate",
            kwargs={"pk": pk, "candidate_id": other["id"]},
        )
    )
    assert removed.status_code == 204
    assert list(Candidate.objects.values_list("board", flat=True)) == [klein.pk]

    opened = staff_api.post(election_url(pk, "open"))
    assert opened.status_code == 200
    assert opened.json()["election"]["status"] == "open"
    assert opened.json()["vacancies"] == {
        "PO_GROOT": 10,
        "VO_GROOT": 10,
        "COMBINATIE": 8,
        "KLEIN": 6,
    }
    late = staff_api.post(
        election_url(pk, "candidates"), {"board": po.number, "representative_name": "Piet"}
    )
    assert (late.status_code, late.json()["code"]) == (409, "governance.election_not_draft")

    early = staff_api.post(election_url(pk, "close"))
    assert (early.status_code, early.json()["code"]) == (409, "governance.election_still_running")
    with time_machine.travel(AFTER, tick=False):
        closed = staff_api.post(election_url(pk, "close"))
    assert closed.status_code == 200
    assert closed.json()["election"]["status"] == "closed"
    assert closed.json()["results"][3] == {
        "chamber": "KLEIN",
        "vacancies": 6,
        "elected": [added.json()["id"]],
        "tied": [],
        "open_seats": 5,
        "refused": [],
    }
    assert SeatTerm.objects.get().board == klein


@pytest.mark.rule("GOV-4")
def test_a_window_after_the_member_day_is_refused_and_nothing_is_written(
    staff_api: APIClient,
) -> None:
    response = staff_api.post(
        ELECTIONS,
        {
            "name": "Te laat",
            "member_day": "2026-05-01",
            "opens_at": "2026-05-01T09:00:00Z",
            "closes_at": "2026-05-20T17:00:00Z",
        },
        format="json",
    )
    assert response.status_code == 409
    assert response.json()["code"] == "governance.election_window_after_member_day"
    assert not Election.objects.exists()


@pytest.mark.rule("ACC-1")
def test_finance_staff_read_elections_but_do_not_run_them(
    election: Election, secretary: Any, finance_api: APIClient, rep_api: Any
) -> None:
    stand(election, "KLEIN", secretary)
    assert finance_api.get(ELECTIONS).json()["count"] == 1
    assert finance_api.get(SEATS).status_code == 200
    detail = finance_api.get(election_url(election.pk))
    assert detail.status_code == 200
    assert detail.json()["turnout"] is not None
    member_api = rep_api(member_board("KLEIN", secretary))
    body = {
        "name": "X",
        "member_day": "2026-06-01",
        "opens_at": "2026-05-01T09:00:00Z",
        "closes_at": "2026-05-20T17:00:00Z",
    }
    for client in (finance_api, member_api):
        assert client.post(ELECTIONS, body, format="json").status_code == 403
        assert client.post(election_url(election.pk, "open")).status_code == 403
        assert client.post(election_url(election.pk, "close")).status_code == 403
        assert (
            client.post(election_url(election.pk, "resolve-tie"), {"candidate": 1}).status_code
            == 403
        )
    assert APIClient().post(election_url(election.pk, "open")).status_code == 401
    election.refresh_from_db()
    assert election.status == Election.Status.DRAFT
    assert Election.objects.count() == 1


@pytest.mark.rule("ACC-2")
def test_a_representative_sees_open_and_closed_elections_not_drafts(
    election: Election, secretary: Any, rep_api: Any, django_assert_max_num_queries: Any
) -> None:
    draft = services.election_create(
        name="Nog in voorbereiding",
        member_day=date(2027, 6, 1),
        opens_at=datetime(2027, 5, 1, tzinfo=UTC),
        closes_at=datetime(2027, 5, 20, tzinfo=UTC),
        by=secretary,
    )
    stand(election, "KLEIN", secretary)
    services.election_open(election=election, by=secretary)
    member_api = rep_api(member_board("KLEIN", secretary))
    # token + user, roles, count, page
    with django_assert_max_num_queries(4):
        body = member_api.get(ELECTIONS).json()
    assert [e["id"] for e in body["results"]] == [election.pk]
    assert body["results"][0]["candidate_count"] == 1
    assert member_api.get(election_url(draft.pk)).status_code == 404
    detail = member_api.get(election_url(election.pk)).json()
    assert (detail["turnout"], detail["has_voted"], detail["results"]) == (None, False, None)
    assert [c["representative_name"] for c in detail["candidates"]] == ["Kandidaat"]


@pytest.mark.rule("GOV-4")
def test_a_representative_votes_once_for_its_own_board(
    klein_election: dict[str, Any], secretary: Any, rep_api: Any
) -> None:
    election, anna = klein_election["election"], klein_election["anna"]
    board = member_board("KLEIN", secretary)
    first, colleague = rep_api(board), rep_api(board)
    with time_machine.travel(VOTING, tick=False):
        voted = first.post(election_url(election.pk, "vote"), {"candidate": anna.pk})
        again = colleague.post(election_url(election.pk, "vote"), {"candidate": anna.pk})
        detail = colleague.get(election_url(election.pk)).json()
    assert (voted.status_code, voted.content) == (204, b"")
    assert again.status_code == 409
    assert again.json()["code"] == "governance.already_voted"
    assert again.json()["message"] == "Uw bestuur heeft in deze verkiezing al gestemd."
    assert detail["has_voted"] is True
    assert ElectionVoter.objects.get().board == board
    assert Ballot.objects.count() == 1


@pytest.mark.rule("GOV-4")
def test_a_vote_for_another_chambers_candidate_is_refused_and_nothing_is_written(
    klein_election: dict[str, Any], secretary: Any, rep_api: Any
) -> None:
    election, po = klein_election["election"], klein_election["po"]
    member_api = rep_api(member_board("KLEIN", secretary))
    with time_machine.travel(VOTING, tick=False):
        response = member_api.post(election_url(election.pk, "vote"), {"candidate": po.pk})
        unknown = member_api.post(election_url(election.pk, "vote"), {"candidate": 999_999})
    assert response.status_code == 409
    assert response.json()["code"] == "governance.other_chamber"
    assert response.json()["params"] == {"voter": "KLEIN", "candidate": "PO_GROOT"}
    assert (unknown.status_code, unknown.json()["code"]) == (409, "governance.not_a_candidate")
    assert not ElectionVoter.objects.exists()
    assert not Ballot.objects.exists()


@pytest.mark.rule("GOV-4")
def test_no_vote_outside_the_window(
    klein_election: dict[str, Any], secretary: Any, rep_api: Any
) -> None:
    election, anna = klein_election["election"], klein_election["anna"]
    member_api = rep_api(member_board("KLEIN", secretary))
    early = member_api.post(election_url(election.pk, "vote"), {"candidate": anna.pk})
    with time_machine.travel(AFTER, tick=False):
        late = member_api.post(election_url(election.pk, "vote"), {"candidate": anna.pk})
    assert early.json()["code"] == "governance.election_not_open"
    assert late.json()["code"] == "governance.election_closed"
    assert not Ballot.objects.exists()


@pytest.mark.rule("ACC-2")
@pytest.mark.rule("GOV-4")
def test_a_vote_body_cannot_name_another_board(
    klein_election: dict[str, Any], secretary: Any, rep_api: Any
) -> None:
    election, anna = klein_election["election"], klein_election["anna"]
    other = member_board("KLEIN", secretary)
    member_api = rep_api(member_board("KLEIN", secretary))
    with time_machine.travel(VOTING, tick=False):
        response = member_api.post(
            election_url(election.pk, "vote"),
            {"candidate": anna.pk, "board": other.number},
            format="json",
        )
    assert response.status_code == 400
    assert response.json()["fields"] == {"board": ["Dit veld wordt hier niet geaccepteerd."]}
    assert not ElectionVoter.objects.exists()
    assert not Ballot.objects.exists()


@pytest.mark.rule("ACC-1")
def test_staff_do_not_vote_in_elections(
    klein_election: dict[str, Any], staff_api: APIClient
) -> None:
    election, anna = klein_election["election"], klein_election["anna"]
    with time_machine.travel(VOTING, tick=False):
        response = staff_api.post(election_url(election.pk, "vote"), {"candidate": anna.pk})
    assert response.status_code == 403
    assert not Ballot.objects.exists()


@pytest.mark.rule("GOV-4")
def test_no_answer_for_any_role_says_what_a_board_voted(
    klein_election: dict[str, Any],
    secretary: Any,
    rep_api: Any,
    staff_api: APIClient,
    finance_api: APIClient,
) -> None:
    election = klein_election["election"]
    anna, bram = klein_election["anna"], klein_election["bram"]
    board_a, board_b = member_board("KLEIN", secretary), member_board("KLEIN", secretary)
    rep_a, rep_b = rep_api(board_a), rep_api(board_b)
    bystander = rep_api(member_board("KLEIN", secretary))
    with time_machine.travel(VOTING, tick=False):
        votes = [
            rep_a.post(election_url(election.pk, "vote"), {"candidate": anna.pk}),
            rep_b.post(election_url(election.pk, "vote"), {"candidate": bram.pk}),
        ]
        during = {
            name: [client.get(ELECTIONS), client.get(election_url(election.pk))]
            for name, client in {
                "staff": staff_api,
                "finance": finance_api,
                "a": rep_a,
                "b": rep_b,
                "bystander": bystander,
            }.items()
        }
    assert [(v.status_code, v.content) for v in votes] == [(204, b""), (204, b"")]
    # A's view and B's view are the same although they chose differently.
    assert during["a"][1].json() == during["b"][1].json()
    staff_detail = during["staff"][1].json()
    assert [c["votes"] for c in staff_detail["candidates"]] == [None, None, None]
    assert staff_detail["turnout"][3]["voted"] == 2
    with time_machine.travel(AFTER, tick=False):
        staff_api.post(election_url(election.pk, "close"))
    after = [
        client.get(url)
        for client in (staff_api, finance_api, rep_a, rep_b, bystander)
        for url in (ELECTIONS, election_url(election.pk))
    ]
    for response in [*votes, *after, *(r for pair in during.values() for r in pair)]:
        text = dumped(response)
        assert f'"{board_a.number}"' not in text
        assert f'"{board_b.number}"' not in text
    closed = after[1].json()
    assert sorted(closed["results"][3]["elected"]) == sorted([anna.pk, bram.pk])
    assert [c["votes"] for c in closed["candidates"]] == [1, 1, 0]  # per candidate, not per board


@pytest.mark.rule("GOV-4")
def test_the_secretary_resolves_a_tie_after_the_close(
    election: Election, secretary: Any, staff_api: APIClient, rep_api: Any
) -> None:
    for number in range(1, 6):
        seated("KLEIN", number, secretary)  # one vacancy left in Klein
    anna = stand(election, "KLEIN", secretary, "Anna")
    bram = stand(election, "KLEIN", secretary, "Bram")
    services.election_open(election=election, by=secretary)
    voters = [rep_api(member_board("KLEIN", secretary)) for _ in range(2)]
    with time_machine.travel(VOTING, tick=False):
        for client, candidate in zip(voters, (anna, bram), strict=True):
            client.post(election_url(election.pk, "vote"), {"candidate": candidate.pk})
    with time_machine.travel(AFTER, tick=False):
        closed = staff_api.post(election_url(election.pk, "close")).json()
        klein = closed["results"][3]
        assert (klein["elected"], klein["tied"], klein["open_seats"]) == (
            [],
            sorted([anna.pk, bram.pk]),
            1,
        )
        assert {c["outcome"] for c in closed["candidates"]} == {"tied"}
        assert [c["votes"] for c in closed["candidates"]] == [1, 1]
        shown = voters[0].get(election_url(election.pk)).json()
        assert shown["results"] == closed["results"]
        refused = voters[0].post(election_url(election.pk, "resolve-tie"), {"candidate": anna.pk})
        resolved = staff_api.post(election_url(election.pk, "resolve-tie"), {"candidate": bram.pk})
    assert refused.status_code == 403
    assert resolved.status_code == 200
    klein = resolved.json()["results"][3]
    assert (klein["elected"], klein["tied"], klein["open_seats"]) == ([bram.pk], [], 0)
    assert SeatTerm.objects.filter(board=bram.board, seat=seat("KLEIN", 6)).exists()
    assert not SeatTerm.objects.filter(board=anna.board).exists()


# Meetings, motions, votes and proxies (GOV-5, GOV-6, GOV-10) ---------------------------------


@pytest.fixture
def council(secretary: Any, rep_api: Any) -> dict[str, APIClient]:
    """Two seats per chamber, each with a representative's client, by seat code."""
    clients = {}
    for chamber in CHAMBERS:
        for number in (1, 2):
            term = seated(chamber, number, secretary)
            clients[f"{chamber}-{number}"] = rep_api(term.board)
    return clients


@pytest.fixture
def meeting(secretary: Any) -> Meeting:
    meeting = services.meeting_create(title="Ledenraad maart", held_on=HELD_ON, by=secretary)
    services.agenda_item_add(meeting=meeting, title="Begroting 2027", by=secretary)
    return meeting


@pytest.fixture
def motion(meeting: Meeting, secretary: Any) -> Motion:
    motion = services.motion_add(
        meeting=meeting, title="Begroting 2027 vaststellen", text="De raad stemt in.", by=secretary
    )
    return services.motion_open(motion=motion, by=secretary)


def vote(client: APIClient, motion: Motion, seat_code: str, choice: str) -> Any:
    return client.post(motion_url(motion.pk, "votes"), {"seat": seat_code, "vote": choice})


@pytest.mark.rule("GOV-10")
def test_the_secretary_plans_a_meeting_adds_opens_and_closes_a_motion(
    staff_api: APIClient, council: dict[str, APIClient]
) -> None:
    created = staff_api.post(
        MEETINGS, {"title": "Ledenraad juni", "held_on": "2026-06-18", "place": "Utrecht"}
    )
    assert created.status_code == 201
    body = created.json()
    assert (body["title"], body["held_on"], body["place"], body["motion_count"]) == (
        "Ledenraad juni",
        "2026-06-18",
        "Utrecht",
        0,
    )
    added = staff_api.post(
        meeting_url(body["id"], "motions"), {"title": "Jaarrekening", "text": "Vastgesteld."}
    )
    assert added.status_code == 201
    motion = added.json()
    assert (motion["number"], motion["status"], motion["passed"]) == (1, "draft", None)
    opened = staff_api.post(motion_url(motion["id"], "open"))
    assert opened.json()["status"] == "open"
    again = staff_api.post(motion_url(motion["id"], "open"))
    assert (again.status_code, again.json()["code"]) == (409, "governance.motion_not_draft")
    closed = staff_api.post(motion_url(motion["id"], "close"))
    assert closed.status_code == 200
    assert (closed.json()["status"], closed.json()["passed"]) == ("closed", False)
    listed = staff_api.get(MEETINGS).json()
    assert listed["results"][0]["motion_count"] == 1


@pytest.mark.rule("ACC-1")
def test_finance_staff_and_representatives_do_not_run_meetings(
    meeting: Meeting,
    motion: Motion,
    finance_api: APIClient,
    council: dict[str, APIClient],
) -> None:
    member_api = council["KLEIN-1"]
    for client in (finance_api, member_api):
        assert client.post(MEETINGS, {"title": "X", "held_on": "2026-06-18"}).status_code == 403
        assert (
            client.post(meeting_url(meeting.pk, "motions"), {"title": "X", "text": "Y"}).status_code
            == 403
        )
        assert client.post(motion_url(motion.pk, "close")).status_code == 403
        assert (
            client.post(
                motion_url(motion.pk, "show-of-hands"),
                {"votes": [{"seat": "KLEIN-1", "vote": "for"}]},
                format="json",
            ).status_code
            == 403
        )
    assert (
        finance_api.post(
            motion_url(motion.pk, "votes"), {"seat": "KLEIN-1", "vote": "for"}
        ).status_code
        == 403
    )
    assert finance_api.get(meeting_url(meeting.pk)).status_code == 200
    assert APIClient().get(meeting_url(meeting.pk)).status_code == 401
    assert Meeting.objects.count() == 1
    assert Motion.objects.get().status == Motion.Status.OPEN
    assert not MotionVote.objects.exists()


@pytest.mark.rule("GOV-10")
def test_a_seat_holder_votes_for_its_own_seat(
    motion: Motion, council: dict[str, APIClient]
) -> None:
    response = vote(council["KLEIN-1"], motion, "KLEIN-1", "for")
    assert response.status_code == 201
    assert response.json() == {
        "motion": motion.pk,
        "seat": "KLEIN-1",
        "chamber": "KLEIN",
        "vote": "for",
        "cast_by": None,
        "show_of_hands": False,
        "recorded_at": "2026-03-12T10:00:00+01:00",
    }
    again = vote(council["KLEIN-1"], motion, "KLEIN-1", "against")
    assert (again.status_code, again.json()["code"]) == (409, "governance.already_voted_on_motion")
    assert MotionVote.objects.get().vote == "for"


@pytest.mark.rule("GOV-6")
@pytest.mark.rule("ACC-2")
def test_a_vote_for_a_seat_without_its_proxy_is_refused_and_nothing_is_written(
    motion: Motion, council: dict[str, APIClient]
) -> None:
    response = vote(council["KLEIN-1"], motion, "KLEIN-2", "for")
    assert response.status_code == 409
    assert response.json()["code"] == "governance.no_proxy"
    assert response.json()["params"] == {"seat": "Klein 2"}
    unknown = vote(council["KLEIN-1"], motion, "KLEIN-99", "for")
    assert (unknown.status_code, unknown.json()["code"]) == (409, "governance.no_proxy")
    invalid = vote(council["KLEIN-1"], motion, "KLEIN-1", "misschien")
    assert invalid.status_code == 400
    assert not MotionVote.objects.exists()


@pytest.mark.rule("GOV-6")
def test_a_seat_gives_its_proxy_and_the_holder_votes_for_it(
    meeting: Meeting, motion: Motion, council: dict[str, APIClient]
) -> None:
    granted = council["KLEIN-1"].post(meeting_url(meeting.pk, "proxy"), {"holder": "PO_GROOT-1"})
    assert granted.status_code == 201
    assert granted.json()["grantor"] == "KLEIN-1"
    assert granted.json()["holder"] == "PO_GROOT-1"
    own = vote(council["KLEIN-1"], motion, "KLEIN-1", "for")
    assert (own.status_code, own.json()["code"]) == (409, "governance.vote_given_by_proxy")
    by_proxy = vote(council["PO_GROOT-1"], motion, "KLEIN-1", "against")
    assert by_proxy.status_code == 201
    assert (by_proxy.json()["chamber"], by_proxy.json()["cast_by"]) == ("KLEIN", "PO_GROOT-1")
    proxies = council["KLEIN-1"].get(meeting_url(meeting.pk)).json()["proxies"]
    assert [(p["grantor"], p["holder"]) for p in proxies] == [("KLEIN-1", "PO_GROOT-1")]


@pytest.mark.rule("GOV-6")
def test_a_proxy_to_someone_without_a_seat_is_refused_and_nothing_is_written(
    meeting: Meeting, council: dict[str, APIClient]
) -> None:
    client = council["KLEIN-1"]
    for holder in ("KLEIN-5", "KLEIN-99", "niemand"):
        response = client.post(meeting_url(meeting.pk, "proxy"), {"holder": holder})
        assert response.status_code == 409
        assert response.json()["code"] == "governance.proxy_to_non_holder"
    to_self = client.post(meeting_url(meeting.pk, "proxy"), {"holder": "KLEIN-1"})
    assert to_self.json()["code"] == "governance.proxy_to_self"
    assert not Proxy.objects.exists()


@pytest.mark.rule("GOV-6")
def test_a_holder_holds_at_most_two_proxies(
    meeting: Meeting, council: dict[str, APIClient]
) -> None:
    for grantor in ("KLEIN-1", "KLEIN-2"):
        response = council[grantor].post(meeting_url(meeting.pk, "proxy"), {"holder": "VO_GROOT-1"})
        assert response.status_code == 201
    third = council["COMBINATIE-1"].post(meeting_url(meeting.pk, "proxy"), {"holder": "VO_GROOT-1"})
    assert third.status_code == 409
    assert third.json()["code"] == "governance.too_many_proxies"
    assert Proxy.objects.count() == 2


@pytest.mark.rule("ACC-2")
def test_a_representative_gives_only_its_own_seats_proxy_and_takes_only_its_own_back(
    meeting: Meeting, council: dict[str, APIClient], secretary: Any, rep_api: Any
) -> None:
    named = council["KLEIN-1"].post(
        meeting_url(meeting.pk, "proxy"), {"holder": "PO_GROOT-1", "grantor": "KLEIN-2"}
    )
    assert named.status_code == 400
    assert list(named.json()["fields"]) == ["grantor"]
    assert not Proxy.objects.exists()
    council["KLEIN-2"].post(meeting_url(meeting.pk, "proxy"), {"holder": "PO_GROOT-1"})
    # KLEIN-1 gave no proxy: it cannot take back KLEIN-2's, nor can a board without a seat.
    assert council["KLEIN-1"].delete(meeting_url(meeting.pk, "proxy")).status_code == 404
    seatless = rep_api(member_board("KLEIN", secretary))
    assert seatless.delete(meeting_url(meeting.pk, "proxy")).status_code == 404
    refused = seatless.post(meeting_url(meeting.pk, "proxy"), {"holder": "PO_GROOT-1"})
    assert (refused.status_code, refused.json()["code"]) == (409, "governance.voter_holds_no_seat")
    assert Proxy.objects.get().grantor == seat("KLEIN", 2)
    assert council["KLEIN-2"].delete(meeting_url(meeting.pk, "proxy")).status_code == 204
    assert not Proxy.objects.exists()


@pytest.mark.rule("GOV-10")
def test_the_secretary_records_a_show_of_hands_all_or_nothing(
    motion: Motion, council: dict[str, APIClient], staff_api: APIClient
) -> None:
    url = motion_url(motion.pk, "show-of-hands")
    refused = staff_api.post(
        url,
        {"votes": [{"seat": "KLEIN-1", "vote": "for"}, {"seat": "KLEIN-5", "vote": "for"}]},
        format="json",
    )
    assert (refused.status_code, refused.json()["code"]) == (409, "governance.seat_vacant")
    assert not MotionVote.objects.exists()
    recorded = staff_api.post(
        url,
        {"votes": [{"seat": code, "vote": "for"} for code in council]},
        format="json",
    )
    assert recorded.status_code == 201
    assert len(recorded.json()) == 8
    assert all(v["show_of_hands"] for v in recorded.json())
    assert MotionVote.objects.filter(show_of_hands=True).count() == 8


@pytest.mark.rule("GOV-5")
def test_the_tally_shows_both_tests_and_the_per_chamber_results(
    meeting: Meeting, motion: Motion, council: dict[str, APIClient], staff_api: APIClient
) -> None:
    # 6 for, 2 against: more than half, but Combinatie and Klein split 1-1: 2 chambers in favour.
    choices = {"PO_GROOT-1": "for", "PO_GROOT-2": "for", "VO_GROOT-1": "for",
               "VO_GROOT-2": "for", "COMBINATIE-1": "for", "COMBINATIE-2": "against",
               "KLEIN-1": "for", "KLEIN-2": "against"}  # fmt: skip
    for code, choice in choices.items():
        assert vote(council[code], motion, code, choice).status_code == 201
    running = staff_api.get(motion_url(motion.pk, "tally")).json()
    assert (running["final"], running["passed"]) == (False, False)
    staff_api.post(motion_url(motion.pk, "close"))
    tally = staff_api.get(motion_url(motion.pk, "tally"))
    assert tally.status_code == 200
    assert tally.json() == {
        "motion": motion.pk,
        "final": True,
        "passed": False,
        "votes_for": 6,
        "votes_against": 2,
        "abstentions": 0,
        "votes_cast": 8,
        "majority_of_votes": True,
        "chambers_in_favour": 2,
        "chambers_needed": 3,
        "chambers": {
            "PO_GROOT": {"for": 2, "against": 0, "abstain": 0, "in_favour": True},
            "VO_GROOT": {"for": 2, "against": 0, "abstain": 0, "in_favour": True},
            "COMBINATIE": {"for": 1, "against": 1, "abstain": 0, "in_favour": False},
            "KLEIN": {"for": 1, "against": 1, "abstain": 0, "in_favour": False},
        },
        "reason": (
            "failed: 6 of 8 votes cast in favour: more than half; "
            "2 of 4 chambers in favour, 3 needed"
        ),
    }


@pytest.mark.rule("GOV-10")
@pytest.mark.rule("ACC-2")
def test_members_see_decisions_and_minutes_once_published(
    meeting: Meeting,
    motion: Motion,
    council: dict[str, APIClient],
    secretary: Any,
    staff_api: APIClient,
    django_assert_max_num_queries: Any,
) -> None:
    for code, client in council.items():
        vote(client, motion, code, "for")
    council["KLEIN-1"].post(meeting_url(meeting.pk, "proxy"), {"holder": "PO_GROOT-1"})
    staff_api.post(motion_url(motion.pk, "close"))
    services.attendance_record(meeting=meeting, seat=seat("KLEIN", 2), attended_by="", by=secretary)
    services.minutes_save(meeting=meeting, minutes="De begroting is vastgesteld.", by=secretary)
    bystander = council["VO_GROOT-2"]

    before = bystander.get(meeting_url(meeting.pk)).json()
    assert [m["title"] for m in before["motions"]] == ["Begroting 2027 vaststellen"]
    assert (before["motions"][0]["status"], before["motions"][0]["passed"]) == ("closed", None)
    assert (before["minutes"], before["attendance"], before["proxies"]) == ("", [], [])
    assert before["own_seat"] == "VO_GROOT-2"
    assert [a["title"] for a in before["agenda"]] == ["Begroting 2027"]
    assert bystander.get(motion_url(motion.pk, "tally")).status_code == 404
    staff = staff_api.get(meeting_url(meeting.pk)).json()
    assert staff["motions"][0]["passed"] is True
    assert staff["minutes"] == "De begroting is vastgesteld."
    assert [(p["grantor"], p["holder"]) for p in staff["proxies"]] == [("KLEIN-1", "PO_GROOT-1")]
    assert staff["own_seat"] is None
    holder = council["PO_GROOT-1"].get(meeting_url(meeting.pk)).json()
    assert [(p["grantor"], p["holder"]) for p in holder["proxies"]] == [("KLEIN-1", "PO_GROOT-1")]

    services.minutes_publish(meeting=meeting, by=secretary)
    # token + user, roles, meeting, seat of the board, agenda, motions, attendance, proxies
    with django_assert_max_num_queries(8):
        after = bystander.get(meeting_url(meeting.pk)).json()
    assert after["motions"][0]["passed"] is True
    assert after["minutes"] == "De begroting is vastgesteld."
    assert [a["seat"] for a in after["attendance"]] == ["KLEIN-2"]
    assert after["proxies"] == []
    tally = bystander.get(motion_url(motion.pk, "tally"))
    assert (tally.status_code, tally.json()["passed"], tally.json()["final"]) == (200, True, True)
    listed = bystander.get(MEETINGS).json()["results"]
    assert listed[0]["minutes_published_at"] is not None


@pytest.mark.rule("ACC-1")
def test_anonymous_requests_write_nothing(meeting: Meeting, motion: Motion) -> None:
    anonymous = APIClient()
    assert anonymous.post(motion_url(motion.pk, "votes"), {"seat": "KLEIN-1"}).status_code == 401
    assert (
        anonymous.post(meeting_url(meeting.pk, "proxy"), {"holder": "KLEIN-1"}).status_code == 401
    )
    assert anonymous.get(motion_url(motion.pk, "tally")).status_code == 401
    assert anonymous.get(SEATS).status_code == 401
    assert not MotionVote.objects.exists()
    assert not Proxy.objects.exists()
