"""ACC-1: who may open which area. Anonymous visitors go to the login page; people signed in
without the role get the 403 page."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.contrib.auth.mixins import UserPassesTestMixin
from django.http import HttpRequest

if TYPE_CHECKING:
    from bundel.accounts.models import User
    from bundel.registry.models import Board


def signed_in_user(request: HttpRequest) -> User | None:
    """The signed-in person, or None for an anonymous visitor."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    return cast("User", user)


class StaffRequiredMixin(UserPassesTestMixin):
    """Cooperative staff only (ACC-1); `permission_required` narrows it to one staff role."""

    permission_required: str | None = None
    request: HttpRequest

    def test_func(self) -> bool:
        user = signed_in_user(self.request)
        if user is None or not user.is_staff_member:
            return False
        return self.permission_required is None or user.has_perm(self.permission_required)


class RepresentativeRequiredMixin(UserPassesTestMixin):
    """A member representative, who acts for exactly its own board (ACC-1, ACC-2)."""

    request: HttpRequest

    def test_func(self) -> bool:
        user = signed_in_user(self.request)
        return user is not None and user.is_member_representative

    @property
    def represented_board(self) -> Board:
        """Only ever the representative's own board: no URL names another one (ACC-2)."""
        return cast("Board", cast("User", self.request.user).board)
