"""The main navigation, by role (ACC-1)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from bundel.web.access import signed_in_user


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    # The views that count as this item's page, for aria-current.
    view_names: frozenset[str]
    permission: str | None = None


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
)
MEMBER_NAVIGATION = (NavItem(_("My board"), "web:member:board", frozenset({"web:member:board"})),)


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = signed_in_user(request)
    is_staff_member = bool(user and user.is_staff_member)
    is_member_representative = bool(user and user.is_member_representative)
    items: list[NavItem] = []
    if is_staff_member:
        items += STAFF_NAVIGATION
    if is_member_representative:
        items += MEMBER_NAVIGATION
    match = getattr(request, "resolver_match", None)
    current = match.view_name if match else ""
    return {
        "is_staff_member": is_staff_member,
        "is_member_representative": is_member_representative,
        "navigation": [
            {
                "label": item.label,
                "url": reverse(item.url_name),
                "is_current": current in item.view_names,
            }
            for item in items
            if user is not None and (item.permission is None or user.has_perm(item.permission))
        ],
    }
