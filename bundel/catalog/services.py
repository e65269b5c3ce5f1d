"""Catalogue writes (CAT-1 … CAT-4): staff maintain groups, products, options and
dependencies; each change audited. `catalog_seed` loads the spec's product groups."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from bundel.catalog import domain, selectors
from bundel.catalog.models import Product, ProductGroup, ProductOption
from bundel.shared import audit
from bundel.shared.errors import RuleViolation

PRODUCT_FIELDS = [
    "group_id",
    "code",
    "name",
    "delivery_model",
    "pricing_unit",
    "unit_label",
    "supplier_name",
    "licensed_per_module",
    "status",
]


@dataclass(frozen=True)
class ProductData:
    group: ProductGroup
    code: str
    name: str
    delivery_model: domain.DeliveryModel
    pricing_unit: domain.PricingUnit
    description: str = ""
    unit_label: str = ""
    supplier_name: str = ""
    licensed_per_module: bool = False
    status: domain.Status = domain.Status.AVAILABLE
    requires: tuple[str, ...] = field(default_factory=tuple)


@transaction.atomic
def product_save(*, data: ProductData, product: Product | None = None, by: Any = None) -> Product:
    """Create or change a product; its required products must exist and never loop (CAT-3)."""
    code = data.code.strip()
    clash = Product.objects.filter(code=code)
    if product is not None:
        clash = clash.exclude(pk=product.pk)
    if clash.exists():
        raise RuleViolation("catalog.code_taken", value=code)
    required = list(Product.objects.filter(code__in=data.requires))
    graph = selectors.requires_map()
    graph[code] = [p.code for p in required]
    domain.check_no_cycle(product=code, requires=graph)
    before = audit.snapshot(product, PRODUCT_FIELDS) if product else None
    product = product or Product()
    product.group = data.group
    product.code = code
    product.name = data.name.strip()
    product.description = data.description.strip()
    product.delivery_model = data.delivery_model.value
    product.pricing_unit = data.pricing_unit.value
    product.unit_label = data.unit_label.strip()
    product.supplier_name = data.supplier_name.strip()
    product.licensed_per_module = data.licensed_per_module
    product.status = data.status.value
    product.save()
    product.requires.set(required)
    audit.record(
        product,
        "catalog.product.saved",
        actor=by,
        before=before,
        after={**audit.snapshot(product, PRODUCT_FIELDS), "requires": sorted(data.requires)},
    )
    return product


@transaction.atomic
def option_save(
    *,
    product: Product,
    code: str,
    label: str,
    choices: list[str] | None = None,
    counts_units: bool = False,
    by: Any = None,
) -> ProductOption:
    option, _ = ProductOption.objects.update_or_create(
        product=product,
        code=code.strip(),
        defaults={"label": label.strip(), "choices": choices or [], "counts_units": counts_units},
    )
    audit.record(
        option,
        "catalog.option.saved",
        actor=by,
        after={"product": product.code, "code": option.code, "choices": option.choices},
    )
    return option


@transaction.atomic
def product_group_save(
    *,
    code: str,
    name: str,
    status: domain.Status = domain.Status.AVAILABLE,
    interest_group: str = "",
    description: str = "",
    position: int = 0,
    by: Any = None,
) -> ProductGroup:
    """CAT-1, CAT-4: a group, in exploration with its special interest group, or available."""
    group, created = ProductGroup.objects.update_or_create(
        code=code,
        defaults={
            "name": name.strip(),
            "status": status.value,
            "interest_group": interest_group.strip(),
            "description": description.strip(),
            "position": position,
        },
    )
    audit.record(
        group,
        "catalog.group.saved",
        actor=by,
        after={"code": code, "status": status.value, "created": created},
    )
    return group


# group, code, name, delivery model, pricing unit, unit label, required products
_Seed = tuple[str, str, str, domain.DeliveryModel, domain.PricingUnit, str, tuple[str, ...]]

# CAT-1 … CAT-3: the seed. Groups in exploration name the interest group exploring them (CAT-4).
SEED_EXPLORATION = {
    "devices": "SIG Devices en beheer",
    "software_cloud": "SIG Software en cloud",
    "learning_materials": "SIG Digitale leermiddelen",
}


@transaction.atomic
def catalog_seed(*, by: Any = None) -> list[ProductGroup]:
    """The spec's product groups and their first products. Idempotent."""
    groups = {}
    for position, (code, name) in enumerate(domain.PRODUCT_GROUPS, start=1):
        exploring = code in SEED_EXPLORATION
        groups[code] = product_group_save(
            code=code,
            name=name,
            status=domain.Status.EXPLORATION if exploring else domain.Status.AVAILABLE,
            interest_group=SEED_EXPLORATION.get(code, ""),
            position=position,
            by=by,
        )
    student, location, unit = (
        domain.PricingUnit.PER_STUDENT,
        domain.PricingUnit.PER_LOCATION,
        domain.PricingUnit.PER_UNIT,
    )
    service, broker = domain.DeliveryModel.AS_A_SERVICE, domain.DeliveryModel.BROKERED
    seed: list[_Seed] = [
        ("security", "security-basic",
         "Verplichte beveiligingsdiensten (anti-DDoS, firewall, filtering)", service, student, "",
         ()),
        ("security", "incident-response", "Incidentdetectie en -respons", service, student, "",
         ()),
        ("external_connectivity", "connectivity",
         "Externe connectiviteit (toegang, kern, internet)", service, location, "locatie",
         ("security-basic",)),
        ("external_connectivity", "colocation", "Colocatie en datacenter", service, unit,
         "rack-unit", ()),
        ("wifi", "wifi", "Wifi met intern vast netwerk", service, unit, "toegangspunt", ()),
        ("cloud_infrastructure", "iaas", "Virtuele machines (IaaS)", service, unit, "vCPU", ()),
        ("dpo_service", "dpo", "FG as a service", broker, student, "", ()),
    ]  # fmt: skip
    for group, code, name, model, pricing, label, requires in seed:
        existing = Product.objects.filter(code=code).first()
        if existing is None:
            product_save(
                data=ProductData(
                    group=groups[group],
                    code=code,
                    name=name,
                    delivery_model=model,
                    pricing_unit=pricing,
                    unit_label=label,
                    requires=requires,
                ),
                by=by,
            )
    connectivity = Product.objects.get(code="connectivity")
    option_save(
        product=connectivity, code="bandwidth", label="Bandbreedte (Mbit/s)",
        choices=["100", "500", "1000"], by=by,
    )  # fmt: skip
    wifi = Product.objects.get(code="wifi")
    option_save(
        product=wifi, code="access_points", label="Aantal toegangspunten", counts_units=True, by=by
    )
    return list(groups.values())
