"""MEM-5: commitments and the exit settlement, from proposal to the committee's decision."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction

from bundel.accounts.models import User
from bundel.membership import domain, selectors
from bundel.membership.models import (
    Commitment,
    ExitSettlement,
    Membership,
)
from bundel.membership.notifications import notify, staff_addresses
from bundel.shared import audit, clock
from bundel.shared.errors import RuleViolation
from bundel.shared.money import Money


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
