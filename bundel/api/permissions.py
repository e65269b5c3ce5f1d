"""ACC-1 roles and ACC-2 board scope for the API.

A view checks a role with these permission classes; what it may then show is narrowed with
`board_scope`: staff see every board, a member representative only its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from rest_framework.exceptions import NotAuthenticated, PermissionDenied
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from bundel.accounts.models import User
from bundel.accounts.roles import Role
from bundel.registry.models import Board

_Row = TypeVar("_Row", bound=Model)


def signed_in_user(request: Request) -> User | None:
    user = request.user
    return user if isinstance(user, User) and user.is_authenticated else None


class IsStaffMember(BasePermission):
    """ACC-1: cooperative staff in any staff role (or a superuser)."""

    def has_permission(self, request: Request, view: Any) -> bool:
        user = signed_in_user(request)
        return user is not None and user.is_staff_member


class IsMemberRepresentative(BasePermission):
    """ACC-1: a member representative, acting for exactly its own board."""

    def has_permission(self, request: Request, view: Any) -> bool:
        user = signed_in_user(request)
        return user is not None and user.is_member_representative


class HasModelPermission(BasePermission):
    """A Django permission (`app_label.codename`), granted through the user's roles."""

    required: str = ""

    def has_permission(self, request: Request, view: Any) -> bool:
        user = signed_in_user(request)
        return user is not None and user.has_perm(self.required)


class CanViewImportRuns(HasModelPermission):
    required = "registry.view_importrun"


class CanImportRegister(HasModelPermission):
    required = "registry.import_register"


@dataclass(frozen=True)
class BoardScope:
    """ACC-2: the boards a request may see: every board, or exactly one."""

    board_id: int | None

    @property
    def is_every_board(self) -> bool:
        return self.board_id is None

    def allows(self, board: Board) -> bool:
        return self.board_id is None or board.pk == self.board_id

    def narrow(self, boards: QuerySet[Board]) -> QuerySet[Board]:
        return boards if self.board_id is None else boards.filter(pk=self.board_id)

    def narrow_rows(self, rows: QuerySet[_Row], board_field: str = "board") -> QuerySet[_Row]:
        """Rows that name a board in `board_field`: all of them, or only this scope's board's."""
        if self.board_id is None:
            return rows
        return rows.filter(**{f"{board_field}_id": self.board_id})


def board_scope(request: Request) -> BoardScope:
    """ACC-2: staff see every board; a member representative only its own; others nothing.

    A person who is both staff and a representative acts as staff: the staff role is the wider
    grant, given by the cooperative itself.
    """
    user = signed_in_user(request)
    if user is not None and user.is_staff_member:
        return BoardScope(board_id=None)
    if user is not None and user.is_member_representative:
        return BoardScope(board_id=user.board_id)
    raise PermissionDenied


def represented_board_scope(request: Request) -> BoardScope:
    """ACC-2: exactly the board a member representative acts for, also when the person is staff
    as well: for what only the member itself may do (accept or dispute its settlement)."""
    user = signed_in_user(request)
    if user is not None and user.is_member_representative:
        return BoardScope(board_id=user.board_id)
    raise PermissionDenied


class CanDecideApplications(HasModelPermission):
    required = "membership.decide_application"


class CanManageMemberships(HasModelPermission):
    required = "membership.manage_membership"


class CanManageCouncil(HasModelPermission):
    """GOV-2 … GOV-10: the council secretary (and the administrator) run the council."""

    required = "governance.manage_council"


class CanManageBilling(HasModelPermission):
    """FEE-1 … FEE-4: finance staff (and the administrator) run billing, credit and record
    payments; every other staff role only reads."""

    required = "billing.manage_billing"


def acting_user(request: Request) -> User:
    user = signed_in_user(request)
    if user is None:
        raise NotAuthenticated
    return user


class CanManageTenders(HasModelPermission):
    """CAT, TEN: procurement staff (and the administrator) run tenders and evaluate bids."""

    required = "procurement.manage_tenders"


class IsSupplier(BasePermission):
    """A person with the supplier role: it acts only for its own supplier."""

    def has_permission(self, request: Request, view: Any) -> bool:
        user = signed_in_user(request)
        return user is not None and user.has_role(Role.SUPPLIER)
