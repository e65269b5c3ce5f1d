"""Never a bare 500: the API answers in its error shape, the pages with the Dutch error page."""

import pytest
from django.test import Client, override_settings


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="tests.integration.failing_urls")
def test_a_server_error_under_the_api_is_json_and_translated() -> None:
    response = Client(raise_request_exception=False).get("/api/v1/fail/")
    assert response.status_code == 500
    assert response.json()["code"] == "server_error"
    assert "Er is iets misgegaan" in response.json()["message"]


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="tests.integration.failing_urls")
def test_a_server_error_on_a_page_shows_the_error_page() -> None:
    response = Client(raise_request_exception=False).get("/stuk/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Er ging iets mis" in html
    assert "Naar de startpagina" in html or "startpagina" in html


@pytest.mark.django_db
def test_a_form_sent_without_its_token_shows_the_dutch_expired_form_page() -> None:
    response = Client(enforce_csrf_checks=True).post("/inloggen/", {"username": "x"})
    assert response.status_code == 403
    assert "verlopen" in response.content.decode()
