"""The staff register pages: search, board detail, national figures (REG-1 … REG-6)."""

from __future__ import annotations

import pytest
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from bundel.registry import services
from bundel.registry.models import Board
from tests.factories.registry import BoardFactory, LocationFactory, SchoolFactory, po_counts_csv
from tests.integration.web.conftest import PO_FILE

pytestmark = pytest.mark.django_db


def board_numbers(html: str) -> list[str]:
    return [
        number
        for number in ("10001", "10002", "10003", "10004")
        if f"/beheer/register/besturen/{number}/" in html
    ]


@pytest.mark.rule("REG-1")
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("78gh", ["10003"]),  # BRIN, in any case
        ("12AB01", ["10001"]),  # location code
        ("1000", ["10001", "10002", "10003", "10004"]),  # start of the DUO number
        ("primair", ["10001"]),  # name
        ("amersfoort", ["10003"]),  # place
    ],
)
def test_the_search_finds_boards_by_brin_location_number_name_and_place(
    staff_client: Client, register: object, query: str, expected: list[str]
) -> None:
    response = staff_client.get("/beheer/register/", {"q": query})
    assert board_numbers(response.content.decode()) == expected


def test_the_chamber_filter_narrows_the_search(staff_client: Client, register: object) -> None:
    response = staff_client.get("/beheer/register/", {"chamber": "KLEIN"})
    assert board_numbers(response.content.decode()) == ["10004"]


def test_the_live_search_answers_htmx_with_the_results_fragment_only(
    staff_client: Client, register: object
) -> None:
    response = staff_client.get("/beheer/register/", {"q": "78GH"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<html" not in html
    assert board_numbers(html) == ["10003"]
    assert 'hx-swap-oob="innerHTML:#board-count"' in html
    assert "1 bestuur gevonden" in html
    assert "HX-Request" in response["Vary"]


def test_the_search_form_works_without_javascript(staff_client: Client, register: object) -> None:
    html = staff_client.get("/beheer/register/", {"q": "78GH"}).content.decode()
    assert '<form method="get" action="/beheer/register/"' in html
    assert 'hx-trigger="submit, keyup changed delay:300ms, search, change"' in html
    assert board_numbers(html) == ["10003"]


def test_the_board_list_pages_with_a_fixed_number_of_queries(
    staff_client: Client, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    BoardFactory.create_batch(60)
    staff_client.get("/beheer/register/")
    # session, user, roles, 2 × permissions (navigation), count, one page of boards
    with django_assert_num_queries(7):
        response = staff_client.get("/beheer/register/", {"page": 2})
    html = response.content.decode()
    assert "Pagina 2 van 3" in html
    assert html.count('<tr class="utrecht-table__row">') == 25 + 1


def test_the_board_page_reads_schools_and_locations_without_a_query_per_row(
    staff_client: Client, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    board = BoardFactory(number="20001")
    for brin in ("11AA", "11AB", "11AC"):
        school = SchoolFactory(brin=brin, board=board)
        for number in ("00", "01"):
            LocationFactory(school=school, code=f"{brin}{number}")
    staff_client.get("/beheer/register/besturen/20001/")
    # session, user, roles, board, counts, schools, locations, classifications, 2 × permissions
    with django_assert_num_queries(10):
        html = staff_client.get("/beheer/register/besturen/20001/").content.decode()
    assert "11AC01" in html


@pytest.mark.rule("REG-6")
def test_the_board_page_explains_the_chamber_in_dutch(
    staff_client: Client, register: object
) -> None:
    html = staff_client.get("/beheer/register/besturen/10001/").content.decode()
    assert "PO Groot" in html
    assert "PO 1.550 leerlingen op 1 oktober 2016 &gt; 1.000; geen VO → PO Groot" in html
    assert "1 oktober 2016" in html  # the count date with the figures
    assert "SPU" in html  # DUO short name


@pytest.mark.rule("REG-5")
def test_a_board_small_in_both_sectors_is_klein_with_the_reason(
    staff_client: Client, register: object
) -> None:
    html = staff_client.get("/beheer/register/besturen/10004/").content.decode()
    assert (
        "PO 300 leerlingen op 1 oktober 2016 ≤ 1.000; "
        "VO 200 leerlingen op 1 oktober 2016 ≤ 3.500 → Klein (klein in elke sector)" in html
    )


@pytest.mark.rule("REG-3")
def test_an_inactive_board_has_no_chamber_and_says_why(
    staff_client: Client, register: object
) -> None:
    html = staff_client.get("/beheer/register/besturen/10002/").content.decode()
    assert "geen leerlingen op de laatste teldata" in html
    assert "geen kamer" in html
    assert "1 cel “&lt;5” als 0 geteld" in html


def test_the_board_page_shows_schools_locations_and_the_student_chart(
    staff_client: Client, register: object
) -> None:
    html = staff_client.get("/beheer/register/besturen/10001/").content.decode()
    assert "12AB00" in html
    assert "12AB01" in html
    assert '<svg class="bundel-chart__svg" role="img"' in html
    assert "Leerlingen per teldatum en sector (tabel)" in html
    assert "1.550" in html


@pytest.mark.rule("REG-6")
def test_the_classification_history_flags_a_chamber_change(
    staff_client: Client, register: object
) -> None:
    services.register_import(
        files=[
            services.ImportFile(
                PO_FILE.replace("2016-2017", "2017-2018"),
                po_counts_csv([("10001", "12AB", "0", "BAO", "nvt", "800")], peildatum="20171001"),
            )
        ]
    )
    html = staff_client.get("/beheer/register/besturen/10001/").content.decode()
    assert "Classificatiegeschiedenis" in html
    assert "gewijzigd, was PO Groot" in html
    assert "PO 800 leerlingen op 1 oktober 2017 ≤ 1.000; geen VO → Klein" in html


def test_an_unknown_board_number_is_a_dutch_404(staff_client: Client, register: object) -> None:
    response = staff_client.get("/beheer/register/besturen/99999/")
    assert response.status_code == 404
    assert "Er staat geen bestuur met nummer 99999 in het register." in response.content.decode()


@pytest.mark.rule("REG-6")
def test_the_national_figures_count_boards_per_chamber(
    staff_client: Client, register: object
) -> None:
    html = staff_client.get("/beheer/register/cijfers/").content.decode()
    assert "Landelijke cijfers" in html
    assert "6.050" in html  # 1,550 + 300 + 4,000 + 200 students
    for chamber in ("PO Groot", "VO Groot", "Combinatie", "Klein"):
        assert chamber in html


def test_the_pages_speak_english_after_the_switch(staff_client: Client, register: object) -> None:
    staff_client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = staff_client.get("/beheer/register/besturen/10001/").content.decode()
    assert "PO 1,550 students at 1 October 2016 &gt; 1,000; no VO → PO Groot" in html
    assert Board.objects.get(number="10001").chamber == "PO_GROOT"
