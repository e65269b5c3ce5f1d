"""MEM-1, MEM-2: declarations of interest and applications, approved or rejected."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

from django.db import transaction

from bundel.accounts.models import User
from bundel.membership import domain, policies, selectors
from bundel.membership.models import (
    Application,
    InterestDeclaration,
    Membership,
)
from bundel.membership.notifications import notify, staff_addresses
from bundel.membership.services.common import board_locked
from bundel.membership.services.representatives import invitation_link, invite
from bundel.registry.models import Board
from bundel.shared import audit, clock
from bundel.shared.errors import RuleViolation

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
    board = board_locked(board)
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
    board = board_locked(application.board)
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
    invitation = invite(
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
        {**context, "invitation_url": invitation_link(invitation_url, invitation)},
    )
    notify("application_approved", staff_addresses(), {**context, "invitation_url": ""})
    return membership


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
