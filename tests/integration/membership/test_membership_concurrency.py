"""Concurrent requests on one board: row locks make the second one see the first (PostgreSQL)."""

from datetime import date

import pytest

from bundel.accounts.roles import Role
from bundel.membership import services
from bundel.membership.domain import NoticeBy
from bundel.membership.models import Application, Membership
from bundel.shared.errors import RuleViolation
from tests.factories.membership import application_data, board_with_students
from tests.threads import at_once


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.rule("MEM-2")
def test_two_simultaneous_approvals_make_one_membership(make_user) -> None:  # noqa: ANN001
    staff = make_user(Role.ADMINISTRATOR)
    board = board_with_students(700)
    application = services.application_submit(
        board=board, data=application_data(), on=date(2025, 3, 1)
    )

    def approve() -> object:
        return services.application_approve(
            application=application, approved_by=staff, on=date(2025, 3, 3)
        )

    results, errors = at_once(approve, approve)
    assert len(results) == 1
    assert [e.code for e in errors if isinstance(e, RuleViolation)] == ["membership.not_pending"]
    assert Membership.objects.filter(board=board).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.rule("MEM-2")
def test_two_simultaneous_applications_of_one_board_leave_one_pending() -> None:
    board = board_with_students(700)

    def apply() -> object:
        return services.application_submit(
            board=board, data=application_data(), on=date(2025, 3, 1)
        )

    results, errors = at_once(apply, apply)
    assert len(results) == 1
    assert [e.code for e in errors if isinstance(e, RuleViolation)] == [
        "membership.application_pending"
    ]
    assert Application.objects.filter(board=board).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.rule("MEM-4")
def test_two_simultaneous_notices_record_one(make_user) -> None:  # noqa: ANN001
    staff = make_user(Role.ADMINISTRATOR)
    board = board_with_students(700)
    application = services.application_submit(
        board=board, data=application_data(), on=date(2025, 3, 1)
    )
    membership = services.application_approve(
        application=application, approved_by=staff, on=date(2025, 3, 3)
    )

    def by_member() -> object:
        return services.membership_give_notice(
            membership=membership,
            by=NoticeBy.MEMBER,
            given_by=staff,
            on=date(2025, 6, 1),
        )

    def by_cooperative() -> object:
        return services.membership_give_notice(
            membership=membership,
            by=NoticeBy.COOPERATIVE,
            given_by=staff,
            on=date(2025, 6, 1),
            reason="Voldoet niet meer aan de voorwaarden",
        )

    results, errors = at_once(by_member, by_cooperative)
    assert len(results) == 1
    assert [e.code for e in errors if isinstance(e, RuleViolation)] == ["membership.not_active"]
