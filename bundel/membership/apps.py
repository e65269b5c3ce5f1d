from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembershipConfig(AppConfig):
    name = "bundel.membership"
    label = "membership"
    verbose_name = _("Membership")

    def ready(self) -> None:
        from bundel.membership.errors import MESSAGES
        from bundel.shared.explain import register_messages

        register_messages(MESSAGES)
