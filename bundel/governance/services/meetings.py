"""GOV-5, GOV-6, GOV-10: council meetings with agenda, attendance, proxies, motions, votes,
tallies, minutes and published decisions."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max

from bundel.accounts.models import User
from bundel.governance import domain, policies, selectors
from bundel.governance.models import (
    AgendaItem,
    Attendance,
    Meeting,
    Motion,
    MotionVote,
    Proxy,
    Seat,
)
from bundel.shared import audit, clock
from bundel.shared.errors import RuleViolation
from bundel.shared.locks import transaction_lock


@transaction.atomic
def meeting_create(*, title: str, held_on: date, place: str = "", by: Any = None) -> Meeting:
    meeting = Meeting.objects.create(
        title=title.strip(), held_on=held_on, place=place.strip(), created_at=clock.now()
    )
    audit.record(
        meeting,
        "governance.meeting.created",
        actor=by,
        after=audit.snapshot(meeting, ["title", "held_on", "place"]),
    )
    return meeting


def _open_meeting(meeting: Meeting) -> Meeting:
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.closed_at is not None:
        raise RuleViolation("governance.meeting_closed")
    return meeting


@transaction.atomic
def agenda_item_add(
    *, meeting: Meeting, title: str, description: str = "", by: Any = None
) -> AgendaItem:
    """GOV-10: the agenda, numbered in order."""
    meeting = _open_meeting(meeting)
    position = (meeting.agenda.aggregate(n=Max("position"))["n"] or 0) + 1
    item = AgendaItem.objects.create(
        meeting=meeting, position=position, title=title.strip(), description=description.strip()
    )
    audit.record(
        item, "governance.agenda.added", actor=by, after={"meeting": meeting.pk, "title": title}
    )
    return item


@contextmanager
def _seat_labels(labels: dict[str, str]) -> Iterator[None]:
    """Refusals name seats as people read them ("VO Groot 1"), not by code ("VO_GROOT-1")."""
    try:
        yield
    except RuleViolation as violation:
        violation.params = {k: labels.get(v, v) for k, v in violation.params.items()}
        raise


def _held(seat: Seat, meeting: Meeting) -> bool:
    return selectors.term_of_seat_on(seat=seat, day=meeting.held_on) is not None


@transaction.atomic
def attendance_record(
    *, meeting: Meeting, seat: Seat, attended_by: str, by: Any = None
) -> Attendance:
    """GOV-10: who attended for a seat (a vacant seat cannot attend)."""
    meeting = _open_meeting(meeting)
    term = selectors.term_of_seat_on(seat=seat, day=meeting.held_on)
    if term is None:
        raise RuleViolation("governance.seat_vacant")
    row, _ = Attendance.objects.update_or_create(
        meeting=meeting,
        seat=seat,
        defaults={"attended_by": attended_by.strip() or term.representative_name},
    )
    audit.record(
        row,
        "governance.meeting.attendance",
        actor=by,
        after={"meeting": meeting.pk, "seat": seat.code, "attended_by": row.attended_by},
    )
    return row


@transaction.atomic
def proxy_grant(*, meeting: Meeting, grantor: Seat, holder: Seat | None, by: Any = None) -> Proxy:
    """GOV-6: a seat gives its vote on the meeting's motions to the representative of another
    seat; at most 2 per holder [setting]; a proxy to someone holding no seat is refused. One
    lock per meeting: two grants to a holder at its limit cannot both pass."""
    meeting = _open_meeting(meeting)
    transaction_lock(f"governance:meeting:{meeting.pk}:proxies")
    if not _held(grantor, meeting):
        raise RuleViolation("governance.seat_vacant")
    proxies = list(selectors.proxies_of(meeting=meeting))
    holder_code = holder.code if holder is not None and _held(holder, meeting) else None
    labels = {seat.code: str(seat) for seat in (grantor, holder) if seat is not None}
    with _seat_labels(labels):
        domain.check_proxy_grant(
            grantor=grantor.code,
            holder=holder_code,
            grantor_has_given=any(p.grantor_id == grantor.pk for p in proxies),
            grantor_holds=sum(p.holder_id == grantor.pk for p in proxies),
            holder_has_given=holder is not None and any(p.grantor_id == holder.pk for p in proxies),
            holder_holds=sum(holder is not None and p.holder_id == holder.pk for p in proxies),
            policy=policies.governance_policy(),
        )
    assert holder is not None  # check_proxy_grant refused a holder without a seat
    proxy = Proxy.objects.create(
        meeting=meeting, grantor=grantor, holder=holder, granted_at=clock.now(), granted_by=by
    )
    audit.record(
        proxy,
        "governance.proxy.granted",
        actor=by,
        after={"meeting": meeting.pk, "grantor": grantor.code, "holder": holder.code},
    )
    return proxy


@transaction.atomic
def proxy_revoke(*, proxy: Proxy, by: Any = None) -> None:
    """A seat takes its proxy back; votes already cast with it stay cast."""
    meeting = _open_meeting(proxy.meeting)
    transaction_lock(f"governance:meeting:{meeting.pk}:proxies")
    audit.record(
        proxy,
        "governance.proxy.revoked",
        actor=by,
        before={"meeting": meeting.pk, "grantor": proxy.grantor.code, "holder": proxy.holder.code},
    )
    proxy.delete()


@transaction.atomic
def motion_add(
    *,
    meeting: Meeting,
    title: str,
    text: str,
    agenda_item: AgendaItem | None = None,
    by: Any = None,
) -> Motion:
    meeting = _open_meeting(meeting)
    number = (meeting.motions.aggregate(n=Max("number"))["n"] or 0) + 1
    motion = Motion.objects.create(
        meeting=meeting, agenda_item=agenda_item, number=number, title=title.strip(), text=text
    )
    audit.record(
        motion,
        "governance.motion.added",
        actor=by,
        after={"meeting": meeting.pk, "number": number, "title": motion.title},
    )
    return motion


@transaction.atomic
def motion_open(*, motion: Motion, by: Any = None) -> Motion:
    """GOV-10: the motion is put to the vote."""
    motion = Motion.objects.select_for_update().get(pk=motion.pk)
    _open_meeting(motion.meeting)
    if motion.status != Motion.Status.DRAFT:
        raise RuleViolation("governance.motion_not_draft")
    motion.status = Motion.Status.OPEN
    motion.save(update_fields=["status"])
    audit.record(
        motion,
        "governance.motion.opened",
        actor=by,
        before={"status": "draft"},
        after={"status": "open"},
    )
    return motion


def motion_vote(
    *,
    motion: Motion,
    seat: Seat,
    vote: domain.Vote,
    by: User,
    show_of_hands: bool = False,
) -> MotionVote:
    """GOV-5, GOV-6: a seat holder votes for its own seat and the seats whose proxy it holds;
    the secretary may record a show of hands instead. One vote per seat per motion."""
    try:
        return _motion_vote(motion=motion, seat=seat, vote=vote, by=by, show_of_hands=show_of_hands)
    except IntegrityError:  # the unique (motion, seat): a vote for this seat came first
        raise RuleViolation("governance.already_voted_on_motion", seat=str(seat)) from None


@transaction.atomic
def _motion_vote(
    *, motion: Motion, seat: Seat, vote: domain.Vote, by: User, show_of_hands: bool
) -> MotionVote:
    transaction_lock(f"governance:motion:{motion.pk}:seat:{seat.pk}")
    motion = Motion.objects.select_related("meeting").get(pk=motion.pk)
    if motion.status != Motion.Status.OPEN:
        raise RuleViolation("governance.motion_not_open")
    meeting = motion.meeting
    if meeting.closed_at is not None:
        raise RuleViolation("governance.meeting_closed")
    if not _held(seat, meeting):
        raise RuleViolation("governance.seat_vacant")
    given = selectors.proxy_given(meeting=meeting, seat=seat)
    if show_of_hands:
        cast_by = given.holder if given else None
    else:
        voter_seat = selectors.seat_of_user_on(user=by, day=meeting.held_on)
        held = (
            {s.code for s in selectors.proxies_held(meeting=meeting, seat=voter_seat)}
            if voter_seat
            else set()
        )
        with _seat_labels({seat.code: str(seat)}):
            domain.check_motion_vote(
                seat=seat.code,
                voter_seat=voter_seat.code if voter_seat else None,
                proxies_held=held,
                own_seat_given=given is not None,
            )
        cast_by = voter_seat if voter_seat is not None and voter_seat.pk != seat.pk else None
    if MotionVote.objects.filter(motion=motion, seat=seat).exists():
        raise RuleViolation("governance.already_voted_on_motion", seat=str(seat))
    row = MotionVote.objects.create(
        motion=motion,
        seat=seat,
        chamber=seat.chamber,
        vote=vote.value,
        cast_by=cast_by,
        recorded_by=by,
        recorded_at=clock.now(),
        show_of_hands=show_of_hands,
    )
    audit.record(
        row,
        "governance.motion.voted",
        actor=by,
        after={
            "motion": motion.pk,
            "seat": seat.code,
            "vote": vote.value,
            "cast_by": cast_by.code if cast_by else None,
            "show_of_hands": show_of_hands,
        },
    )
    return row


@transaction.atomic
def motion_close(*, motion: Motion, by: Any = None) -> Motion:
    """GOV-5: the tally is taken once and stored with both tests and the reason."""
    motion = Motion.objects.select_for_update().get(pk=motion.pk)
    if motion.status != Motion.Status.OPEN:
        raise RuleViolation("governance.motion_not_open")
    policy = policies.governance_policy()
    outcome = domain.decide_motion(
        selectors.cast_votes(motion=motion), policy, proxies_checked=True
    )
    motion.outcome = domain.outcome_as_dict(outcome, policy)
    motion.passed = outcome.passed
    motion.status = Motion.Status.CLOSED
    motion.closed_at = clock.now()
    motion.save(update_fields=["outcome", "passed", "status", "closed_at"])
    audit.record(
        motion,
        "governance.motion.decided",
        actor=by,
        before={"status": "open"},
        after={"status": "closed", "passed": outcome.passed, "tally": motion.outcome},
    )
    return motion


@transaction.atomic
def motion_publish(*, motion: Motion, by: Any = None) -> Motion:
    """GOV-10: a published decision is visible to every member."""
    motion = Motion.objects.select_for_update().get(pk=motion.pk)
    if motion.status != Motion.Status.CLOSED:
        raise RuleViolation("governance.motion_not_closed")
    if motion.published_at is None:
        motion.published_at = clock.now()
        motion.save(update_fields=["published_at"])
        audit.record(
            motion,
            "governance.motion.published",
            actor=by,
            after={"published_at": motion.published_at},
        )
    return motion


@transaction.atomic
def minutes_save(*, meeting: Meeting, minutes: str, by: Any = None) -> Meeting:
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.minutes_published_at is not None:
        raise RuleViolation("governance.minutes_published")
    before = {"minutes": meeting.minutes}
    meeting.minutes = minutes.strip()
    meeting.save(update_fields=["minutes"])
    audit.record(
        meeting,
        "governance.minutes.saved",
        actor=by,
        before=before,
        after={"minutes": meeting.minutes},
    )
    return meeting


@transaction.atomic
def minutes_publish(*, meeting: Meeting, by: Any = None) -> Meeting:
    """GOV-10: the minutes, once published, are visible to every member; the meeting closes and
    its decided motions are published with them."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if not meeting.minutes.strip():
        raise RuleViolation("governance.minutes_empty")
    if meeting.motions.filter(status=Motion.Status.OPEN).exists():
        raise RuleViolation("governance.motions_still_open")
    now = clock.now()
    if meeting.minutes_published_at is None:
        meeting.minutes_published_at = now
    meeting.closed_at = meeting.closed_at or now
    meeting.save(update_fields=["minutes_published_at", "closed_at"])
    published = Motion.objects.filter(
        meeting=meeting, status=Motion.Status.CLOSED, published_at__isnull=True
    ).update(published_at=now)
    audit.record(
        meeting,
        "governance.minutes.published",
        actor=by,
        after={
            "minutes_published_at": meeting.minutes_published_at,
            "decisions_published": published,
        },
    )
    return meeting
