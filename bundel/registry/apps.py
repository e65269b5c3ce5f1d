from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "bundel.registry"
    label = "registry"
    verbose_name = _("National register")

    def ready(self) -> None:
        from bundel.registry.errors import MESSAGES
        from bundel.shared.explain import register_messages

        register_messages(MESSAGES)
