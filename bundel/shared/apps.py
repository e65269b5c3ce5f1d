from django.apps import AppConfig


class SharedConfig(AppConfig):
    name = "bundel.shared"
    label = "shared"
    verbose_name = "Shared"
