"""Council meetings, motions, votes, proxies and decisions: staff under /beheer/vergaderingen/
(web:meetings:…), members under /mijn/ledenraad/ (web:member_council:…)."""

app_name = "meetings"

urlpatterns: list = []
member_urlpatterns: list = []
