"""Tender pages: staff run tenders and suppliers (TEN-3 … TEN-5, TEN-8, FEE-2); suppliers see
published tenders and bid, seeing only their own bids. Every staff role reads; procurement and
administrators act (ACC-1). A supplier acts only for its own supplier."""

from __future__ import annotations

from typing import cast

from django.contrib.auth.mixins import UserPassesTestMixin
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from bundel.accounts.models import User
from bundel.accounts.roles import Role
from bundel.procurement import selectors
from bundel.procurement.models import Supplier, Tender
from bundel.web.access import StaffRequiredMixin, signed_in_user

MANAGE = "procurement.manage_tenders"
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class TenderStaffMixin(StaffRequiredMixin):
    """Every staff role reads the tenders; only who may run tenders writes (ACC-1)."""

    def test_func(self) -> bool:
        if not super().test_func():
            return False
        if self.request.method in READ_METHODS:
            return True
        user = signed_in_user(self.request)
        return user is not None and user.has_perm(MANAGE)


class TenderManageMixin(StaffRequiredMixin):
    permission_required = MANAGE


class SupplierRequiredMixin(UserPassesTestMixin):
    """A person with the supplier role, linked to its supplier: `self.supplier`, never
    another one (no URL names a supplier)."""

    request: HttpRequest
    supplier: Supplier

    def test_func(self) -> bool:
        user = signed_in_user(self.request)
        if user is None or not user.has_role(Role.SUPPLIER):
            return False
        supplier = selectors.supplier_of(user=user)
        if supplier is None:
            return False
        self.supplier = supplier
        return True


def acting_user(request: HttpRequest) -> User:
    """The signed-in person (the mixins have let only staff or suppliers in)."""
    return cast(User, request.user)


def tender_or_404(reference: str) -> Tender:
    tender = selectors.tender_by_reference(reference)
    if tender is None:
        raise Http404(_("There is no such tender."))
    return tender
