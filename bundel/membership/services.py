"""Membership writes (MEM-1 … MEM-6): one transaction each, locked where it matters, audited
(ACC-3), with a Dutch e-mail after commit."""

from __future__ import annotations

import secrets
from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from bundel.accounts.models import User
from bundel.accounts.roles import Role
from bundel.accounts.services import user_create
from bundel.membership import domain, policies, selectors
from bundel.membership.models import (
    Application,
    Commitment,
    ExitSettlement,
    InterestDeclaration,
    Membership,
    RepresentativeInvitation,
)
from bundel.membership.notifications import notify, staff_addresses
from bundel.registry.models import Board
from bundel.shared import audit, clock
from bundel.shared.errors import RuleViolation
from bundel.shared.money import Money

APPLICATION_FIELDS = [
    "contact_name",
    "contact_email",
    "contact_phone",
    "signer_name",
    "signer_authority",
    "invoice_address",
    "invoice_email",
    "kvk_number",
    "oin",
    "vat_number",
    "buyer_reference",
    "peppol_id",
]


@dataclass(frozen=True)
class ApplicationData:
    contact_name: str
    contact_email: str
    signer_name: str
    signer_authority: str
    invoice_address: str
    invoice_email: str
    buyer_reference: str
    terms_accepted: bool
    contact_phone: str = ""
    kvk_number: str = ""
    oin: str = ""
    vat_number: str = ""
    peppol_id: str = ""


def _board_locked(board: Board) -> Board:
    return Board.objects.select_for_update().get(pk=board.pk)


@transaction.atomic
def interest_declare(
    *, board: Board, contact_name: str, contact_email: str, note: str = ""
) -> InterestDeclaration:
    """The coalition of the willing: interest is kept apart from applications."""
    declaration = InterestDeclaration.objects.create(
        board=board,
        contact_name=contact_name,
        contact_email=contact_email,
        note=note,
        declared_at=clock.now(),
    )
    audit.record(declaration, "membership.interest.declared", after={"board": board.number})
    return declaration


@transaction.atomic
def application_submit(*, board: Board, data: ApplicationData, on: date) -> Application:
    """MEM-1/MEM-2: a board applies; eligibility is checked at once, with the reason."""
    board = _board_locked(board)
    policy = policies.membership_policy()
    domain.check_eligibility(selectors.board_facts(board=board), policy)
    if selectors.membership_open_for_board(board=board) is not None:
        raise RuleViolation("membership.already_member", number=board.number)
    if Application.objects.filter(board=board, status=Application.Status.PENDING).exists():
        raise RuleViolation("membership.application_pending", number=board.number)
    if not data.terms_accepted:
        raise RuleViolation("membership.terms_not_accepted")
    if not (data.kvk_number.strip() or data.oin.strip()):
        raise RuleViolation("membership.kvk_or_oin_needed")
    now = clock.now()
    quote = selectors.fee_quote(board=board, year=on.year)
    application = Application.objects.create(
        board=board,
        terms_accepted_at=now,
        submitted_at=now,
        fee_quote=quote.as_json(),
        **{name: getattr(data, name).strip() for name in APPLICATION_FIELDS},
    )
    audit.record(
        application,
        "membership.application.submitted",
        after={"board": board.number, **asdict(data)},
    )
    notify(
        "application_submitted",
        [data.contact_email, *staff_addresses()],
        {"board": board, "application": application},
    )
    return application


@transaction.atomic
def application_approve(
    *, application: Application, approved_by: User, on: date, invitation_url: str = ""
) -> Membership:
    """MEM-2: membership starts on the approval date, never before the founding date; the
    contact is invited to become the board's representative (ACC-1)."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status != Application.Status.PENDING:
        raise RuleViolation("membership.not_pending")
    board = _board_locked(application.board)
    policy = policies.membership_policy()
    domain.check_eligibility(selectors.board_facts(board=board), policy)  # MEM-1, again today
    if selectors.membership_open_for_board(board=board) is not None:
        raise RuleViolation("membership.already_member", number=board.number)
    starts_on = domain.membership_start(approved_on=on, policy=policy)
    application.status = Application.Status.APPROVED
    application.decided_at = clock.now()
    application.decided_by = approved_by
    application.save(update_fields=["status", "decided_at", "decided_by"])
    membership = Membership.objects.create(
        board=board,
        application=application,
        starts_on=starts_on,
        chamber_seen=board.chamber,
        **{
            name: getattr(application, name)
            for name in (
                "invoice_address",
                "invoice_email",
                "kvk_number",
                "oin",
                "vat_number",
                "buyer_reference",
                "peppol_id",
            )
        },
    )
    invitation = _invite(
        membership=membership,
        name=application.contact_name,
        email=application.contact_email,
        invited_by=approved_by,
    )
    audit.record(
        application,
        "membership.application.approved",
        actor=approved_by,
        before={"status": "pending"},
        after={"status": "approved", "membership": membership.pk, "starts_on": starts_on},
    )
    audit.record(
        membership, "membership.started", actor=approved_by, after=audit.snapshot(membership)
    )
    context = {"board": board, "application": application, "membership": membership}
    # The link creates an account: only the invited contact receives it, never the staff copy.
    notify(
        "application_approved",
        [application.contact_email],
        {**context, "invitation_url": _link(invitation_url, invitation)},
    )
    notify("application_approved", staff_addresses(), {**context, "invitation_url": ""})
    return membership


def _link(invitation_url: str, invitation: RepresentativeInvitation) -> str:
    return invitation_url.replace("{token}", invitation.token) if invitation_url else ""


@transaction.atomic
def application_reject(*, application: Application, rejected_by: User, reason: str) -> Application:
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status != Application.Status.PENDING:
        raise RuleViolation("membership.not_pending")
    if not reason.strip():
        raise RuleViolation("membership.rejection_needs_reason")
    application.status = Application.Status.REJECTED
    application.rejection_reason = reason.strip()
    application.decided_at = clock.now()
    application.decided_by = rejected_by
    application.save(update_fields=["status", "rejection_reason", "decided_at", "decided_by"])
    audit.record(
        application,
        "membership.application.rejected",
        actor=rejected_by,
        before={"status": "pending"},
        after={"status": "rejected", "reason": application.rejection_reason},
    )
    notify(
        "application_rejected",
        [application.contact_email],
        {"board": application.board, "application": application},
    )
    return application


def _invite(
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
    invitation = _invite(membership=membership, name=name, email=email, invited_by=invited_by)
    notify(
        "representative_invited",
        [email],
        {
            "board": membership.board,
            "invitation": invitation,
            "invitation_url": _link(invitation_url, invitation),
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
    board = _board_locked(board)
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
def commitment_add(
    *,
    membership: Membership,
    service: str,
    starts_on: date,
    term_months: int,
    investment: Decimal,
    yearly_fee: Decimal,
    added_by: User,
) -> Commitment:
    """MEM-5: a long-term commitment, entered by hand until services exist."""
    if term_months <= 0 or investment < 0 or yearly_fee < 0:
        raise RuleViolation("membership.negative_settlement_part")
    commitment = Commitment.objects.create(
        membership=membership,
        service=service,
        starts_on=starts_on,
        term_months=term_months,
        investment=investment,
        yearly_fee=yearly_fee,
    )
    audit.record(
        commitment, "membership.commitment.added", actor=added_by, after=audit.snapshot(commitment)
    )
    return commitment


def _settlement_locked(settlement: ExitSettlement) -> ExitSettlement:
    return (
        ExitSettlement.objects.select_for_update()
        .select_related("membership__board")
        .get(pk=settlement.pk)
    )


def _settlement_parts(settlement: ExitSettlement) -> dict[str, Any]:
    return audit.snapshot(
        settlement,
        [
            "status",
            "unrecovered_investment",
            "expected_fees",
            "successor_absorbs",
            "total",
            "final_amount",
        ],
    )


def _notify_settlement(settlement: ExitSettlement) -> None:
    board = settlement.membership.board
    notify(
        "settlement",
        [*selectors.board_addresses(board=board), *staff_addresses()],
        {"board": board, "settlement": settlement},
    )


@transaction.atomic
def settlement_propose(
    *,
    membership: Membership,
    proposed_by: User,
    successor_absorbs: Decimal = Decimal(0),
    explanation: str = "",
) -> ExitSettlement:
    """MEM-5: drawn up from the member's commitments, each part of the formula kept."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    leaving = (Membership.Status.UNDER_NOTICE, Membership.Status.ENDED)
    if membership.status not in leaving or membership.last_day is None:
        raise RuleViolation("membership.not_under_notice")
    if ExitSettlement.objects.filter(membership=membership).exists():
        raise RuleViolation("membership.settlement_exists")
    computed = domain.exit_settlement(
        commitments=selectors.commitments_of(membership=membership),
        last_day=membership.last_day,
        successor_absorbs=successor_absorbs,
    )
    settlement = ExitSettlement.objects.create(
        membership=membership,
        unrecovered_investment=computed.unrecovered_investment.amount,
        expected_fees=computed.expected_fees.amount,
        successor_absorbs=computed.successor_absorbs.amount,
        total=computed.total.amount,
        explanation=explanation,
        proposed_at=clock.now(),
        proposed_by=proposed_by,
    )
    audit.record(
        settlement,
        "membership.settlement.proposed",
        actor=proposed_by,
        after=_settlement_parts(settlement),
    )
    _notify_settlement(settlement)
    return settlement


@transaction.atomic
def settlement_edit(
    *,
    settlement: ExitSettlement,
    unrecovered_investment: Decimal,
    expected_fees: Decimal,
    successor_absorbs: Decimal,
    explanation: str,
    edited_by: User,
) -> ExitSettlement:
    """MEM-5: staff may edit each part while the settlement is proposed."""
    settlement = _settlement_locked(settlement)
    domain.settlement_next(domain.SettlementStatus(settlement.status), domain.SettlementAction.EDIT)
    before = _settlement_parts(settlement)
    settlement.total = domain.settlement_total(
        unrecovered_investment=unrecovered_investment,
        expected_fees=expected_fees,
        successor_absorbs=successor_absorbs,
    )
    settlement.unrecovered_investment = unrecovered_investment
    settlement.expected_fees = expected_fees
    settlement.successor_absorbs = successor_absorbs
    settlement.explanation = explanation
    settlement.save()
    audit.record(
        settlement,
        "membership.settlement.edited",
        actor=edited_by,
        before=before,
        after=_settlement_parts(settlement),
    )
    return settlement


def _settlement_step(
    settlement: ExitSettlement, action: domain.SettlementAction, actor: User, **fields: Any
) -> ExitSettlement:
    settlement = _settlement_locked(settlement)
    before = _settlement_parts(settlement)
    status = domain.settlement_next(domain.SettlementStatus(settlement.status), action)
    settlement.status = status.value
    for name, value in fields.items():
        setattr(settlement, name, value)
    settlement.save()
    audit.record(
        settlement,
        f"membership.settlement.{status.value}",
        actor=actor,
        before=before,
        after={**_settlement_parts(settlement), **{k: str(v) for k, v in fields.items()}},
    )
    _notify_settlement(settlement)
    return settlement


@transaction.atomic
def settlement_accept(*, settlement: ExitSettlement, accepted_by: User) -> ExitSettlement:
    return _settlement_step(
        settlement, domain.SettlementAction.ACCEPT, accepted_by, responded_at=clock.now()
    )


@transaction.atomic
def settlement_dispute(
    *, settlement: ExitSettlement, disputed_by: User, reason: str
) -> ExitSettlement:
    if not reason.strip():
        raise RuleViolation("membership.dispute_needs_reason")
    return _settlement_step(
        settlement,
        domain.SettlementAction.DISPUTE,
        disputed_by,
        responded_at=clock.now(),
        dispute_reason=reason.strip(),
    )


@transaction.atomic
def settlement_decide(
    *, settlement: ExitSettlement, opinion: str, final_amount: Decimal, recorded_by: User
) -> ExitSettlement:
    """MEM-5: the advisory committee's opinion and the final amount are recorded."""
    if not opinion.strip():
        raise RuleViolation("membership.opinion_needed")
    if final_amount < 0:
        raise RuleViolation("membership.negative_settlement_part")
    return _settlement_step(
        settlement,
        domain.SettlementAction.DECIDE,
        recorded_by,
        committee_opinion=opinion.strip(),
        final_amount=Money(final_amount).rounded().amount,
        decided_at=clock.now(),
    )


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
