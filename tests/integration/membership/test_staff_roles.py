"""ACC-1: which staff role may decide what about members, through the pages and the API."""

from datetime import date

import pytest
from django.test import Client
from rest_framework.test import APIClient

from bundel.accounts.roles import Role
from bundel.membership import services
from bundel.membership.models import Application, Membership
from tests.factories.membership import application_data, board_with_students

pytestmark = pytest.mark.django_db


@pytest.fixture
def application() -> Application:
    board = board_with_students(700)
    return services.application_submit(board=board, data=application_data(), on=date(2025, 3, 1))


def signed_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


@pytest.mark.rule("ACC-1")
@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (Role.ADMINISTRATOR, True),
        (Role.FINANCE, False),
        (Role.SERVICE_DESK, False),
        (Role.PROCUREMENT, False),
        (Role.COUNCIL_SECRETARY, False),
    ],
)
def test_only_the_administrator_decides_applications(
    make_user,
    application: Application,
    role: Role,
    allowed: bool,  # noqa: ANN001
) -> None:
    user = make_user(role)
    page = signed_in(user).post(f"/beheer/leden/aanmeldingen/{application.pk}/goedkeuren/")
    api = APIClient()
    api.force_authenticate(user)
    call = api.post(f"/api/v1/applications/{application.pk}/reject/", {"reason": "Geen budget"})
    application.refresh_from_db()
    if allowed:
        assert page.status_code == 302
        assert application.status == Application.Status.APPROVED
        assert call.status_code == 409  # decided already: the permission let it through
    else:
        assert (page.status_code, call.status_code) == (403, 403)
        assert application.status == Application.Status.PENDING


@pytest.mark.rule("ACC-1")
def test_every_staff_role_reads_the_member_list(make_user) -> None:  # noqa: ANN001
    for role in (Role.FINANCE, Role.SERVICE_DESK, Role.PROCUREMENT, Role.COUNCIL_SECRETARY):
        assert signed_in(make_user(role)).get("/beheer/leden/").status_code == 200


@pytest.mark.rule("ACC-1")
@pytest.mark.rule("MEM-4")
def test_finance_but_not_the_service_desk_gives_notice_for_the_cooperative(
    make_user,
    application: Application,  # noqa: ANN001
) -> None:
    membership = services.application_approve(
        application=application, approved_by=make_user(Role.ADMINISTRATOR), on=date(2025, 3, 3)
    )
    number = membership.board.number
    body = {"reason": "Voldoet niet meer aan de voorwaarden"}
    desk = APIClient()
    desk.force_authenticate(make_user(Role.SERVICE_DESK))
    assert desk.post(f"/api/v1/members/{number}/notice/", body).status_code == 403
    finance = APIClient()
    finance.force_authenticate(make_user(Role.FINANCE))
    assert finance.post(f"/api/v1/members/{number}/notice/", body).status_code == 200
    membership.refresh_from_db()
    assert membership.status == Membership.Status.UNDER_NOTICE


@pytest.mark.rule("REG-6")
def test_the_council_secretary_acknowledges_a_chamber_change(
    make_user, application: Application
) -> None:  # noqa: ANN001
    membership = services.application_approve(
        application=application, approved_by=make_user(Role.ADMINISTRATOR), on=date(2025, 3, 3)
    )
    board = membership.board
    board.chamber = "PO_GROOT"
    board.save(update_fields=["chamber"])
    url = f"/beheer/leden/kamerwijzigingen/{membership.pk}/gezien/"
    assert signed_in(make_user(Role.SERVICE_DESK)).post(url).status_code == 403
    assert signed_in(make_user(Role.COUNCIL_SECRETARY)).post(url).status_code == 302
    membership.refresh_from_db()
    assert membership.chamber_seen == "PO_GROOT"


@pytest.mark.rule("ACC-1")
def test_staff_only_see_the_actions_their_role_allows(make_user, application: Application) -> None:  # noqa: ANN001
    url = f"/beheer/leden/aanmeldingen/{application.pk}/"
    desk = signed_in(make_user(Role.SERVICE_DESK)).get(url).content.decode()
    admin = signed_in(make_user(Role.ADMINISTRATOR)).get(url).content.decode()
    approve = f"/beheer/leden/aanmeldingen/{application.pk}/goedkeuren/"
    assert approve in admin
    assert approve not in desk
    assert "De beheerder beslist over aanmeldingen." in desk
