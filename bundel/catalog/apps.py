from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "bundel.catalog"
    label = "catalog"
    verbose_name = _("Catalogue")

    def ready(self) -> None:
        from bundel.catalog.errors import MESSAGES
        from bundel.shared.explain import register_messages

        register_messages(MESSAGES)
