"""GOV-2 … GOV-9 as pure functions: seats, terms, elections, the double-majority tally and
proxies, and the executive and supervisory boards."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from bundel.registry.domain import CHAMBER_LABELS, Chamber
from bundel.shared.errors import RuleViolation


class Organ(StrEnum):
    """GOV-1: the cooperative's organs."""

    MEMBERS_COUNCIL = "members_council"
    EXECUTIVE_BOARD = "executive_board"
    SUPERVISORY_BOARD = "supervisory_board"
    EXIT_COMMITTEE = "exit_committee"


# GOV-1: the organs whose people are recorded as office holders (the council's are seat holders).
OFFICE_ORGANS = (Organ.EXECUTIVE_BOARD, Organ.SUPERVISORY_BOARD, Organ.EXIT_COMMITTEE)


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


def check_seat_appointment(
    *, seat_chamber: Chamber, board_chamber: Chamber | None, is_member: bool, seat_taken: bool
) -> None:
    """GOV-2: a seat is held by a member board of that seat's chamber, one holder at a time."""
    if not is_member:
        raise RuleViolation("governance.not_a_member")
    if board_chamber != seat_chamber:
        raise RuleViolation(
            "governance.seat_other_chamber",
            seat=seat_chamber.value,
            board=board_chamber.value if board_chamber else "-",
        )
    if seat_taken:
        raise RuleViolation("governance.seat_taken")


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


def full_term(starts_on: date, policy: GovernancePolicy) -> Term:
    """GOV-3: the longest term allowed, starting on `starts_on` (4 years less a day)."""
    return Term(starts_on, add_years(starts_on, policy.max_term_years) - timedelta(days=1))


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


def check_voting_window(
    *, is_open: bool, opens_at: datetime, closes_at: datetime, at: datetime
) -> None:
    """GOV-4: votes are cast while the election is open, within its voting window."""
    if not is_open or at < opens_at:
        raise RuleViolation("governance.election_not_open")
    if at >= closes_at:
        raise RuleViolation("governance.election_closed")


def check_first_vote(*, already_voted: bool) -> None:
    """GOV-4: every member casts one vote; a second is refused."""
    if already_voted:
        raise RuleViolation("governance.already_voted")


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


def check_proxy_grant(
    *,
    grantor: str,
    holder: str | None,
    grantor_has_given: bool,
    grantor_holds: int,
    holder_has_given: bool,
    holder_holds: int,
    policy: GovernancePolicy,
) -> None:
    """GOV-6 for one grant: to the representative of another seat (`holder` None: the person
    holds no seat), no chains (a seat that gave its vote away does not hold others, and a seat
    that holds proxies attends), and at most 2 proxies per holder [setting]."""
    if holder is None:
        raise RuleViolation("governance.proxy_to_non_holder")
    if holder == grantor:
        raise RuleViolation("governance.proxy_to_self")
    if grantor_has_given:
        raise RuleViolation("governance.proxy_already_given")
    if grantor_holds:
        raise RuleViolation("governance.proxy_holder_attends")
    if holder_has_given:
        raise RuleViolation("governance.proxy_holder_absent")
    if holder_holds >= policy.max_proxies_per_holder:
        raise RuleViolation(
            "governance.too_many_proxies", holder=holder, limit=policy.max_proxies_per_holder
        )


def check_motion_vote(
    *, seat: str, voter_seat: str | None, proxies_held: set[str], own_seat_given: bool
) -> None:
    """GOV-6 and GOV-10: a seat holder votes for its own seat (unless it gave its proxy) and for
    the seats whose proxy it holds."""
    if voter_seat is None:
        raise RuleViolation("governance.voter_holds_no_seat")
    if seat == voter_seat:
        if own_seat_given:
            raise RuleViolation("governance.vote_given_by_proxy")
        return
    if seat not in proxies_held:
        raise RuleViolation("governance.no_proxy", seat=seat)


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


def decide_motion(
    votes: Sequence[CastVote], policy: GovernancePolicy, *, proxies_checked: bool = False
) -> MotionOutcome:
    """GOV-5: a motion passes only with (a) more than half of the votes cast in favour and (b) a
    majority in favour in at least 3 of the 4 chambers [setting]; no chamber has a veto.
    Abstentions are recorded and, by default, are not votes cast [setting]. A proxy vote counts
    in the chamber of the seat that gave it (GOV-6). A list of votes on paper is checked for its
    proxies here; the portal checks each proxy when it is granted (`proxies_checked`), and a
    holder may cast a proxy vote before, or without, its own."""
    if not proxies_checked:
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


def outcome_as_dict(outcome: MotionOutcome, policy: GovernancePolicy) -> dict[str, Any]:
    """The stable shape of a tally: `passed`, the totals, both tests and the reason."""
    return {
        "passed": outcome.passed,
        "votes_for": outcome.votes_for,
        "votes_against": outcome.votes_against,
        "abstentions": outcome.abstentions,
        "votes_cast": outcome.votes_cast,
        "majority_of_votes": outcome.majority_of_votes,
        "chambers_in_favour": outcome.chambers_in_favour,
        "chambers_needed": outcome.chambers_needed,
        "chambers": {
            tally.chamber.value: {
                "for": tally.in_favour_votes,
                "against": tally.against,
                "abstain": tally.abstain,
                "in_favour": tally.in_favour(policy),
            }
            for tally in outcome.chambers
        },
        "reason": outcome.reason(),
    }


# --- GOV-7: advice -------------------------------------------------------------------------------


def check_advice(
    *, asked: bool, requested_on: date | None, given_on: date, responded_on: date | None
) -> None:
    """GOV-7: advice, asked or unasked, is recorded with the executive board's response; the
    dates follow each other."""
    if asked and requested_on is None:
        raise RuleViolation("governance.advice_request_date")
    if requested_on is not None and requested_on > given_on:
        raise RuleViolation("governance.advice_before_request")
    if responded_on is not None and responded_on < given_on:
        raise RuleViolation("governance.response_before_advice")


# --- GOV-8 and GOV-9: the executive and supervisory boards ----------------------------------------


def check_office_term(*, term: Term, years: int) -> None:
    """GOV-8: executive terms of 4 years; supervisory terms are held to the same length."""
    if term.ends_on < term.starts_on:
        raise RuleViolation("governance.term_ends_before_start")
    if term.ends_on >= add_years(term.starts_on, years):
        raise RuleViolation("governance.office_term_too_long", years=years)


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
