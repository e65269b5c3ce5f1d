"""ACC-1 and ACC-3: roles as groups with permissions, representatives bound to one board, audit."""

import pytest
from django.contrib.auth.models import Group

from bundel.accounts.roles import STAFF_ROLES, Role
from bundel.accounts.services import roles_ensure, user_create
from bundel.shared import audit
from bundel.shared.errors import RuleViolation
from bundel.shared.models import AuditEvent
from tests.factories.registry import BoardFactory

pytestmark = pytest.mark.django_db


@pytest.mark.rule("ACC-1")
def test_every_role_is_a_group_and_creating_them_twice_changes_nothing() -> None:
    roles_ensure()
    roles_ensure()
    assert set(Group.objects.values_list("name", flat=True)) == {str(r) for r in Role}
    admin = Group.objects.get(name=Role.ADMINISTRATOR)
    assert admin.permissions.filter(codename="import_register").exists()
    assert (
        not Group.objects.get(name=Role.FINANCE)
        .permissions.filter(codename="import_register")
        .exists()
    )


@pytest.mark.rule("ACC-1")
@pytest.mark.parametrize("role", sorted(STAFF_ROLES))
def test_every_staff_role_is_cooperative_staff(make_user, role: Role) -> None:  # noqa: ANN001
    user = make_user(role)
    assert user.is_staff_member
    assert not user.is_member_representative


@pytest.mark.rule("ACC-1")
def test_a_member_representative_acts_for_exactly_its_own_board(make_user) -> None:  # noqa: ANN001
    board = BoardFactory()
    user = make_user(Role.MEMBER_REPRESENTATIVE, board=board)
    assert user.is_member_representative
    assert user.board == board
    assert not user.is_staff_member


@pytest.mark.rule("ACC-1")
def test_a_representative_without_a_board_is_refused() -> None:
    with pytest.raises(RuleViolation, match="accounts.representative_needs_board"):
        user_create(username="x", password="pw-long-enough", roles=[Role.MEMBER_REPRESENTATIVE])


@pytest.mark.rule("ACC-1")
def test_a_board_is_only_for_a_representative() -> None:
    board = BoardFactory()
    with pytest.raises(RuleViolation, match="accounts.board_only_for_representatives"):
        user_create(
            username="x", password="pw-long-enough", roles=[Role.FINANCE], board_id=board.pk
        )


@pytest.mark.rule("ACC-1")
def test_suppliers_and_deactivated_staff_are_not_staff(make_user) -> None:  # noqa: ANN001
    supplier = make_user(Role.SUPPLIER)
    assert not supplier.is_staff_member
    staff = make_user(Role.FINANCE)
    staff.is_active = False
    assert not staff.is_staff_member


@pytest.mark.rule("ACC-3")
def test_creating_a_person_is_audited_with_who_and_what(staff_user) -> None:  # noqa: ANN001
    board = BoardFactory()
    user_create(
        username="rep",
        password="pw-long-enough",
        roles=[Role.MEMBER_REPRESENTATIVE],
        board_id=board.pk,
        created_by=staff_user,
    )
    event = AuditEvent.objects.filter(action="accounts.user.created", object_label="rep").get()
    assert event.actor == staff_user
    assert event.actor_label == "beheer"
    assert event.after == {"username": "rep", "roles": ["member_representative"], "board": board.pk}
    assert event.before is None


@pytest.mark.django_db(transaction=True)
@pytest.mark.rule("ACC-3")
def test_an_audit_record_outside_a_transaction_is_refused() -> None:
    board = BoardFactory()
    with pytest.raises(RuntimeError, match="inside the transaction"):
        audit.record(board, "registry.board.touched")
