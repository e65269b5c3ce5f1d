"""GOV-4 through the services: one secret vote per member, results per chamber, ties."""

from datetime import UTC, date, datetime

import pytest
import time_machine

from bundel.accounts.roles import Role
from bundel.governance import selectors, services
from bundel.governance.models import Ballot, Candidate, Election, ElectionVoter, SeatTerm
from bundel.shared.errors import RuleViolation
from bundel.shared.models import AuditEvent
from tests.factories.governance import member_board, seated

pytestmark = pytest.mark.django_db

OPENS = datetime(2026, 5, 1, 9, tzinfo=UTC)
CLOSES = datetime(2026, 5, 20, 17, tzinfo=UTC)
VOTING = datetime(2026, 5, 10, 12, tzinfo=UTC)
AFTER = datetime(2026, 5, 21, 9, tzinfo=UTC)
MEMBER_DAY = date(2026, 6, 1)


@pytest.fixture
def staff(make_user):  # noqa: ANN001, ANN201
    return make_user(Role.COUNCIL_SECRETARY, username="griffier")


@pytest.fixture
def election(staff):  # noqa: ANN001, ANN201
    return services.election_create(
        name="Ledendag 2026", member_day=MEMBER_DAY, opens_at=OPENS, closes_at=CLOSES, by=staff
    )


def voter(make_user, chamber, staff):  # noqa: ANN001, ANN201
    return make_user(Role.MEMBER_REPRESENTATIVE, board=member_board(chamber, staff))


def candidate(election, chamber, staff, name="Kandidaat"):  # noqa: ANN001, ANN201
    return services.candidate_add(
        election=election, board=member_board(chamber, staff), representative_name=name, by=staff
    )


@pytest.mark.rule("GOV-4")
def test_the_window_closes_by_the_member_day() -> None:
    with pytest.raises(RuleViolation, match="governance.election_window_after_member_day"):
        services.election_create(
            name="Te laat", member_day=date(2026, 5, 1), opens_at=OPENS, closes_at=CLOSES
        )
    with pytest.raises(RuleViolation, match="governance.election_window"):
        services.election_create(
            name="Omgekeerd", member_day=MEMBER_DAY, opens_at=CLOSES, closes_at=OPENS
        )
    assert not Election.objects.exists()


@pytest.mark.rule("GOV-4")
def test_a_candidate_must_be_a_member_that_could_take_a_vacancy(election, staff) -> None:  # noqa: ANN001
    for number in range(1, 7):
        seated("KLEIN", number, staff)
    with pytest.raises(RuleViolation, match="governance.no_vacancy"):
        candidate(election, "KLEIN", staff)
    assert not Candidate.objects.exists()


@pytest.mark.rule("GOV-4")
def test_a_member_votes_once_for_its_own_chamber_and_the_ballot_is_secret(
    election, staff, make_user
) -> None:  # noqa: ANN001
    klein = candidate(election, "KLEIN", staff, "Anna")
    po = candidate(election, "PO_GROOT", staff, "Bram")
    services.election_open(election=election, by=staff)
    rep = voter(make_user, "KLEIN", staff)
    with time_machine.travel(VOTING, tick=False):
        with pytest.raises(RuleViolation, match="governance.other_chamber"):
            services.election_vote(election=election, candidate=po, voter=rep)
        services.election_vote(election=election, candidate=klein, voter=rep)
        colleague = make_user(Role.MEMBER_REPRESENTATIVE, board=rep.board)
        with pytest.raises(RuleViolation, match="governance.already_voted"):
            services.election_vote(election=election, candidate=klein, voter=colleague)
    assert ElectionVoter.objects.get().board == rep.board
    ballot = Ballot.objects.get()
    field_names = {f.name for f in Ballot._meta.get_fields()}
    assert field_names == {"id", "election", "candidate"}  # nothing that points at the voter
    assert ballot.candidate == klein
    event = AuditEvent.objects.get(action="governance.election.voted")
    assert event.after == {"board": rep.board.number, "chamber": "KLEIN"}  # not the choice
    assert [(t.chamber.value, t.voted) for t in selectors.turnout(election=election)][3] == (
        "KLEIN",
        1,
    )


@pytest.mark.rule("GOV-4")
def test_no_vote_outside_the_window(election, staff, make_user) -> None:  # noqa: ANN001
    klein = candidate(election, "KLEIN", staff)
    rep = voter(make_user, "KLEIN", staff)
    with (
        time_machine.travel(VOTING, tick=False),
        pytest.raises(RuleViolation, match="governance.election_not_open"),
    ):
        services.election_vote(election=election, candidate=klein, voter=rep)
    services.election_open(election=election, by=staff)
    with (
        time_machine.travel(AFTER, tick=False),
        pytest.raises(RuleViolation, match="governance.election_closed"),
    ):
        services.election_vote(election=election, candidate=klein, voter=rep)
    assert not Ballot.objects.exists()
    assert not ElectionVoter.objects.exists()


@pytest.mark.rule("GOV-4")
def test_results_fill_the_vacancies_in_order_of_votes_and_ties_wait_for_the_secretary(
    election, staff, make_user
) -> None:  # noqa: ANN001
    for number in range(1, 5):
        seated("KLEIN", number, staff)  # two vacancies left in Klein
    a, b, c = (candidate(election, "KLEIN", staff, n) for n in ("A", "B", "C"))
    candidate(election, "COMBINATIE", staff, "D")
    services.election_open(election=election, by=staff)
    with time_machine.travel(VOTING, tick=False):
        for choice in (a, a, a, b, c):
            services.election_vote(
                election=election, candidate=choice, voter=voter(make_user, "KLEIN", staff)
            )
        with pytest.raises(RuleViolation, match="governance.election_still_running"):
            services.election_close(election=election, by=staff)
    with time_machine.travel(AFTER, tick=False):
        services.election_close(election=election, by=staff)
    election.refresh_from_db()
    outcome = {x.representative_name: (x.votes, x.outcome) for x in Candidate.objects.all()}
    assert outcome == {
        "A": (3, "elected"),
        "B": (1, "tied"),
        "C": (1, "tied"),
        "D": (0, "elected"),  # the only candidate for 8 vacancies
    }
    assert election.results["KLEIN"]["open_seats"] == 1
    term = SeatTerm.objects.get(board=a.board)
    assert (term.seat.code, term.starts_on, term.election) == ("KLEIN-5", MEMBER_DAY, election)
    with pytest.raises(RuleViolation, match="governance.not_tied"):
        services.election_tie_resolve(candidate=a, by=staff)
    services.election_tie_resolve(candidate=c, by=staff)
    assert SeatTerm.objects.get(board=c.board).seat.code == "KLEIN-6"
    assert Candidate.objects.get(pk=b.pk).outcome == "not_elected"
    with pytest.raises(RuleViolation, match="governance.not_tied"):
        services.election_tie_resolve(candidate=b, by=staff)
