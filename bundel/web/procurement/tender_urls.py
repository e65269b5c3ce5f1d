"""Tenders: staff under /beheer/aanbestedingen/ (web:tenders:…), suppliers under /leverancier/
(web:supplier:…)."""

from django.urls import URLPattern, URLResolver

app_name = "tenders"

urlpatterns: list[URLPattern | URLResolver] = []
supplier_urlpatterns: list[URLPattern | URLResolver] = []
