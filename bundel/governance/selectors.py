"""Governance reads: the council on a day, elections and turnout, meetings and tallies,
published decisions, advice and the boards."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet

from bundel.accounts.models import User
from bundel.governance import domain, policies
from bundel.governance.models import (
    Advice,
    Candidate,
    Election,
    ElectionVoter,
    Meeting,
    Motion,
    MotionVote,
    OfficeHolder,
    OrganChoices,
    Proxy,
    Seat,
    SeatTerm,
    SupervisorySize,
)
from bundel.membership.models import Membership
from bundel.registry.domain import Chamber
from bundel.registry.models import Board


def terms_running_on(day: date) -> QuerySet[SeatTerm]:
    """GOV-2: the terms that hold a seat on `day` (an early end is the term's last day)."""
    return SeatTerm.objects.filter(starts_on__lte=day, ends_on__gte=day).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=day)
    )


def term_of_seat_on(*, seat: Seat, day: date) -> SeatTerm | None:
    return terms_running_on(day).filter(seat=seat).select_related("board").first()


def term_of_board_on(*, board: Board, day: date) -> SeatTerm | None:
    return terms_running_on(day).filter(board=board).select_related("seat").first()


def seat_of_user_on(*, user: User, day: date) -> Seat | None:
    """The seat a representative votes for: the one its board holds on `day`."""
    if not user.board_id:
        return None
    term = terms_running_on(day).filter(board_id=user.board_id).select_related("seat").first()
    return term.seat if term else None


def seat_by_code(code: str) -> Seat | None:
    chamber, _, number = code.partition("-")
    if not number.isdigit():
        return None
    return Seat.objects.filter(chamber=chamber, number=int(number)).first()


def board_terms(*, board: Board) -> list[domain.Term]:
    """GOV-3: a board's earlier terms, as the term rule reads them."""
    return [
        domain.Term(t.starts_on, t.last_day)
        for t in SeatTerm.objects.filter(board=board).order_by("starts_on")
    ]


def is_member_on(*, board: Board, day: date) -> bool:
    """A member on `day`: its membership has started and not passed its last day."""
    return (
        Membership.objects.filter(board=board, starts_on__lte=day)
        .exclude(status=Membership.Status.ENDED)
        .filter(Q(last_day__isnull=True) | Q(last_day__gte=day))
        .exists()
    )


def membership_last_day(*, board: Board) -> date | None:
    """The last day of the board's latest membership that has one (notice given or ended)."""
    return (
        Membership.objects.filter(board=board, last_day__isnull=False)
        .order_by("-last_day")
        .values_list("last_day", flat=True)
        .first()
    )


def member_board_numbers_on(day: date) -> set[str]:
    return set(
        Membership.objects.filter(starts_on__lte=day)
        .exclude(status=Membership.Status.ENDED)
        .filter(Q(last_day__isnull=True) | Q(last_day__gte=day))
        .values_list("board__number", flat=True)
    )


@dataclass(frozen=True)
class SeatView:
    seat: Seat
    term: SeatTerm | None

    @property
    def vacant(self) -> bool:
        return self.term is None


@dataclass(frozen=True)
class Council:
    """GOV-2: every seat on a day, who holds it, and the vacancies per chamber."""

    day: date
    seats: list[SeatView]
    vacancies: dict[Chamber, int]

    def by_chamber(self) -> list[tuple[Chamber, list[SeatView]]]:
        return [(c, [v for v in self.seats if v.seat.chamber == c.value]) for c in Chamber]

    @property
    def vacancy_total(self) -> int:
        return sum(self.vacancies.values())


def council_on(day: date) -> Council:
    terms = {t.seat_id: t for t in terms_running_on(day).select_related("board")}
    seats = [SeatView(seat, terms.get(seat.pk)) for seat in Seat.objects.all()]
    filled = Counter(Chamber(v.seat.chamber) for v in seats if v.term is not None)
    policy = policies.governance_policy()
    total = Counter(Chamber(v.seat.chamber) for v in seats)
    vacancies = {c: max(0, min(total[c], policy.seats.get(c, 0)) - filled[c]) for c in Chamber}
    return Council(day, seats, vacancies)


def vacant_seats_on(*, chamber: str, day: date) -> list[Seat]:
    taken = terms_running_on(day).values_list("seat_id", flat=True)
    return list(Seat.objects.filter(chamber=chamber).exclude(pk__in=taken).order_by("number"))


# --- elections ------------------------------------------------------------------------------------


def election_list() -> QuerySet[Election]:
    return Election.objects.annotate(
        candidate_count=Count("candidates", distinct=True),
        voter_count=Count("voters", distinct=True),
    )


def candidates_of(*, election: Election, chamber: str | None = None) -> QuerySet[Candidate]:
    rows = Candidate.objects.filter(election=election).select_related("board")
    return rows.filter(chamber=chamber) if chamber else rows


def has_voted(*, election: Election, board: Board) -> bool:
    return ElectionVoter.objects.filter(election=election, board=board).exists()


@dataclass(frozen=True)
class Turnout:
    """GOV-4: how many member boards voted, per chamber; never what they voted."""

    chamber: Chamber
    voted: int
    eligible: int

    @property
    def percentage(self) -> float:
        return 100 * self.voted / self.eligible if self.eligible else 0.0


def turnout(*, election: Election) -> list[Turnout]:
    voted = Counter(
        ElectionVoter.objects.filter(election=election).values_list("chamber", flat=True)
    )
    day = min(election.closes_at.date(), election.member_day)
    eligible = Counter(
        Board.objects.filter(number__in=member_board_numbers_on(day)).values_list(
            "chamber", flat=True
        )
    )
    return [Turnout(c, voted[c.value], eligible[c.value]) for c in Chamber]


def elections_open_for(*, user: User, at: Any) -> QuerySet[Election]:
    """The open elections whose voting window includes `at`, for a representative's home."""
    return Election.objects.filter(
        status=Election.Status.OPEN, opens_at__lte=at, closes_at__gt=at
    ).order_by("closes_at")


# --- meetings, motions and decisions --------------------------------------------------------------


def meeting_list() -> QuerySet[Meeting]:
    return Meeting.objects.annotate(motion_count=Count("motions"))


def proxies_of(*, meeting: Meeting) -> QuerySet[Proxy]:
    return Proxy.objects.filter(meeting=meeting).select_related("grantor", "holder")


def proxies_held(*, meeting: Meeting, seat: Seat) -> list[Seat]:
    return [p.grantor for p in proxies_of(meeting=meeting).filter(holder=seat)]


def proxy_given(*, meeting: Meeting, seat: Seat) -> Proxy | None:
    return proxies_of(meeting=meeting).filter(grantor=seat).first()


def votes_of(*, motion: Motion) -> QuerySet[MotionVote]:
    return MotionVote.objects.filter(motion=motion).select_related("seat", "cast_by")


def cast_votes(*, motion: Motion) -> list[domain.CastVote]:
    return [
        domain.CastVote(
            seat=v.seat.code,
            chamber=Chamber(v.chamber),
            vote=domain.Vote(v.vote),
            cast_by=v.cast_by.code if v.cast_by else None,
        )
        for v in votes_of(motion=motion)
    ]


def motion_tally(*, motion: Motion) -> dict[str, Any]:
    """GOV-5: the stored tally of a decided motion, or the running tally of an open one."""
    if motion.status == Motion.Status.CLOSED and motion.outcome:
        return dict(motion.outcome)
    policy = policies.governance_policy()
    return domain.outcome_as_dict(
        domain.decide_motion(cast_votes(motion=motion), policy, proxies_checked=True), policy
    )


def decisions_published() -> QuerySet[Motion]:
    """GOV-10: published decisions, visible to every member."""
    return (
        Motion.objects.filter(status=Motion.Status.CLOSED, published_at__isnull=False)
        .select_related("meeting")
        .order_by("-meeting__held_on", "number")
    )


def meetings_with_published_minutes() -> QuerySet[Meeting]:
    return Meeting.objects.filter(minutes_published_at__isnull=False)


# --- advice and the boards ------------------------------------------------------------------------


def advice_list() -> QuerySet[Advice]:
    return Advice.objects.select_related("meeting")


def office_holders_on(*, organ: str, day: date) -> QuerySet[OfficeHolder]:
    return OfficeHolder.objects.filter(organ=organ, starts_on__lte=day, ends_on__gte=day).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=day)
    )


def supervisory_size() -> SupervisorySize | None:
    return SupervisorySize.objects.order_by("-decided_on", "-id").first()


@dataclass(frozen=True)
class OrganView:
    organ: str
    label: str
    holders: list[OfficeHolder]
    size: int | None  # the number of seats: the setting (executive) or the council's (supervisory)


def organs_on(day: date) -> list[OrganView]:
    """GOV-1, GOV-8, GOV-9: the organs besides the council and who serves on them."""
    policy = policies.governance_policy()
    size = supervisory_size()
    sizes = {
        OrganChoices.EXECUTIVE_BOARD.value: policy.executive_board_size,
        OrganChoices.SUPERVISORY_BOARD.value: size.size if size else None,
        OrganChoices.EXIT_COMMITTEE.value: None,
    }
    return [
        OrganView(
            organ.value,
            str(OrganChoices(organ.value).label),
            list(office_holders_on(organ=organ.value, day=day).select_related("employer_board")),
            sizes[organ.value],
        )
        for organ in domain.OFFICE_ORGANS
    ]
