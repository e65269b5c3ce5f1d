"""REG-2, REG-3, REG-6 with small files in DUO's formats: history, replacement, refusal."""

from datetime import date

import pytest

from bundel.registry import selectors, services
from bundel.registry.models import Board, BoardClassification, ImportRun, School, StudentCount
from bundel.shared.models import AuditEvent
from tests.factories.registry import history_csv, po_counts_csv, vo_counts_csv

pytestmark = pytest.mark.django_db


def vo_file(year: int, rows: list[tuple[object, ...]]) -> services.ImportFile:
    return services.ImportFile(
        f"03-leerlingen-vo-per-vestiging-en-bestuur-{year}.csv", vo_counts_csv(rows)
    )


def po_file(rows: list[tuple[object, ...]], peildatum: str = "20161001") -> services.ImportFile:
    return services.ImportFile(f"po-{peildatum}.csv", po_counts_csv(rows, peildatum=peildatum))


def run(*files: services.ImportFile) -> services.ImportReport:
    return services.register_import(files=list(files))


@pytest.mark.rule("REG-3")
def test_count_files_create_the_boards_they_name() -> None:
    run(
        po_file(
            [("10001", "11AA", "00", "Bo", "nvt", 120), ("10002", "11AB", "00", "Sbo", "nvt", 80)]
        )
    )
    assert list(Board.objects.values_list("number", flat=True)) == ["10001", "10002"]


@pytest.mark.rule("REG-2")
def test_a_board_is_the_sum_of_the_count_rows_that_name_it() -> None:
    run(
        po_file(
            [
                ("10001", "11AA", "00", "So", "3/4", 40),
                ("10001", "11AA", "00", "Vso", "3/4", 60),  # one location, two rows
                ("10001", "11AB", "01", "Bo", "nvt", 900),
            ]
        )
    )
    board = Board.objects.get(number="10001")
    assert board.po_students == 1000
    assert board.chamber == "KLEIN"  # exactly 1,000 is still small (REG-5)


@pytest.mark.rule("REG-2")
def test_a_new_count_date_adds_history_and_moves_the_figures() -> None:
    run(vo_file(2017, [("20001", "21AA", "21AA00", 3000, 0)]))
    run(vo_file(2018, [("20001", "21AA", "21AA00", 4000, 10)]))
    board = Board.objects.get(number="20001")
    assert (board.vo_students, board.vo_count_date) == (4000, date(2018, 10, 1))
    history = selectors.board_student_history(board=board)
    assert [(p.count_date.year, p.students) for p in history] == [(2017, 3000), (2018, 4000)]


@pytest.mark.rule("REG-2")
def test_re_importing_a_count_date_replaces_that_dataset_and_date_only() -> None:
    run(vo_file(2017, [("20001", "21AA", "21AA00", 3000, 0)]))
    run(vo_file(2018, [("20001", "21AA", "21AA00", 4000, 0)]))
    run(po_file([("20001", "11AA", "00", "Bo", "nvt", 500)]))
    run(vo_file(2017, [("20001", "21AA", "21AA00", 3100, 0), ("20001", "21AA", "21AA01", 5, 0)]))
    counts = StudentCount.objects.filter(board__number="20001")
    assert sorted(counts.values_list("dataset", "count_date", "students")) == [
        ("po_counts", date(2016, 10, 1), 500),
        ("vo_counts", date(2017, 10, 1), 5),
        ("vo_counts", date(2017, 10, 1), 3100),
        ("vo_counts", date(2018, 10, 1), 4000),
    ]
    assert Board.objects.get(number="20001").vo_students == 4000  # the latest VO date stays 2018


@pytest.mark.rule("REG-4")
def test_po_and_vo_figures_use_each_sectors_own_latest_count_date() -> None:
    run(
        po_file([("30001", "31AA", "00", "Bo", "nvt", 2000)]),
        vo_file(2017, [("30001", "32AA", "32AA00", 100, 0)]),
    )
    board = Board.objects.get(number="30001")
    assert (board.po_count_date, board.vo_count_date) == (date(2016, 10, 1), date(2017, 10, 1))
    assert board.chamber == "COMBINATIE"
    assert "2016-10-01" in board.chamber_reason
    assert "2017-10-01" in board.chamber_reason


@pytest.mark.rule("REG-4")
def test_a_board_without_rows_at_the_latest_count_date_is_inactive() -> None:
    run(vo_file(2017, [("20001", "21AA", "21AA00", 3000, 0), ("20002", "21AB", "21AB00", 900, 0)]))
    run(vo_file(2018, [("20001", "21AA", "21AA00", 3100, 0)]))
    gone = Board.objects.get(number="20002")
    assert (gone.vo_students, gone.chamber, gone.size_class) == (0, "", "")
    assert "no chamber" in gone.chamber_reason


@pytest.mark.rule("REG-2")
def test_a_school_belongs_to_the_board_of_its_latest_count_row() -> None:
    run(vo_file(2018, [("20002", "21AA", "21AA00", 800, 0)]))
    run(vo_file(2017, [("20001", "21AA", "21AA00", 700, 0)]))  # an older date never moves it
    assert School.objects.get(brin="21AA").board.number == "20002"
    report = run(vo_file(2019, [("20003", "21AA", "21AA00", 900, 0)]))
    assert School.objects.get(brin="21AA").board.number == "20003"
    assert report.files[0].created["schools_moved"] == 1


@pytest.mark.rule("REG-2")
def test_address_files_never_move_a_school() -> None:
    run(
        po_file(
            [("10001", "11AA", "00", "Bo", "nvt", 100), ("10002", "11AB", "00", "Bo", "nvt", 100)]
        )
    )
    header = (
        "PROVINCIE;BEVOEGD GEZAG NUMMER;BRIN NUMMER;INSTELLINGSNAAM;STRAATNAAM;"
        "HUISNUMMER-TOEVOEGING;POSTCODE;PLAATSNAAM"
    )
    data = f"{header}\nUtrecht;10002;11AA;De Verhuisde School;Lange Nieuwstraat;1;3512 PA;UTRECHT\n"
    report = run(services.ImportFile("hoofdvestigingen.csv", data.encode("cp1252")))
    school = School.objects.get(brin="11AA")
    assert (school.board.number, school.name) == ("10001", "De Verhuisde School")
    assert report.files[0].kind == "po_school_addresses"


@pytest.mark.rule("REG-2")
def test_the_history_file_never_gives_board_figures_or_moves_a_school() -> None:
    run(po_file([("10001", "11AA", "00", "Bo", "nvt", 100)]))
    run(
        services.ImportFile(
            "06-hist.csv",
            history_csv([("11AA", "11AA00", "BO", "41645", 5000, 5100)], years=[2016, 2017]),
        )
    )
    board = Board.objects.get(number="10001")
    assert board.po_students == 100
    assert School.objects.get(brin="11AA").board.number == "10001"
    assert not Board.objects.get(number="41645").chamber


@pytest.mark.rule("REG-3")
def test_a_malformed_file_writes_nothing_and_names_file_line_and_reason() -> None:
    good = po_file([("10001", "11AA", "00", "Bo", "nvt", 100)])
    bad = vo_file(2017, [("20001", "21AA", "21AA00", 10, 0), ("20001", "2XAA", "2XAA00", 10, 0)])
    with pytest.raises(services.ImportFailed) as failure:
        run(good, bad)
    assert failure.value.error.file_name == bad.name
    assert failure.value.error.line == 3
    assert "malformed BRIN" in failure.value.error.reason
    assert Board.objects.count() == School.objects.count() == StudentCount.objects.count() == 0
    refused = ImportRun.objects.get()
    assert (refused.status, refused.error_line, refused.file_name) == ("failed", 3, bad.name)
    assert AuditEvent.objects.filter(action="registry.import.refused").count() == 1


@pytest.mark.rule("REG-3")
def test_a_duplicate_row_is_refused_and_nothing_is_written() -> None:
    bad = po_file(
        [("10001", "11AA", "00", "Bo", "nvt", 100), ("10001", "11AA", "00", "Bo", "nvt", 100)]
    )
    with pytest.raises(services.ImportFailed, match="line 3: a second row"):
        run(bad)
    assert not Board.objects.exists()


@pytest.mark.rule("REG-3")
def test_a_failed_re_import_keeps_the_figures_that_were_there() -> None:
    run(vo_file(2017, [("20001", "21AA", "21AA00", 3000, 0)]))
    with pytest.raises(services.ImportFailed):
        run(vo_file(2017, [("20001", "21AA", "21AA00", "-1", 0)]))
    assert Board.objects.get(number="20001").vo_students == 3000
    assert StudentCount.objects.get().students == 3000


@pytest.mark.rule("REG-6")
def test_a_chamber_change_at_a_new_count_date_is_flagged_and_audited() -> None:
    run(vo_file(2017, [("20001", "21AA", "21AA00", 3000, 0)]))
    report = run(vo_file(2018, [("20001", "21AA", "21AA00", 3600, 0)]))
    assert report.chamber_changes == 1
    latest = BoardClassification.objects.filter(board__number="20001").first()
    assert latest is not None
    assert (latest.previous_chamber, latest.chamber, latest.is_chamber_change) == (
        "KLEIN",
        "VO_GROOT",
        True,
    )
    assert latest.vo_count_date == date(2018, 10, 1)
    event = AuditEvent.objects.get(action="registry.board.chamber_changed")
    assert (event.before, event.after["chamber"]) == ({"chamber": "KLEIN"}, "VO_GROOT")


@pytest.mark.rule("REG-6")
def test_the_classification_is_kept_with_the_count_dates_it_was_computed_from() -> None:
    run(vo_file(2017, [("20001", "21AA", "21AA00", 3000, 0)]))
    run(vo_file(2018, [("20001", "21AA", "21AA00", 3000, 0)]))
    rows = list(BoardClassification.objects.filter(board__number="20001").order_by("id"))
    assert [r.vo_count_date for r in rows] == [date(2017, 10, 1), date(2018, 10, 1)]
    assert not any(r.is_chamber_change for r in rows)


@pytest.mark.rule("REG-6")
def test_a_changed_threshold_reclassifies_on_request(settings: object) -> None:
    run(po_file([("10001", "11AA", "00", "Bo", "nvt", 900)]))
    settings.BUNDEL_POLICIES = {"registry": {"small_board_max_students": {"PO": 800, "VO": 3500}}}  # type: ignore[attr-defined]
    changed, moves = services.board_classify_all()
    assert (changed, moves) == (1, 1)
    assert Board.objects.get(number="10001").chamber == "PO_GROOT"


@pytest.mark.rule("REG-7")
def test_national_coverage_is_the_share_of_students_and_boards_that_are_members() -> None:
    run(
        po_file(
            [("10001", "11AA", "00", "Bo", "nvt", 600), ("10002", "11AB", "00", "Bo", "nvt", 400)]
        ),
        vo_file(2017, [("10002", "21AA", "21AA00", 1000, 0), ("20003", "21AB", "21AB00", 2000, 0)]),
    )
    coverage = selectors.national_coverage(member_numbers={"10002"})
    assert (coverage.member_students, coverage.national_students) == (1400, 4000)
    assert str(coverage.student_share) == "0.3500"
    assert str(coverage.board_share(coverage_sector("PO"))) == "0.5000"
    assert str(coverage.board_share(coverage_sector("VO"))) == "0.5000"


def coverage_sector(name: str):  # noqa: ANN201
    from bundel.registry.domain import Sector

    return Sector(name)
