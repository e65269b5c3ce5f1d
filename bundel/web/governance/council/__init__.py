"""Staff and member pages of the members' council: seats and terms, elections, the other
organs and the council's advice (GOV-1 … GOV-4, GOV-7 … GOV-9)."""

from __future__ import annotations

from typing import cast

from django.http import HttpRequest

from bundel.accounts.models import User
from bundel.web.access import StaffRequiredMixin

# Every staff role may read the council and its elections; only the council secretary and the
# administrator act on them.
READ_PERMISSION = "registry.view_board"
MANAGE_PERMISSION = "governance.manage_council"


class CouncilReadMixin(StaffRequiredMixin):
    permission_required = READ_PERMISSION


class CouncilManageMixin(StaffRequiredMixin):
    permission_required = MANAGE_PERMISSION


def staff(request: HttpRequest) -> User:
    """The signed-in staff member (the mixins have let only staff in)."""
    return cast(User, request.user)
