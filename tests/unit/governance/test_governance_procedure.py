"""GOV-1, GOV-2, GOV-4, GOV-6, GOV-7, GOV-8 and GOV-10 as pure functions: the checks the
services make on seats, voting windows, proxies, motion votes, advice and office terms."""

from datetime import UTC, date, datetime

import pytest

from bundel.governance.domain import (
    OFFICE_ORGANS,
    GovernancePolicy,
    Organ,
    Term,
    check_advice,
    check_first_vote,
    check_motion_vote,
    check_office_term,
    check_proxy_grant,
    check_seat_appointment,
    check_voting_window,
    full_term,
)
from bundel.registry.domain import Chamber
from bundel.shared.errors import RuleViolation

POLICY = GovernancePolicy()


def code(call) -> str:  # noqa: ANN001
    with pytest.raises(RuleViolation) as refused:
        call()
    return refused.value.code


@pytest.mark.rule("GOV-1")
def test_four_organs_of_which_three_have_office_holders() -> None:
    assert len(Organ) == 4
    assert Organ.MEMBERS_COUNCIL not in OFFICE_ORGANS  # the council has seats, not offices
    assert set(OFFICE_ORGANS) == set(Organ) - {Organ.MEMBERS_COUNCIL}


@pytest.mark.rule("GOV-2")
def test_a_seat_goes_to_a_member_of_its_chamber_while_vacant() -> None:
    ok = {"seat_chamber": Chamber.KLEIN, "board_chamber": Chamber.KLEIN}
    check_seat_appointment(**ok, is_member=True, seat_taken=False)
    assert (
        code(lambda: check_seat_appointment(**ok, is_member=False, seat_taken=False))
        == "governance.not_a_member"
    )
    assert (
        code(lambda: check_seat_appointment(**ok, is_member=True, seat_taken=True))
        == "governance.seat_taken"
    )
    assert (
        code(
            lambda: check_seat_appointment(
                seat_chamber=Chamber.KLEIN, board_chamber=None, is_member=True, seat_taken=False
            )
        )
        == "governance.seat_other_chamber"
    )


@pytest.mark.rule("GOV-3")
def test_a_full_term_is_four_years_less_a_day_also_from_29_february() -> None:
    assert full_term(date(2026, 6, 1), POLICY) == Term(date(2026, 6, 1), date(2030, 5, 31))
    assert full_term(date(2024, 2, 29), POLICY).ends_on == date(2028, 2, 28)


@pytest.mark.rule("GOV-4")
def test_votes_are_cast_within_the_window_of_an_open_election() -> None:
    opens = datetime(2026, 5, 1, tzinfo=UTC)
    closes = datetime(2026, 5, 20, tzinfo=UTC)
    window = {"opens_at": opens, "closes_at": closes}
    check_voting_window(is_open=True, **window, at=opens)
    assert (
        code(lambda: check_voting_window(is_open=False, **window, at=opens))
        == "governance.election_not_open"
    )
    assert (
        code(lambda: check_voting_window(is_open=True, **window, at=closes))
        == "governance.election_closed"
    )
    assert code(lambda: check_first_vote(already_voted=True)) == "governance.already_voted"


def grant(**overrides: object) -> None:
    values: dict[str, object] = {
        "grantor": "KLEIN-1",
        "holder": "PO_GROOT-1",
        "grantor_has_given": False,
        "grantor_holds": 0,
        "holder_has_given": False,
        "holder_holds": 0,
        "policy": POLICY,
    }
    values.update(overrides)
    check_proxy_grant(**values)  # type: ignore[arg-type]


@pytest.mark.rule("GOV-6")
@pytest.mark.parametrize(
    ("overrides", "refusal"),
    [
        ({"holder": None}, "governance.proxy_to_non_holder"),
        ({"holder": "KLEIN-1"}, "governance.proxy_to_self"),
        ({"grantor_has_given": True}, "governance.proxy_already_given"),
        ({"grantor_holds": 1}, "governance.proxy_holder_attends"),
        ({"holder_has_given": True}, "governance.proxy_holder_absent"),
        ({"holder_holds": 2}, "governance.too_many_proxies"),
    ],
)
def test_a_proxy_grant_is_refused_for_each_reason(overrides: dict, refusal: str) -> None:
    assert code(lambda: grant(**overrides)) == refusal


@pytest.mark.rule("GOV-6")
def test_the_proxy_limit_is_a_setting() -> None:
    grant(holder_holds=1)
    grant(holder_holds=2, policy=GovernancePolicy(max_proxies_per_holder=3))


@pytest.mark.rule("GOV-6")
def test_a_holder_votes_for_its_seat_and_the_seats_whose_proxy_it_holds() -> None:
    check_motion_vote(seat="A", voter_seat="A", proxies_held=set(), own_seat_given=False)
    check_motion_vote(seat="B", voter_seat="A", proxies_held={"B"}, own_seat_given=False)
    assert (
        code(
            lambda: check_motion_vote(
                seat="C", voter_seat="A", proxies_held={"B"}, own_seat_given=False
            )
        )
        == "governance.no_proxy"
    )
    assert (
        code(
            lambda: check_motion_vote(
                seat="A", voter_seat="A", proxies_held=set(), own_seat_given=True
            )
        )
        == "governance.vote_given_by_proxy"
    )
    assert (
        code(
            lambda: check_motion_vote(
                seat="A", voter_seat=None, proxies_held=set(), own_seat_given=False
            )
        )
        == "governance.voter_holds_no_seat"
    )


@pytest.mark.rule("GOV-7")
def test_advice_asked_or_unasked_and_the_dates_follow_each_other() -> None:
    check_advice(asked=False, requested_on=None, given_on=date(2026, 3, 1), responded_on=None)
    check_advice(
        asked=True,
        requested_on=date(2026, 2, 1),
        given_on=date(2026, 3, 1),
        responded_on=date(2026, 3, 1),
    )
    assert (
        code(
            lambda: check_advice(
                asked=True, requested_on=None, given_on=date(2026, 3, 1), responded_on=None
            )
        )
        == "governance.advice_request_date"
    )
    assert (
        code(
            lambda: check_advice(
                asked=True,
                requested_on=date(2026, 4, 1),
                given_on=date(2026, 3, 1),
                responded_on=None,
            )
        )
        == "governance.advice_before_request"
    )
    assert (
        code(
            lambda: check_advice(
                asked=False,
                requested_on=None,
                given_on=date(2026, 3, 1),
                responded_on=date(2026, 2, 1),
            )
        )
        == "governance.response_before_advice"
    )


@pytest.mark.rule("GOV-8")
def test_an_executive_term_is_at_most_four_years() -> None:
    check_office_term(term=Term(date(2026, 1, 1), date(2029, 12, 31)), years=4)
    assert (
        code(lambda: check_office_term(term=Term(date(2026, 1, 1), date(2030, 1, 1)), years=4))
        == "governance.office_term_too_long"
    )
    assert (
        code(lambda: check_office_term(term=Term(date(2026, 1, 1), date(2025, 1, 1)), years=4))
        == "governance.term_ends_before_start"
    )
