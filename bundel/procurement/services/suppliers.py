"""Suppliers and the people who log in for them (role supplier)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from bundel.accounts.models import User
from bundel.accounts.roles import Role
from bundel.procurement.models import Supplier, SupplierUser
from bundel.shared import audit
from bundel.shared.errors import RuleViolation


@transaction.atomic
def supplier_create(
    *, name: str, kvk_number: str = "", email: str = "", city: str = "", by: Any = None
) -> Supplier:
    if not name.strip():
        raise RuleViolation("procurement.supplier_name")
    supplier = Supplier.objects.create(
        name=name.strip(), kvk_number=kvk_number.strip(), email=email.strip(), city=city.strip()
    )
    audit.record(supplier, "procurement.supplier.created", actor=by, after={"name": supplier.name})
    return supplier


@transaction.atomic
def supplier_user_add(*, supplier: Supplier, user: User, by: Any = None) -> SupplierUser:
    """A person with the supplier role acts for exactly one supplier."""
    if not user.groups.filter(name=Role.SUPPLIER.value).exists():
        raise RuleViolation("procurement.not_a_supplier_account")
    if SupplierUser.objects.filter(user=user).exists():
        raise RuleViolation("procurement.supplier_user_linked")
    link = SupplierUser.objects.create(supplier=supplier, user=user)
    audit.record(
        link, "procurement.supplier.user_added", actor=by, after={"supplier": supplier.name}
    )
    return link
