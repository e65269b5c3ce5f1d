"""Billing runs: a period's charges become one invoice per board. Idempotent and safe to run
twice at once: charges are created by a unique source key, each board is invoiced under a
lock, and a charge is on at most one invoice line."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import F

from bundel.billing import domain, selectors
from bundel.billing.models import BillingRun, Charge
from bundel.billing.services.issuing import (
    IssueContext,
    invoices_issue,
    issue_context,
    seller_party,
)
from bundel.shared import audit, clock
from bundel.shared.locks import transaction_locks

Progress = Callable[[int, int], None]


def _existing_keys(keys: list[str], **filters: Any) -> set[str]:
    """The keys among `keys` that have a charge, asked in chunks (SQLite limits parameters)."""
    found: set[str] = set()
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        found.update(
            Charge.objects.filter(source_key__in=chunk, **filters).values_list(
                "source_key", flat=True
            )
        )
    return found


@transaction.atomic
def charges_create(drafts: list[selectors.ChargeDraft], *, by: Any = None) -> int:
    """Create the charges of the drafts that do not exist yet; returns how many were new.
    Idempotent: the unique source key skips a second copy, even one a concurrent run made.
    One audit event lists the charges created."""
    if not drafts:
        return 0
    keys = [draft.source_key for draft in drafts]
    before = _existing_keys(keys)
    now = clock.now()
    Charge.objects.bulk_create(
        [
            Charge(
                board_id=draft.board_id,
                kind=draft.kind,
                source_key=draft.source_key,
                description=draft.description,
                period_start=draft.period_start,
                period_end=draft.period_end,
                billing_period=draft.billing_period,
                quantity=draft.quantity,
                unit_price=draft.unit_price,
                note=draft.note,
                created_at=now,
            )
            for draft in drafts
            if draft.source_key not in before
        ],
        ignore_conflicts=True,  # a concurrent run made it: the same charge, kept once
        batch_size=500,
    )
    created = sorted(_existing_keys(keys, created_at=now) - before)
    if created:
        audit.record(
            None,
            "billing.charges.created",
            actor=by,
            object_type="billing.Charge",
            object_label=f"{len(created)} charges",
            after={"charges": created},
        )
    return len(created)


@transaction.atomic
def billing_run_create(*, period: str, by: Any = None) -> BillingRun:
    """Queue a run for the period (`2026` or `2026-03`)."""
    parsed = domain.parse_period(period)
    seller_party()  # the seller's data must be complete before anything is issued
    run = BillingRun.objects.create(period=parsed.key, started_by=by, created_at=clock.now())
    audit.record(run, "billing.run.created", actor=by, after={"period": parsed.key})
    return run


def billing_run_execute(
    *, run: BillingRun, on: date | None = None, progress: Progress | None = None
) -> BillingRun:
    """Invoice the period: create its membership-fee charges (a year's run), then one invoice
    per board for its uninvoiced charges, a batch of boards per transaction, with progress."""
    issue_date = on or clock.today()
    period = domain.parse_period(run.period)
    BillingRun.objects.filter(pk=run.pk).update(status=BillingRun.Status.RUNNING)
    try:
        charges_create(selectors.membership_fee_drafts(period), by=run.started_by)
        context = issue_context()
        board_ids = list(
            selectors.uninvoiced_charges(period)
            .order_by("board__number")
            .values_list("board_id", flat=True)
            .distinct()
        )
        BillingRun.objects.filter(pk=run.pk).update(boards_total=len(board_ids))
        for start in range(0, len(board_ids), BOARDS_PER_TRANSACTION):
            batch = board_ids[start : start + BOARDS_PER_TRANSACTION]
            _invoice_boards(run=run, board_ids=batch, period=period, on=issue_date, context=context)
            if progress:
                progress(start + len(batch), len(board_ids))
    except Exception as error:
        BillingRun.objects.filter(pk=run.pk).update(
            status=BillingRun.Status.FAILED, error=str(error)[:2000], finished_at=clock.now()
        )
        raise
    BillingRun.objects.filter(pk=run.pk).update(
        status=BillingRun.Status.DONE, finished_at=clock.now()
    )
    run.refresh_from_db()
    return run


BOARDS_PER_TRANSACTION = 200  # a batch's locks are held for well under a second


@transaction.atomic
def _invoice_boards(
    *, run: BillingRun, board_ids: list[int], period: domain.Period, on: date, context: IssueContext
) -> None:
    """One invoice per board of the batch, in one transaction under the boards' locks."""
    transaction_locks([f"billing:board:{board_id}" for board_id in board_ids])
    groups: dict[int, list[Charge]] = {}
    for charge in (
        selectors.uninvoiced_charges(period)
        .filter(board_id__in=board_ids)
        .select_related("board")
        .select_for_update(of=("self",))
        .order_by("board__number", "kind", "period_start", "id")
    ):
        groups.setdefault(charge.board_id, []).append(charge)  # none: invoiced meanwhile
    invoices = (
        invoices_issue(
            groups=[(charges[0].board, charges) for charges in groups.values()],
            on=on,
            run=run,
            by=run.started_by,
            context=context,
        )
        if groups
        else []
    )
    BillingRun.objects.filter(pk=run.pk).update(
        boards_done=F("boards_done") + len(board_ids),
        invoices_created=F("invoices_created") + len(invoices),
        amount_total=F("amount_total") + sum((i.total_gross for i in invoices), Decimal("0")),
    )


def billing_run(*, period: str, by: Any = None, on: date | None = None) -> BillingRun:
    """Create and execute a run at once (the CLI and tests); the UI queues it as a task."""
    run = billing_run_create(period=period, by=by)
    return billing_run_execute(run=run, on=on)


@transaction.atomic
def charge_add(
    *,
    board_id: int,
    kind: str,
    source_key: str,
    description: str,
    billing_period: str,
    unit_price: Decimal,
    quantity: Decimal = Decimal("1"),
    note: str = "",
    by: Any = None,
) -> bool:
    """A charge another context raises (FEE-2: the purchase fee when a board takes a product
    from a tender), for the period's run to invoice. Idempotent by `source_key`: returns False
    when it exists already."""
    domain.parse_period(billing_period)
    draft = selectors.ChargeDraft(
        board_id=board_id,
        kind=kind,
        source_key=source_key,
        description=description,
        period_start=None,
        period_end=None,
        billing_period=billing_period,
        quantity=quantity,
        unit_price=unit_price,
        note=note,
    )
    return charges_create([draft], by=by) == 1
