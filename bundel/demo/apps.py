from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "bundel.demo"
    label = "demo"
