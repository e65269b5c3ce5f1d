"""Membership over the API: applying, approving, members, notice and the exit settlement, and
who may see or change what (ACC-1, ACC-2)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from bundel.accounts.roles import Role
from bundel.api.v1.membership import ApplicationCreateApi
from bundel.membership.models import (
    Application,
    Commitment,
    ExitSettlement,
    Membership,
    RepresentativeInvitation,
    ServiceAgreement,
)
from bundel.registry.models import Board
from tests.factories.membership import application_data, board_with_students
from tests.factories.registry import BoardFactory

pytestmark = pytest.mark.django_db

TODAY = date(2025, 3, 3)
APPLICATIONS = reverse("api:v1:application-list")
MEMBERS = reverse("api:v1:member-list")


def approve_url(pk: int) -> str:
    return reverse("api:v1:application-approve", kwargs={"pk": pk})


def reject_url(pk: int) -> str:
    return reverse("api:v1:application-reject", kwargs={"pk": pk})


def member_url(number: str, action: str = "") -> str:
    name = f"api:v1:member-{action}" if action else "api:v1:member-detail"
    return reverse(name, kwargs={"board_number": number})


@pytest.fixture(autouse=True)
def _dutch_on_a_fixed_day() -> Iterator[None]:
    """Dutch unless a request asks otherwise, on a fixed day, with no earlier throttle history."""
    cache.clear()
    moment = datetime(2025, 3, 3, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
    with translation.override(settings.LANGUAGE_CODE), time_machine.travel(moment, tick=False):
        yield
    cache.clear()


@pytest.fixture
def client_for() -> Callable[[object], APIClient]:
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


@pytest.fixture
def own(representative: Any) -> Membership:
    """The representative's board is a member since the founding date."""
    return member_of(representative.board)


@pytest.fixture
def other() -> Membership:
    """Board B: another member, with a settlement, that the representative of A must not see."""
    membership = member_of(
        BoardFactory(number="41234"),
        status=Membership.Status.UNDER_NOTICE,
        notice_on=date(2025, 1, 15),
        notice_by=Membership.NoticeBy.MEMBER,
        last_day=date(2026, 1, 15),
    )
    ExitSettlement.objects.create(
        membership=membership,
        unrecovered_investment=Decimal("100.00"),
        expected_fees=Decimal("50.00"),
        successor_absorbs=Decimal("0.00"),
        total=Decimal("150.00"),
        proposed_at=datetime(2025, 2, 1, tzinfo=ZoneInfo("UTC")),
    )
    return membership


def member_of(board: Board, **fields: Any) -> Membership:
    values: dict[str, Any] = {"starts_on": date(2018, 1, 1), **fields}
    return Membership.objects.create(board=board, **values)


def form(board: Board | str, **overrides: Any) -> dict[str, Any]:
    data = {
        "board": board if isinstance(board, str) else board.number,
        **vars(application_data()),
    }
    data.update(overrides)
    return data


def pending(board: Board) -> Application:
    from bundel.membership import services

    return services.application_submit(board=board, data=application_data(), on=TODAY)


# Applying (MEM-1, MEM-2): anonymous, throttled -----------------------------------------------


@pytest.mark.rule("MEM-2")
@pytest.mark.rule("FEE-1")
def test_an_anonymous_visitor_applies_and_is_quoted_the_fee() -> None:
    board = board_with_students(1001, count_date=date(2024, 10, 1), name="Stichting Noord")
    response = APIClient().post(APPLICATIONS, form(board), format="json")
    assert response.status_code == 201
    body = response.json()
    application = Application.objects.get()
    assert (body["id"], body["status"], body["board"]) == (application.pk, "pending", board.number)
    assert body["board_name"] == "Stichting Noord"
    assert body["fee_quote"] == {
        "board": board.number,
        "year": 2025,
        "students": 1001,
        "po_students": 1001,
        "po_count_date": "2024-10-01",
        "vo_students": 0,
        "vo_count_date": None,
        "band": {"max_students": None, "amount": "2800.00"},
        "annual_amount": "2800.00",
        "days": 365,
        "days_in_year": 365,
        "pro_rata": False,
        "amount": "2800.00",
        "currency": "EUR",
    }
    assert (body["decided_at"], body["decided_by"], body["rejection_reason"]) == (None, None, "")
    assert application.buyer_reference == "PO-2025-001"


@pytest.mark.rule("MEM-1")
def test_a_board_without_students_is_refused_with_the_reason() -> None:
    board = BoardFactory(number="41234")
    response = APIClient().post(APPLICATIONS, form(board), format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 409
    assert response.json() == {
        "code": "membership.no_students",
        "message": (
            "Board 41234 has no students in the register at the latest count dates; only "
            "publicly funded PO and VO boards with students can become members."
        ),
        "params": {"number": "41234"},
    }
    assert not Application.objects.exists()


@pytest.mark.rule("MEM-1")
def test_a_samenwerkingsverband_is_refused_as_under_review() -> None:
    board = board_with_students(500, group="SWV")
    response = APIClient().post(APPLICATIONS, form(board), format="json")
    assert response.status_code == 409
    assert response.json()["code"] == "membership.swv_under_review"


@pytest.mark.rule("MEM-2")
def test_a_member_or_a_board_that_already_applied_is_refused() -> None:
    member = board_with_students(500)
    member_of(member)
    applied = board_with_students(600)
    pending(applied)
    client = APIClient()
    assert client.post(APPLICATIONS, form(member), format="json").json()["code"] == (
        "membership.already_member"
    )
    response = client.post(APPLICATIONS, form(applied), format="json")
    assert (response.status_code, response.json()["code"]) == (
        409,
        "membership.application_pending",
    )


@pytest.mark.rule("MEM-2")
def test_the_terms_and_a_kvk_number_or_oin_are_needed() -> None:
    board = board_with_students(500)
    client = APIClient()
    no_terms = client.post(APPLICATIONS, form(board, terms_accepted=False), format="json")
    assert no_terms.json()["code"] == "membership.terms_not_accepted"
    neither = client.post(APPLICATIONS, form(board, kvk_number="", oin=""), format="json")
    assert neither.json()["code"] == "membership.kvk_or_oin_needed"
    assert not Application.objects.exists()


def test_invalid_application_input_is_400_per_field_in_dutch() -> None:
    board = board_with_students(500)
    data = form(board, contact_email="not-an-e-mail")
    del data["signer_name"]
    response = APIClient().post(APPLICATIONS, data, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert body["fields"] == {
        "contact_email": ["Voer een geldig e-mailadres in."],
        "signer_name": ["Dit veld is vereist."],
    }


def test_an_application_for_a_board_not_in_the_register_is_refused() -> None:
    response = APIClient().post(
        APPLICATIONS, form("99999"), format="json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    assert response.json() == {
        "code": "registry.board_not_found",
        "message": "No board with number 99999 is in the register.",
        "params": {"number": "99999"},
    }


def test_applications_are_throttled_per_address(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ApplicationCreateApi, "throttle_rate", "2/hour")
    boards = [board_with_students(500) for _ in range(3)]
    client = APIClient()
    statuses = [client.post(APPLICATIONS, form(b), format="json").status_code for b in boards]
    assert statuses == [201, 201, 429]
    refused = client.post(APPLICATIONS, form(boards[2]), format="json")
    assert refused.json()["code"] == "throttled"
    assert refused.json()["message"].startswith("Te veel verzoeken. Probeer het over ")
    assert int(refused["Retry-After"]) > 0
    assert Application.objects.count() == 2


def test_the_application_rate_is_ten_an_hour() -> None:
    assert ApplicationCreateApi.throttle_rate == "10/hour"
    assert ApplicationCreateApi.throttle_scope == "applications"


# The application queue (staff) ---------------------------------------------------------------


@pytest.mark.rule("ACC-1")
def test_only_staff_list_applications(
    member_api: APIClient, make_user: Callable[..., object], client_for: Any
) -> None:
    assert APIClient().get(APPLICATIONS).status_code == 401
    assert member_api.get(APPLICATIONS).status_code == 403
    assert client_for(make_user(Role.SUPPLIER)).get(APPLICATIONS).status_code == 403


@pytest.mark.rule("MEM-2")
def test_staff_list_applications_by_status_in_fixed_queries(
    staff_api: APIClient, staff_user: Any, django_assert_max_num_queries: Any
) -> None:
    from bundel.membership import services

    applications = [pending(board_with_students(100 + n)) for n in range(6)]
    services.application_reject(
        application=applications[0], rejected_by=staff_user, reason="Geen PO of VO"
    )
    # token + user, roles, count, page (with boards and deciders)
    with django_assert_max_num_queries(4):
        body = staff_api.get(APPLICATIONS, {"status": "pending"}).json()
    assert body["count"] == 5
    assert {a["status"] for a in body["results"]} == {"pending"}
    rejected = staff_api.get(APPLICATIONS, {"status": "rejected"}).json()["results"]
    assert [(a["id"], a["decided_by"]) for a in rejected] == [(applications[0].pk, "beheer")]
    assert staff_api.get(APPLICATIONS).json()["count"] == 6
    assert staff_api.get(APPLICATIONS, {"status": "unknown"}).status_code == 400


@pytest.mark.rule("MEM-2")
def test_staff_approve_and_the_membership_starts_today(
    staff_api: APIClient, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    board = board_with_students(500, name="Stichting Zuid")
    application = pending(board)
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_api.post(approve_url(application.pk))
    assert response.status_code == 200
    assert response.json() == {
        "board": board.number,
        "board_name": "Stichting Zuid",
        "status": "active",
        "chamber": "KLEIN",
        "students": 500,
        "starts_on": "2025-03-03",
        "notice_on": None,
        "notice_by": None,
        "notice_reason": "",
        "last_day": None,
    }
    application.refresh_from_db()
    assert application.status == Application.Status.APPROVED
    invitation = RepresentativeInvitation.objects.get()
    assert invitation.email == application.contact_email
    welcome = next(m for m in mailoutbox if application.contact_email in m.to)
    assert f"http://testserver/uitnodiging/{invitation.token}/" in welcome.body
    again = staff_api.post(approve_url(application.pk), HTTP_ACCEPT_LANGUAGE="en")
    assert again.status_code == 409
    assert again.json()["message"] == "This application has already been decided."


@pytest.mark.rule("MEM-2")
def test_staff_reject_with_a_reason(staff_api: APIClient) -> None:
    application = pending(board_with_students(500))
    without = staff_api.post(reject_url(application.pk), {"reason": ""}, format="json")
    assert without.status_code == 400
    assert without.json()["fields"] == {"reason": ["Dit veld mag niet leeg zijn."]}
    response = staff_api.post(reject_url(application.pk), {"reason": "Dubbel"}, format="json")
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["rejection_reason"]) == (
        "rejected",
        "Dubbel",
    )
    assert not Membership.objects.exists()


def test_an_unknown_application_is_not_found(staff_api: APIClient) -> None:
    response = staff_api.post(approve_url(404))
    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "message": "Niet gevonden."}


@pytest.mark.rule("ACC-1")
def test_a_representative_may_not_approve_or_reject(member_api: APIClient) -> None:
    application = pending(board_with_students(500))
    assert member_api.post(approve_url(application.pk)).status_code == 403
    response = member_api.post(reject_url(application.pk), {"reason": "x"}, format="json")
    assert response.status_code == 403
    application.refresh_from_db()
    assert application.status == Application.Status.PENDING


# Members -------------------------------------------------------------------------------------


def test_staff_list_every_member_in_fixed_queries(
    staff_api: APIClient, django_assert_max_num_queries: Any
) -> None:
    for n in range(8):
        member_of(BoardFactory(number=f"{41200 + n}"))
    member_of(
        BoardFactory(number="50000"), status=Membership.Status.ENDED, last_day=date(2024, 1, 1)
    )
    # token + user, roles, count, page (with boards)
    with django_assert_max_num_queries(4):
        body = staff_api.get(MEMBERS).json()
    assert body["count"] == 9
    assert [m["board"] for m in body["results"]][:2] == ["41200", "41201"]
    ended = staff_api.get(MEMBERS, {"status": "ended"}).json()["results"]
    assert [(m["board"], m["last_day"]) for m in ended] == [("50000", "2024-01-01")]
    assert staff_api.get(MEMBERS, {"q": "5000"}).json()["count"] == 1


@pytest.mark.rule("ACC-2")
def test_a_representative_lists_only_its_own_boards_memberships(
    own: Membership,
    other: Membership,
    member_api: APIClient,
    django_assert_max_num_queries: Any,
) -> None:
    ended_before = member_of(
        own.board,
        starts_on=date(2018, 1, 1),
        status=Membership.Status.ENDED,
        last_day=date(2018, 12, 31),
    )
    own.starts_on = date(2020, 1, 1)
    own.save()
    with django_assert_max_num_queries(4):
        body = member_api.get(MEMBERS).json()
    assert body["count"] == 2
    assert {m["board"] for m in body["results"]} == {own.board.number}
    assert [m["starts_on"] for m in body["results"]] == ["2020-01-01", "2018-01-01"]
    assert ended_before.board_id == own.board_id
    assert member_api.get(MEMBERS, {"q": other.board.number}).json()["count"] == 0


def test_the_member_detail_has_the_fee_and_the_service_agreements(
    own: Membership, member_api: APIClient
) -> None:
    ServiceAgreement.objects.create(
        membership=own, service="Wifi", sla_reference="SLA-1", starts_on=date(2024, 8, 1)
    )
    response = member_api.get(member_url(own.board.number))
    assert response.status_code == 200
    body = response.json()
    assert body["membership"]["board"] == own.board.number
    assert body["membership"]["status"] == "active"
    assert (body["fee"]["year"], body["fee"]["amount"]) == (2025, "1000.00")
    assert body["service_agreements"] == [
        {"service": "Wifi", "sla_reference": "SLA-1", "starts_on": "2024-08-01", "ends_on": None}
    ]


def test_staff_read_any_member(staff_api: APIClient, other: Membership) -> None:
    body = staff_api.get(member_url("41234")).json()
    assert body["membership"]["status"] == "under_notice"
    assert body["membership"]["last_day"] == "2026-01-15"


def test_a_board_that_is_not_a_member_is_not_found(staff_api: APIClient) -> None:
    BoardFactory(number="41234")
    response = staff_api.get(member_url("41234"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert response.json() == {
        "code": "membership.no_membership",
        "message": "Board 41234 is not a member.",
        "params": {"number": "41234"},
    }


# ACC-2: board A never sees or changes anything of board B ------------------------------------


@pytest.mark.rule("ACC-2")
@pytest.mark.parametrize(
    ("method", "action", "data"),
    [
        ("get", "", None),
        ("get", "settlement", None),
        ("post", "notice", {"reason": ""}),
        ("post", "settlement-accept", None),
        ("post", "settlement-dispute", {"reason": "Te hoog"}),
    ],
)
def test_a_representative_cannot_see_or_change_another_boards_membership(
    own: Membership,
    other: Membership,
    member_api: APIClient,
    method: str,
    action: str,
    data: dict[str, str] | None,
) -> None:
    call = getattr(member_api, method)
    response = call(member_url("41234", action), data, format="json")
    unknown = call(member_url("41299", action), data, format="json")
    assert response.status_code == unknown.status_code == 404
    assert response.json()["code"] == unknown.json()["code"] == "membership.no_membership"
    other.refresh_from_db()
    assert (other.status, other.notice_by, other.last_day) == (
        Membership.Status.UNDER_NOTICE,
        Membership.NoticeBy.MEMBER,
        date(2026, 1, 15),
    )
    assert other.settlement.status == ExitSettlement.Status.PROPOSED


# Notice (MEM-4) ------------------------------------------------------------------------------


@pytest.mark.rule("MEM-4")
def test_a_member_gives_notice_and_keeps_its_membership_for_a_year(
    own: Membership, member_api: APIClient
) -> None:
    response = member_api.post(member_url(own.board.number, "notice"), {}, format="json")
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["notice_on"], body["notice_by"], body["last_day"]) == (
        "under_notice",
        "2025-03-03",
        "member",
        "2026-03-03",
    )
    again = member_api.post(member_url(own.board.number, "notice"), {}, format="json")
    assert (again.status_code, again.json()["code"]) == (409, "membership.not_active")


@pytest.mark.rule("MEM-4")
def test_the_cooperative_gives_six_months_notice_with_a_reason(
    own: Membership, staff_api: APIClient
) -> None:
    url = member_url(own.board.number, "notice")
    without = staff_api.post(url, {"reason": " "}, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert without.status_code == 409
    assert without.json() == {
        "code": "membership.notice_needs_reason",
        "message": "Notice by the cooperative needs a reason.",
        "params": {},
    }
    own.refresh_from_db()
    assert own.status == Membership.Status.ACTIVE
    response = staff_api.post(url, {"reason": "Geen leerlingen meer"}, format="json")
    assert response.status_code == 200
    body = response.json()
    assert (body["notice_by"], body["notice_reason"], body["last_day"]) == (
        "cooperative",
        "Geen leerlingen meer",
        "2025-09-03",
    )


# The exit settlement (MEM-5) -----------------------------------------------------------------


@pytest.fixture
def leaving(own: Membership) -> Membership:
    """The representative's board gave notice; the cooperative invested for a 5-year service."""
    own.status = Membership.Status.UNDER_NOTICE
    own.notice_on, own.notice_by = date(2024, 12, 31), Membership.NoticeBy.MEMBER
    own.last_day = date(2025, 12, 31)
    own.save()
    Commitment.objects.create(
        membership=own,
        service="Wifi",
        starts_on=date(2023, 1, 1),
        term_months=60,
        investment=Decimal("10000.00"),
        yearly_fee=Decimal("1200.00"),
    )
    return own


@pytest.mark.rule("MEM-5")
def test_a_settlement_is_proposed_disputed_and_decided(
    leaving: Membership, staff_api: APIClient, member_api: APIClient
) -> None:
    url = member_url(leaving.board.number, "settlement")
    assert member_api.get(url).status_code == 404
    proposed = staff_api.post(url, {"successor_absorbs": "500.00"}, format="json")
    assert proposed.status_code == 201
    parts = proposed.json()
    # 2026-01-01 … 2027-12-31 remain of 2023-01-01 … 2027-12-31: 730 of 1826 days
    assert (parts["status"], parts["board"]) == ("proposed", leaving.board.number)
    assert (parts["unrecovered_investment"], parts["expected_fees"]) == ("3997.81", "2398.69")
    assert (parts["successor_absorbs"], parts["total"]) == ("500.00", "5896.50")
    assert member_api.get(url).json() == parts

    assert member_api.post(url, {}, format="json").status_code == 403  # only staff propose
    dispute = member_url(leaving.board.number, "settlement-dispute")
    without = member_api.post(dispute, {"reason": ""}, format="json")
    assert without.status_code == 400
    assert staff_api.post(dispute, {"reason": "Te hoog"}, format="json").status_code == 403
    disputed = member_api.post(dispute, {"reason": "De wifi neemt een ander over"}, format="json")
    assert disputed.status_code == 200
    assert (disputed.json()["status"], disputed.json()["dispute_reason"]) == (
        "disputed",
        "De wifi neemt een ander over",
    )

    decide = member_url(leaving.board.number, "settlement-decide")
    decision = {"opinion": "De opvolger neemt de helft over", "final_amount": "3000.00"}
    assert member_api.post(decide, decision, format="json").status_code == 403
    decided = staff_api.post(decide, decision, format="json")
    assert decided.status_code == 200
    body = decided.json()
    assert (body["status"], body["final_amount"]) == ("decided", "3000.00")
    assert body["committee_opinion"] == "De opvolger neemt de helft over"
    assert body["decided_at"] is not None

    late = member_api.post(
        member_url(leaving.board.number, "settlement-accept"), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert late.status_code == 409
    assert late.json()["params"] == {"status": "decided", "action": "accept"}


@pytest.mark.rule("MEM-5")
def test_the_member_accepts_a_proposed_settlement(
    leaving: Membership, staff_api: APIClient, member_api: APIClient
) -> None:
    staff_api.post(member_url(leaving.board.number, "settlement"), {}, format="json")
    response = member_api.post(member_url(leaving.board.number, "settlement-accept"))
    assert response.status_code == 200
    assert response.json()["status"] == "accepted"
    assert response.json()["responded_at"] is not None


@pytest.mark.rule("MEM-5")
def test_a_settlement_is_drawn_up_only_for_a_member_under_notice(
    own: Membership, staff_api: APIClient
) -> None:
    response = staff_api.post(member_url(own.board.number, "settlement"), {}, format="json")
    assert (response.status_code, response.json()["code"]) == (
        409,
        "membership.not_under_notice",
    )


def test_a_member_without_a_settlement_has_none_to_show(
    own: Membership, member_api: APIClient
) -> None:
    response = member_api.get(member_url(own.board.number, "settlement"))
    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "message": "Niet gevonden."}
