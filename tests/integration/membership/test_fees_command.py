"""`bundel fees quote BOARD --year YYYY [--json]`: the membership fee, member or not (FEE-1)."""

import json
import subprocess
import sys
from datetime import date
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from bundel.membership.models import FeeSchedule, Membership
from tests.factories.membership import board_with_students
from tests.factories.registry import StudentCountFactory

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("fees", *args, stdout=out)
    return out.getvalue()


def quote(number: str, year: int) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(run("quote", number, "--year", str(year), "--json"))
    return result


@pytest.mark.rule("FEE-1")
@pytest.mark.parametrize(
    ("students", "max_students", "amount"), [(1000, 1000, "1000.00"), (1001, None, "2800.00")]
)
def test_the_band_follows_the_boards_total_students(
    students: int, max_students: int | None, amount: str
) -> None:
    board = board_with_students(students - 400, 400, count_date=date(2016, 10, 1))
    result = quote(board.number, 2017)
    assert result["students"] == students
    assert (result["po_students"], result["vo_students"]) == (students - 400, 400)
    assert result["band"] == {"max_students": max_students, "amount": amount}
    assert (result["amount"], result["annual_amount"], result["currency"]) == (
        amount,
        amount,
        "EUR",
    )
    assert (result["days"], result["days_in_year"], result["pro_rata"]) == (365, 365, False)


@pytest.mark.rule("FEE-1")
def test_the_counts_are_those_of_the_latest_count_dates_on_or_before_1_january() -> None:
    board = board_with_students(900, count_date=date(2016, 10, 1))
    location = board.schools.get().locations.get()
    StudentCountFactory(location=location, board=board, count_date=date(2017, 10, 1), students=1200)
    for_2017, for_2018 = quote(board.number, 2017), quote(board.number, 2018)
    assert (for_2017["po_count_date"], for_2017["students"], for_2017["amount"]) == (
        "2016-10-01",
        900,
        "1000.00",
    )
    assert (for_2018["po_count_date"], for_2018["students"], for_2018["amount"]) == (
        "2017-10-01",
        1200,
        "2800.00",
    )
    assert for_2017["vo_count_date"] is None


@pytest.mark.rule("FEE-1")
def test_a_member_that_joined_mid_year_pays_pro_rata_and_a_whole_year_after() -> None:
    board = board_with_students(800, count_date=date(2017, 10, 1))
    Membership.objects.create(board=board, starts_on=date(2018, 7, 1))
    first = quote(board.number, 2018)
    assert (first["days"], first["days_in_year"], first["pro_rata"]) == (184, 365, True)
    assert (first["annual_amount"], first["amount"]) == ("1000.00", "504.11")
    assert quote(board.number, 2019)["amount"] == "1000.00"


@pytest.mark.rule("FEE-1")
def test_a_member_under_notice_pays_pro_rata_through_its_last_day() -> None:
    board = board_with_students(800, count_date=date(2017, 10, 1))
    Membership.objects.create(
        board=board,
        starts_on=date(2018, 1, 1),
        status=Membership.Status.UNDER_NOTICE,
        notice_on=date(2018, 3, 31),
        notice_by=Membership.NoticeBy.MEMBER,
        last_day=date(2019, 3, 31),
    )
    last_year = quote(board.number, 2019)
    assert (last_year["days"], last_year["amount"]) == (90, "246.58")


def test_the_summary_reads_as_sentences() -> None:
    board = board_with_students(800, count_date=date(2017, 10, 1), name="Stichting Noord")
    Membership.objects.create(board=board, starts_on=date(2018, 7, 1))
    out = run("quote", board.number, "--year", "2018")
    assert out.splitlines() == [
        f"Board {board.number} Stichting Noord: membership fee 2018",
        "Students: 800 (PO 800 at 2017-10-01; VO 0 at -)",
        "Band: at most 1,000 students, EUR 1000.00 a year",
        "Pro rata: 184 of 365 days of membership",
        "Amount: EUR 504.11",
    ]


def test_a_whole_year_summary_has_no_pro_rata_line() -> None:
    board = board_with_students(4000, 2000, count_date=date(2017, 10, 1))
    out = run("quote", board.number, "--year", "2018")
    assert "Band: no upper bound, EUR 2800.00 a year" in out
    assert "Students: 6,000 (PO 4,000 at 2017-10-01; VO 2,000 at 2017-10-01)" in out
    assert "Pro rata" not in out
    assert out.splitlines()[-1] == "Amount: EUR 2800.00"


def test_an_unknown_board_is_refused_clearly() -> None:
    with pytest.raises(CommandError, match="No board with number 99999 is in the register"):
        run("quote", "99999", "--year", "2018")


def test_a_quote_the_fee_bands_cannot_give_is_refused_with_the_reason() -> None:
    board = board_with_students(800, count_date=date(2017, 10, 1))
    FeeSchedule.objects.create(year=2018, bands=[{"max_students": 500, "amount": "600.00"}])
    with (
        translation.override("en"),
        pytest.raises(CommandError, match="No fee band covers 800 students"),
    ):
        run("quote", board.number, "--year", "2018")


def test_the_command_is_listed_by_bundel() -> None:
    out = subprocess.run(
        [sys.executable, "-c", "from bundel.cli import main; main(['bundel'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "fees quote BOARD --year YYYY" in out
