"""What the council and election pages show, assembled from the governance selectors in the
active language. Election pages show turnout and, after closing, the count per candidate; no
page ever shows which candidate a board chose (GOV-4)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from bundel.governance import policies, selectors
from bundel.governance.models import Candidate, Election, SeatTerm
from bundel.registry.domain import Chamber
from bundel.registry.models import Board
from bundel.shared import clock
from bundel.shared.errors import RuleViolation
from bundel.shared.explain import explain
from bundel.web.registry.presenters import chamber_label

# --- GOV-2, GOV-3: the council ----------------------------------------------------------------


@dataclass(frozen=True)
class ChamberSeats:
    chamber: Chamber
    label: str
    seats: list[selectors.SeatView]
    vacancies: int

    @property
    def size(self) -> int:
        return len(self.seats)

    @property
    def held(self) -> int:
        return sum(1 for view in self.seats if not view.vacant)


@dataclass(frozen=True)
class CouncilPage:
    day: date
    chambers: list[ChamberSeats]
    max_consecutive_terms: int

    @property
    def size(self) -> int:
        return sum(c.size for c in self.chambers)

    @property
    def held(self) -> int:
        return sum(c.held for c in self.chambers)

    @property
    def vacancies(self) -> int:
        return sum(c.vacancies for c in self.chambers)


def council_page(*, day: date) -> CouncilPage:
    council = selectors.council_on(day)
    return CouncilPage(
        day=day,
        chambers=[
            ChamberSeats(chamber, chamber_label(chamber.value), seats, council.vacancies[chamber])
            for chamber, seats in council.by_chamber()
        ],
        max_consecutive_terms=policies.governance_policy().max_consecutive_terms,
    )


def member_boards(*, day: date, chambers: set[str] | None = None) -> list[Board]:
    """The member boards on `day` (of `chambers`), for the lists that suggest a board."""
    boards = Board.objects.filter(number__in=selectors.member_board_numbers_on(day))
    if chambers is not None:
        boards = boards.filter(chamber__in=chambers)
    return list(boards.order_by("name", "number"))


# --- GOV-4: elections -------------------------------------------------------------------------


@dataclass(frozen=True)
class CandidateRow:
    candidate: Candidate
    seat_code: str = ""  # the seat the candidate took, once elected and seated
    refusal: str = ""  # why an elected candidate could not take a seat


@dataclass(frozen=True)
class ChamberCandidates:
    chamber: Chamber
    label: str
    vacancies: int
    rows: list[CandidateRow]
    open_seats: int = 0
    turnout: selectors.Turnout | None = None

    @property
    def tied(self) -> list[CandidateRow]:
        return [r for r in self.rows if r.candidate.outcome == Candidate.Outcome.TIED]


@dataclass(frozen=True)
class ElectionPage:
    election: Election
    chambers: list[ChamberCandidates]
    window_passed: bool
    window_started: bool
    vacancies_total: int
    turnout: list[selectors.Turnout] = field(default_factory=list)

    @property
    def is_draft(self) -> bool:
        return self.election.status == Election.Status.DRAFT

    @property
    def is_open(self) -> bool:
        return self.election.status == Election.Status.OPEN

    @property
    def is_closed(self) -> bool:
        return self.election.status == Election.Status.CLOSED

    @property
    def voting_now(self) -> bool:
        return self.is_open and self.window_started and not self.window_passed

    @property
    def has_tie(self) -> bool:
        return any(c.tied for c in self.chambers)

    @property
    def candidate_count(self) -> int:
        return sum(len(c.rows) for c in self.chambers)


def _vacancies(election: Election) -> dict[str, int]:
    """Before opening, the vacancies the member day would see now; from opening, as fixed."""
    if election.status == Election.Status.DRAFT:
        council = selectors.council_on(election.member_day)
        return {c.value: n for c, n in council.vacancies.items()}
    return {k: int(v) for k, v in election.vacancies.items()}


def _ranked(election: Election, chamber: Chamber, rows: list[Candidate]) -> list[Candidate]:
    """After the count, in the order of the ranking; before it, by board name."""
    result = election.results.get(chamber.value) if election.results else None
    if not result:
        return rows
    order = {str(pk): place for place, (pk, _votes) in enumerate(result.get("ranking", []))}
    return sorted(rows, key=lambda c: (order.get(str(c.pk), len(order)), c.board.name))


def election_page(*, election: Election) -> ElectionPage:
    vacancies = _vacancies(election)
    candidates = list(selectors.candidates_of(election=election))
    is_closed = election.status == Election.Status.CLOSED
    seats = (
        {
            t.board_id: str(t.seat)
            for t in SeatTerm.objects.filter(election=election).select_related("seat")
        }
        if is_closed
        else {}
    )
    show_turnout = election.status != Election.Status.DRAFT
    turnout = selectors.turnout(election=election) if show_turnout else []
    turnout_of = {t.chamber: t for t in turnout}
    chambers = []
    for chamber in Chamber:
        result = election.results.get(chamber.value, {}) if is_closed else {}
        refusals = {
            str(r["candidate"]): explain(RuleViolation(r["code"], **r.get("params", {})))
            for r in result.get("refused", [])
        }
        rows = [
            CandidateRow(c, seats.get(c.board_id, ""), refusals.get(str(c.pk), ""))
            for c in _ranked(election, chamber, [c for c in candidates if c.chamber == chamber])
        ]
        chambers.append(
            ChamberCandidates(
                chamber,
                chamber_label(chamber.value),
                vacancies.get(chamber.value, 0),
                rows,
                int(result.get("open_seats", 0)),
                turnout_of.get(chamber),
            )
        )
    now = clock.now()
    return ElectionPage(
        election=election,
        chambers=chambers,
        window_passed=now >= election.closes_at,
        window_started=now >= election.opens_at,
        vacancies_total=sum(vacancies.values()),
        turnout=turnout,
    )


def candidate_boards(*, election: Election) -> list[Board]:
    """Member boards on the member day, of a chamber with vacancies, not yet standing."""
    open_chambers = {c for c, n in _vacancies(election).items() if n > 0}
    standing = set(selectors.candidates_of(election=election).values_list("board_id", flat=True))
    return [
        b
        for b in member_boards(day=election.member_day, chambers=open_chambers)
        if b.pk not in standing
    ]


def tie_context(*, candidate: Candidate) -> dict[str, Any]:
    election = candidate.election
    result = election.results.get(candidate.chamber, {})
    tied = [
        c
        for c in selectors.candidates_of(election=election, chamber=candidate.chamber)
        if c.outcome == Candidate.Outcome.TIED
    ]
    return {
        "election": election,
        "candidate": candidate,
        "chamber_label": chamber_label(candidate.chamber),
        "tied": tied,
        "open_seats": int(result.get("open_seats", 0)),
    }


# --- GOV-4 for a member representative --------------------------------------------------------


@dataclass(frozen=True)
class Ballot:
    """What a representative's ballot page shows for its own board: the candidates of its
    chamber while it may vote, or why it may not; never what the board voted."""

    election: Election
    board: Board
    state: str  # "open", "voted", "not_yet_open", "closed", "no_chamber"
    candidates: list[Candidate]

    @property
    def chamber_label(self) -> str:
        return chamber_label(self.board.chamber)


def ballot(*, election: Election, board: Board) -> Ballot:
    now = clock.now()
    if election.status == Election.Status.CLOSED or now >= election.closes_at:
        state = "closed"
    elif selectors.has_voted(election=election, board=board):
        state = "voted"
    elif now < election.opens_at:
        state = "not_yet_open"
    elif not board.chamber:
        state = "no_chamber"
    else:
        state = "open"
    candidates = (
        list(selectors.candidates_of(election=election, chamber=board.chamber))
        if state == "open"
        else []
    )
    return Ballot(election, board, state, candidates)


@dataclass(frozen=True)
class OpenElection:
    election: Election
    has_voted: bool


def member_elections(*, board: Board, user: Any) -> dict[str, Any]:
    open_elections = [
        OpenElection(e, selectors.has_voted(election=e, board=board))
        for e in selectors.elections_open_for(user=user, at=clock.now())
    ]
    past = selectors.election_list().filter(status=Election.Status.CLOSED)
    return {"open_elections": open_elections, "past_elections": list(past)}
