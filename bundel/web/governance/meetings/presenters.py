"""What the meeting pages show: the seats held on the meeting day, each vote and how it was cast,
a seat holder's ballots, and the tally of GOV-5 with its outcome in words built from the tally's
fields (the tally's own `reason` is English)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from bundel.accounts.models import User
from bundel.governance import policies, selectors
from bundel.governance.models import Meeting, Motion, MotionVote, Proxy, Seat, SeatTerm
from bundel.registry.domain import CHAMBER_LABELS, Chamber

# --- Seats ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class HeldSeat:
    """A seat held on the meeting day, with the board that holds it."""

    seat: Seat
    term: SeatTerm

    @property
    def board_name(self) -> str:
        return self.term.board.display_name

    @property
    def label(self) -> str:
        return f"{self.seat} – {self.board_name}"


def held_seats(meeting: Meeting) -> list[HeldSeat]:
    """GOV-2: the seats held on the meeting day, chamber by chamber: those that attend, vote
    and give or hold proxies."""
    council = selectors.council_on(meeting.held_on)
    return [
        HeldSeat(view.seat, view.term)
        for _chamber, views in council.by_chamber()
        for view in views
        if view.term is not None
    ]


def person_name(user: User | None) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


# --- The tally (GOV-5) ----------------------------------------------------------------------


@dataclass(frozen=True)
class ChamberResult:
    chamber: Chamber
    votes_for: int
    against: int
    abstain: int
    in_favour: bool

    @property
    def label(self) -> str:
        return CHAMBER_LABELS[self.chamber]


@dataclass(frozen=True)
class TallyView:
    """Both tests of GOV-5, the chambers one by one, and the outcome."""

    is_final: bool
    passed: bool
    votes_for: int
    votes_against: int
    abstentions: int
    votes_cast: int
    majority_of_votes: bool
    chambers_in_favour: int
    chambers_needed: int
    chambers: list[ChamberResult]
    abstentions_counted: bool

    @property
    def chamber_count(self) -> int:
        return len(self.chambers)

    @property
    def has_enough_chambers(self) -> bool:
        return self.chambers_in_favour >= self.chambers_needed

    @property
    def reason(self) -> str:
        return outcome_sentence(self)


def tally_view(tally: Mapping[str, Any], *, is_final: bool) -> TallyView:
    """The tally dict (domain.outcome_as_dict) as the pages show it, chambers in their order."""
    per_chamber = tally.get("chambers", {})
    chambers = [
        ChamberResult(
            chamber,
            per_chamber[chamber.value]["for"],
            per_chamber[chamber.value]["against"],
            per_chamber[chamber.value]["abstain"],
            per_chamber[chamber.value]["in_favour"],
        )
        for chamber in Chamber
        if chamber.value in per_chamber
    ]
    votes_for, against = tally["votes_for"], tally["votes_against"]
    abstentions, votes_cast = tally["abstentions"], tally["votes_cast"]
    counted = (
        votes_cast > votes_for + against
        if abstentions
        else policies.governance_policy().abstentions_are_votes_cast
    )
    return TallyView(
        is_final=is_final,
        passed=tally["passed"],
        votes_for=votes_for,
        votes_against=against,
        abstentions=abstentions,
        votes_cast=votes_cast,
        majority_of_votes=tally["majority_of_votes"],
        chambers_in_favour=tally["chambers_in_favour"],
        chambers_needed=tally["chambers_needed"],
        chambers=chambers,
        abstentions_counted=counted,
    )


def motion_tally_view(motion: Motion) -> TallyView | None:
    """The stored tally of a decided motion, the running tally of an open one, none before."""
    if motion.status == Motion.Status.DRAFT:
        return None
    return tally_view(
        selectors.motion_tally(motion=motion), is_final=motion.status == Motion.Status.CLOSED
    )


def outcome_sentence(tally: TallyView) -> str:
    """Why the motion passed or failed, in one sentence that names both tests."""
    if tally.votes_cast == 0:
        return _("Failed: no votes were cast for or against the motion.")
    figures = {
        "for": tally.votes_for,
        "cast": tally.votes_cast,
        "chambers": tally.chambers_in_favour,
        "total": tally.chamber_count,
        "needed": tally.chambers_needed,
    }
    if tally.passed:
        text = _(
            "Passed: more than half of the votes cast are in favour (%(for)s of %(cast)s), and "
            "the number of chambers in favour is %(chambers)s of %(total)s, at least the "
            "%(needed)s needed."
        )
    elif tally.majority_of_votes:
        text = _(
            "Failed: more than half of the votes cast are in favour (%(for)s of %(cast)s), but "
            "the number of chambers in favour is only %(chambers)s of %(total)s, where "
            "%(needed)s are needed."
        )
    elif tally.has_enough_chambers:
        text = _(
            "Failed: not more than half of the votes cast are in favour (%(for)s of %(cast)s), "
            "although the number of chambers in favour is %(chambers)s of %(total)s, with "
            "%(needed)s needed."
        )
    else:
        text = _(
            "Failed: not more than half of the votes cast are in favour (%(for)s of %(cast)s), "
            "and the number of chambers in favour is only %(chambers)s of %(total)s, where "
            "%(needed)s are needed."
        )
    return text % figures


# --- Votes per seat -------------------------------------------------------------------------


@dataclass(frozen=True)
class VoteRow:
    """One seat on the motion: its vote, if cast, and how it was cast."""

    seat: Seat
    board_name: str
    vote: MotionVote | None

    @property
    def how(self) -> str:
        vote = self.vote
        if vote is None:
            return ""
        if vote.show_of_hands and vote.cast_by is not None:
            return _("show of hands, by the proxy holder %(holder)s") % {"holder": vote.cast_by}
        if vote.show_of_hands:
            return _("show of hands")
        if vote.cast_by is not None:
            return _("by proxy, cast by %(holder)s") % {"holder": vote.cast_by}
        return _("by its own representative")

    @property
    def recorded_by(self) -> str:
        return person_name(self.vote.recorded_by) if self.vote else ""


def vote_rows(motion: Motion, seats: list[HeldSeat]) -> list[VoteRow]:
    """Every seat held on the meeting day, voted or not yet."""
    votes = {
        vote.seat_id: vote
        for vote in selectors.votes_of(motion=motion).select_related("recorded_by")
    }
    rows = [VoteRow(held.seat, held.board_name, votes.pop(held.seat.pk, None)) for held in seats]
    # A vote whose seat is no longer held that day still shows.
    rows += [VoteRow(vote.seat, "", vote) for vote in votes.values()]
    return rows


# --- A seat holder's meeting (GOV-6, GOV-10) --------------------------------------------------


@dataclass(frozen=True)
class SeatBallot:
    """A seat the representative votes for on one motion, and the vote already cast for it."""

    seat: Seat
    is_own: bool
    cast: MotionVote | None


@dataclass(frozen=True)
class MotionBallots:
    motion: Motion
    ballots: list[SeatBallot]


@dataclass(frozen=True)
class MemberMeeting:
    meeting: Meeting
    seat: Seat | None  # the board's seat on the meeting day
    proxy_given: Proxy | None
    proxies_held: list[Seat]
    open_motions: list[MotionBallots]
    other_motions: list[Motion]
    holders: list[HeldSeat]  # the seats of other boards: who can hold this seat's proxy

    @property
    def is_open(self) -> bool:
        return self.meeting.closed_at is None

    @property
    def can_give_proxy(self) -> bool:
        return self.is_open and self.seat is not None and self.proxy_given is None


def member_meeting(*, meeting: Meeting, user: User) -> MemberMeeting:
    """What a representative sees of a meeting: only its own board's seat and the seats whose
    proxy that seat holds (ACC-2)."""
    seat = selectors.seat_of_user_on(user=user, day=meeting.held_on)
    given = selectors.proxy_given(meeting=meeting, seat=seat) if seat else None
    held = selectors.proxies_held(meeting=meeting, seat=seat) if seat else []
    voting = ([] if seat is None or given else [seat]) + held
    motions = list(meeting.motions.all())
    open_motions = []
    for motion in motions:
        if motion.status != Motion.Status.OPEN:
            continue
        cast = {vote.seat_id: vote for vote in selectors.votes_of(motion=motion)}
        ballots = [SeatBallot(s, s.pk == getattr(seat, "pk", None), cast.get(s.pk)) for s in voting]
        open_motions.append(MotionBallots(motion, ballots))
    return MemberMeeting(
        meeting=meeting,
        seat=seat,
        proxy_given=given,
        proxies_held=held,
        open_motions=open_motions,
        other_motions=[m for m in motions if m.status != Motion.Status.OPEN],
        holders=[h for h in held_seats(meeting) if h.term.board_id != user.board_id],
    )


@dataclass(frozen=True)
class MeetingRow:
    meeting: Meeting
    seat: Seat | None


def current_meetings(*, user: User) -> list[MeetingRow]:
    """GOV-10: the meetings still running or to come, with the seat the board holds that day."""
    meetings: QuerySet[Meeting] = selectors.meeting_list().filter(closed_at__isnull=True)
    return [
        MeetingRow(meeting, selectors.seat_of_user_on(user=user, day=meeting.held_on))
        for meeting in meetings.order_by("held_on", "id")
    ]


# --- Published decisions (GOV-10) -----------------------------------------------------------


@dataclass(frozen=True)
class Decision:
    motion: Motion
    tally: TallyView | None


def published_decisions() -> list[Decision]:
    return [
        Decision(motion, tally_view(motion.outcome, is_final=True) if motion.outcome else None)
        for motion in selectors.decisions_published()
    ]


# --- Attendance and proxies (GOV-6, GOV-10) ---------------------------------------------------


@dataclass(frozen=True)
class AttendanceRow:
    """A seat held on the meeting day: present or not, and whose proxy it gave or holds."""

    held: HeldSeat
    attended_by: str  # empty: not recorded as present
    proxy_to: Seat | None


def attendance_rows(meeting: Meeting, seats: list[HeldSeat]) -> list[AttendanceRow]:
    present = {row.seat_id: row.attended_by for row in meeting.attendance.all()}
    given = {proxy.grantor_id: proxy.holder for proxy in selectors.proxies_of(meeting=meeting)}
    return [
        AttendanceRow(held, present.get(held.seat.pk, ""), given.get(held.seat.pk))
        for held in seats
    ]
