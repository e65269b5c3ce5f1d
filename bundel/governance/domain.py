"""GOV-2 … GOV-9 as pure functions: seats, terms, elections, the double-majority tally and
proxies, and the executive and supervisory boards."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from bundel.registry.domain import CHAMBER_LABELS, Chamber
from bundel.shared.errors import RuleViolation


class Vote(StrEnum):
    FOR = "for"
    AGAINST = "against"
    ABSTAIN = "abstain"


def _default_seats() -> dict[Chamber, int]:
    return {Chamber.PO_GROOT: 10, Chamber.VO_GROOT: 10, Chamber.COMBINATIE: 8, Chamber.KLEIN: 6}


@dataclass(frozen=True)
class GovernancePolicy:
    """The spec's [setting]s for governance."""

    seats: Mapping[Chamber, int] = field(default_factory=_default_seats)  # GOV-2
    max_term_years: int = 4  # GOV-3
    max_consecutive_terms: int = 2  # GOV-3: one consecutive re-appointment
    own_chamber_only: bool = True  # GOV-4
    chambers_needed: int = 3  # GOV-5: of 4
    abstentions_are_votes_cast: bool = False  # GOV-5
    max_proxies_per_holder: int = 2  # GOV-6
    executive_board_size: int = 5  # GOV-8
    executive_term_years: int = 4  # GOV-8
    supervisory_board_min: int = 3  # GOV-9
    supervisory_board_max: int = 5  # GOV-9


# --- GOV-2: the members' council ------------------------------------------------------------------


def council_size(policy: GovernancePolicy) -> int:
    """GOV-2: 34 seats by default (PO Groot 10, VO Groot 10, Combinatie 8, Klein 6)."""
    return sum(policy.seats.values())


def vacancies(filled: Mapping[Chamber, int], policy: GovernancePolicy) -> dict[Chamber, int]:
    """GOV-2: empty seats per chamber are vacancies, shown as such."""
    result = {}
    for chamber, seats in policy.seats.items():
        taken = filled.get(chamber, 0)
        if taken > seats:
            raise RuleViolation("governance.chamber_full", chamber=chamber.value, seats=seats)
        result[chamber] = seats - taken
    return result


# --- GOV-3: terms ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """A seat term: first and last day, both included."""

    starts_on: date
    ends_on: date


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def check_term(*, previous: Sequence[Term], new: Term, policy: GovernancePolicy) -> int:
    """GOV-3: a term is at most 4 years, with one consecutive re-appointment; a third
    consecutive term is refused. Returns the new term's place in its run (1 or 2)."""
    if new.ends_on < new.starts_on:
        raise RuleViolation("governance.term_ends_before_start")
    if new.ends_on >= add_years(new.starts_on, policy.max_term_years):
        raise RuleViolation("governance.term_too_long", years=policy.max_term_years)
    run = 1
    cursor = new.starts_on
    for term in sorted(previous, key=lambda t: t.starts_on, reverse=True):
        if term.ends_on >= new.starts_on:
            raise RuleViolation("governance.terms_overlap")
        if term.ends_on + timedelta(days=1) < cursor:
            break  # a gap: the run of consecutive terms ends here
        run += 1
        cursor = term.starts_on
    if run > policy.max_consecutive_terms:
        raise RuleViolation("governance.third_consecutive_term", terms=policy.max_consecutive_terms)
    return run


# --- GOV-4: elections -----------------------------------------------------------------------------


def check_ballot(
    *, voter_chamber: Chamber | None, candidate_chamber: Chamber, policy: GovernancePolicy
) -> None:
    """GOV-4: a member votes for candidates of its own chamber [setting]."""
    if voter_chamber is None:
        raise RuleViolation("governance.voter_without_chamber")
    if policy.own_chamber_only and voter_chamber != candidate_chamber:
        raise RuleViolation(
            "governance.other_chamber", voter=voter_chamber.value, candidate=candidate_chamber.value
        )


@dataclass(frozen=True)
class ChamberResult:
    chamber: Chamber
    vacancies: int
    ranking: tuple[tuple[str, int], ...]  # candidate, votes; most votes first
    elected: tuple[str, ...]
    tied: tuple[str, ...]  # candidates tied for the last seats: for the secretary to resolve

    @property
    def has_tie(self) -> bool:
        return bool(self.tied)


def election_result(*, votes: Mapping[str, int], vacancies: int, chamber: Chamber) -> ChamberResult:
    """GOV-4: the vacancies are filled in order of votes; candidates tied for the last seat(s)
    are reported, not chosen between: those seats stay open until the tie is resolved."""
    ranking = tuple(sorted(votes.items(), key=lambda item: (-item[1], item[0])))
    if vacancies <= 0 or not ranking:
        return ChamberResult(chamber, vacancies, ranking, (), ())
    if len(ranking) <= vacancies:
        return ChamberResult(chamber, vacancies, ranking, tuple(c for c, _ in ranking), ())
    boundary = ranking[vacancies - 1][1]
    if ranking[vacancies][1] < boundary:
        return ChamberResult(
            chamber, vacancies, ranking, tuple(c for c, _ in ranking[:vacancies]), ()
        )
    elected = tuple(c for c, n in ranking if n > boundary)
    tied = tuple(c for c, n in ranking if n == boundary)
    return ChamberResult(chamber, vacancies, ranking, elected, tied)


# --- GOV-5 and GOV-6: motions, votes and proxies --------------------------------------------------


@dataclass(frozen=True)
class CastVote:
    """One seat's vote on a motion; `cast_by` is the seat whose representative cast it by proxy."""

    seat: str
    chamber: Chamber
    vote: Vote
    cast_by: str | None = None


def check_proxies(votes: Sequence[CastVote], policy: GovernancePolicy) -> None:
    """GOV-6: a proxy goes to the representative of another seat (one that votes here), and one
    representative holds at most 2 proxies."""
    seats = Counter(v.seat for v in votes)
    twice = [seat for seat, n in seats.items() if n > 1]
    if twice:
        raise RuleViolation("governance.seat_twice", seat=twice[0])
    held: Counter[str] = Counter()
    for vote in votes:
        if vote.cast_by is None or vote.cast_by == vote.seat:
            continue
        if vote.cast_by not in seats:
            raise RuleViolation(
                "governance.proxy_without_seat", seat=vote.seat, holder=vote.cast_by
            )
        held[vote.cast_by] += 1
        if held[vote.cast_by] > policy.max_proxies_per_holder:
            raise RuleViolation(
                "governance.too_many_proxies",
                holder=vote.cast_by,
                limit=policy.max_proxies_per_holder,
            )


@dataclass(frozen=True)
class ChamberTally:
    chamber: Chamber
    in_favour_votes: int = 0
    against: int = 0
    abstain: int = 0

    def cast(self, policy: GovernancePolicy) -> int:
        extra = self.abstain if policy.abstentions_are_votes_cast else 0
        return self.in_favour_votes + self.against + extra

    def in_favour(self, policy: GovernancePolicy) -> bool:
        """A majority of that chamber's votes cast is in favour (none cast: not in favour)."""
        return 2 * self.in_favour_votes > self.cast(policy)


@dataclass(frozen=True)
class MotionOutcome:
    """GOV-5: both tests are kept, so the tally can say why a motion passed or failed."""

    passed: bool
    majority_of_votes: bool
    votes_for: int
    votes_against: int
    abstentions: int
    votes_cast: int
    chambers_in_favour: int
    chambers_needed: int
    chambers: tuple[ChamberTally, ...]
    chamber_in_favour: Mapping[Chamber, bool]

    def reason(self) -> str:
        """Why, in English; the UI builds its Dutch sentence from the same fields."""
        majority = f"{self.votes_for} of {self.votes_cast} votes cast in favour: " + (
            "more than half" if self.majority_of_votes else "not more than half"
        )
        chambers = (
            f"{self.chambers_in_favour} of {len(self.chambers)} chambers in favour, "
            f"{self.chambers_needed} needed"
        )
        verdict = "passed" if self.passed else "failed"
        return f"{verdict}: {majority}; {chambers}"


def decide_motion(votes: Sequence[CastVote], policy: GovernancePolicy) -> MotionOutcome:
    """GOV-5: a motion passes only with (a) more than half of the votes cast in favour and (b) a
    majority in favour in at least 3 of the 4 chambers [setting]; no chamber has a veto.
    Abstentions are recorded and, by default, are not votes cast [setting]. A proxy vote counts
    in the chamber of the seat that gave it (GOV-6)."""
    check_proxies(votes, policy)
    counts: dict[Chamber, Counter[Vote]] = {chamber: Counter() for chamber in Chamber}
    for vote in votes:
        counts[vote.chamber][vote.vote] += 1
    chambers = tuple(
        ChamberTally(chamber, c[Vote.FOR], c[Vote.AGAINST], c[Vote.ABSTAIN])
        for chamber, c in counts.items()
    )
    votes_for = sum(t.in_favour_votes for t in chambers)
    against = sum(t.against for t in chambers)
    abstentions = sum(t.abstain for t in chambers)
    cast = votes_for + against + (abstentions if policy.abstentions_are_votes_cast else 0)
    in_favour = {t.chamber: t.in_favour(policy) for t in chambers}
    chambers_in_favour = sum(in_favour.values())
    majority = 2 * votes_for > cast
    return MotionOutcome(
        passed=majority and chambers_in_favour >= policy.chambers_needed,
        majority_of_votes=majority,
        votes_for=votes_for,
        votes_against=against,
        abstentions=abstentions,
        votes_cast=cast,
        chambers_in_favour=chambers_in_favour,
        chambers_needed=policy.chambers_needed,
        chambers=chambers,
        chamber_in_favour=in_favour,
    )


# --- GOV-8 and GOV-9: the executive and supervisory boards ----------------------------------------


def check_executive_board(*, members: int, policy: GovernancePolicy) -> None:
    """GOV-8: the executive board has 5 persons [setting]."""
    if members > policy.executive_board_size:
        raise RuleViolation("governance.executive_board_full", size=policy.executive_board_size)


def check_supervisory_size(*, size_set_by_council: int, policy: GovernancePolicy) -> None:
    """GOV-9: 3 to 5 natural persons, the number set by the council."""
    if not policy.supervisory_board_min <= size_set_by_council <= policy.supervisory_board_max:
        raise RuleViolation(
            "governance.supervisory_size",
            minimum=policy.supervisory_board_min,
            maximum=policy.supervisory_board_max,
        )


def check_supervisor(
    *, employer_board_number: str | None, member_board_numbers: set[str], seated: int, size: int
) -> None:
    """GOV-9: a supervisor may not be employed by a member board (delivering services to a
    member is allowed); the board has no more seats than the council set."""
    if employer_board_number is not None and employer_board_number in member_board_numbers:
        raise RuleViolation("governance.supervisor_not_independent", board=employer_board_number)
    if seated >= size:
        raise RuleViolation("governance.supervisory_board_full", size=size)


def chamber_label(chamber: Chamber) -> str:
    return CHAMBER_LABELS[chamber]
