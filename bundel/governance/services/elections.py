"""GOV-4: elections before a member day, with one secret vote per member board."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from bundel.accounts.models import User
from bundel.governance import domain, policies, selectors
from bundel.governance.models import Ballot, Candidate, Election, ElectionVoter
from bundel.governance.services.council import seat_appoint
from bundel.registry.domain import Chamber
from bundel.registry.models import Board
from bundel.shared import audit, clock
from bundel.shared.errors import RuleViolation
from bundel.shared.locks import transaction_lock

ELECTION_FIELDS = ["name", "member_day", "opens_at", "closes_at", "status"]


def _check_window(*, member_day: date, opens_at: datetime, closes_at: datetime) -> None:
    if closes_at <= opens_at:
        raise RuleViolation("governance.election_window")
    if closes_at.date() > member_day:
        raise RuleViolation("governance.election_window_after_member_day")


@transaction.atomic
def election_create(
    *, name: str, member_day: date, opens_at: datetime, closes_at: datetime, by: Any = None
) -> Election:
    """GOV-4: the secretary prepares the election of a member day's vacancies."""
    _check_window(member_day=member_day, opens_at=opens_at, closes_at=closes_at)
    election = Election.objects.create(
        name=name.strip(),
        member_day=member_day,
        opens_at=opens_at,
        closes_at=closes_at,
        created_at=clock.now(),
    )
    audit.record(
        election,
        "governance.election.created",
        actor=by,
        after=audit.snapshot(election, ELECTION_FIELDS),
    )
    return election


def _locked(election: Election) -> Election:
    return Election.objects.select_for_update().get(pk=election.pk)


@transaction.atomic
def candidate_add(
    *, election: Election, board: Board, representative_name: str, by: Any = None
) -> Candidate:
    """GOV-4: a member board stands for a vacancy of its own chamber; a board that could not
    take the seat (GOV-2, GOV-3) is refused now, not after it wins."""
    election = _locked(election)
    if election.status != Election.Status.DRAFT:
        raise RuleViolation("governance.election_not_draft")
    if not representative_name.strip():
        raise RuleViolation("governance.representative_required")
    if not selectors.is_member_on(board=board, day=election.member_day):
        raise RuleViolation("governance.not_a_member")
    if not board.chamber:
        raise RuleViolation("governance.voter_without_chamber")
    council = selectors.council_on(election.member_day)
    if council.vacancies.get(Chamber(board.chamber), 0) == 0:
        raise RuleViolation("governance.no_vacancy", chamber=board.chamber)
    policy = policies.governance_policy()
    domain.check_term(
        previous=selectors.board_terms(board=board),
        new=domain.full_term(election.member_day, policy),
        policy=policy,
    )
    if Candidate.objects.filter(election=election, board=board).exists():
        raise RuleViolation("governance.candidate_twice")
    candidate = Candidate.objects.create(
        election=election,
        board=board,
        chamber=board.chamber,
        representative_name=representative_name.strip(),
    )
    audit.record(
        candidate,
        "governance.election.candidate_added",
        actor=by,
        after={"election": election.pk, "board": board.number, "chamber": board.chamber},
    )
    return candidate


@transaction.atomic
def candidate_remove(*, candidate: Candidate, by: Any = None) -> None:
    election = _locked(candidate.election)
    if election.status != Election.Status.DRAFT:
        raise RuleViolation("governance.election_not_draft")
    audit.record(
        candidate,
        "governance.election.candidate_removed",
        actor=by,
        before={"election": election.pk, "board": candidate.board.number},
    )
    candidate.delete()


@transaction.atomic
def election_open(*, election: Election, by: Any = None) -> Election:
    """GOV-4: the vacancies are fixed as the member day will see them; voting starts in the
    window."""
    election = _locked(election)
    if election.status != Election.Status.DRAFT:
        raise RuleViolation("governance.election_not_draft")
    if not election.candidates.exists():
        raise RuleViolation("governance.election_without_candidates")
    before = audit.snapshot(election, ELECTION_FIELDS)
    council = selectors.council_on(election.member_day)
    election.vacancies = {c.value: n for c, n in council.vacancies.items()}
    election.status = Election.Status.OPEN
    election.opened_at = clock.now()
    election.save(update_fields=["vacancies", "status", "opened_at"])
    audit.record(
        election,
        "governance.election.opened",
        actor=by,
        before=before,
        after={**audit.snapshot(election, ELECTION_FIELDS), "vacancies": election.vacancies},
    )
    return election


def election_vote(*, election: Election, candidate: Candidate, voter: User) -> None:
    """GOV-4: a representative casts its board's one vote, for a candidate of its chamber. Who
    voted goes to the turnout register, what was voted to an unlinked ballot, in one
    transaction; a second vote for the same board (even at the same moment) is refused."""
    try:
        _election_vote(election=election, candidate=candidate, voter=voter)
    except IntegrityError:  # the unique (election, board): another representative was first
        raise RuleViolation("governance.already_voted") from None


@transaction.atomic
def _election_vote(*, election: Election, candidate: Candidate, voter: User) -> None:
    board = voter.board
    if board is None:
        raise RuleViolation("governance.voter_holds_no_seat")
    transaction_lock(f"governance:election:{election.pk}:board:{board.pk}")
    election = Election.objects.get(pk=election.pk)
    now = clock.now()
    domain.check_voting_window(
        is_open=election.status == Election.Status.OPEN,
        opens_at=election.opens_at,
        closes_at=election.closes_at,
        at=now,
    )
    if candidate.election_id != election.pk:
        raise RuleViolation("governance.not_a_candidate")
    if not selectors.is_member_on(board=board, day=clock.today()):
        raise RuleViolation("governance.not_a_member")
    domain.check_ballot(
        voter_chamber=Chamber(board.chamber) if board.chamber else None,
        candidate_chamber=Chamber(candidate.chamber),
        policy=policies.governance_policy(),
    )
    domain.check_first_vote(already_voted=selectors.has_voted(election=election, board=board))
    ElectionVoter.objects.create(
        election=election, board=board, chamber=board.chamber, voted_by=voter, voted_at=now
    )
    Ballot.objects.create(election=election, candidate=candidate)
    # ACC-3 without breaking GOV-4: the audit says who voted, never for whom.
    audit.record(
        election,
        "governance.election.voted",
        actor=voter,
        after={"board": board.number, "chamber": board.chamber},
    )


@transaction.atomic
def election_close(*, election: Election, by: Any = None) -> Election:
    """GOV-4: after the window, the ballots are counted per chamber; the vacancies are filled
    in order of votes; a tie for the last seat(s) is reported for the secretary to resolve."""
    election = _locked(election)
    if election.status != Election.Status.OPEN:
        raise RuleViolation("governance.election_not_open")
    if clock.now() < election.closes_at:
        raise RuleViolation(
            "governance.election_still_running",
            closes_at=f"{timezone.localtime(election.closes_at):%d-%m-%Y %H:%M}",
        )
    counts: dict[int, int] = defaultdict(int)
    for candidate_id in Ballot.objects.filter(election=election).values_list(
        "candidate_id", flat=True
    ):
        counts[candidate_id] += 1
    results: dict[str, Any] = {}
    for chamber in Chamber:
        candidates = {
            str(c.pk): c for c in selectors.candidates_of(election=election, chamber=chamber.value)
        }
        vacancies = int(election.vacancies.get(chamber.value, 0))
        result = domain.election_result(
            votes={pk: counts[int(pk)] for pk in candidates},
            vacancies=vacancies,
            chamber=chamber,
        )
        refused: list[dict[str, Any]] = []
        for pk, candidate in candidates.items():
            candidate.votes = counts[int(pk)]
            candidate.outcome = (
                Candidate.Outcome.ELECTED
                if pk in result.elected
                else Candidate.Outcome.TIED
                if pk in result.tied
                else Candidate.Outcome.NOT_ELECTED
            )
            candidate.save(update_fields=["votes", "outcome"])
        for pk in result.elected:
            problem = _seat_candidate(candidates[pk], by=by)
            if problem:
                refused.append({"candidate": pk, "code": problem.code, "params": problem.params})
        results[chamber.value] = {
            "vacancies": vacancies,
            "ranking": [[pk, votes] for pk, votes in result.ranking],
            "elected": list(result.elected),
            "tied": list(result.tied),
            "open_seats": vacancies - len(result.elected) + len(refused),
            "refused": refused,
        }
    election.results = results
    election.status = Election.Status.CLOSED
    election.closed_at = clock.now()
    election.save(update_fields=["results", "status", "closed_at"])
    audit.record(
        election,
        "governance.election.closed",
        actor=by,
        before={"status": "open"},
        after={"status": "closed", "results": results},
    )
    return election


def _seat_candidate(candidate: Candidate, *, by: Any) -> RuleViolation | None:
    """Seat an elected candidate on the lowest vacant seat of its chamber; the reason if the
    seat cannot be taken (its membership ended since it stood, say)."""
    election = candidate.election
    seats = selectors.vacant_seats_on(chamber=candidate.chamber, day=election.member_day)
    try:
        if not seats:
            raise RuleViolation("governance.no_vacancy", chamber=candidate.chamber)
        with transaction.atomic():
            seat_appoint(
                seat=seats[0],
                board=candidate.board,
                representative_name=candidate.representative_name,
                starts_on=election.member_day,
                by=by,
                election=election,
            )
    except RuleViolation as violation:
        return violation
    return None


@transaction.atomic
def election_tie_resolve(*, candidate: Candidate, by: Any = None) -> Election:
    """GOV-4: the secretary resolves a tie (by the rule the member day applies, e.g. lot) by
    naming the tied candidate who takes an open seat; when the seats are filled the other
    tied candidates are not elected."""
    election = _locked(candidate.election)
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    if election.status != Election.Status.CLOSED or candidate.outcome != Candidate.Outcome.TIED:
        raise RuleViolation("governance.not_tied")
    chamber = dict(election.results[candidate.chamber])
    if chamber["open_seats"] <= 0:
        raise RuleViolation("governance.no_vacancy", chamber=candidate.chamber)
    problem = _seat_candidate(candidate, by=by)
    if problem:
        raise problem
    candidate.outcome = Candidate.Outcome.ELECTED
    candidate.save(update_fields=["outcome"])
    chamber["open_seats"] -= 1
    chamber["elected"] = [*chamber["elected"], str(candidate.pk)]
    chamber["tied"] = [pk for pk in chamber["tied"] if pk != str(candidate.pk)]
    if chamber["open_seats"] == 0:
        Candidate.objects.filter(pk__in=[int(pk) for pk in chamber["tied"]]).update(
            outcome=Candidate.Outcome.NOT_ELECTED
        )
        chamber["tied"] = []
    election.results = {**election.results, candidate.chamber: chamber}
    election.save(update_fields=["results"])
    audit.record(
        election,
        "governance.election.tie_resolved",
        actor=by,
        after={"candidate": candidate.pk, "board": candidate.board.number},
    )
    return election
