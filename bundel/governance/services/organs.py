"""GOV-1, GOV-7, GOV-8, GOV-9: the council's advice, and the people on the executive board,
the supervisory board and the advisory committee for exit disputes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import transaction

from bundel.governance import domain, policies, selectors
from bundel.governance.models import Advice, Meeting, Motion, OfficeHolder, SupervisorySize
from bundel.governance.services.common import term_end_early
from bundel.registry.models import Board
from bundel.shared import audit, clock
from bundel.shared.errors import RuleViolation
from bundel.shared.locks import transaction_lock

ADVICE_FIELDS = ["subject", "asked", "requested_on", "given_on", "responded_on"]
OFFICE_FIELDS = [
    "organ",
    "name",
    "role",
    "employer_name",
    "employer_board_id",
    "starts_on",
    "ends_on",
    "ended_on",
]
_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class AdviceData:
    subject: str
    asked: bool
    advice: str
    given_on: date
    requested_on: date | None = None
    question: str = ""
    meeting: Meeting | None = None


@transaction.atomic
def advice_record(*, data: AdviceData, by: Any = None) -> Advice:
    """GOV-7: the council's advice, asked or unasked."""
    domain.check_advice(
        asked=data.asked, requested_on=data.requested_on, given_on=data.given_on, responded_on=None
    )
    advice = Advice.objects.create(
        subject=data.subject.strip(),
        asked=data.asked,
        requested_on=data.requested_on,
        question=data.question.strip(),
        advice=data.advice.strip(),
        given_on=data.given_on,
        meeting=data.meeting,
    )
    audit.record(
        advice, "governance.advice.recorded", actor=by, after=audit.snapshot(advice, ADVICE_FIELDS)
    )
    return advice


@transaction.atomic
def advice_respond(*, advice: Advice, response: str, responded_on: date, by: Any = None) -> Advice:
    """GOV-7: the executive board's response is recorded with the advice."""
    advice = Advice.objects.select_for_update().get(pk=advice.pk)
    domain.check_advice(
        asked=advice.asked,
        requested_on=advice.requested_on,
        given_on=advice.given_on,
        responded_on=responded_on,
    )
    if not response.strip():
        raise RuleViolation("governance.response_required")
    before = audit.snapshot(advice, [*ADVICE_FIELDS, "response"])
    advice.response = response.strip()
    advice.responded_on = responded_on
    advice.save(update_fields=["response", "responded_on"])
    audit.record(
        advice,
        "governance.advice.responded",
        actor=by,
        before=before,
        after=audit.snapshot(advice, [*ADVICE_FIELDS, "response"]),
    )
    return advice


@transaction.atomic
def supervisory_size_set(
    *, size: int, decided_on: date, motion: Motion | None = None, by: Any = None
) -> SupervisorySize:
    """GOV-9: the council sets the number of supervisors, 3 to 5; not below those seated."""
    transaction_lock(f"governance:organ:{domain.Organ.SUPERVISORY_BOARD.value}")
    domain.check_supervisory_size(size_set_by_council=size, policy=policies.governance_policy())
    seated = selectors.office_holders_on(
        organ=domain.Organ.SUPERVISORY_BOARD.value, day=decided_on
    ).count()
    if size < seated:
        raise RuleViolation("governance.supervisory_size_below_seated", seated=seated)
    previous = selectors.supervisory_size()
    row = SupervisorySize.objects.create(size=size, decided_on=decided_on, motion=motion)
    audit.record(
        row,
        "governance.supervisory_size.set",
        actor=by,
        before={"size": previous.size} if previous else None,
        after={"size": size, "decided_on": decided_on},
    )
    return row


@dataclass(frozen=True)
class AppointmentData:
    organ: domain.Organ
    name: str
    employer_name: str
    starts_on: date
    ends_on: date | None = None
    role: str = ""
    employer_board: Board | None = None


@transaction.atomic
def office_holder_appoint(*, data: AppointmentData, by: Any = None) -> OfficeHolder:
    """GOV-8: the executive board has 5 persons [setting] with terms of 4 years. GOV-9: the
    supervisory board has the number the council set, and no supervisor is employed by a
    member board (working for a supplier to members is allowed)."""
    if data.organ not in domain.OFFICE_ORGANS:
        raise RuleViolation("governance.not_an_office_organ")
    policy = policies.governance_policy()
    transaction_lock(f"governance:organ:{data.organ.value}")
    years = policy.executive_term_years
    term = domain.Term(
        data.starts_on, data.ends_on or domain.add_years(data.starts_on, years) - _ONE_DAY
    )
    domain.check_office_term(term=term, years=years)
    seated = selectors.office_holders_on(organ=data.organ.value, day=term.starts_on).count()
    if data.organ == domain.Organ.EXECUTIVE_BOARD:
        domain.check_executive_board(members=seated + 1, policy=policy)
    elif data.organ == domain.Organ.SUPERVISORY_BOARD:
        size = selectors.supervisory_size()
        if size is None:
            raise RuleViolation("governance.supervisory_size_not_set")
        domain.check_supervisor(
            employer_board_number=data.employer_board.number if data.employer_board else None,
            member_board_numbers=selectors.member_board_numbers_on(term.starts_on),
            seated=seated,
            size=size.size,
        )
    if not data.name.strip() or not data.employer_name.strip():
        raise RuleViolation("governance.office_holder_incomplete")
    holder = OfficeHolder.objects.create(
        organ=data.organ.value,
        name=data.name.strip(),
        role=data.role.strip(),
        employer_name=data.employer_name.strip(),
        employer_board=data.employer_board,
        starts_on=term.starts_on,
        ends_on=term.ends_on,
        appointed_at=clock.now(),
    )
    audit.record(
        holder, "governance.office.appointed", actor=by, after=audit.snapshot(holder, OFFICE_FIELDS)
    )
    return holder


@transaction.atomic
def office_holder_end(*, holder: OfficeHolder, on: date, by: Any = None) -> OfficeHolder:
    holder = OfficeHolder.objects.select_for_update().get(pk=holder.pk)
    return term_end_early(
        holder, on=on, fields=OFFICE_FIELDS, action="governance.office.ended", by=by
    )
