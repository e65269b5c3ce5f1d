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
    assert "<html" in response.content.decode()
