"""MEM-1 … MEM-5 and FEE-1: eligibility, start and end of membership, the membership fee and
the exit settlement, as pure functions of values."""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from bundel.shared.errors import RuleViolation
from bundel.shared.money import Money


class NoticeBy(StrEnum):
    MEMBER = "member"
    COOPERATIVE = "cooperative"


class EligibilityPolicy(StrEnum):
    """MEM-1 [setting]: who may become a member."""

    STUDENTS_IN_REGISTER = "students_in_register"  # a board with students at the latest dates


@dataclass(frozen=True)
class FeeBand:
    """FEE-1: boards with at most `max_students` (None: no upper bound) pay `amount` a year."""

    max_students: int | None
    amount: Decimal

    def covers(self, students: int) -> bool:
        return self.max_students is None or students <= self.max_students


DEFAULT_FEE_BANDS = (FeeBand(1000, Decimal("1000.00")), FeeBand(None, Decimal("2800.00")))


@dataclass(frozen=True)
class MembershipPolicy:
    """The spec's [setting]s for membership (MEM) and the membership fee (FEE-1)."""

    founding_date: date = date(2018, 1, 1)
    notice_months: dict[NoticeBy, int] = field(
        default_factory=lambda: {NoticeBy.MEMBER: 12, NoticeBy.COOPERATIVE: 6}
    )
    eligibility: EligibilityPolicy = EligibilityPolicy.STUDENTS_IN_REGISTER
    reject_swv: bool = True  # samenwerkingsverbanden are "under review": rejected by default
    pro_rata: bool = True


# --- MEM-1: eligibility -------------------------------------------------------------------------


@dataclass(frozen=True)
class BoardFacts:
    """What the register says about a board, as far as eligibility goes."""

    number: str
    total_students: int
    is_swv: bool  # DUO GROEPERING "SWV", or marked by staff


def check_eligibility(board: BoardFacts, policy: MembershipPolicy) -> None:
    """MEM-1: only publicly funded PO and VO boards with students in the register qualify;
    samenwerkingsverbanden are under review and refused with that reason by default."""
    if policy.reject_swv and board.is_swv:
        raise RuleViolation("membership.swv_under_review", number=board.number)
    if board.total_students <= 0:
        raise RuleViolation("membership.no_students", number=board.number)


# --- MEM-2 and MEM-4: start and end -------------------------------------------------------------


def membership_start(*, approved_on: date, policy: MembershipPolicy) -> date:
    """MEM-2: a membership starts on the approval date, never before the founding date."""
    return max(approved_on, policy.founding_date)


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the last day of that month when it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def notice_end_date(*, notice_on: date, by: NoticeBy, policy: MembershipPolicy) -> date:
    """MEM-4: the last day of membership after notice given on `notice_on`: one year (by the
    member) or six months (by the cooperative) later. The member keeps all rights through it."""
    return add_months(notice_on, policy.notice_months[by])


# --- FEE-1: the membership fee ------------------------------------------------------------------


def fee_band_for(students: int, bands: Sequence[FeeBand]) -> FeeBand:
    if students < 0:
        raise RuleViolation("membership.negative_students", students=students)
    for band in sorted(bands, key=lambda b: (b.max_students is None, b.max_students or 0)):
        if band.covers(students):
            return band
    raise RuleViolation("membership.no_fee_band", students=students)


def days_in_year(year: int) -> int:
    return 366 if calendar.isleap(year) else 365


def membership_days_in_year(year: int, starts_on: date, last_day: date | None) -> int:
    """Days of membership in a calendar year; `last_day` is the last day of membership."""
    first = max(starts_on, date(year, 1, 1))
    last = min(last_day or date(year, 12, 31), date(year, 12, 31))
    return max((last - first).days + 1, 0)


@dataclass(frozen=True)
class FeeQuote:
    """FEE-1: a membership fee with everything it was computed from, kept as a snapshot."""

    year: int
    students: int
    band: FeeBand
    annual_amount: Money
    days: int
    days_in_year: int
    pro_rata: bool
    amount: Money  # rounded half-up to cents once (FEE-4)

    @property
    def is_partial(self) -> bool:
        return self.days < self.days_in_year


def membership_fee(
    *,
    year: int,
    students: int,
    bands: Sequence[FeeBand],
    policy: MembershipPolicy,
    starts_on: date | None = None,
    last_day: date | None = None,
) -> FeeQuote:
    """FEE-1: the band by the board's total students; a year that starts or ends mid-year is
    charged pro rata by day (days of membership ÷ days in that year) [setting]. Without a start
    date it is a quote for a whole year."""
    band = fee_band_for(students, bands)
    total_days = days_in_year(year)
    days = total_days if starts_on is None else membership_days_in_year(year, starts_on, last_day)
    if days == 0:
        raise RuleViolation("membership.not_a_member_in_year", year=year)
    annual = Money(band.amount)
    if policy.pro_rata and days < total_days:
        # one rounding, on the line's amount (FEE-4)
        amount = Money(band.amount * days / total_days).rounded()
    else:
        amount = annual.rounded()
    return FeeQuote(year, students, band, annual, days, total_days, policy.pro_rata, amount)


# --- MEM-5: the exit settlement -----------------------------------------------------------------


@dataclass(frozen=True)
class Commitment:
    """A long-term service commitment of a leaving member (MEM-5): the cooperative invested
    `investment` for it, recovered evenly over the term, and expected `yearly_fee` a year."""

    service: str
    starts_on: date
    term_months: int
    investment: Decimal
    yearly_fee: Decimal

    @property
    def ends_on(self) -> date:
        """The last day of the committed term."""
        return add_months(self.starts_on, self.term_months) - timedelta(days=1)


@dataclass(frozen=True)
class SettlementLine:
    service: str
    remaining_days: int
    term_days: int
    unrecovered_investment: Money
    expected_fees: Money


@dataclass(frozen=True)
class Settlement:
    """MEM-5: every part of the formula visible: unrecovered investments + expected fees for the
    committed remainder − what a successor absorbs."""

    lines: tuple[SettlementLine, ...]
    successor_absorbs: Money

    @property
    def unrecovered_investment(self) -> Money:
        return sum((line.unrecovered_investment for line in self.lines), Money(Decimal(0)))

    @property
    def expected_fees(self) -> Money:
        return sum((line.expected_fees for line in self.lines), Money(Decimal(0)))

    @property
    def total(self) -> Money:
        gross = self.unrecovered_investment + self.expected_fees
        net = gross - self.successor_absorbs
        return net if net.amount > 0 else Money(Decimal("0.00"))


def exit_settlement(
    *, commitments: Sequence[Commitment], last_day: date, successor_absorbs: Decimal
) -> Settlement:
    """MEM-5: for each commitment still running after the member's last day, the part of the
    investment not yet recovered (straight line over the term) and the fees expected for the
    remainder of the term (by day), less what a successor absorbs (never below zero)."""
    if successor_absorbs < 0:
        raise RuleViolation("membership.negative_successor_amount")
    lines = []
    for commitment in commitments:
        term_days = (commitment.ends_on - commitment.starts_on).days + 1
        remaining = max((commitment.ends_on - max(last_day, commitment.starts_on)).days, 0)
        if commitment.starts_on > last_day:
            remaining = term_days
        share = Decimal(remaining) / Decimal(term_days)
        lines.append(
            SettlementLine(
                service=commitment.service,
                remaining_days=remaining,
                term_days=term_days,
                unrecovered_investment=Money(commitment.investment * share).rounded(),
                # the fees of the whole term, in the same share as the investment
                expected_fees=Money(
                    commitment.yearly_fee * commitment.term_months / 12 * share
                ).rounded(),
            )
        )
    return Settlement(tuple(lines), Money(successor_absorbs).rounded())


# --- MEM-5: the settlement's life -----------------------------------------------------------------


class SettlementStatus(StrEnum):
    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    DISPUTED = "disputed"
    DECIDED = "decided"


class SettlementAction(StrEnum):
    EDIT = "edit"  # staff change a part of the formula
    ACCEPT = "accept"  # the member accepts
    DISPUTE = "dispute"  # the member disputes
    DECIDE = "decide"  # the advisory committee's opinion and the final amount


SETTLEMENT_TRANSITIONS: dict[tuple[SettlementStatus, SettlementAction], SettlementStatus] = {
    (SettlementStatus.PROPOSED, SettlementAction.EDIT): SettlementStatus.PROPOSED,
    (SettlementStatus.PROPOSED, SettlementAction.ACCEPT): SettlementStatus.ACCEPTED,
    (SettlementStatus.PROPOSED, SettlementAction.DISPUTE): SettlementStatus.DISPUTED,
    (SettlementStatus.DISPUTED, SettlementAction.DECIDE): SettlementStatus.DECIDED,
}


def settlement_next(status: SettlementStatus, action: SettlementAction) -> SettlementStatus:
    """MEM-5: staff propose (and may edit while proposed), the member accepts or disputes, and a
    disputed settlement goes to the advisory committee. Anything else is refused."""
    try:
        return SETTLEMENT_TRANSITIONS[(status, action)]
    except KeyError:
        raise RuleViolation(
            "membership.settlement_not_allowed", status=status.value, action=action.value
        ) from None


def settlement_total(
    *, unrecovered_investment: Decimal, expected_fees: Decimal, successor_absorbs: Decimal
) -> Decimal:
    """MEM-5 with edited parts: investments + fees − successor, never below zero, in cents."""
    for part in (unrecovered_investment, expected_fees, successor_absorbs):
        if part < 0:
            raise RuleViolation("membership.negative_settlement_part")
    total = Money(unrecovered_investment + expected_fees - successor_absorbs).rounded().amount
    return max(total, Decimal("0.00"))


# --- MEM-4: notice --------------------------------------------------------------------------------


def check_notice(
    *, is_active: bool, by: NoticeBy, reason: str, starts_on: date, notice_on: date
) -> None:
    """MEM-4: notice is given once, on an active membership, not before it started; the
    cooperative says why."""
    if not is_active:
        raise RuleViolation("membership.not_active")
    if notice_on < starts_on:
        raise RuleViolation("membership.notice_before_start", starts_on=starts_on.isoformat())
    if by is NoticeBy.COOPERATIVE and not reason.strip():
        raise RuleViolation("membership.notice_needs_reason")


def has_member_rights(*, starts_on: date, last_day: date | None, on: date) -> bool:
    """MEM-4/MEM-7: a member has every right of membership (the basic package, its services,
    member days and events, a say through the council) from its start through its last day,
    also while under notice."""
    return starts_on <= on and (last_day is None or on <= last_day)


def is_invitation_expired(*, invited_on: date, on: date, valid_days: int) -> bool:
    """An invitation to become a representative is valid for `valid_days` days [setting]."""
    return on > invited_on + timedelta(days=valid_days)
