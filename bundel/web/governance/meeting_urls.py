"""Council meetings, motions, votes, proxies and decisions: staff under /beheer/vergaderingen/
(web:meetings:…), members under /mijn/ledenraad/ (web:member_council:…)."""

from django.urls import URLPattern, URLResolver

app_name = "meetings"

urlpatterns: list[URLPattern | URLResolver] = []
member_urlpatterns: list[URLPattern | URLResolver] = []
