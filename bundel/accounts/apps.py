from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "bundel.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from bundel.accounts.errors import MESSAGES
        from bundel.shared.explain import register_messages

        register_messages(MESSAGES)
