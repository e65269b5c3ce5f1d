from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BillingConfig(AppConfig):
    name = "bundel.billing"
    label = "billing"
    verbose_name = _("Billing")

    def ready(self) -> None:
        from bundel.billing.errors import MESSAGES
        from bundel.shared.explain import register_messages

        register_messages(MESSAGES)
