from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "bundel.governance"
    label = "governance"
    verbose_name = _("Governance")

    def ready(self) -> None:
        from bundel.governance.errors import MESSAGES
        from bundel.shared.explain import register_messages

        register_messages(MESSAGES)
