"""TEN-1: a member registers, changes or withdraws its intent for a product, per location."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction

from bundel.catalog import domain as catalog_domain
from bundel.catalog.models import Product, StatusChoices
from bundel.procurement import domain, policies
from bundel.procurement.models import Intent, IntentLocation, Tender
from bundel.registry.models import Board, Location
from bundel.shared import audit, clock
from bundel.shared.errors import RuleViolation
from bundel.shared.locks import transaction_lock


@dataclass(frozen=True)
class LocationChoice:
    location: Location
    options: dict[str, str] = field(default_factory=dict)
    units: Decimal = Decimal(1)


def check_intent_open(product: Product) -> None:
    """TEN-1: intent can change until the tender for the product is published, and again once
    that tender is awarded (new intent is then demand for a next tender)."""
    locked = Tender.objects.filter(
        product=product, status__in=[s.value for s in domain.INTENT_LOCKED]
    ).first()
    if locked is not None:
        raise RuleViolation("procurement.intent_locked", tender=locked.reference)


@transaction.atomic
def intent_save(
    *,
    board: Board,
    product: Product,
    start_year: int,
    locations: list[LocationChoice],
    note: str = "",
    by: Any = None,
) -> Intent:
    """TEN-1: which locations, which options per location, from which year within the horizon.
    Saving again replaces the board's intent for the product."""
    transaction_lock(f"procurement:intent:{board.pk}:{product.pk}")
    for status in (product.status, product.group.status):
        try:
            catalog_domain.check_orderable(catalog_domain.Status(status))
        except RuleViolation as refusal:
            refusal.params["status"] = str(StatusChoices(status).label)
            raise
    domain.check_intent_year(
        start_year=start_year, today=clock.today(), policy=policies.procurement_policy()
    )
    check_intent_open(product)
    if not locations:
        raise RuleViolation("procurement.intent_needs_locations")
    options = {o.code: o for o in product.options.all()}
    for choice in locations:
        if choice.location.school.board_id != board.pk:
            raise RuleViolation("procurement.location_not_of_board", location=choice.location.code)
        if choice.units <= 0:
            raise RuleViolation("procurement.units_positive")
        for code, value in choice.options.items():
            option = options.get(code)
            if option is None:
                raise RuleViolation("procurement.unknown_option", option=code)
            catalog_domain.check_option_value(
                option=option.label, value=value, choices=option.choices
            )
    if len({c.location.pk for c in locations}) != len(locations):
        raise RuleViolation("procurement.location_twice")
    intent = Intent.objects.filter(board=board, product=product).first()
    before = _describe(intent) if intent else None
    if intent is None:
        intent = Intent(board=board, product=product)
    intent.start_year = start_year
    intent.note = note.strip()
    intent.registered_by = by if getattr(by, "is_authenticated", False) else None
    intent.updated_at = clock.now()
    intent.save()
    intent.locations.all().delete()
    IntentLocation.objects.bulk_create(
        IntentLocation(intent=intent, location=c.location, options=c.options, units=c.units)
        for c in locations
    )
    audit.record(
        intent, "procurement.intent.saved", actor=by, before=before, after=_describe(intent)
    )
    return intent


@transaction.atomic
def intent_withdraw(*, intent: Intent, by: Any = None) -> None:
    """Intent is not a purchase (TEN-1): it may be withdrawn while it can change."""
    check_intent_open(intent.product)
    audit.record(intent, "procurement.intent.withdrawn", actor=by, before=_describe(intent))
    intent.delete()


def _describe(intent: Intent) -> dict[str, Any]:
    return {
        "board": intent.board.number,
        "product": intent.product.code,
        "start_year": intent.start_year,
        "locations": {
            row.location.code: {"options": row.options, "units": str(row.units)}
            for row in intent.locations.select_related("location")
        },
    }
