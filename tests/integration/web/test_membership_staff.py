"""Staff pages of membership: the application queue (MEM-2), the member list and its export
(FEE-1), notice on the cooperative's behalf (MEM-4), the exit settlement (MEM-5) and the
chamber changes for the council secretary (REG-6)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from django.core import mail
from django.test import Client

from bundel.accounts.models import User
from bundel.accounts.roles import Role
from bundel.membership import services
from bundel.membership.domain import NoticeBy
from bundel.membership.models import Application, ExitSettlement, InterestDeclaration, Membership
from bundel.registry.models import Board
from tests.factories.membership import application_data, approved_member, board_with_students
from tests.integration.web.membership_pages import TODAY, html_of, today  # noqa: F401

pytestmark = pytest.mark.django_db


def applied(board: Board, **overrides: object) -> Application:
    return services.application_submit(board=board, data=application_data(**overrides), on=TODAY)


def member(board: Board, staff: object, on: date = TODAY) -> Membership:
    return approved_member(board, staff, on)


@pytest.fixture
def board() -> Board:
    return board_with_students(999, 1, name="Stichting Primair Utrecht")


# --- Applications ---------------------------------------------------------------------------


@pytest.mark.rule("MEM-2")
def test_the_queue_lists_pending_applications_with_their_quote(
    staff_client: Client, board: Board
) -> None:
    applied(board)
    other = board_with_students(1500, name="Stichting Groot")
    services.application_reject(
        application=applied(other), rejected_by=User.objects.get(username="beheer"), reason="Nee"
    )
    html = html_of(staff_client.get("/beheer/leden/aanmeldingen/"))
    assert "Stichting Primair Utrecht" in html
    assert "EUR 1.000,00" in html
    assert "Stichting Groot" not in html
    rejected = html_of(staff_client.get("/beheer/leden/aanmeldingen/", {"status": "rejected"}))
    assert "Stichting Groot" in rejected
    assert "Stichting Primair Utrecht" not in rejected


@pytest.mark.rule("MEM-2")
def test_the_application_page_shows_every_submitted_detail_and_the_quote(
    staff_client: Client, board: Board
) -> None:
    application = applied(
        board, contact_phone="030 123 45 67", vat_number="NL001234567B01", peppol_id="0106:1"
    )
    html = html_of(staff_client.get(f"/beheer/leden/aanmeldingen/{application.pk}/"))
    for value in (
        "Jan Jansen",
        "jan.jansen@bestuur.example",
        "030 123 45 67",
        "Marieke de Wit",
        "voorzitter college van bestuur",
        "Postbus 12<br>3500 AA Utrecht",
        "facturen@bestuur.example",
        "41178451",
        "NL001234567B01",
        "PO-2025-001",
        "0106:1",
        '<span class="bundel-fee__amount">EUR 1.000,00</span>',
        '<span class="bundel-fee__band">t/m 1.000 leerlingen</span>',
        "PO 999 op 1 oktober 2016",
    ):
        assert value in html, value


@pytest.mark.rule("MEM-2")
def test_staff_approve_and_the_contact_gets_a_dutch_invitation(
    staff_client: Client,
    board: Board,
    django_capture_on_commit_callbacks: Callable[..., object],
) -> None:
    application = applied(board)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[attr-defined]
        response = staff_client.post(f"/beheer/leden/aanmeldingen/{application.pk}/goedkeuren/")

    membership = Membership.objects.get(board=board)
    assert response["Location"] == f"/beheer/leden/{membership.pk}/"
    assert (membership.status, membership.starts_on) == (Membership.Status.ACTIVE, TODAY)
    token = membership.invitations.get().token
    welcome = next(m for m in mail.outbox if "jan.jansen@bestuur.example" in m.to)
    assert welcome.subject == "Welkom als lid: Stichting Primair Utrecht"
    assert "het lidmaatschap begint op 2 maart 2026" in welcome.body
    assert "Maak hier uw account aan als vertegenwoordiger van uw bestuur:" in welcome.body
    assert f"http://testserver/uitnodiging/{token}/" in welcome.body
    page = html_of(staff_client.get(response["Location"]))
    assert "Stichting Primair Utrecht is lid." in page


@pytest.mark.rule("MEM-2")
def test_an_application_is_decided_once_and_a_second_approval_is_explained(
    staff_client: Client, board: Board
) -> None:
    application = applied(board)
    staff_client.post(f"/beheer/leden/aanmeldingen/{application.pk}/goedkeuren/")
    response = staff_client.post(
        f"/beheer/leden/aanmeldingen/{application.pk}/goedkeuren/", follow=True
    )
    assert response.status_code == 200
    assert "Over deze aanmelding is al besloten." in html_of(response)
    assert Membership.objects.count() == 1


@pytest.mark.rule("MEM-2")
def test_a_rejection_needs_a_reason(
    staff_client: Client,
    board: Board,
    django_capture_on_commit_callbacks: Callable[..., object],
) -> None:
    application = applied(board)
    response = staff_client.post(
        f"/beheer/leden/aanmeldingen/{application.pk}/afwijzen/", {"reason": "  "}
    )
    assert response.status_code == 200
    html = html_of(response)
    assert "Een afwijzing vraagt een reden." in html
    assert 'id="id_reason_error"' in html
    application.refresh_from_db()
    assert application.status == Application.Status.PENDING

    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[attr-defined]
        response = staff_client.post(
            f"/beheer/leden/aanmeldingen/{application.pk}/afwijzen/",
            {"reason": "Het bestuur is geen publiek bekostigde onderwijsorganisatie."},
        )
    assert response["Location"] == "/beheer/leden/aanmeldingen/"
    application.refresh_from_db()
    assert application.status == Application.Status.REJECTED
    rejection = next(m for m in mail.outbox if m.subject.startswith("Aanmelding niet"))
    assert "Reden: Het bestuur is geen publiek bekostigde onderwijsorganisatie." in rejection.body


def test_staff_see_the_declarations_of_interest(staff_client: Client, board: Board) -> None:
    services.interest_declare(board=board, contact_name="Els", contact_email="els@b.example")
    html = html_of(staff_client.get("/beheer/leden/interesse/"))
    assert "Stichting Primair Utrecht" in html
    assert "els@b.example" in html
    assert InterestDeclaration.objects.count() == 1


# --- The member list ------------------------------------------------------------------------


@pytest.fixture
def members(staff_user: object) -> dict[str, Membership]:
    """Klein (1,000 students), PO Groot (1,550) under notice, and an ended VO Groot."""
    small = member(board_with_students(999, 1, name="Stichting Klein"), staff_user)
    large = member(board_with_students(1550, name="Stichting Groot"), staff_user)
    services.membership_give_notice(
        membership=large,
        by=NoticeBy.MEMBER,
        given_by=staff_user,  # type: ignore[arg-type]
        on=date(2026, 3, 2),
    )
    vo = board_with_students(0, 4000, name="Stichting VO")
    vo.chamber = "VO_GROOT"
    vo.save()
    ended = member(vo, staff_user, on=date(2020, 1, 6))
    Membership.objects.filter(pk=ended.pk).update(
        status=Membership.Status.ENDED, notice_on=date(2024, 1, 6), last_day=date(2025, 1, 6)
    )
    return {"small": small, "large": Membership.objects.get(pk=large.pk), "ended": ended}


def listed(html: str) -> list[str]:
    return re.findall(r"<td class=\"utrecht-table__cell\">(Stichting [A-Za-z ]+)</td>", html)


@pytest.mark.rule("FEE-1")
def test_the_member_list_shows_status_chamber_students_band_and_dates(
    staff_client: Client, members: dict[str, Membership]
) -> None:
    html = html_of(staff_client.get("/beheer/leden/"))
    assert listed(html) == ["Stichting Klein", "Stichting Groot", "Stichting VO"]
    assert "3 leden gevonden" in html
    assert 't/m 1.000 leerlingen <span class="bundel-note">(EUR 1.000,00)</span>' in html
    assert 'meer dan 1.000 leerlingen <span class="bundel-note">(EUR 2.800,00)</span>' in html
    assert "Opgezegd" in html
    assert "2-3-2027" in html  # the last day of the notice given on 2 March 2026
    assert "PO Groot" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "under_notice"}, ["Stichting Groot"]),
        ({"status": "active"}, ["Stichting Klein"]),
        ({"chamber": "VO_GROOT"}, ["Stichting VO"]),
        ({"q": "klein"}, ["Stichting Klein"]),
    ],
)
def test_the_member_list_filters(
    staff_client: Client,
    members: dict[str, Membership],
    query: dict[str, str],
    expected: list[str],
) -> None:
    assert listed(html_of(staff_client.get("/beheer/leden/", query))) == expected


def csv_rows(response: object) -> list[list[str]]:
    content = b"".join(response.streaming_content) if response.streaming else response.content  # type: ignore[attr-defined]
    text = content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


@pytest.mark.rule("FEE-1")
def test_the_filtered_member_list_exports_as_csv(
    staff_client: Client, members: dict[str, Membership]
) -> None:
    response = staff_client.get("/beheer/leden/export.csv", {"status": "under_notice"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="leden-2026-03-02.csv"'
    rows = csv_rows(response)
    number = members["large"].board.number
    assert rows == [
        [
            "DUO-nummer",
            "Naam",
            "Status",
            "Kamer",
            "Leerlingen",
            "Feeband",
            "Fee per jaar (EUR)",
            "Begindatum",
            "Opgezegd op",
            "Opgezegd door",
            "Laatste dag",
        ],
        [
            number,
            "Stichting Groot",
            "opgezegd",
            "PO Groot",
            "1550",
            "meer dan 1.000 leerlingen",
            "2800,00",
            "2026-03-02",
            "2026-03-02",
            "het lid",
            "2027-03-02",
        ],
    ]
    everyone = csv_rows(staff_client.get("/beheer/leden/export.csv"))
    assert [row[1] for row in everyone[1:]] == [
        "Stichting Klein",
        "Stichting Groot",
        "Stichting VO",
    ]


@pytest.mark.rule("FEE-1")
def test_the_filtered_member_list_exports_as_xlsx_with_typed_cells(
    staff_client: Client, members: dict[str, Membership]
) -> None:
    from openpyxl import load_workbook

    response = staff_client.get("/beheer/leden/export.xlsx", {"status": "under_notice"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"] == 'attachment; filename="leden-2026-03-02.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("DUO-nummer", "Naam", "Status")
    assert len(rows) == 2
    number, name, status, chamber, students, _band, fee, starts_on, *_rest = rows[1]
    assert (number, name, status, chamber) == (
        members["large"].board.number,
        "Stichting Groot",
        "opgezegd",
        "PO Groot",
    )
    assert (students, fee) == (1550, 2800)
    assert starts_on.date().isoformat() == "2026-03-02"


# --- A member's page -----------------------------------------------------------------------


@pytest.mark.rule("MEM-6")
def test_the_member_page_shows_membership_billing_representatives_and_agreements(
    staff_client: Client, board: Board, staff_user: object, make_user: Callable[..., object]
) -> None:
    membership = member(board, staff_user)
    membership.service_agreements.create(
        service="Wifi als dienst", sla_reference="SLA-2026-7", starts_on=date(2026, 4, 1)
    )
    make_user(Role.MEMBER_REPRESENTATIVE, board=board, username="jan")
    html = html_of(staff_client.get(f"/beheer/leden/{membership.pk}/"))
    assert "Lid sinds" in html
    assert "2 maart 2026" in html
    assert "Postbus 12<br>3500 AA Utrecht" in html
    assert "PO-2025-001" in html
    assert "Test Person" in html
    assert "Dienstverleningsovereenkomst: Wifi als dienst" in html
    assert "SLA-2026-7" in html
    assert "Lidmaatschapsfee 2026" in html
    # The membership started on 2 March: this year's fee is pro rata (305 of 365 days).
    assert '<span class="bundel-fee__amount">EUR 835,62</span>' in html
    assert "naar rato: 305 van 365 dagen van EUR 1.000,00 per jaar" in html


@pytest.mark.rule("MEM-4")
def test_notice_by_the_cooperative_shows_the_last_day_and_needs_a_reason(
    staff_client: Client,
    board: Board,
    staff_user: object,
    django_capture_on_commit_callbacks: Callable[..., object],
) -> None:
    membership = member(board, staff_user)
    url = f"/beheer/leden/{membership.pk}/opzeggen/"
    page = html_of(staff_client.get(url))
    assert 'bundel-last-day">2 september 2026</dd>' in page

    response = staff_client.post(url, {"reason": "", "confirmed": "on"})
    assert response.status_code == 200
    assert "Opzegging door de coöperatie vraagt een reden." in html_of(response)
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE

    response = staff_client.post(url, {"reason": "Geen leerlingen meer"})
    assert "Vink het vakje aan om te bevestigen." in html_of(response)
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE

    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[attr-defined]
        response = staff_client.post(url, {"reason": "Geen leerlingen meer", "confirmed": "on"})
    assert response["Location"] == f"/beheer/leden/{membership.pk}/"
    membership.refresh_from_db()
    assert (membership.status, membership.notice_by, membership.last_day) == (
        Membership.Status.UNDER_NOTICE,
        "cooperative",
        date(2026, 9, 2),
    )
    assert membership.notice_reason == "Geen leerlingen meer"
    notice = next(m for m in mail.outbox if m.subject.startswith("Opzegging"))
    assert "opgezegd door de coöperatie" in notice.body
    again = staff_client.post(url, {"reason": "Nogmaals", "confirmed": "on"})
    assert "Alleen een actief lidmaatschap kan worden opgezegd." in html_of(again)


@pytest.mark.rule("MEM-5")
def test_staff_add_a_commitment_propose_edit_and_record_the_committees_opinion(
    staff_client: Client, board: Board, staff_user: object, make_user: Callable[..., object]
) -> None:
    membership = member(board, staff_user, on=date(2024, 1, 1))
    detail = f"/beheer/leden/{membership.pk}/"
    response = staff_client.post(
        f"{detail}verplichtingen/",
        {
            "service": "Wifi als dienst",
            "starts_on": "2025-01-01",
            "term_months": "60",
            "investment": "12000",
            "yearly_fee": "2400,00",
        },
    )
    assert response["Location"] == f"{detail}#commitments"
    invalid = staff_client.post(
        f"{detail}verplichtingen/",
        {"service": "X", "starts_on": "2025-01-01", "term_months": "0", "investment": "-1"},
    )
    assert invalid.status_code == 200
    assert membership.commitments.count() == 1

    # No settlement before notice.
    assert "nadat het lidmaatschap is opgezegd" in html_of(staff_client.get(detail))
    services.membership_give_notice(
        membership=membership,
        by=NoticeBy.MEMBER,
        given_by=staff_user,  # type: ignore[arg-type]
        on=date(2025, 12, 31),
    )  # last day 31 December 2026: 3 of the 5 years of the term remain
    preview = html_of(staff_client.get(detail))
    assert "Voorstel berekend uit de verplichtingen" in preview
    assert "1.096 van 1.826" in preview  # days of the term left

    response = staff_client.post(
        f"{detail}uittreding/", {"successor_absorbs": "1000", "explanation": "Opvolger neemt over"}
    )
    assert response["Location"] == f"{detail}#settlement"
    settlement = ExitSettlement.objects.get(membership=membership)
    assert (settlement.unrecovered_investment, settlement.expected_fees) == (
        Decimal("7202.63"),
        Decimal("7202.63"),
    )
    assert settlement.total == Decimal("13405.26")
    page = html_of(staff_client.get(detail))
    for part in ("EUR 7.202,63", "EUR 1.000,00", "EUR 13.405,26", "Opvolger neemt over"):
        assert part in page

    staff_client.post(
        f"{detail}uittreding/wijzigen/",
        {
            "unrecovered_investment": "7000,00",
            "expected_fees": "7000",
            "successor_absorbs": "2000",
            "explanation": "Afgerond",
        },
    )
    settlement.refresh_from_db()
    assert settlement.total == Decimal("12000.00")

    # The member disputes; then staff record the committee's opinion and the final amount.
    representative = make_user(Role.MEMBER_REPRESENTATIVE, board=board)
    services.settlement_dispute(
        settlement=settlement,
        disputed_by=representative,  # type: ignore[arg-type]
        reason="De investering was al deels terugverdiend.",
    )
    edit = staff_client.post(
        f"{detail}uittreding/wijzigen/",
        {"unrecovered_investment": "1", "expected_fees": "1", "successor_absorbs": "0"},
        follow=True,
    )
    assert "kan zo niet worden gewijzigd" in html_of(edit)
    page = html_of(staff_client.get(detail))
    assert "De investering was al deels terugverdiend." in page
    assert "Advies van de adviescommissie vastleggen" in page

    missing = staff_client.post(
        f"{detail}uittreding/advies/", {"opinion": "", "final_amount": "9000"}
    )
    assert "Leg het advies van de adviescommissie vast." in html_of(missing)
    staff_client.post(
        f"{detail}uittreding/advies/",
        {"opinion": "De commissie adviseert 9.000 euro.", "final_amount": "9000,00"},
    )
    settlement.refresh_from_db()
    assert settlement.status == ExitSettlement.Status.DECIDED
    assert settlement.final_amount == Decimal("9000.00")
    page = html_of(staff_client.get(detail))
    assert "De commissie adviseert 9.000 euro." in page
    assert "EUR 9.000,00" in page


@pytest.mark.rule("MEM-5")
def test_a_settlement_is_not_proposed_twice(
    staff_client: Client, board: Board, staff_user: object
) -> None:
    membership = member(board, staff_user)
    services.membership_give_notice(
        membership=membership,
        by=NoticeBy.MEMBER,
        given_by=staff_user,  # type: ignore[arg-type]
        on=TODAY,
    )
    staff_client.post(f"/beheer/leden/{membership.pk}/uittreding/", {"successor_absorbs": "0"})
    response = staff_client.post(
        f"/beheer/leden/{membership.pk}/uittreding/", {"successor_absorbs": "0"}, follow=True
    )
    assert "Dit lidmaatschap heeft al een uittredingsregeling." in html_of(response)
    assert ExitSettlement.objects.count() == 1


def test_the_council_secretary_sees_chamber_changes_and_marks_them_seen(
    staff_client: Client, board: Board, staff_user: object
) -> None:
    membership = member(board, staff_user)
    assert "Geen kamerwijzigingen" in html_of(staff_client.get("/beheer/leden/kamerwijzigingen/"))
    Board.objects.filter(pk=board.pk).update(chamber="PO_GROOT", po_students=1550)
    html = html_of(staff_client.get("/beheer/leden/kamerwijzigingen/"))
    assert "Stichting Primair Utrecht" in html
    assert "Klein" in html
    assert "PO Groot" in html
    response = staff_client.post(f"/beheer/leden/kamerwijzigingen/{membership.pk}/gezien/")
    assert response["Location"] == "/beheer/leden/kamerwijzigingen/"
    membership.refresh_from_db()
    assert membership.chamber_seen == "PO_GROOT"
    assert (
        staff_client.post(f"/beheer/leden/kamerwijzigingen/{membership.pk}/gezien/").status_code
        == 404
    )


@pytest.mark.rule("ACC-1")
@pytest.mark.parametrize(
    "path",
    [
        "/beheer/leden/",
        "/beheer/leden/export.csv",
        "/beheer/leden/aanmeldingen/",
        "/beheer/leden/interesse/",
        "/beheer/leden/kamerwijzigingen/",
    ],
)
def test_the_staff_membership_pages_are_for_staff_only(
    client: Client, representative: object, client_for: Callable[[object], Client], path: str
) -> None:
    assert client.get(path)["Location"] == f"/inloggen/?next={path}"
    assert client_for(representative).get(path).status_code == 403


def test_staff_navigation_has_a_members_entry(staff_client: Client) -> None:
    html = html_of(staff_client.get("/beheer/leden/"))
    assert 'href="/beheer/leden/" aria-current="page">Leden</a>' in html


def test_the_member_list_reads_a_page_with_a_fixed_number_of_queries(
    staff_client: Client,
    staff_user: object,
    django_assert_num_queries: Callable[..., object],
) -> None:
    for n in range(3):
        member(board_with_students(500 + n), staff_user)
    staff_client.get("/beheer/leden/")
    # session, user, roles, 2 × permissions (navigation), count, members, fee bands
    with django_assert_num_queries(8):  # type: ignore[operator]
        first = staff_client.get("/beheer/leden/")
    for n in range(5):
        member(board_with_students(600 + n), staff_user)
    with django_assert_num_queries(8):  # type: ignore[operator]
        second = staff_client.get("/beheer/leden/")
    rows = '<tr class="utrecht-table__row">'
    assert (html_of(first).count(rows), html_of(second).count(rows)) == (1 + 3, 1 + 8)
