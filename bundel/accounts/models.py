from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from bundel.accounts.roles import STAFF_ROLES, Role


class User(AbstractUser):
    """A person who signs in. A member representative acts for exactly one board (ACC-1)."""

    board = models.ForeignKey(
        "registry.Board",
        verbose_name=_("board represented"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="representatives",
    )
    language = models.CharField(
        _("language"), max_length=8, choices=[("nl", "Nederlands"), ("en", "English")], default="nl"
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def role_names(self) -> set[str]:
        if not hasattr(self, "_role_names"):
            self._role_names = set(self.groups.values_list("name", flat=True))
        return self._role_names

    def has_role(self, *roles: Role) -> bool:
        return self.is_active and bool(self.role_names() & {str(role) for role in roles})

    @property
    def is_staff_member(self) -> bool:
        """Cooperative staff, in any staff role (or a superuser)."""
        return self.is_active and (self.is_superuser or bool(self.role_names() & set(STAFF_ROLES)))

    @property
    def is_member_representative(self) -> bool:
        return self.board_id is not None and self.has_role(Role.MEMBER_REPRESENTATIVE)
