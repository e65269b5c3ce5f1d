"""Simultaneous votes and proxy grants (PostgreSQL): the locks keep GOV-4 and GOV-6 whole."""

from datetime import UTC, date, datetime

import pytest
import time_machine

from bundel.accounts.roles import Role
from bundel.governance import services
from bundel.governance.models import Ballot, ElectionVoter, Proxy
from bundel.shared.errors import RuleViolation
from tests.factories.governance import member_board, seat, seated
from tests.threads import at_once


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.rule("GOV-4")
def test_two_representatives_of_one_board_voting_at_once_make_one_vote(make_user) -> None:  # noqa: ANN001
    staff = make_user(Role.COUNCIL_SECRETARY)
    election = services.election_create(
        name="Ledendag",
        member_day=date(2026, 6, 1),
        opens_at=datetime(2026, 5, 1, tzinfo=UTC),
        closes_at=datetime(2026, 5, 20, tzinfo=UTC),
    )
    candidate = services.candidate_add(
        election=election, board=member_board("KLEIN", staff), representative_name="Anna"
    )
    services.election_open(election=election)
    board = member_board("KLEIN", staff)
    first = make_user(Role.MEMBER_REPRESENTATIVE, board=board)
    second = make_user(Role.MEMBER_REPRESENTATIVE, board=board)

    def vote(voter: object) -> object:
        return lambda: services.election_vote(election=election, candidate=candidate, voter=voter)

    with time_machine.travel(datetime(2026, 5, 10, tzinfo=UTC), tick=False):
        results, errors = at_once(vote(first), vote(second))
    assert len(results) == 1
    assert [e.code for e in errors if isinstance(e, RuleViolation)] == ["governance.already_voted"]
    assert ElectionVoter.objects.filter(board=board).count() == 1
    assert Ballot.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.rule("GOV-6")
def test_two_grants_at_once_to_a_holder_at_its_limit_leave_one_refused(make_user) -> None:  # noqa: ANN001
    staff = make_user(Role.COUNCIL_SECRETARY)
    for number in (1, 2, 3):
        seated("KLEIN", number, staff)
    seated("PO_GROOT", 1, staff)
    meeting = services.meeting_create(title="Ledenraad", held_on=date(2026, 3, 12))
    holder = seat("PO_GROOT", 1)
    services.proxy_grant(meeting=meeting, grantor=seat("KLEIN", 1), holder=holder)

    def grant(number: int) -> object:
        return lambda: services.proxy_grant(
            meeting=meeting, grantor=seat("KLEIN", number), holder=holder
        )

    results, errors = at_once(grant(2), grant(3))
    assert len(results) == 1
    assert [e.code for e in errors if isinstance(e, RuleViolation)] == [
        "governance.too_many_proxies"
    ]
    assert Proxy.objects.filter(holder=holder).count() == 2
