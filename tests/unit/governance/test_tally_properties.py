"""GOV-5 tested on many small councils: properties that must hold for every vote."""

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bundel.governance.domain import CastVote, GovernancePolicy, Vote, decide_motion
from bundel.registry.domain import Chamber

POLICY = GovernancePolicy()
CHAMBERS = list(Chamber)

ballots = st.lists(
    st.tuples(st.sampled_from(CHAMBERS), st.sampled_from(list(Vote))), min_size=0, max_size=24
).map(lambda rows: [CastVote(f"s{i}", chamber, vote) for i, (chamber, vote) in enumerate(rows)])


@pytest.mark.rule("GOV-5")
@settings(max_examples=400)
@given(ballots)
def test_a_motion_never_passes_with_fewer_than_three_chambers_in_favour(
    ballot: list[CastVote],
) -> None:
    outcome = decide_motion(ballot, POLICY)
    if outcome.chambers_in_favour < 3:
        assert not outcome.passed


@pytest.mark.rule("GOV-5")
@settings(max_examples=400)
@given(ballots)
def test_a_motion_passes_exactly_when_both_tests_hold(ballot: list[CastVote]) -> None:
    outcome = decide_motion(ballot, POLICY)
    votes_for = sum(v.vote is Vote.FOR for v in ballot)
    against = sum(v.vote is Vote.AGAINST for v in ballot)
    assert outcome.majority_of_votes == (votes_for > (votes_for + against) / 2)
    assert outcome.passed == (outcome.majority_of_votes and outcome.chambers_in_favour >= 3)


@pytest.mark.rule("GOV-5")
@settings(max_examples=300)
@given(st.sets(st.sampled_from(CHAMBERS), min_size=3), st.integers(min_value=1, max_value=5))
def test_a_unanimous_vote_cast_in_at_least_three_chambers_passes(
    chambers: set[Chamber], n: int
) -> None:
    ballot = [CastVote(f"{c.value}-{i}", c, Vote.FOR) for c in chambers for i in range(n)]
    assert decide_motion(ballot, POLICY).passed


@pytest.mark.rule("GOV-5")
@settings(max_examples=400)
@given(ballots, st.lists(st.sampled_from(CHAMBERS), max_size=10))
def test_adding_abstentions_never_changes_the_outcome(
    ballot: list[CastVote], abstaining: list[Chamber]
) -> None:
    before = decide_motion(ballot, POLICY)
    extra = [CastVote(f"x{i}", chamber, Vote.ABSTAIN) for i, chamber in enumerate(abstaining)]
    after = decide_motion(ballot + extra, POLICY)
    assert (after.passed, after.majority_of_votes, after.chambers_in_favour) == (
        before.passed,
        before.majority_of_votes,
        before.chambers_in_favour,
    )
    assert after.abstentions == before.abstentions + len(extra)


@pytest.mark.rule("GOV-5")
@settings(max_examples=300)
@given(ballots)
def test_turning_a_vote_against_into_a_vote_for_never_makes_a_motion_fail(
    ballot: list[CastVote],
) -> None:
    against = [i for i, v in enumerate(ballot) if v.vote is Vote.AGAINST]
    if not against:
        return
    before = decide_motion(ballot, POLICY)
    flipped = list(ballot)
    flipped[against[0]] = replace(ballot[against[0]], vote=Vote.FOR)
    assert decide_motion(flipped, POLICY).passed >= before.passed
