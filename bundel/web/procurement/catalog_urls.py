"""Catalogue and demand: staff under /beheer/catalogus/ (web:catalog:…), members under
/mijn/catalogus/ (web:member_catalog:…: browse, intent, demand, participation, late joins)."""

from django.urls import URLPattern, URLResolver

app_name = "catalog"

urlpatterns: list[URLPattern | URLResolver] = []
member_urlpatterns: list[URLPattern | URLResolver] = []
