"""Dutch first (the UI is Dutch unless a person chooses English)."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_pages_are_dutch_even_for_a_browser_that_asks_for_english(client: Client) -> None:
    response = client.get(reverse("web:login"), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert '<html lang="nl"' in response.content.decode()


def test_a_persons_own_language_is_used_after_signing_in(make_user) -> None:  # noqa: ANN001
    from bundel.accounts.roles import Role

    user = make_user(Role.FINANCE)
    user.language = "en"
    user.save(update_fields=["language"])
    client = Client()
    client.force_login(user)
    response = client.get(reverse("web:staff-home"))
    assert '<html lang="en"' in response.content.decode()
