"""GOV-2 … GOV-6, GOV-8, GOV-9 as pure functions."""

from datetime import date

import pytest

from bundel.governance.domain import (
    CastVote,
    GovernancePolicy,
    Term,
    Vote,
    check_ballot,
    check_executive_board,
    check_proxies,
    check_supervisor,
    check_supervisory_size,
    check_term,
    council_size,
    decide_motion,
    election_result,
    vacancies,
)
from bundel.registry.domain import Chamber
from bundel.shared.errors import RuleViolation

POLICY = GovernancePolicy()
PO, VO, CO, KL = Chamber.PO_GROOT, Chamber.VO_GROOT, Chamber.COMBINATIE, Chamber.KLEIN


def votes(
    chamber: Chamber, for_: int, against: int, abstain: int = 0, prefix: str = ""
) -> list[CastVote]:
    tag = prefix or chamber.value
    return (
        [CastVote(f"{tag}-f{i}", chamber, Vote.FOR) for i in range(for_)]
        + [CastVote(f"{tag}-a{i}", chamber, Vote.AGAINST) for i in range(against)]
        + [CastVote(f"{tag}-x{i}", chamber, Vote.ABSTAIN) for i in range(abstain)]
    )


@pytest.mark.rule("GOV-2")
def test_the_council_has_34_seats_in_four_chambers() -> None:
    assert council_size(POLICY) == 34
    assert vacancies({PO: 9, VO: 10, CO: 2}, POLICY) == {PO: 1, VO: 0, CO: 6, KL: 6}


@pytest.mark.rule("GOV-2")
def test_a_chamber_cannot_hold_more_seats_than_it_has() -> None:
    with pytest.raises(RuleViolation, match="governance.chamber_full"):
        vacancies({KL: 7}, POLICY)


@pytest.mark.rule("GOV-3")
def test_a_term_is_at_most_four_years() -> None:
    assert (
        check_term(previous=[], new=Term(date(2022, 6, 1), date(2026, 5, 31)), policy=POLICY) == 1
    )
    with pytest.raises(RuleViolation, match="governance.term_too_long"):
        check_term(previous=[], new=Term(date(2022, 6, 1), date(2026, 6, 1)), policy=POLICY)


@pytest.mark.rule("GOV-3")
def test_one_consecutive_re_appointment_is_allowed_and_a_third_term_refused() -> None:
    first = Term(date(2018, 6, 1), date(2022, 5, 31))
    second = Term(date(2022, 6, 1), date(2026, 5, 31))
    assert check_term(previous=[first], new=second, policy=POLICY) == 2
    with pytest.raises(RuleViolation, match="governance.third_consecutive_term"):
        check_term(
            previous=[first, second], new=Term(date(2026, 6, 1), date(2030, 5, 31)), policy=POLICY
        )


@pytest.mark.rule("GOV-3")
def test_after_a_break_a_new_run_of_terms_starts() -> None:
    first = Term(date(2018, 6, 1), date(2022, 5, 31))
    second = Term(date(2022, 6, 1), date(2026, 5, 31))
    assert (
        check_term(
            previous=[first, second], new=Term(date(2027, 6, 1), date(2031, 5, 31)), policy=POLICY
        )
        == 1
    )


@pytest.mark.rule("GOV-3")
def test_overlapping_terms_are_refused() -> None:
    with pytest.raises(RuleViolation, match="governance.terms_overlap"):
        check_term(
            previous=[Term(date(2022, 6, 1), date(2026, 5, 31))],
            new=Term(date(2026, 5, 1), date(2028, 5, 31)),
            policy=POLICY,
        )


@pytest.mark.rule("GOV-4")
def test_a_member_votes_for_candidates_of_its_own_chamber() -> None:
    check_ballot(voter_chamber=KL, candidate_chamber=KL, policy=POLICY)
    with pytest.raises(RuleViolation, match="governance.other_chamber"):
        check_ballot(voter_chamber=KL, candidate_chamber=PO, policy=POLICY)
    check_ballot(
        voter_chamber=KL, candidate_chamber=PO, policy=GovernancePolicy(own_chamber_only=False)
    )
    with pytest.raises(RuleViolation, match="governance.voter_without_chamber"):
        check_ballot(voter_chamber=None, candidate_chamber=PO, policy=POLICY)


@pytest.mark.rule("GOV-4")
def test_vacancies_are_filled_in_order_of_votes() -> None:
    result = election_result(votes={"A": 12, "B": 30, "C": 7, "D": 20}, vacancies=2, chamber=PO)
    assert result.elected == ("B", "D")
    assert not result.has_tie
    assert result.ranking[0] == ("B", 30)


@pytest.mark.rule("GOV-4")
def test_a_tie_for_the_last_seat_is_reported_not_broken() -> None:
    result = election_result(votes={"A": 12, "B": 30, "C": 12, "D": 5}, vacancies=2, chamber=KL)
    assert result.elected == ("B",)
    assert result.tied == ("A", "C")
    assert result.has_tie


@pytest.mark.rule("GOV-4")
def test_fewer_candidates_than_vacancies_are_all_elected() -> None:
    result = election_result(votes={"A": 3}, vacancies=2, chamber=CO)
    assert (result.elected, result.tied) == (("A",), ())


@pytest.mark.rule("GOV-5")
def test_a_majority_of_votes_in_only_two_chambers_does_not_pass() -> None:
    outcome = decide_motion(
        votes(PO, 9, 1) + votes(VO, 9, 1) + votes(CO, 2, 6) + votes(KL, 1, 5), POLICY
    )
    assert outcome.majority_of_votes
    assert outcome.chambers_in_favour == 2
    assert not outcome.passed
    assert outcome.reason() == (
        "failed: 21 of 34 votes cast in favour: more than half; 2 of 4 chambers in favour, 3 needed"
    )


@pytest.mark.rule("GOV-5")
def test_three_chambers_without_a_majority_of_votes_does_not_pass() -> None:
    outcome = decide_motion(
        votes(PO, 0, 10) + votes(VO, 2, 1) + votes(CO, 2, 1) + votes(KL, 2, 1), POLICY
    )
    assert outcome.chambers_in_favour == 3
    assert not outcome.majority_of_votes
    assert not outcome.passed


@pytest.mark.rule("GOV-5")
def test_no_chamber_has_a_veto() -> None:
    outcome = decide_motion(
        votes(PO, 10, 0) + votes(VO, 10, 0) + votes(CO, 8, 0) + votes(KL, 0, 6), POLICY
    )
    assert outcome.passed
    assert outcome.chamber_in_favour[KL] is False


@pytest.mark.rule("GOV-5")
def test_exactly_half_is_not_a_majority() -> None:
    outcome = decide_motion(
        votes(PO, 5, 5) + votes(VO, 5, 5) + votes(CO, 4, 4) + votes(KL, 3, 3), POLICY
    )
    assert (outcome.majority_of_votes, outcome.chambers_in_favour, outcome.passed) == (
        False,
        0,
        False,
    )


@pytest.mark.rule("GOV-5")
def test_abstentions_are_recorded_but_are_not_votes_cast() -> None:
    outcome = decide_motion(
        votes(PO, 3, 2, 5) + votes(VO, 3, 2) + votes(CO, 3, 2) + votes(KL, 3, 2), POLICY
    )
    assert (outcome.abstentions, outcome.votes_cast, outcome.passed) == (5, 20, True)
    counted = GovernancePolicy(abstentions_are_votes_cast=True)
    assert not decide_motion(votes(PO, 3, 2, 5), counted).chamber_in_favour[PO]


@pytest.mark.rule("GOV-5")
def test_the_number_of_chambers_needed_is_a_setting() -> None:
    ballot = votes(PO, 9, 1) + votes(VO, 9, 1) + votes(CO, 2, 6) + votes(KL, 1, 5)
    assert decide_motion(ballot, GovernancePolicy(chambers_needed=2)).passed


@pytest.mark.rule("GOV-6")
def test_a_proxy_vote_counts_in_the_chamber_of_the_seat_that_gave_it() -> None:
    ballot = [
        CastVote("po-1", PO, Vote.FOR),
        CastVote("kl-1", KL, Vote.FOR, cast_by="po-1"),
        CastVote("kl-2", KL, Vote.AGAINST),
    ]
    outcome = decide_motion(ballot, POLICY)
    klein = next(t for t in outcome.chambers if t.chamber is KL)
    assert (klein.in_favour_votes, klein.against) == (1, 1)


@pytest.mark.rule("GOV-6")
def test_one_representative_holds_at_most_two_proxies() -> None:
    ballot = [CastVote("po-1", PO, Vote.FOR)] + [
        CastVote(f"vo-{i}", VO, Vote.FOR, cast_by="po-1") for i in range(3)
    ]
    check_proxies(ballot[:3], POLICY)
    with pytest.raises(RuleViolation, match="governance.too_many_proxies"):
        check_proxies(ballot, POLICY)


@pytest.mark.rule("GOV-6")
def test_a_proxy_to_someone_without_a_seat_is_refused() -> None:
    with pytest.raises(RuleViolation, match="governance.proxy_without_seat"):
        check_proxies([CastVote("vo-1", VO, Vote.FOR, cast_by="a-visitor")], POLICY)


@pytest.mark.rule("GOV-6")
def test_a_seat_votes_once() -> None:
    with pytest.raises(RuleViolation, match="governance.seat_twice"):
        check_proxies([CastVote("vo-1", VO, Vote.FOR), CastVote("vo-1", VO, Vote.AGAINST)], POLICY)


@pytest.mark.rule("GOV-8")
def test_the_executive_board_has_five_persons() -> None:
    check_executive_board(members=4, policy=POLICY)
    with pytest.raises(RuleViolation, match="governance.executive_board_full"):
        check_executive_board(members=6, policy=POLICY)


@pytest.mark.rule("GOV-9")
@pytest.mark.parametrize(("size", "allowed"), [(2, False), (3, True), (5, True), (6, False)])
def test_the_supervisory_board_has_three_to_five_persons(size: int, allowed: bool) -> None:
    if allowed:
        check_supervisory_size(size_set_by_council=size, policy=POLICY)
    else:
        with pytest.raises(RuleViolation, match="governance.supervisory_size"):
            check_supervisory_size(size_set_by_council=size, policy=POLICY)


@pytest.mark.rule("GOV-9")
def test_a_supervisor_employed_by_a_member_board_is_refused_with_the_reason() -> None:
    with pytest.raises(RuleViolation, match="governance.supervisor_not_independent"):
        check_supervisor(
            employer_board_number="41775", member_board_numbers={"41775"}, seated=1, size=3
        )
    # employed by a supplier of members, or by a board that is not a member: allowed
    check_supervisor(employer_board_number=None, member_board_numbers={"41775"}, seated=1, size=3)
    check_supervisor(
        employer_board_number="10001", member_board_numbers={"41775"}, seated=1, size=3
    )
    with pytest.raises(RuleViolation, match="governance.supervisory_board_full"):
        check_supervisor(employer_board_number=None, member_board_numbers=set(), seated=3, size=3)
