from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "bundel.api"
    label = "api"
