"""MEM-4 and REG-6: notice, the end of a membership, and chamber changes seen."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from bundel.accounts.models import User
from bundel.membership import domain, policies, selectors
from bundel.membership.models import (
    Membership,
)
from bundel.membership.notifications import notify, staff_addresses
from bundel.shared import audit


@transaction.atomic
def membership_give_notice(
    *,
    membership: Membership,
    by: domain.NoticeBy,
    given_by: User,
    on: date,
    reason: str = "",
) -> Membership:
    """MEM-4: one year's notice by the member, six months by the cooperative (with a reason);
    the member keeps all rights through its last day."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    domain.check_notice(
        is_active=membership.status == Membership.Status.ACTIVE,
        by=by,
        reason=reason,
        starts_on=membership.starts_on,
        notice_on=on,
    )
    before = audit.snapshot(membership, ["status", "notice_on", "notice_by", "last_day"])
    membership.status = Membership.Status.UNDER_NOTICE
    membership.notice_on = on
    membership.notice_by = by.value
    membership.notice_reason = reason.strip()
    membership.last_day = domain.notice_end_date(
        notice_on=on, by=by, policy=policies.membership_policy()
    )
    membership.save(update_fields=["status", "notice_on", "notice_by", "notice_reason", "last_day"])
    audit.record(
        membership,
        "membership.notice.given",
        actor=given_by,
        before=before,
        after=audit.snapshot(membership, ["status", "notice_on", "notice_by", "last_day"]),
    )
    notify(
        "notice_given",
        [*selectors.board_addresses(board=membership.board), *staff_addresses()],
        {"board": membership.board, "membership": membership},
    )
    return membership


@transaction.atomic
def membership_end_due(*, on: date) -> list[Membership]:
    """MEM-4: memberships whose last day has passed end. Idempotent: run it daily."""
    due = list(
        Membership.objects.select_for_update()
        .select_related("board")
        .filter(status=Membership.Status.UNDER_NOTICE, last_day__lt=on)
    )
    for membership in due:
        membership.status = Membership.Status.ENDED
        membership.save(update_fields=["status"])
        audit.record(
            membership,
            "membership.ended",
            before={"status": "under_notice"},
            after={"status": "ended", "last_day": membership.last_day},
        )
        notify(
            "membership_ended",
            [*selectors.board_addresses(board=membership.board), *staff_addresses()],
            {"board": membership.board, "membership": membership},
        )
    return due


@transaction.atomic
def membership_chamber_acknowledge(*, membership: Membership, by: User) -> Membership:
    """REG-6: the council secretary has seen the member's chamber change."""
    membership = (
        Membership.objects.select_for_update().select_related("board").get(pk=membership.pk)
    )
    before = {"chamber_seen": membership.chamber_seen}
    membership.chamber_seen = membership.board.chamber
    membership.save(update_fields=["chamber_seen"])
    audit.record(
        membership,
        "membership.chamber_change.seen",
        actor=by,
        before=before,
        after={"chamber_seen": membership.chamber_seen},
    )
    return membership
