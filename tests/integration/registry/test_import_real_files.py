"""REG-2 … REG-6 on the real DUO files of ../shared/data/duo, checked by an independent count."""

import csv
from collections import defaultdict
from pathlib import Path

import pytest

from bundel.registry import selectors, services
from bundel.registry.models import Board, BoardClassification, School, StudentCount
from bundel.shared.models import AuditEvent
from tests.conftest import PO_2016, VO_2017


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="cp1252", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


def independent_figures(duo_dir: Path) -> tuple[dict[str, int], dict[str, int]]:
    """Per-board PO and VO students, summed straight from the files with the csv module."""
    po: dict[str, int] = defaultdict(int)
    vo: dict[str, int] = defaultdict(int)
    for row in read(duo_dir / PO_2016):
        po[row["BEVOEGD_GEZAG_NUMMER"]] += int(row["TOTAAL"])
    for row in read(duo_dir / VO_2017):
        vo[row["BEVOEGD GEZAG NUMMER"]] += int(row["TOTAAL AANTAL LEERLINGEN"])
    return po, vo


def expected_chamber(po: int, vo: int) -> str:
    """The spec's rules written out once more, independently of bundel.registry.domain."""
    if po == 0 and vo == 0:
        return ""
    small = (po == 0 or po <= 1000) and (vo == 0 or vo <= 3500)
    if small:
        return "KLEIN"
    if po and vo:
        return "COMBINATIE"
    return "PO_GROOT" if po else "VO_GROOT"


def import_files(duo_dir: Path, *names: str) -> services.ImportReport:
    files = [services.ImportFile(name, (duo_dir / name).read_bytes()) for name in names]
    return services.register_import(files=files)


@pytest.mark.django_db
@pytest.mark.rule("REG-2")
@pytest.mark.rule("REG-4")
@pytest.mark.rule("REG-5")
@pytest.mark.rule("REG-6")
def test_the_real_files_give_exactly_the_national_figures_and_every_chamber(duo_dir: Path) -> None:
    import_files(duo_dir, PO_2016, VO_2017)
    po, vo = independent_figures(duo_dir)

    stats = selectors.national_stats()
    assert stats["sectors"]["PO"] == {
        "count_date": "2016-10-01",
        "boards": len(po),
        "students": sum(po.values()),
    }
    assert stats["sectors"]["VO"] == {
        "count_date": "2017-10-01",
        "boards": len(vo),
        "students": sum(vo.values()),
    }
    # The figures SOURCES.md gives for these files.
    assert (len(po), sum(po.values())) == (1052, 1528377)
    assert (len(vo), sum(vo.values())) == (338, 992074)
    assert stats["boards_in_both_sectors"] == len(set(po) & set(vo)) == 52

    boards = {b.number: b for b in Board.objects.all()}
    assert set(boards) == set(po) | set(vo)
    for number, board in boards.items():
        assert (board.po_students, board.vo_students) == (po.get(number, 0), vo.get(number, 0))
        assert board.chamber == expected_chamber(po.get(number, 0), vo.get(number, 0)), number
    chambers: dict[str, int] = defaultdict(int)
    for number in boards:
        chambers[expected_chamber(po.get(number, 0), vo.get(number, 0))] += 1
    assert stats["chambers"] == {k: chambers[k] for k in stats["chambers"]}
    assert stats["chambers"]["KLEIN"] == 834


@pytest.mark.django_db
@pytest.mark.rule("REG-2")
def test_re_importing_the_same_files_changes_nothing(duo_dir: Path) -> None:
    import_files(duo_dir, PO_2016, VO_2017)
    before = (
        selectors.national_stats(),
        list(Board.objects.values_list("number", "chamber", "po_students", "vo_students")),
        list(School.objects.values_list("brin", "board__number")),
        StudentCount.objects.count(),
        BoardClassification.objects.count(),
    )
    report = import_files(duo_dir, PO_2016, VO_2017)
    after = (
        selectors.national_stats(),
        list(Board.objects.values_list("number", "chamber", "po_students", "vo_students")),
        list(School.objects.values_list("brin", "board__number")),
        StudentCount.objects.count(),
        BoardClassification.objects.count(),
    )
    assert after == before
    assert (report.classified, report.chamber_changes) == (0, 0)
    assert all(f.created.get("boards") == 0 for f in report.files)


@pytest.mark.django_db
@pytest.mark.rule("REG-3")
def test_the_quirks_of_the_history_file_are_counted_in_the_summary(duo_dir: Path) -> None:
    report = import_files(
        duo_dir, "06.-historisch-overzicht-aantal-leerlingen-per-schoolvestiging.csv"
    )
    (summary,) = report.files
    assert summary.quirks["suppressed_cells"] == 762
    assert summary.quirks["board_number_zero_rows"] == 5
    assert StudentCount.objects.filter(is_suppressed=True).count() == 762
    # REG-2: the historical series feeds history, never board figures.
    assert not Board.objects.exclude(chamber="").exists()
    assert selectors.national_stats()["sectors"]["PO"]["count_date"] is None


@pytest.mark.django_db
@pytest.mark.rule("REG-3")
@pytest.mark.rule("ACC-3")
def test_name_files_skip_boards_the_register_does_not_know_and_the_import_is_audited(
    duo_dir: Path, staff_user: object
) -> None:
    files = [
        services.ImportFile(name, (duo_dir / name).read_bytes())
        for name in (VO_2017, "03.-bevoegde-gezagen-vo.csv")
    ]
    report = services.register_import(files=files, imported_by=staff_user)
    names = report.files[1]
    assert names.kind == "board_addresses"
    assert names.quirks["unknown_board_rows"] > 0
    assert names.rows_imported + names.quirks["unknown_board_rows"] == names.rows_read
    assert Board.objects.get(number="10028").name == "Gemeente Ameland"
    events = AuditEvent.objects.filter(action="registry.import.succeeded")
    assert events.count() == 2
    assert {e.actor_label for e in events} == {"beheer"}
    assert events.filter(after__kind="vo_counts").exists()
