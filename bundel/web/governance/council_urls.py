"""Council, elections, organs and advice: staff under /beheer/ledenraad/ (web:council:…),
members under /mijn/verkiezingen/ (web:member_elections:…)."""

from django.urls import URLPattern, URLResolver

app_name = "council"

urlpatterns: list[URLPattern | URLResolver] = []
member_urlpatterns: list[URLPattern | URLResolver] = []
