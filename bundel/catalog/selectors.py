"""Catalogue reads: groups with their products, and the dependency map (CAT-1 … CAT-4)."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Prefetch, QuerySet

from bundel.catalog.models import Product, ProductGroup, ProductOption, StatusChoices


def catalogue(*, include_withdrawn: bool = False) -> QuerySet[ProductGroup]:
    """Groups in the spec's order, each with its products and their options."""
    products = Product.objects.prefetch_related(
        Prefetch("options", queryset=ProductOption.objects.order_by("id")), "requires"
    )
    groups = ProductGroup.objects.all()
    if not include_withdrawn:
        groups = groups.exclude(status=StatusChoices.WITHDRAWN)
        products = products.exclude(status=StatusChoices.WITHDRAWN)
    return groups.prefetch_related(Prefetch("products", queryset=products))


def product_by_code(code: str) -> Product | None:
    return Product.objects.filter(code=code).select_related("group").first()


def requires_map() -> dict[str, list[str]]:
    """CAT-3: product code → codes of the products it requires."""
    result: dict[str, list[str]] = defaultdict(list)
    for code, needed in Product.requires.through.objects.values_list(
        "from_product__code", "to_product__code"
    ):
        result[code].append(needed)
    return dict(result)
