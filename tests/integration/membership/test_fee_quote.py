"""FEE-1 and FEE-4: the membership fee from the register's figures, snapshots kept."""

from datetime import date
from decimal import Decimal

import pytest

from bundel.accounts.roles import Role
from bundel.membership import selectors, services
from bundel.membership.models import FeeSchedule
from tests.factories.membership import application_data, board_with_students
from tests.factories.registry import StudentCountFactory

pytestmark = pytest.mark.django_db


@pytest.mark.rule("FEE-1")
@pytest.mark.parametrize(("students", "amount"), [(1000, "1000.00"), (1001, "2800.00")])
def test_a_quote_uses_the_band_of_the_boards_total_students(students: int, amount: str) -> None:
    board = board_with_students(students - 1, 1, count_date=date(2016, 10, 1))
    quote = selectors.fee_quote(board=board, year=2017).as_json()
    assert (quote["students"], quote["amount"], quote["pro_rata"]) == (students, amount, False)
    assert (quote["po_count_date"], quote["vo_count_date"]) == ("2016-10-01", "2016-10-01")


@pytest.mark.rule("FEE-1")
def test_the_students_are_counted_at_the_latest_count_dates_on_or_before_1_january() -> None:
    board = board_with_students(900, count_date=date(2016, 10, 1))
    location = board.schools.get().locations.get()
    StudentCountFactory(location=location, board=board, count_date=date(2017, 10, 1), students=1200)
    assert selectors.fee_quote(board=board, year=2017).as_json()["students"] == 900
    later = selectors.fee_quote(board=board, year=2018).as_json()
    assert (later["students"], later["po_count_date"], later["amount"]) == (
        1200,
        "2017-10-01",
        "2800.00",
    )


@pytest.mark.rule("FEE-1")
def test_a_first_year_is_quoted_pro_rata_from_the_start(make_user) -> None:  # noqa: ANN001
    staff = make_user(Role.ADMINISTRATOR)
    board = board_with_students(800, count_date=date(2024, 10, 1))
    application = services.application_submit(
        board=board, data=application_data(), on=date(2025, 7, 1)
    )
    services.application_approve(application=application, approved_by=staff, on=date(2025, 7, 1))
    quote = selectors.fee_quote(board=board, year=2025).as_json()
    assert (quote["days"], quote["amount"], quote["pro_rata"]) == (184, "504.11", True)
    assert selectors.fee_quote(board=board, year=2026).as_json()["amount"] == "1000.00"


@pytest.mark.rule("FEE-1")
def test_new_bands_for_next_year_never_change_a_past_quote() -> None:
    board = board_with_students(800, count_date=date(2024, 10, 1))
    application = services.application_submit(
        board=board, data=application_data(), on=date(2025, 3, 1)
    )
    FeeSchedule.objects.create(
        year=2026,
        bands=[
            {"max_students": 500, "amount": "600.00"},
            {"max_students": None, "amount": "3000.00"},
        ],
    )
    application.refresh_from_db()
    assert application.fee_quote["amount"] == "1000.00"
    assert selectors.fee_quote(board=board, year=2025).as_json()["amount"] == "1000.00"
    assert selectors.fee_quote(board=board, year=2026).as_json()["amount"] == "3000.00"
    assert selectors.fee_quote(board=board, year=2027).as_json()["amount"] == "3000.00"


@pytest.mark.rule("FEE-4")
def test_the_amount_is_rounded_half_up_to_cents_once() -> None:
    board = board_with_students(800, count_date=date(2024, 10, 1))
    FeeSchedule.objects.create(year=2025, bands=[{"max_students": None, "amount": "1000.01"}])
    quote = selectors.fee_quote(board=board, year=2025).quote
    assert quote.amount.amount == Decimal("1000.01")
    assert isinstance(quote.amount.amount, Decimal)


@pytest.mark.rule("FEE-1")
@pytest.mark.parametrize(
    ("bands", "valid"),
    [
        (
            [{"max_students": 1000, "amount": "900.00"}, {"max_students": None, "amount": "2500"}],
            True,
        ),
        ([{"max_students": 1000, "amount": "900.00"}], False),  # no open-ended band
        ([{"max_students": None, "amount": "-1"}], False),
        ([{"amount": "900.00"}], False),
        ("1000", False),
    ],
)
def test_staff_set_a_years_bands_only_as_a_complete_table(bands: object, valid: bool) -> None:
    import json

    from bundel.membership.admin import FeeScheduleForm

    form = FeeScheduleForm(data={"year": 2027, "bands": json.dumps(bands)})
    assert form.is_valid() is valid


@pytest.mark.rule("FEE-1")
def test_quotes_for_many_members_at_once_equal_each_members_own_quote(make_user) -> None:  # noqa: ANN001
    from bundel.membership.models import Membership
    from tests.factories.membership import approved_member

    staff = make_user(Role.ADMINISTRATOR)
    for students, joined in (
        (800, date(2024, 2, 1)),
        (1001, date(2026, 6, 1)),
        (5000, date(2026, 12, 31)),
    ):
        approved_member(board_with_students(students), staff, joined)
    memberships = list(Membership.objects.select_related("board"))
    many = selectors.fee_quotes(memberships=memberships, year=2026)
    for membership in memberships:
        one = selectors.fee_quote(board=membership.board, year=2026, membership=membership)
        assert many[membership.pk] == one.quote
