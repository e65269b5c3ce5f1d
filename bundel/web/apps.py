from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "bundel.web"
    label = "web"
