"""Accounts: roles as groups with permissions, and creating people in a role."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from bundel.accounts.models import User
from bundel.accounts.roles import ROLE_PERMISSIONS, Role
from bundel.shared import audit
from bundel.shared.errors import RuleViolation


@transaction.atomic
def roles_ensure() -> dict[str, Group]:
    """Create or update one group per role with exactly its permissions. Idempotent."""
    groups: dict[str, Group] = {}
    for role, perm_names in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=str(role))
        permissions = []
        for name in perm_names:
            app_label, codename = name.split(".")
            permissions.append(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        group.permissions.set(permissions)
        groups[str(role)] = group
    return groups


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str,
    roles: list[Role],
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    board_id: int | None = None,
    created_by: User | None = None,
) -> User:
    """Create a person with roles. A member representative must represent a board (ACC-1)."""
    if Role.MEMBER_REPRESENTATIVE in roles and board_id is None:
        raise RuleViolation("accounts.representative_needs_board")
    if board_id is not None and Role.MEMBER_REPRESENTATIVE not in roles:
        raise RuleViolation("accounts.board_only_for_representatives")
    if User.objects.filter(username=username).exists():
        raise RuleViolation("accounts.username_taken", username=username)
    groups = roles_ensure()
    user = User.objects.create_user(
        username=username,
        password=password,
        email=email,
        first_name=first_name,
        last_name=last_name,
        board_id=board_id,
        is_staff=Role.ADMINISTRATOR in roles,
    )
    user.groups.set([groups[str(role)] for role in roles])
    audit.record(
        user,
        "accounts.user.created",
        actor=created_by,
        after={"username": username, "roles": sorted(str(r) for r in roles), "board": board_id},
    )
    return user
