"""REG-2, REG-3: importing DUO files through the web UI, with a report or a clear error."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pytest_django import Settings

from bundel.registry.models import Board, ImportRun
from tests.factories.registry import po_counts_csv, vo_counts_csv
from tests.integration.web.conftest import PO_FILE, VO_FILE, po_rows, vo_rows

pytestmark = pytest.mark.django_db

IMPORT = "/beheer/register/import/"


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="text/csv")


@pytest.mark.rule("REG-2")
@pytest.mark.rule("REG-3")
def test_an_upload_is_imported_and_reported_with_its_quirks(staff_client: Client) -> None:
    response = staff_client.post(
        IMPORT,
        {
            "duo_files": [
                upload(PO_FILE, po_counts_csv(po_rows())),
                upload(VO_FILE, vo_counts_csv(vo_rows())),
            ]
        },
        follow=True,
    )
    html = response.content.decode()
    assert response.redirect_chain[0][0].startswith(IMPORT)
    assert "Importverslag" in html
    assert "PO-leerlingen per vestiging en bestuur (01. leerlingen po)" in html
    assert "VO-leerlingen per vestiging en bestuur (03. leerlingen vo)" in html
    assert "1 oktober 2016" in html
    assert "Onderdrukte cellen (“&lt;5”, als 0 geteld)" in html
    assert "Rijen met bestuursnummer 0 (overgeslagen)" in html
    assert "Besturen aangemaakt" in html
    assert "2 bestanden geïmporteerd." in html
    assert Board.objects.filter(chamber="PO_GROOT").get().number == "10001"
    runs = ImportRun.objects.filter(status=ImportRun.Status.SUCCEEDED)
    assert sorted(run.file_name for run in runs) == sorted([PO_FILE, VO_FILE])
    assert all(run.imported_by and run.imported_by.get_username() == "beheer" for run in runs)


@pytest.mark.rule("REG-3")
def test_a_malformed_file_is_refused_with_file_line_and_reason_and_nothing_is_written(
    staff_client: Client,
) -> None:
    before = Board.objects.count()
    bad = po_counts_csv(
        [("10001", "12AB", "0", "BAO", "nvt", "900"), ("10001", "1X", "0", "BAO", "nvt", "5")]
    )
    response = staff_client.post(
        IMPORT,
        {"duo_files": [upload(VO_FILE, vo_counts_csv(vo_rows())), upload(PO_FILE, bad)]},
        follow=True,
    )
    html = response.content.decode()
    assert "De import is mislukt" in html
    refusal = f"{PO_FILE}, regel 3: ongeldige BRIN-code &#x27;1X&#x27;. Er is niets geïmporteerd."
    assert refusal in html
    assert failed_reason_shown_in_list(staff_client)
    assert Board.objects.count() == before
    failed = ImportRun.objects.get(status=ImportRun.Status.FAILED)
    assert (failed.file_name, failed.error_line) == (PO_FILE, 3)


def test_the_import_page_lists_recent_runs_with_a_short_checksum(staff_client: Client) -> None:
    staff_client.post(IMPORT, {"duo_files": [upload(PO_FILE, po_counts_csv(po_rows()))]})
    html = staff_client.get(IMPORT).content.decode()
    run = ImportRun.objects.get()
    assert run.file_name in html
    assert f"{run.sha256[:12]}…" in html
    assert "geslaagd" in html
    assert "beheer" in html


@pytest.mark.rule("REG-3")
def test_no_files_is_a_dutch_form_error(staff_client: Client) -> None:
    response = staff_client.post(IMPORT, {"count_date": ""})
    assert response.status_code == 200
    assert "Kies ten minste één bestand om te importeren." in response.content.decode()
    assert not ImportRun.objects.exists()


def test_a_malformed_count_date_is_a_dutch_form_error(staff_client: Client) -> None:
    response = staff_client.post(
        IMPORT,
        {"duo_files": [upload(VO_FILE, vo_counts_csv(vo_rows()))], "count_date": "1 okt"},
    )
    assert response.status_code == 200
    assert "Voer een geldige datum in." in response.content.decode()
    assert not ImportRun.objects.exists()


@pytest.mark.rule("REG-2")
def test_the_count_date_dates_a_vo_file_whose_name_has_no_year(staff_client: Client) -> None:
    staff_client.post(
        IMPORT,
        {
            "duo_files": [upload("leerlingen-vo.csv", vo_counts_csv(vo_rows()))],
            "count_date": "2019-10-01",
        },
    )
    assert Board.objects.get(number="10003").vo_count_date.isoformat() == "2019-10-01"


def test_a_queued_import_shows_a_progress_bar_that_htmx_polls(
    staff_client: Client, settings: Settings
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    response = staff_client.post(IMPORT, {"duo_files": [upload(PO_FILE, po_counts_csv(po_rows()))]})
    page = staff_client.get(response["Location"])
    html = page.content.decode()
    assert "De import loopt" in html
    assert "<progress" in html
    assert 'hx-trigger="every 1s"' in html
    fragment = staff_client.get(response["Location"], headers={"HX-Request": "true"})
    assert "<html" not in fragment.content.decode()
    assert "<progress" in fragment.content.decode()


def test_an_unknown_upload_says_so(staff_client: Client) -> None:
    response = staff_client.get(f"{IMPORT}00000000-0000-0000-0000-000000000000/")
    assert response.status_code == 404
    assert "Deze upload is niet (meer) bekend." in response.content.decode()


def failed_reason_shown_in_list(client: Client) -> bool:
    """The recent runs name the refusal's line and its reason in Dutch."""
    html = client.get(IMPORT).content.decode()
    return "op regel 3: ongeldige BRIN-code" in html
