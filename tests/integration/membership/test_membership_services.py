"""MEM-1 … MEM-7 and FEE-1 through the services: one transaction each, audited, mailed."""

from datetime import date
from decimal import Decimal

import pytest

from bundel.accounts.roles import Role
from bundel.membership import selectors, services
from bundel.membership.domain import NoticeBy, has_member_rights
from bundel.membership.models import (
    Application,
    ExitSettlement,
    Membership,
    RepresentativeInvitation,
    ServiceAgreement,
)
from bundel.shared.errors import RuleViolation
from bundel.shared.models import AuditEvent
from tests.factories.membership import application_data, approved_member, board_with_students

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(make_user):  # noqa: ANN001, ANN201
    return make_user(Role.ADMINISTRATOR, username="ledenadmin")


def member(board, staff, on=date(2025, 3, 3)):  # noqa: ANN001, ANN201
    return approved_member(board, staff, on)


@pytest.mark.rule("MEM-1")
def test_a_board_without_students_is_refused_with_the_reason_and_nothing_is_written() -> None:
    board = board_with_students(0, 0)
    with pytest.raises(RuleViolation, match="membership.no_students"):
        services.application_submit(board=board, data=application_data(), on=date(2025, 1, 6))
    assert not Application.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="membership.").exists()


@pytest.mark.rule("MEM-1")
def test_a_samenwerkingsverband_is_under_review() -> None:
    duo_swv = board_with_students(800, group="SWV")
    marked = board_with_students(800, marked_as_swv=True)
    for board in (duo_swv, marked):
        with pytest.raises(RuleViolation, match="membership.swv_under_review"):
            services.application_submit(board=board, data=application_data(), on=date(2025, 1, 6))


@pytest.mark.rule("MEM-2")
def test_an_application_is_approved_and_the_membership_starts_that_day(
    staff,
    django_capture_on_commit_callbacks,
    mailoutbox,  # noqa: ANN001
) -> None:
    board = board_with_students(700)
    application = services.application_submit(
        board=board, data=application_data(), on=date(2025, 3, 1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        membership = services.application_approve(
            application=application,
            approved_by=staff,
            on=date(2025, 3, 3),
            invitation_url="https://bundel.example/uitnodiging/{token}/",
        )
    assert membership.starts_on == date(2025, 3, 3)
    assert membership.status == Membership.Status.ACTIVE
    assert membership.buyer_reference == "PO-2025-001"
    invitation = RepresentativeInvitation.objects.get(membership=membership)
    assert invitation.email == "jan.jansen@bestuur.example"
    welcome = next(m for m in mailoutbox if "jan.jansen@bestuur.example" in m.to)
    assert welcome.subject.startswith("Welkom als lid")
    assert f"/uitnodiging/{invitation.token}/" in welcome.body
    assert AuditEvent.objects.filter(action="membership.application.approved", actor=staff).exists()


@pytest.mark.rule("MEM-2")
def test_no_membership_starts_before_the_founding_date(staff) -> None:  # noqa: ANN001
    board = board_with_students(700)
    membership = member(board, staff, on=date(2017, 11, 20))
    assert membership.starts_on == date(2018, 1, 1)


@pytest.mark.rule("MEM-2")
def test_an_application_cannot_be_decided_twice(staff) -> None:  # noqa: ANN001
    board = board_with_students(700)
    application = services.application_submit(
        board=board, data=application_data(), on=date(2025, 3, 1)
    )
    services.application_reject(
        application=application, rejected_by=staff, reason="Dubbele aanvraag"
    )
    with pytest.raises(RuleViolation, match="membership.not_pending"):
        services.application_approve(
            application=application, approved_by=staff, on=date(2025, 3, 3)
        )


@pytest.mark.rule("MEM-2")
def test_a_rejection_needs_a_reason(staff) -> None:  # noqa: ANN001
    board = board_with_students(700)
    application = services.application_submit(
        board=board, data=application_data(), on=date(2025, 3, 1)
    )
    with pytest.raises(RuleViolation, match="membership.rejection_needs_reason"):
        services.application_reject(application=application, rejected_by=staff, reason="  ")
    application.refresh_from_db()
    assert application.status == Application.Status.PENDING


@pytest.mark.rule("MEM-2")
@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"terms_accepted": False}, "membership.terms_not_accepted"),
        ({"kvk_number": "", "oin": ""}, "membership.kvk_or_oin_needed"),
    ],
)
def test_an_incomplete_application_is_refused(overrides: dict, code: str) -> None:
    board = board_with_students(700)
    with pytest.raises(RuleViolation, match=code):
        services.application_submit(
            board=board, data=application_data(**overrides), on=date(2025, 3, 1)
        )
    assert not Application.objects.exists()


@pytest.mark.rule("MEM-2")
def test_a_member_or_a_pending_applicant_cannot_apply_again(staff) -> None:  # noqa: ANN001
    board = board_with_students(700)
    services.application_submit(board=board, data=application_data(), on=date(2025, 3, 1))
    with pytest.raises(RuleViolation, match="membership.application_pending"):
        services.application_submit(board=board, data=application_data(), on=date(2025, 3, 2))
    other = board_with_students(700)
    member(other, staff)
    with pytest.raises(RuleViolation, match="membership.already_member"):
        services.application_submit(board=other, data=application_data(), on=date(2025, 4, 1))


@pytest.mark.rule("MEM-2")
def test_a_board_that_left_may_apply_again(staff) -> None:  # noqa: ANN001
    board = board_with_students(700)
    first = member(board, staff, on=date(2019, 1, 7))
    services.membership_give_notice(
        membership=first, by=NoticeBy.MEMBER, given_by=staff, on=date(2023, 6, 30)
    )
    services.membership_end_due(on=date(2024, 7, 1))
    again = member(board, staff, on=date(2025, 2, 3))
    assert again.pk != first.pk
    assert list(
        Membership.objects.filter(board=board)
        .values_list("status", flat=True)
        .order_by("starts_on")
    ) == [
        "ended",
        "active",
    ]


@pytest.mark.rule("MEM-3")
def test_membership_of_other_cooperatives_prevents_nothing(staff) -> None:  # noqa: ANN001
    """MEM-3: nothing in the form, the eligibility or the approval asks about other memberships."""
    board = board_with_students(700)
    data = application_data(signer_authority="bestuurder; ook lid van een andere ICT-coöperatie")
    application = services.application_submit(board=board, data=data, on=date(2025, 3, 1))
    membership = services.application_approve(
        application=application, approved_by=staff, on=date(2025, 3, 3)
    )
    assert membership.status == Membership.Status.ACTIVE
    assert "cooperative" not in " ".join(f.name for f in Membership._meta.get_fields())


@pytest.mark.rule("MEM-4")
def test_notice_by_the_member_ends_a_year_later_and_keeps_rights_until_then(
    staff,
    django_capture_on_commit_callbacks,
    mailoutbox,  # noqa: ANN001
) -> None:
    board = board_with_students(700)
    membership = member(board, staff, on=date(2020, 1, 6))
    with django_capture_on_commit_callbacks(execute=True):
        membership = services.membership_give_notice(
            membership=membership, by=NoticeBy.MEMBER, given_by=staff, on=date(2025, 12, 31)
        )
    assert (membership.status, membership.last_day) == ("under_notice", date(2026, 12, 31))
    assert has_member_rights(
        starts_on=membership.starts_on, last_day=membership.last_day, on=date(2026, 12, 31)
    )
    assert not has_member_rights(
        starts_on=membership.starts_on, last_day=membership.last_day, on=date(2027, 1, 1)
    )
    assert board.number in selectors.member_numbers()
    assert any("Opzegging" in m.subject for m in mailoutbox)
    event = AuditEvent.objects.get(action="membership.notice.given")
    assert (event.before["status"], event.after["status"]) == ("active", "under_notice")


@pytest.mark.rule("MEM-4")
def test_notice_by_the_cooperative_takes_six_months_and_a_reason(staff) -> None:  # noqa: ANN001
    membership = member(board_with_students(700), staff)
    with pytest.raises(RuleViolation, match="membership.notice_needs_reason"):
        services.membership_give_notice(
            membership=membership, by=NoticeBy.COOPERATIVE, given_by=staff, on=date(2025, 8, 31)
        )
    membership = services.membership_give_notice(
        membership=membership,
        by=NoticeBy.COOPERATIVE,
        given_by=staff,
        on=date(2025, 8, 31),
        reason="Voldoet niet meer aan de voorwaarden",
    )
    assert membership.last_day == date(2026, 2, 28)


@pytest.mark.rule("MEM-4")
def test_notice_is_given_once_and_the_membership_ends_after_its_last_day(staff) -> None:  # noqa: ANN001
    membership = member(board_with_students(700), staff)
    services.membership_give_notice(
        membership=membership, by=NoticeBy.MEMBER, given_by=staff, on=date(2025, 4, 1)
    )
    with pytest.raises(RuleViolation, match="membership.not_active"):
        services.membership_give_notice(
            membership=membership, by=NoticeBy.MEMBER, given_by=staff, on=date(2025, 4, 2)
        )
    assert (
        services.membership_end_due(on=date(2026, 4, 1)) == []
    )  # the last day itself still counts
    assert [m.pk for m in services.membership_end_due(on=date(2026, 4, 2))] == [membership.pk]
    assert services.membership_end_due(on=date(2026, 4, 3)) == []  # idempotent
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ENDED


@pytest.mark.rule("MEM-5")
def test_a_disputed_settlement_goes_to_the_advisory_committee(
    staff,
    make_user,
    django_capture_on_commit_callbacks,
    mailoutbox,  # noqa: ANN001
) -> None:
    board = board_with_students(700)
    membership = member(board, staff, on=date(2022, 1, 3))
    representative = make_user(Role.MEMBER_REPRESENTATIVE, board=board)
    services.commitment_add(
        membership=membership,
        service="Wifi",
        starts_on=date(2024, 1, 1),
        term_months=60,
        investment=Decimal("50000.00"),
        yearly_fee=Decimal("12000.00"),
        added_by=staff,
    )
    membership = services.membership_give_notice(
        membership=membership, by=NoticeBy.MEMBER, given_by=representative, on=date(2025, 12, 31)
    )
    settlement = services.settlement_propose(membership=membership, proposed_by=staff)
    assert (settlement.unrecovered_investment, settlement.expected_fees) == (
        Decimal("20005.47"),
        Decimal("24006.57"),
    )
    settlement = services.settlement_edit(
        settlement=settlement,
        unrecovered_investment=Decimal("20005.47"),
        expected_fees=Decimal("24006.57"),
        successor_absorbs=Decimal("4006.57"),
        explanation="Een opvolger neemt een deel van de wifi over.",
        edited_by=staff,
    )
    assert settlement.total == Decimal("40005.47")
    settlement = services.settlement_dispute(
        settlement=settlement, disputed_by=representative, reason="Te hoog"
    )
    with pytest.raises(RuleViolation, match="membership.settlement_not_allowed"):
        services.settlement_accept(settlement=settlement, accepted_by=representative)
    with django_capture_on_commit_callbacks(execute=True):
        settlement = services.settlement_decide(
            settlement=settlement,
            opinion="De commissie acht een bedrag van EUR 30.000 redelijk.",
            final_amount=Decimal("30000.00"),
            recorded_by=staff,
        )
    assert (settlement.status, settlement.final_amount) == ("decided", Decimal("30000.00"))
    actions = list(
        AuditEvent.objects.filter(action__startswith="membership.settlement")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "membership.settlement.proposed",
        "membership.settlement.edited",
        "membership.settlement.disputed",
        "membership.settlement.decided",
    ]
    assert any("30.000,00" in m.body for m in mailoutbox)


@pytest.mark.rule("MEM-5")
def test_a_settlement_is_only_for_a_member_under_notice_and_only_once(staff) -> None:  # noqa: ANN001
    membership = member(board_with_students(700), staff)
    with pytest.raises(RuleViolation, match="membership.not_under_notice"):
        services.settlement_propose(membership=membership, proposed_by=staff)
    membership = services.membership_give_notice(
        membership=membership, by=NoticeBy.MEMBER, given_by=staff, on=date(2025, 5, 1)
    )
    services.settlement_propose(membership=membership, proposed_by=staff)
    with pytest.raises(RuleViolation, match="membership.settlement_exists"):
        services.settlement_propose(membership=membership, proposed_by=staff)
    assert ExitSettlement.objects.get().total == Decimal("0.00")  # no commitments: nothing owed


@pytest.mark.rule("MEM-5")
def test_a_settlement_can_still_be_drawn_up_after_the_membership_ended(staff) -> None:  # noqa: ANN001
    membership = member(board_with_students(700), staff, on=date(2020, 1, 6))
    services.membership_give_notice(
        membership=membership, by=NoticeBy.MEMBER, given_by=staff, on=date(2024, 1, 31)
    )
    services.membership_end_due(on=date(2025, 3, 1))
    membership.refresh_from_db()
    settlement = services.settlement_propose(membership=membership, proposed_by=staff)
    assert settlement.status == "proposed"


@pytest.mark.rule("MEM-6")
def test_the_membership_and_each_service_agreement_are_separate_records(staff) -> None:  # noqa: ANN001
    membership = member(board_with_students(700), staff)
    wifi = ServiceAgreement.objects.create(
        membership=membership,
        service="Wifi",
        sla_reference="SLA-WIFI-7",
        starts_on=date(2025, 9, 1),
    )
    ServiceAgreement.objects.create(
        membership=membership, service="FG as a service", starts_on=date(2025, 9, 1)
    )
    wifi.ends_on = date(2026, 8, 31)
    wifi.save()
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE
    assert [a.service for a in selectors.service_agreement_list(membership=membership)] == [
        "FG as a service",
        "Wifi",
    ]


@pytest.mark.rule("MEM-7")
def test_a_member_has_its_rights_from_the_start_through_the_last_day() -> None:
    assert not has_member_rights(starts_on=date(2025, 3, 3), last_day=None, on=date(2025, 3, 2))
    assert has_member_rights(starts_on=date(2025, 3, 3), last_day=None, on=date(2025, 3, 3))
    assert has_member_rights(
        starts_on=date(2025, 3, 3), last_day=date(2026, 3, 3), on=date(2026, 3, 3)
    )


@pytest.mark.rule("ACC-1")
def test_an_invitation_makes_a_representative_of_exactly_that_board(staff) -> None:  # noqa: ANN001
    board = board_with_students(700)
    membership = member(board, staff)
    invitation = RepresentativeInvitation.objects.get(membership=membership)
    user = services.invitation_accept(
        token=invitation.token, username="jjansen", password="een lang wachtwoord 42"
    )
    assert user.is_member_representative
    assert user.board == board
    with pytest.raises(RuleViolation, match="membership.invitation_used"):
        services.invitation_accept(
            token=invitation.token, username="other", password="een lang wachtwoord 42"
        )
    with pytest.raises(RuleViolation, match="membership.invitation_unknown"):
        services.invitation_accept(
            token="nope", username="other", password="een lang wachtwoord 42"
        )


@pytest.mark.rule("ACC-1")
def test_the_last_representative_cannot_be_removed(staff, make_user) -> None:  # noqa: ANN001
    board = board_with_students(700)
    first = make_user(Role.MEMBER_REPRESENTATIVE, board=board)
    second = make_user(Role.MEMBER_REPRESENTATIVE, board=board)
    services.representative_remove(board=board, user=second, removed_by=first)
    second.refresh_from_db()
    assert not second.is_active
    with pytest.raises(RuleViolation, match="membership.last_representative"):
        services.representative_remove(board=board, user=first, removed_by=staff)
    other_board = board_with_students(300)
    with pytest.raises(RuleViolation, match="membership.not_a_representative"):
        services.representative_remove(board=other_board, user=first, removed_by=staff)


@pytest.mark.rule("REG-6")
def test_a_members_chamber_change_is_flagged_for_the_secretary_until_seen(staff) -> None:  # noqa: ANN001
    board = board_with_students(700)
    membership = member(board, staff)
    assert not selectors.members_with_chamber_change().exists()
    board.chamber = "PO_GROOT"
    board.save(update_fields=["chamber"])
    assert list(selectors.members_with_chamber_change()) == [membership]
    services.membership_chamber_acknowledge(membership=membership, by=staff)
    assert not selectors.members_with_chamber_change().exists()


@pytest.mark.rule("MEM-4")
def test_notice_cannot_be_dated_before_the_start(staff) -> None:  # noqa: ANN001
    membership = member(board_with_students(700), staff, on=date(2025, 3, 3))
    with pytest.raises(RuleViolation, match="membership.notice_before_start"):
        services.membership_give_notice(
            membership=membership, by=NoticeBy.MEMBER, given_by=staff, on=date(2025, 3, 2)
        )


@pytest.mark.rule("MEM-1")
def test_eligibility_is_checked_again_at_approval(staff) -> None:  # noqa: ANN001
    board = board_with_students(700)
    application = services.application_submit(
        board=board, data=application_data(), on=date(2025, 3, 1)
    )
    board.marked_as_swv = True
    board.save(update_fields=["marked_as_swv"])
    with pytest.raises(RuleViolation, match="membership.swv_under_review"):
        services.application_approve(
            application=application, approved_by=staff, on=date(2025, 3, 3)
        )
    assert not Membership.objects.exists()


@pytest.mark.rule("FEE-1")
def test_a_board_that_left_and_applies_again_is_quoted_a_whole_year(staff) -> None:  # noqa: ANN001
    board = board_with_students(700, count_date=date(2024, 10, 1))
    first = member(board, staff, on=date(2020, 1, 6))
    services.membership_give_notice(
        membership=first, by=NoticeBy.MEMBER, given_by=staff, on=date(2024, 3, 31)
    )
    services.membership_end_due(on=date(2025, 4, 1))
    application = services.application_submit(
        board=board, data=application_data(), on=date(2025, 6, 1)
    )
    assert (application.fee_quote["days"], application.fee_quote["amount"]) == (365, "1000.00")


@pytest.mark.rule("ACC-1")
def test_the_staff_copy_of_the_approval_mail_has_no_account_link(
    staff,
    django_capture_on_commit_callbacks,
    mailoutbox,  # noqa: ANN001
) -> None:
    board = board_with_students(700)
    application = services.application_submit(
        board=board, data=application_data(), on=date(2025, 3, 1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.application_approve(
            application=application,
            approved_by=staff,
            on=date(2025, 3, 3),
            invitation_url="https://bundel.example/uitnodiging/{token}/",
        )
    token = RepresentativeInvitation.objects.get().token
    to_contact = [m for m in mailoutbox if m.to == ["jan.jansen@bestuur.example"]]
    to_staff = [m for m in mailoutbox if m.to == ["leden@bundel.example"]]
    assert any(token in m.body for m in to_contact)
    assert to_staff
    assert not any(token in m.body for m in to_staff)


@pytest.mark.rule("ACC-1")
def test_an_invitation_expires_and_needs_a_strong_password(staff, settings) -> None:  # noqa: ANN001
    board = board_with_students(700)
    invitation = RepresentativeInvitation.objects.get(membership=member(board, staff))
    with pytest.raises(RuleViolation, match="membership.password_invalid"):
        services.invitation_accept(token=invitation.token, username="jj", password="123")
    settings.BUNDEL_INVITATION_VALID_DAYS = -1
    with pytest.raises(RuleViolation, match="membership.invitation_expired"):
        services.invitation_accept(
            token=invitation.token, username="jj", password="een lang wachtwoord 42"
        )
