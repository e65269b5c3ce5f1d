"""CAT-1 … CAT-4 as pure functions: the product groups of the spec, product statuses, delivery
models, pricing units, and the dependencies between products."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum

from bundel.shared.errors import RuleViolation


class Status(StrEnum):
    """CAT-4: a group or product in exploration is listed as such, with its interest group."""

    EXPLORATION = "exploration"
    AVAILABLE = "available"
    WITHDRAWN = "withdrawn"


class DeliveryModel(StrEnum):
    """CAT-2: as a service (the board owns nothing; the contract is with the cooperative) or
    brokered (the board buys from the supplier under the cooperative's framework)."""

    AS_A_SERVICE = "as_a_service"
    BROKERED = "brokered"


class PricingUnit(StrEnum):
    """FEE-3 / TEN-4: the distribution key."""

    PER_STUDENT = "per_student"
    PER_LOCATION = "per_location"
    PER_UNIT = "per_unit"


# CAT-1: the product groups, in the spec's order (code, Dutch name).
PRODUCT_GROUPS: tuple[tuple[str, str], ...] = (
    ("external_connectivity", "Externe connectiviteit"),
    ("wifi", "Wifi en intern vast netwerk"),
    ("cloud_infrastructure", "Serverinfrastructuur in de cloud"),
    ("security", "Informatiebeveiligingsdiensten"),
    ("dpo_service", "FG as a service"),
    ("devices", "Devices"),
    ("software_cloud", "Software en clouddiensten"),
    ("learning_materials", "Digitale leermiddelen"),
)


def missing_requirements(
    *, chosen: Iterable[str], requires: Mapping[str, Iterable[str]]
) -> list[str]:
    """CAT-3: the products required (directly or through another) by those chosen and not among
    them, sorted. External connectivity requires the mandatory security services."""
    chosen_set = set(chosen)
    missing: set[str] = set()
    stack = list(chosen_set)
    seen: set[str] = set()
    while stack:
        product = stack.pop()
        if product in seen:
            continue
        seen.add(product)
        for needed in requires.get(product, ()):
            if needed not in chosen_set:
                missing.add(needed)
            stack.append(needed)
    return sorted(missing)


def check_requirements(*, chosen: Iterable[str], requires: Mapping[str, Iterable[str]]) -> None:
    """CAT-3: refused with the list of what is missing."""
    missing = missing_requirements(chosen=chosen, requires=requires)
    if missing:
        raise RuleViolation("catalog.requirements_missing", missing=", ".join(missing))


def check_no_cycle(*, product: str, requires: Mapping[str, Iterable[str]]) -> None:
    """A product cannot (through others) require itself."""
    stack = list(requires.get(product, ()))
    seen: set[str] = set()
    while stack:
        current = stack.pop()
        if current == product:
            raise RuleViolation("catalog.requirement_cycle", product=product)
        if current in seen:
            continue
        seen.add(current)
        stack.extend(requires.get(current, ()))


def check_orderable(status: Status) -> None:
    """Intent and subscriptions are for available products (CAT-4: in exploration is not)."""
    if status != Status.AVAILABLE:
        raise RuleViolation("catalog.not_available", status=status.value)


def check_option_value(*, option: str, value: str, choices: Iterable[str]) -> None:
    """CAT-2: an option chosen per location takes one of the option's values."""
    allowed = list(choices)
    if allowed and value not in allowed:
        raise RuleViolation("catalog.option_value", option=option, allowed=", ".join(allowed))
