"""The main navigation, by role (ACC-1)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from bundel.accounts.roles import Role
from bundel.web.access import signed_in_user


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    # The views that count as this item's page, for aria-current.
    view_names: frozenset[str]
    permission: str | None = None
    # A URL namespace whose every view counts as this item's page (e.g. "web:council").
    namespace: str | None = None

    def is_current(self, view_name: str) -> bool:
        if view_name in self.view_names:
            return True
        return self.namespace is not None and view_name.startswith(f"{self.namespace}:")


STAFF_NAVIGATION = (
    NavItem(_("Overview"), "web:staff-home", frozenset({"web:staff-home"})),
    NavItem(
        _("Register"),
        "web:registry:board-list",
        frozenset({"web:registry:board-list", "web:registry:board-detail"}),
    ),
    NavItem(
        _("National figures"),
        "web:registry:national-figures",
        frozenset({"web:registry:national-figures"}),
    ),
    NavItem(
        _("Import"),
        "web:registry:import-create",
        frozenset({"web:registry:import-create", "web:registry:import-detail"}),
        permission="registry.import_register",
    ),
    NavItem(
        _("Members"),
        "web:membership:member-list",
        frozenset(
            f"web:membership:{name}"
            for name in (
                "member-list",
                "member-detail",
                "member-notice",
                "application-list",
                "application-detail",
                "application-reject",
                "interest-list",
                "chamber-changes",
                "commitment-create",
                "settlement-propose",
                "settlement-edit",
                "settlement-decide",
            )
        ),
    ),
    # GOV-2 … GOV-9: the council, its elections, organs and advice; GOV-10: its meetings.
    NavItem(_("Council"), "web:council:council", frozenset(), namespace="web:council"),
    NavItem(_("Meetings"), "web:meetings:meeting-list", frozenset(), namespace="web:meetings"),
    # CAT, TEN: the catalogue with its demand, and the tenders.
    NavItem(_("Catalogue"), "web:catalog:catalogue", frozenset(), namespace="web:catalog"),
    NavItem(_("Tenders"), "web:tenders:tender-list", frozenset(), namespace="web:tenders"),
    # FEE-1 … FEE-4: billing runs, invoices, payments, direct debit.
    NavItem(
        _("Billing"),
        "web:billing:run-list",
        frozenset(),
        permission="billing.manage_billing",
        namespace="web:billing",
    ),
)
MEMBER_NAVIGATION = (
    NavItem(
        _("My board"),
        "web:member:board",
        frozenset(
            f"web:member:{name}"
            for name in (
                "board",
                "notice",
                "settlement",
                "settlement-dispute",
                "representative-invite",
            )
        ),
    ),
    NavItem(
        _("Catalogue"),
        "web:member_catalog:catalogue",
        frozenset(),
        namespace="web:member_catalog",
    ),
    NavItem(
        _("Invoices"),
        "web:member_billing:invoice-list",
        frozenset(),
        namespace="web:member_billing",
    ),
    NavItem(
        _("Elections"),
        "web:member_elections:election-list",
        frozenset(),
        namespace="web:member_elections",
    ),
    NavItem(
        _("Members' council"),
        "web:member_council:meetings",
        frozenset(),
        namespace="web:member_council",
    ),
)
# TEN-5: suppliers see published tenders and their own bids.
SUPPLIER_NAVIGATION = (
    NavItem(_("Tenders"), "web:supplier:tender-list", frozenset(), namespace="web:supplier"),
)
# Anonymous visitors: the way in for a board that wants to join.
PUBLIC_NAVIGATION = (
    NavItem(
        _("Become a member"),
        "web:membership:join",
        frozenset(
            f"web:membership:{name}"
            for name in (
                "join",
                "join-board",
                "application-create",
                "application-thanks",
                "interest-create",
                "interest-thanks",
            )
        ),
    ),
)


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = signed_in_user(request)
    is_staff_member = bool(user and user.is_staff_member)
    is_member_representative = bool(user and user.is_member_representative)
    items: list[NavItem] = []
    if is_staff_member:
        items += STAFF_NAVIGATION
    if is_member_representative:
        items += MEMBER_NAVIGATION
    if user is not None and not is_staff_member and user.has_role(Role.SUPPLIER):
        items += SUPPLIER_NAVIGATION
    if user is None:
        items += PUBLIC_NAVIGATION
    match = getattr(request, "resolver_match", None)
    current = match.view_name if match else ""
    return {
        "is_staff_member": is_staff_member,
        "is_member_representative": is_member_representative,
        "navigation": [
            {
                "label": item.label,
                "url": reverse(item.url_name),
                "is_current": item.is_current(current),
            }
            for item in items
            if item.permission is None or (user is not None and user.has_perm(item.permission))
        ],
    }
