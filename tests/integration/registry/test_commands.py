"""The command-line interface: `bundel import-duo`, `bundel register stats|show` (stable keys)."""

import json
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from bundel.registry.models import Board
from tests.factories.registry import po_counts_csv, vo_counts_csv

pytestmark = pytest.mark.django_db


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.fixture
def register_files(tmp_path: Path) -> list[str]:
    po = write(
        tmp_path,
        "01.-leerlingen-po-2016-2017.csv",
        po_counts_csv(
            [("41775", "11AA", "00", "Bo", "nvt", 9422), ("10001", "11AB", "00", "Bo", "nvt", 80)]
        ),
    )
    vo = write(
        tmp_path, "leerlingen-vo.csv", vo_counts_csv([("41775", "21AA", "21AA00", 4000, 12)])
    )
    return [str(po), str(vo)]


@pytest.mark.rule("REG-2")
def test_import_duo_reports_each_file_as_json(register_files: list[str]) -> None:
    report = json.loads(run("import_duo", *register_files, "--count-date", "2017-10-01", "--json"))
    assert [f["kind"] for f in report["files"]] == ["po_counts", "vo_counts"]
    assert report["files"][1]["count_dates"] == ["2017-10-01"]
    assert report["files"][0]["created"]["boards"] == 2
    assert report["classified"] == 2


@pytest.mark.rule("REG-2")
def test_a_vo_file_without_a_year_and_without_a_count_date_is_refused(
    register_files: list[str],
) -> None:
    with pytest.raises(CommandError, match="no count date.*Nothing was imported"):
        run("import_duo", *register_files, "--quiet")
    assert not Board.objects.exists()


@pytest.mark.rule("REG-3")
def test_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="no such file"):
        run("import_duo", str(tmp_path / "nope.csv"))


@pytest.mark.rule("REG-6")
def test_register_show_gives_the_stable_keys(register_files: list[str]) -> None:
    run("import_duo", *register_files, "--count-date", "2017-10-01", "--quiet")
    shown = json.loads(run("register", "show", "41775", "--json"))
    assert {
        "number": "41775",
        "po_students": 9422,
        "po_count_date": "2016-10-01",
        "vo_students": 4000,
        "vo_count_date": "2017-10-01",
        "size_class": "large",
        "chamber": "COMBINATIE",
    }.items() <= shown.items()
    assert shown["chamber_reason"] == (
        "PO 9,422 students at 2016-10-01 > 1,000; "
        "VO 4,000 students at 2017-10-01 > 3,500 → Combinatie"
    )
    assert [s["brin"] for s in shown["schools"]] == ["11AA", "21AA"]
    assert [loc["code"] for loc in shown["locations"]] == ["11AA00", "21AA00"]
    assert isinstance(shown["name"], str)


@pytest.mark.rule("REG-6")
def test_register_stats_gives_the_stable_keys(register_files: list[str]) -> None:
    run("import_duo", *register_files, "--count-date", "2017-10-01", "--quiet")
    stats = json.loads(run("register", "stats", "--json"))
    assert stats["sectors"] == {
        "PO": {"count_date": "2016-10-01", "boards": 2, "students": 9502},
        "VO": {"count_date": "2017-10-01", "boards": 1, "students": 4000},
    }
    assert stats["boards_in_both_sectors"] == 1
    assert stats["chambers"] == {"PO_GROOT": 0, "VO_GROOT": 0, "COMBINATIE": 1, "KLEIN": 1}


def test_register_show_of_an_unknown_board_is_a_clear_error() -> None:
    with pytest.raises(CommandError, match="No board with number 99999"):
        run("register", "show", "99999")


def test_the_bundel_command_lists_its_commands() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bundel.cli", "--help"], capture_output=True, text=True, check=True
    )
    for command in ("import-duo", "register", "demo", "roles"):
        assert command in result.stdout
