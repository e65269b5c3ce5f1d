"""Suppliers and the accounts that act for them (role supplier). Every staff role reads;
procurement and administrators add suppliers and link accounts (ACC-1)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from bundel.procurement import services
from bundel.procurement.models import Supplier
from bundel.shared.errors import RuleViolation
from bundel.web.procurement.tenders import (
    MANAGE,
    TenderManageMixin,
    TenderStaffMixin,
    acting_user,
    presenters,
)
from bundel.web.procurement.tenders.forms import SupplierForm, SupplierUserForm

LIST = "web:tenders:supplier-list"


def supplier_list(
    request: HttpRequest,
    form: SupplierForm | None = None,
    user_form: SupplierUserForm | None = None,
) -> HttpResponse:
    suppliers = list(presenters.supplier_list())
    can_manage = acting_user(request).has_perm(MANAGE)
    rows: list[tuple[Supplier, Any]] = []
    for supplier in suppliers:
        link_form = None
        if can_manage:
            link_form = SupplierUserForm(supplier_pk=supplier.pk)
            if user_form is not None and user_form.prefix == f"supplier{supplier.pk}":
                link_form = user_form
        rows.append((supplier, link_form))
    context = {
        "rows": rows,
        "form": (form or SupplierForm()) if can_manage else None,
    }
    return render(request, "procurement/tenders/supplier_list.html", context)


class SupplierListView(TenderStaffMixin, View):
    """The suppliers with their accounts; a new supplier."""

    def get(self, request: HttpRequest) -> HttpResponse:
        return supplier_list(request)

    def post(self, request: HttpRequest) -> HttpResponse:
        form = SupplierForm(request.POST)
        if form.is_valid():
            try:
                supplier = services.supplier_create(by=acting_user(request), **form.cleaned_data)
            except RuleViolation as violation:
                form.add_violation(violation)
            else:
                messages.success(
                    request, _("Supplier %(name)s has been added.") % {"name": supplier.name}
                )
                return redirect(f"{reverse(LIST)}#supplier-{supplier.pk}")
        return supplier_list(request, form=form)


class SupplierUserAddView(TenderManageMixin, View):
    """An account with the supplier role starts acting for this supplier."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return redirect(f"{reverse(LIST)}#supplier-{pk}")

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        supplier = get_object_or_404(Supplier, pk=pk)
        form = SupplierUserForm(request.POST, supplier_pk=supplier.pk)
        if form.is_valid():
            user = form.cleaned_data["username"]
            try:
                services.supplier_user_add(supplier=supplier, user=user, by=acting_user(request))
            except RuleViolation as violation:
                form.add_violation(violation)
            else:
                messages.success(
                    request,
                    _("%(username)s now acts for %(supplier)s.")
                    % {"username": user.get_username(), "supplier": supplier.name},
                )
                return redirect(f"{reverse(LIST)}#supplier-{supplier.pk}")
        return supplier_list(request, user_form=form)
