"""Membership writes (MEM-1 … MEM-6): one transaction each, locked where it matters, audited
(ACC-3), with a Dutch e-mail after commit."""

from bundel.membership.services.applications import (
    ApplicationData,
    application_approve,
    application_reject,
    application_submit,
    interest_declare,
)
from bundel.membership.services.lifecycle import (
    membership_chamber_acknowledge,
    membership_end_due,
    membership_give_notice,
)
from bundel.membership.services.representatives import (
    invitation_accept,
    representative_invite,
    representative_remove,
)
from bundel.membership.services.settlements import (
    commitment_add,
    settlement_accept,
    settlement_decide,
    settlement_dispute,
    settlement_edit,
    settlement_propose,
)

__all__ = [
    "ApplicationData",
    "application_approve",
    "application_reject",
    "application_submit",
    "commitment_add",
    "interest_declare",
    "invitation_accept",
    "membership_chamber_acknowledge",
    "membership_end_due",
    "membership_give_notice",
    "representative_invite",
    "representative_remove",
    "settlement_accept",
    "settlement_decide",
    "settlement_dispute",
    "settlement_edit",
    "settlement_propose",
]
