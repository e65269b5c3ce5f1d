"""GOV-1 … GOV-3 through the services: seats from the setting, appointments and terms."""

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings

from bundel.accounts.roles import Role
from bundel.governance import selectors, services
from bundel.governance.models import OrganChoices, Seat, SeatTerm
from bundel.membership import services as membership_services
from bundel.membership.domain import NoticeBy
from bundel.membership.models import Membership
from bundel.registry.domain import Chamber
from bundel.shared.errors import RuleViolation
from bundel.shared.models import AuditEvent
from tests.factories.governance import member_board, seat, seated
from tests.factories.membership import board_with_students

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(make_user):  # noqa: ANN001, ANN201
    return make_user(Role.COUNCIL_SECRETARY, username="griffier")


@pytest.mark.rule("GOV-1")
def test_the_organs_are_the_council_the_two_boards_and_the_exit_committee() -> None:
    assert {c.value for c in OrganChoices} == {
        "members_council",
        "executive_board",
        "supervisory_board",
        "exit_committee",
    }
    assert [o.organ for o in selectors.organs_on(date(2026, 1, 1))] == [
        "executive_board",
        "supervisory_board",
        "exit_committee",
    ]


@pytest.mark.rule("GOV-2")
def test_the_council_has_34_seats_in_four_chambers_and_all_are_vacant_at_first() -> None:
    council = selectors.council_on(date(2026, 1, 1))
    assert len(council.seats) == 34
    assert council.vacancies == {
        Chamber.PO_GROOT: 10,
        Chamber.VO_GROOT: 10,
        Chamber.COMBINATIE: 8,
        Chamber.KLEIN: 6,
    }


@pytest.mark.rule("GOV-2")
def test_the_seats_follow_the_setting_and_keep_seats_that_were_held(staff) -> None:  # noqa: ANN001
    seated("KLEIN", 6, staff)
    seats = {"PO_GROOT": 9, "VO_GROOT": 9, "COMBINATIE": 7, "KLEIN": 5}
    with override_settings(BUNDEL_POLICIES={"governance": {"seats": seats}}):
        services.seats_ensure()
        services.seats_ensure()
    assert Seat.objects.filter(chamber="PO_GROOT").count() == 9
    assert Seat.objects.filter(chamber="KLEIN").count() == 6  # seat 6 has a history


@pytest.mark.rule("GOV-2")
def test_a_seat_is_held_by_a_member_of_its_chamber_and_a_vacancy_shows(staff) -> None:  # noqa: ANN001
    term = seated("PO_GROOT", 1, staff)
    council = selectors.council_on(date(2026, 1, 1))
    assert council.vacancies[Chamber.PO_GROOT] == 9
    view = next(v for v in council.seats if v.seat.code == "PO_GROOT-1")
    assert view.term == term
    assert not view.vacant
    assert term.ends_on == date(2029, 5, 31)
    event = AuditEvent.objects.get(action="governance.seat.appointed")
    assert event.after["board_id"] == term.board_id
    assert event.actor == staff


@pytest.mark.rule("GOV-2")
def test_a_board_of_another_chamber_is_refused_with_the_reason(staff) -> None:  # noqa: ANN001
    board = member_board("KLEIN", staff)
    with pytest.raises(RuleViolation) as refused:
        services.seat_appoint(
            seat=seat("PO_GROOT"), board=board, representative_name="A", starts_on=date(2025, 6, 1)
        )
    assert refused.value.code == "governance.seat_other_chamber"
    assert refused.value.params == {"seat": "PO_GROOT", "board": "KLEIN"}
    assert not SeatTerm.objects.exists()


@pytest.mark.rule("GOV-2")
def test_a_non_member_is_refused(staff) -> None:  # noqa: ANN001
    board = board_with_students(600)
    with pytest.raises(RuleViolation, match="governance.not_a_member"):
        services.seat_appoint(
            seat=seat("KLEIN"), board=board, representative_name="A", starts_on=date(2025, 6, 1)
        )


@pytest.mark.rule("GOV-2")
def test_a_held_seat_is_not_given_twice(staff) -> None:  # noqa: ANN001
    seated("KLEIN", 1, staff)
    other = member_board("KLEIN", staff)
    with pytest.raises(RuleViolation, match="governance.seat_taken"):
        services.seat_appoint(
            seat=seat("KLEIN"), board=other, representative_name="B", starts_on=date(2026, 1, 1)
        )


@pytest.mark.rule("GOV-3")
def test_one_reappointment_is_allowed_and_a_third_consecutive_term_is_refused(staff) -> None:  # noqa: ANN001
    first = seated("VO_GROOT", 2, staff, starts_on=date(2018, 6, 1), member_since=date(2018, 1, 8))
    second = services.seat_appoint(
        seat=seat("VO_GROOT", 2),
        board=first.board,
        representative_name="Dezelfde",
        starts_on=date(2022, 6, 1),
    )
    assert second.consecutive == 2
    assert second.reappointments == 1
    with pytest.raises(RuleViolation, match="governance.third_consecutive_term"):
        services.seat_appoint(
            seat=seat("VO_GROOT", 2),
            board=first.board,
            representative_name="Dezelfde",
            starts_on=date(2026, 6, 1),
        )
    assert SeatTerm.objects.count() == 2


@pytest.mark.rule("GOV-3")
def test_a_term_longer_than_four_years_is_refused(staff) -> None:  # noqa: ANN001
    board = member_board("KLEIN", staff)
    with pytest.raises(RuleViolation, match="governance.term_too_long"):
        services.seat_appoint(
            seat=seat("KLEIN"),
            board=board,
            representative_name="A",
            starts_on=date(2025, 6, 1),
            ends_on=date(2029, 6, 1),
        )


@pytest.mark.rule("GOV-3")
def test_an_early_end_frees_the_seat_the_next_day(staff) -> None:  # noqa: ANN001
    term = seated("KLEIN", 3, staff)
    services.seat_term_end(term=term, on=date(2026, 2, 28), by=staff)
    assert selectors.term_of_seat_on(seat=seat("KLEIN", 3), day=date(2026, 2, 28)) == term
    assert selectors.term_of_seat_on(seat=seat("KLEIN", 3), day=date(2026, 3, 1)) is None


@pytest.mark.rule("GOV-2")
def test_the_seat_of_a_board_whose_membership_ended_falls_vacant_on_its_last_day(staff) -> None:  # noqa: ANN001
    term = seated("COMBINATIE", 1, staff)
    keeps = seated("COMBINATIE", 2, staff)
    membership = Membership.objects.get(board=term.board)
    membership_services.membership_give_notice(
        membership=membership, by=NoticeBy.MEMBER, given_by=staff, on=date(2025, 12, 31)
    )
    membership_services.membership_end_due(on=date(2027, 1, 4))
    out = StringIO()
    call_command("governance", "end-terms", "--on", "2027-01-04", "--json", stdout=out)
    assert json.loads(out.getvalue())["ended"] == [
        {"seat": "COMBINATIE-1", "board": term.board.number, "ended_on": "2026-12-31"}
    ]
    call_command("governance", "end-terms", "--on", "2027-01-05", stdout=StringIO())
    assert SeatTerm.objects.get(pk=term.pk).ended_on == date(2026, 12, 31)
    assert SeatTerm.objects.get(pk=keeps.pk).ended_on is None
    assert AuditEvent.objects.filter(action="governance.seat.ended_membership").count() == 1
