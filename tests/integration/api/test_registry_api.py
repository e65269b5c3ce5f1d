"""The register over the API: who may read what (ACC-1, ACC-2), the shapes, imports, schema."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiYamlRenderer
from drf_spectacular.validation import validate_schema
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from bundel.accounts.roles import Role
from bundel.registry.models import Board, ImportRun, StudentCount
from tests.factories.registry import (
    BoardFactory,
    LocationFactory,
    SchoolFactory,
    StudentCountFactory,
    po_counts_csv,
    vo_counts_csv,
)

pytestmark = pytest.mark.django_db

BOARDS = reverse("api:v1:board-list")
STATS = reverse("api:v1:register-stats")
IMPORTS = reverse("api:v1:import-run-list")
SCHEMA_FILE = Path(settings.BASE_DIR) / "docs" / "api" / "openapi.yaml"


def board_url(number: str) -> str:
    return reverse("api:v1:board-detail", kwargs={"number": number})


@pytest.fixture(autouse=True)
def _dutch_by_default() -> object:
    """LocaleMiddleware leaves the last request's language active; start each test afresh."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture
def client_for() -> Callable[[object], APIClient]:
    """An API client that signs in with the person's token."""

    def make(user: object) -> APIClient:
        client = APIClient()
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return make


@pytest.fixture
def staff_api(staff_user: object, client_for: Callable[[object], APIClient]) -> APIClient:
    return client_for(staff_user)


@pytest.fixture
def member_api(representative: Any, client_for: Callable[[object], APIClient]) -> APIClient:
    return client_for(representative)


def numbers(response: Any) -> list[str]:
    return [board["number"] for board in response.json()["results"]]


# Who may read what (ACC-1) ------------------------------------------------------------------


@pytest.mark.rule("ACC-1")
@pytest.mark.parametrize("url", [BOARDS, board_url("41234"), STATS, IMPORTS])
def test_an_anonymous_visitor_is_asked_to_sign_in_in_dutch(url: str) -> None:
    response = APIClient().get(url)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json() == {
        "code": "not_authenticated",
        "message": "Authenticatiegegevens zijn niet opgegeven.",
    }


def test_error_messages_follow_accept_language() -> None:
    response = APIClient().get(BOARDS, HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["message"] == "Authentication credentials were not provided."


def test_a_wrong_token_is_refused() -> None:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    response = client.get(BOARDS)
    assert response.status_code == 401
    assert response.json() == {"code": "authentication_failed", "message": "Ongeldige token."}


@pytest.mark.rule("ACC-1")
@pytest.mark.parametrize("url", [BOARDS, board_url("41234"), STATS, IMPORTS])
def test_a_supplier_may_not_read_the_register(
    url: str, make_user: Callable[..., object], client_for: Callable[[object], APIClient]
) -> None:
    BoardFactory(number="41234")
    response = client_for(make_user(Role.SUPPLIER)).get(url)
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_a_session_signs_in_too(staff_user: object) -> None:
    BoardFactory(number="41234")
    client = APIClient()
    client.force_login(staff_user)
    assert numbers(client.get(BOARDS)) == ["41234"]


def test_an_unknown_api_path_answers_json_404(staff_api: APIClient) -> None:
    response = staff_api.get("/api/v1/nothing-here/")
    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "message": "Niet gevonden."}


# Boards: search (staff) ----------------------------------------------------------------------


@pytest.mark.rule("REG-1")
def test_staff_find_a_board_by_its_number_or_the_start_of_it(staff_api: APIClient) -> None:
    BoardFactory(number="41234", name="Stichting Noord")
    BoardFactory(number="41299", name="Stichting Zuid")
    BoardFactory(number="50000", name="Stichting Oost")
    assert numbers(staff_api.get(BOARDS, {"q": "41234"})) == ["41234"]
    assert numbers(staff_api.get(BOARDS, {"q": "412"})) == ["41234", "41299"]


@pytest.mark.rule("REG-1")
def test_staff_find_a_board_by_brin_or_location_code(staff_api: APIClient) -> None:
    board = BoardFactory(number="41234")
    LocationFactory(school=SchoolFactory(brin="12AB", board=board), code="12AB01")
    BoardFactory(number="50000")
    assert numbers(staff_api.get(BOARDS, {"q": "12ab"})) == ["41234"]
    assert numbers(staff_api.get(BOARDS, {"q": "12AB01"})) == ["41234"]


def test_staff_filter_boards_by_chamber(staff_api: APIClient) -> None:
    BoardFactory(number="41234", chamber="KLEIN")
    BoardFactory(number="50000", chamber="PO_GROOT")
    assert numbers(staff_api.get(BOARDS, {"chamber": "PO_GROOT"})) == ["50000"]


def test_an_unknown_chamber_is_invalid_input_explained_in_dutch(staff_api: APIClient) -> None:
    response = staff_api.get(BOARDS, {"chamber": "GROOT"})
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert body["message"] == 'chamber: "GROOT" is een ongeldige keuze.'
    assert body["fields"] == {"chamber": ['"GROOT" is een ongeldige keuze.']}


def test_the_board_list_is_paginated_and_shaped(staff_api: APIClient) -> None:
    BoardFactory(
        number="41234",
        name="Stichting Noord",
        po_students=900,
        po_count_date=date(2016, 10, 1),
        size_class="small",
        chamber="KLEIN",
    )
    BoardFactory(number="41235")
    BoardFactory(number="41236")
    body = staff_api.get(BOARDS, {"limit": 2}).json()
    assert body["count"] == 3
    assert [b["number"] for b in body["results"]] == ["41234", "41235"]
    assert body["next"].endswith("?limit=2&offset=2")
    assert body["results"][0] == {
        "number": "41234",
        "name": "Stichting Noord",
        "city": "Utrecht",
        "po_students": 900,
        "po_count_date": "2016-10-01",
        "vo_students": 0,
        "vo_count_date": None,
        "total_students": 900,
        "size_class": "small",
        "chamber": "KLEIN",
    }
    assert body["results"][1]["chamber"] is None


def test_the_staff_board_list_takes_a_fixed_number_of_queries(
    staff_api: APIClient, django_assert_max_num_queries: Any
) -> None:
    for n in range(12):
        board = BoardFactory(number=f"{41200 + n}")
        LocationFactory(school=SchoolFactory(board=board))
    # token + user, roles, count, page
    with django_assert_max_num_queries(4):
        response = staff_api.get(BOARDS, {"q": "412"})
    assert response.json()["count"] == 12


# Boards: a member representative sees only its own (ACC-2) -----------------------------------


@pytest.mark.rule("ACC-2")
def test_a_representative_sees_only_its_own_board_in_the_list(
    representative: Any,
    member_api: APIClient,
    django_assert_max_num_queries: Any,
) -> None:
    for n in range(5):
        BoardFactory(number=f"{41200 + n}")
    own = representative.board.number
    with django_assert_max_num_queries(4):
        body = member_api.get(BOARDS).json()
    assert body["count"] == 1
    assert [b["number"] for b in body["results"]] == [own]
    assert numbers(member_api.get(BOARDS, {"q": "412"})) == []


@pytest.mark.rule("ACC-2")
def test_another_boards_detail_is_not_found_exactly_like_an_unknown_board(
    member_api: APIClient,
) -> None:
    BoardFactory(number="41234")
    other = member_api.get(board_url("41234"), HTTP_ACCEPT_LANGUAGE="en")
    unknown = member_api.get(board_url("41235"), HTTP_ACCEPT_LANGUAGE="en")
    assert other.status_code == unknown.status_code == 404
    assert other.json() == {
        "code": "registry.board_not_found",
        "message": "No board with number 41234 is in the register.",
        "params": {"number": "41234"},
    }
    assert unknown.json() == {
        "code": "registry.board_not_found",
        "message": "No board with number 41235 is in the register.",
        "params": {"number": "41235"},
    }


@pytest.mark.rule("ACC-2")
def test_a_representative_reads_its_own_board(representative: Any, member_api: APIClient) -> None:
    own = representative.board.number
    response = member_api.get(board_url(own))
    assert response.status_code == 200
    assert response.json()["number"] == own


# Boards: detail ------------------------------------------------------------------------------


def test_the_board_detail_has_the_shape_of_the_register(
    staff_api: APIClient, django_assert_max_num_queries: Any
) -> None:
    board = BoardFactory(
        number="41234",
        name="Stichting Noord",
        po_students=1500,
        po_count_date=date(2016, 10, 1),
        vo_students=0,
        vo_count_date=date(2017, 10, 1),
        size_class="large",
        chamber="PO_GROOT",
        chamber_reason="PO 1,500 students at 2016-10-01 > 1,000; no VO → PO Groot",
    )
    school = SchoolFactory(brin="12AB", board=board, name="De Linde")
    LocationFactory(school=school, code="12AB00", name="De Linde", city="Utrecht")
    LocationFactory(school=school, code="12AB01", name="De Linde dependance", city="Zeist")
    LocationFactory(school=SchoolFactory(brin="12AC", board=board))
    with django_assert_max_num_queries(5):
        response = staff_api.get(board_url("41234"))
    body = response.json()
    assert body["number"] == "41234"
    assert body["name"] == "Stichting Noord"
    assert (body["po_students"], body["po_count_date"]) == (1500, "2016-10-01")
    assert (body["vo_students"], body["vo_count_date"]) == (0, "2017-10-01")
    assert body["total_students"] == 1500
    assert (body["size_class"], body["chamber"]) == ("large", "PO_GROOT")
    assert body["chamber_reason"].endswith("→ PO Groot")
    assert body["schools"][0] == {
        "brin": "12AB",
        "name": "De Linde",
        "locations": ["12AB00", "12AB01"],
    }
    assert [s["brin"] for s in body["schools"]] == ["12AB", "12AC"]
    assert body["locations"][1] == {
        "code": "12AB01",
        "name": "De Linde dependance",
        "city": "Zeist",
        "municipality": "",
        "province": "",
    }


def test_an_unknown_board_is_not_found(staff_api: APIClient) -> None:
    response = staff_api.get(board_url("99999"))
    assert response.status_code == 404
    assert response.json()["code"] == "registry.board_not_found"
    assert response.json()["params"] == {"number": "99999"}


# National figures ----------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["staff", "representative"])
def test_the_national_figures_per_sector_and_chamber(
    role: str, staff_api: APIClient, member_api: APIClient
) -> None:
    small = BoardFactory(
        number="41234",
        po_students=500,
        po_count_date=date(2016, 10, 1),
        size_class="small",
        chamber="KLEIN",
    )
    both = BoardFactory(
        number="41235",
        po_students=2000,
        vo_students=4000,
        size_class="large",
        chamber="COMBINATIE",
    )
    StudentCountFactory(location=LocationFactory(school__board=small), students=500)
    StudentCountFactory(location=LocationFactory(school__board=both), students=2000)
    StudentCountFactory(
        location=LocationFactory(school__board=both),
        dataset="vo_counts",
        sector="VO",
        school_type="VO",
        cluster="",
        count_date=date(2017, 10, 1),
        students=4000,
    )
    client = staff_api if role == "staff" else member_api
    response = client.get(STATS)
    assert response.status_code == 200
    assert response.json() == {
        "sectors": {
            "PO": {"count_date": "2016-10-01", "boards": 2, "students": 2500},
            "VO": {"count_date": "2017-10-01", "boards": 1, "students": 4000},
        },
        "students": 6500,
        "boards_with_students": 2,
        "boards_in_both_sectors": 1,
        "chambers": {"PO_GROOT": 0, "VO_GROOT": 0, "COMBINATIE": 1, "KLEIN": 1},
        "size_classes": {"large": 1, "small": 1},
    }


def test_the_national_figures_of_an_empty_register(staff_api: APIClient) -> None:
    body = staff_api.get(STATS).json()
    assert body["sectors"]["PO"] == {"count_date": None, "boards": 0, "students": 0}
    assert body["size_classes"] == {}


# DUO imports ---------------------------------------------------------------------------------


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="text/csv")


PO_FILE = "01.-leerlingen-po-soort-po,-cluster,-leeftijd-2016-2017.csv"
VO_FILE = "03-leerlingen-vo-per-vestiging-en-bestuur-vavo-apart.csv"


@pytest.mark.rule("REG-2")
def test_staff_import_duo_files_and_the_register_shows_the_boards(staff_api: APIClient) -> None:
    po = po_counts_csv(
        [("41234", "12AB", "00", "BAO", "nvt", 400), ("41235", "12AC", "00", "BAO", "nvt", 1200)]
    )
    vo = vo_counts_csv([("41235", "12AD", "12AD00", 5000, 20)])
    response = staff_api.post(
        IMPORTS,
        {"files": [upload(PO_FILE, po), upload(VO_FILE, vo)], "count_date": "2017-10-01"},
        format="multipart",
    )
    assert response.status_code == 201
    report = response.json()
    assert [(f["kind"], f["rows_imported"]) for f in report["files"]] == [
        ("po_counts", 2),
        ("vo_counts", 1),
    ]
    assert report["files"][1]["count_dates"] == ["2017-10-01"]
    assert report["files"][0]["created"]["boards"] == 2
    assert report["classified"] == 2
    detail = staff_api.get(board_url("41235")).json()
    assert (detail["po_students"], detail["vo_students"]) == (1200, 5000)
    assert detail["chamber"] == "COMBINATIE"
    runs = staff_api.get(IMPORTS).json()
    assert [run["status"] for run in runs] == ["succeeded", "succeeded"]
    assert {run["imported_by"] for run in runs} == {"beheer"}


@pytest.mark.rule("REG-3")
def test_a_refused_file_answers_its_line_and_reason_and_nothing_is_written(
    staff_api: APIClient,
) -> None:
    good = po_counts_csv([("41234", "12AB", "00", "BAO", "nvt", 400)])
    bad = po_counts_csv(
        [("41235", "12AC", "00", "BAO", "nvt", 40), ("41236", "1XAB", "00", "BAO", "nvt", 40)],
        peildatum="20171001",
    )
    response = staff_api.post(
        IMPORTS,
        {"files": [upload("po-2016.csv", good), upload("po-2017.csv", bad)]},
        format="multipart",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    body = response.json()
    assert (body["code"], body["file"], body["line"]) == (
        "registry.import_failed",
        "po-2017.csv",
        3,
    )
    assert "1XAB" in body["reason"]
    assert body["message"] == f"po-2017.csv, line 3: {body['reason']}. Nothing was imported."
    assert not Board.objects.exists()
    assert not StudentCount.objects.exists()
    refused = ImportRun.objects.get()
    assert (refused.pk, refused.status) == (body["import_run"], ImportRun.Status.FAILED)


def test_an_import_without_files_is_invalid(staff_api: APIClient) -> None:
    response = staff_api.post(IMPORTS, {}, format="multipart")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert response.json()["message"] == "files: Dit veld is vereist."


@pytest.mark.rule("ACC-1")
@pytest.mark.parametrize("role", [Role.FINANCE, Role.MEMBER_REPRESENTATIVE])
def test_only_the_administrator_imports_or_reads_import_runs(
    role: Role, make_user: Callable[..., object], client_for: Callable[[object], APIClient]
) -> None:
    board = BoardFactory() if role is Role.MEMBER_REPRESENTATIVE else None
    client = client_for(make_user(role, board=board))
    assert client.get(IMPORTS).status_code == 403
    po = po_counts_csv([("41234", "12AB", "00", "BAO", "nvt", 400)])
    response = client.post(IMPORTS, {"files": [upload(PO_FILE, po)]}, format="multipart")
    assert response.status_code == 403
    assert not ImportRun.objects.exists()


def test_import_runs_are_listed_newest_first_in_fixed_queries(
    staff_api: APIClient, staff_user: object, django_assert_max_num_queries: Any
) -> None:
    for n in range(3):
        po = po_counts_csv([(f"4123{n}", f"1{n}AB", "00", "BAO", "nvt", 400)])
        staff_api.post(IMPORTS, {"files": [upload(f"po-{n}.csv", po)]}, format="multipart")
    # token + user, roles, user permissions, group permissions, runs + importer
    with django_assert_max_num_queries(5):
        runs = staff_api.get(IMPORTS, {"limit": 2}).json()
    assert [run["file_name"] for run in runs] == ["po-2.csv", "po-1.csv"]
    assert runs[0]["summary"]["created"]["boards"] == 1
    assert runs[0]["imported_by"] == "beheer"


def test_another_method_on_the_import_path_is_not_allowed(staff_api: APIClient) -> None:
    response = staff_api.delete(IMPORTS)
    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed"


# The schema ----------------------------------------------------------------------------------


def test_the_committed_schema_is_valid_and_current() -> None:
    """docs/api/openapi.yaml is what `make openapi` writes today; regenerate it when this fails."""
    GENERATOR_STATS.reset()
    with translation.override("en"):  # as `make openapi` (--lang en)
        schema = SchemaGenerator().get_schema(request=None, public=True)
        assert not GENERATOR_STATS, "the schema generator warned; see the output above"
        validate_schema(schema)
        rendered = OpenApiYamlRenderer().render(schema, renderer_context={}).decode()
    assert rendered == SCHEMA_FILE.read_text(encoding="utf-8"), "run `make openapi`"


@pytest.mark.parametrize("name", ["api:schema", "api:docs", "api:redoc"])
def test_the_schema_and_its_docs_are_served_offline(name: str) -> None:
    response = APIClient().get(reverse(name))
    assert response.status_code == 200
    if name != "api:schema":
        assert "cdn" not in response.content.decode().lower()
