"""ACC-1: inviting, accepting and removing the representatives of a member."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from bundel.accounts.models import User
from bundel.accounts.roles import Role
from bundel.accounts.services import user_create
from bundel.membership import domain, selectors
from bundel.membership.models import (
    Membership,
    RepresentativeInvitation,
)
from bundel.membership.notifications import notify
from bundel.membership.services.common import board_locked
from bundel.registry.models import Board
from bundel.shared import audit, clock
from bundel.shared.errors import RuleViolation


def invitation_link(invitation_url: str, invitation: RepresentativeInvitation) -> str:
    return invitation_url.replace("{token}", invitation.token) if invitation_url else ""


def invite(
    *, membership: Membership, name: str, email: str, invited_by: User | None
) -> RepresentativeInvitation:
    invitation = RepresentativeInvitation.objects.create(
        membership=membership,
        name=name,
        email=email,
        token=secrets.token_urlsafe(32),
        invited_at=clock.now(),
        invited_by=invited_by,
    )
    audit.record(
        invitation,
        "membership.representative.invited",
        actor=invited_by,
        after={"membership": membership.pk, "email": email},
    )
    return invitation


@transaction.atomic
def representative_invite(
    *, membership: Membership, name: str, email: str, invited_by: User, invitation_url: str = ""
) -> RepresentativeInvitation:
    """A representative (or staff) invites another representative of the same board; the
    invited person receives the link by e-mail."""
    membership = (
        Membership.objects.select_for_update().select_related("board").get(pk=membership.pk)
    )
    if membership.status == Membership.Status.ENDED:
        raise RuleViolation("membership.ended")
    invitation = invite(membership=membership, name=name, email=email, invited_by=invited_by)
    notify(
        "representative_invited",
        [email],
        {
            "board": membership.board,
            "invitation": invitation,
            "invitation_url": invitation_link(invitation_url, invitation),
        },
    )
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, username: str, password: str) -> User:
    """ACC-1: the invited person creates a representative account for exactly that board."""
    invitation = (
        RepresentativeInvitation.objects.select_for_update()
        .select_related("membership")
        .filter(token=token)
        .first()
    )
    if invitation is None:
        raise RuleViolation("membership.invitation_unknown")
    if invitation.accepted_at is not None:
        raise RuleViolation("membership.invitation_used")
    if invitation.membership.status == Membership.Status.ENDED:
        raise RuleViolation("membership.ended")
    if domain.is_invitation_expired(
        invited_on=invitation.invited_at.date(),
        on=clock.today(),
        valid_days=settings.BUNDEL_INVITATION_VALID_DAYS,
    ):
        raise RuleViolation("membership.invitation_expired")
    try:
        validate_password(password)
    except ValidationError as invalid:
        raise RuleViolation(
            "membership.password_invalid", detail=" ".join(invalid.messages)
        ) from None
    first, _, last = invitation.name.partition(" ")
    user = user_create(
        username=username,
        password=password,
        roles=[Role.MEMBER_REPRESENTATIVE],
        email=invitation.email,
        first_name=first,
        last_name=last,
        board_id=invitation.membership.board_id,
    )
    invitation.accepted_at = clock.now()
    invitation.user = user
    invitation.save(update_fields=["accepted_at", "user"])
    audit.record(
        invitation, "membership.representative.joined", actor=user, after={"user": user.pk}
    )
    return user


@transaction.atomic
def representative_remove(*, board: Board, user: User, removed_by: User) -> None:
    """A representative loses access; the last one of a board cannot be removed."""
    board = board_locked(board)
    if user.board_id != board.pk:
        raise RuleViolation("membership.not_a_representative")
    active = selectors.representative_list(board=board)
    if active.count() <= 1:
        raise RuleViolation("membership.last_representative")
    user.is_active = False
    user.save(update_fields=["is_active"])
    audit.record(
        user,
        "membership.representative.removed",
        actor=removed_by,
        before={"is_active": True},
        after={"is_active": False, "board": board.number},
    )
