from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "bundel.governance"
    label = "governance"
    verbose_name = _("Governance")

    def ready(self) -> None:
        from bundel.governance.errors import MESSAGES
        from bundel.shared.explain import register_messages

        register_messages(MESSAGES)
        post_migrate.connect(_seats_ensure, sender=self)


def _seats_ensure(**kwargs: Any) -> None:
    """GOV-2: the seats follow the setting after every migrate (and every test flush)."""
    from bundel.governance.services import seats_ensure

    seats_ensure()
