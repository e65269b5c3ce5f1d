from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcurementConfig(AppConfig):
    name = "bundel.procurement"
    label = "procurement"
    verbose_name = _("Demand bundling and tenders")

    def ready(self) -> None:
        from bundel.procurement.errors import MESSAGES
        from bundel.shared.explain import register_messages

        register_messages(MESSAGES)
