"""GOV-7, GOV-8, GOV-9 through the services: advice, the executive and supervisory boards."""

from datetime import date

import pytest

from bundel.accounts.roles import Role
from bundel.governance import selectors, services
from bundel.governance.domain import Organ
from bundel.governance.models import Advice, OfficeHolder
from bundel.shared.errors import RuleViolation
from bundel.shared.models import AuditEvent
from tests.factories.governance import member_board
from tests.factories.membership import board_with_students

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(make_user):  # noqa: ANN001, ANN201
    return make_user(Role.COUNCIL_SECRETARY, username="griffier")


def appoint(organ, name, starts_on=date(2026, 1, 1), **extra):  # noqa: ANN001, ANN003, ANN201
    data = services.AppointmentData(
        organ=organ, name=name, employer_name=extra.pop("employer_name", "Eigen praktijk"),
        starts_on=starts_on, **extra,
    )  # fmt: skip
    return services.office_holder_appoint(data=data)


@pytest.mark.rule("GOV-7")
def test_asked_and_unasked_advice_is_recorded_with_the_response(staff) -> None:  # noqa: ANN001
    asked = services.advice_record(
        data=services.AdviceData(
            subject="Meerjarenbegroting",
            asked=True,
            requested_on=date(2026, 2, 1),
            question="Wat vindt de raad?",
            advice="Positief, met een kanttekening.",
            given_on=date(2026, 3, 12),
        ),
        by=staff,
    )
    unasked = services.advice_record(
        data=services.AdviceData(
            subject="Wifi-aanbesteding",
            asked=False,
            advice="Neem PO mee.",
            given_on=date(2026, 4, 1),
        ),
        by=staff,
    )
    services.advice_respond(
        advice=asked, response="Overgenomen.", responded_on=date(2026, 4, 2), by=staff
    )
    assert Advice.objects.get(pk=asked.pk).response == "Overgenomen."
    assert Advice.objects.get(pk=unasked.pk).requested_on is None
    with pytest.raises(RuleViolation, match="governance.response_before_advice"):
        services.advice_respond(advice=unasked, response="Nee.", responded_on=date(2026, 3, 1))
    with pytest.raises(RuleViolation, match="governance.advice_request_date"):
        services.advice_record(
            data=services.AdviceData(subject="X", asked=True, advice="Y", given_on=date(2026, 4, 1))
        )
    assert Advice.objects.count() == 2
    assert AuditEvent.objects.filter(action="governance.advice.responded").count() == 1


@pytest.mark.rule("GOV-8")
def test_the_executive_board_has_five_persons_with_terms_of_four_years() -> None:
    holders = [appoint(Organ.EXECUTIVE_BOARD, f"Bestuurder {n}") for n in range(5)]
    assert holders[0].ends_on == date(2029, 12, 31)
    with pytest.raises(RuleViolation, match="governance.executive_board_full"):
        appoint(Organ.EXECUTIVE_BOARD, "Zesde")
    with pytest.raises(RuleViolation, match="governance.office_term_too_long"):
        appoint(Organ.EXIT_COMMITTEE, "Lang", ends_on=date(2030, 1, 1))
    services.office_holder_end(holder=holders[0], on=date(2026, 6, 30))
    assert appoint(Organ.EXECUTIVE_BOARD, "Opvolger", starts_on=date(2026, 7, 1)).pk
    assert OfficeHolder.objects.filter(organ="executive_board").count() == 6


@pytest.mark.rule("GOV-9")
def test_a_supervisor_employed_by_a_member_board_is_refused_a_supplier_is_not(staff) -> None:  # noqa: ANN001
    with pytest.raises(RuleViolation, match="governance.supervisory_size_not_set"):
        appoint(Organ.SUPERVISORY_BOARD, "Eerste")
    with pytest.raises(RuleViolation, match="governance.supervisory_size"):
        services.supervisory_size_set(size=6, decided_on=date(2025, 12, 1))
    services.supervisory_size_set(size=4, decided_on=date(2025, 12, 1), by=staff)
    member = member_board("KLEIN", staff)
    non_member = board_with_students(700)
    with pytest.raises(RuleViolation) as refused:
        appoint(
            Organ.SUPERVISORY_BOARD, "In dienst", employer_name=member.name, employer_board=member
        )
    assert refused.value.params == {"board": member.number}
    appoint(Organ.SUPERVISORY_BOARD, "Leverancier", employer_name="Netwerkbedrijf BV")
    appoint(
        Organ.SUPERVISORY_BOARD,
        "Geen lid",
        employer_name=non_member.name,
        employer_board=non_member,
    )
    appoint(Organ.SUPERVISORY_BOARD, "Derde", employer_name="Universiteit")
    appoint(Organ.SUPERVISORY_BOARD, "Vierde", employer_name="Gemeente")
    with pytest.raises(RuleViolation, match="governance.supervisory_board_full"):
        appoint(Organ.SUPERVISORY_BOARD, "Vijfde", employer_name="Hogeschool")
    with pytest.raises(RuleViolation, match="governance.supervisory_size_below_seated"):
        services.supervisory_size_set(size=3, decided_on=date(2026, 2, 1))
    organs = {o.organ: o for o in selectors.organs_on(date(2026, 2, 1))}
    assert organs["supervisory_board"].size == 4
    assert len(organs["supervisory_board"].holders) == 4
