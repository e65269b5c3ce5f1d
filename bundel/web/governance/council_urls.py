"""Council, elections, organs and advice: staff under /beheer/ledenraad/ (web:council:…),
members under /mijn/verkiezingen/ (web:member_elections:…)."""

app_name = "council"

urlpatterns: list = []
member_urlpatterns: list = []
