"""Membership reads: eligibility facts, fee quotes, members, applications, representatives."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import F, Q, QuerySet

from bundel.accounts.models import User
from bundel.accounts.roles import Role
from bundel.membership import domain, policies
from bundel.membership.models import (
    Application,
    Commitment,
    ExitSettlement,
    InterestDeclaration,
    Membership,
    ServiceAgreement,
)
from bundel.registry import selectors as registry_selectors
from bundel.registry.models import Board

SWV_GROUP = "SWV"


def board_facts(*, board: Board) -> domain.BoardFacts:
    """MEM-1: what eligibility needs from the register (students at the latest count dates;
    DUO's grouping SWV or a staff mark for samenwerkingsverbanden)."""
    return domain.BoardFacts(
        number=board.number,
        total_students=board.total_students,
        is_swv=board.group.upper() == SWV_GROUP or board.marked_as_swv,
    )


def membership_open_for_board(*, board: Board) -> Membership | None:
    """The board's membership that has not ended (active or under notice), if any."""
    return (
        Membership.objects.filter(board=board)
        .exclude(status=Membership.Status.ENDED)
        .select_related("board")
        .first()
    )


def membership_latest_for_board(*, board: Board) -> Membership | None:
    return Membership.objects.filter(board=board).order_by("-starts_on", "-id").first()


@dataclass(frozen=True)
class FeeQuoteView:
    """FEE-1: a quote with the figures it used, for members and non-members alike."""

    board_number: str
    quote: domain.FeeQuote
    figures: Any  # registry BoardFigures at 1 January of the year

    def as_json(self) -> dict[str, Any]:
        band = self.quote.band
        return {
            "board": self.board_number,
            "year": self.quote.year,
            "students": self.quote.students,
            "po_students": self.figures.po_students,
            "po_count_date": _iso(self.figures.po_count_date),
            "vo_students": self.figures.vo_students,
            "vo_count_date": _iso(self.figures.vo_count_date),
            "band": {
                "max_students": band.max_students,
                "amount": str(band.amount),
            },
            "annual_amount": str(self.quote.annual_amount.rounded().amount),
            "days": self.quote.days,
            "days_in_year": self.quote.days_in_year,
            "pro_rata": self.quote.is_partial and self.quote.pro_rata,
            "amount": str(self.quote.amount.amount),
            "currency": "EUR",
        }


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def fee_quote(*, board: Board, year: int, membership: Membership | None = None) -> FeeQuoteView:
    """FEE-1: the band by the board's PO + VO students at the latest count dates on or before
    1 January of the year; pro rata by day when the membership (the board's open one, or the one
    given, e.g. an ended one being invoiced) starts or ends in the year. A board that is not a
    member gets the quote of a whole year."""
    figures = registry_selectors.board_figures_on(board=board, on=date(year, 1, 1))
    membership = membership or membership_open_for_board(board=board)
    starts_on = last_day = None
    in_year = membership is not None and (
        membership.starts_on.year <= year
        and (membership.last_day is None or membership.last_day.year >= year)
    )
    if membership is not None and in_year:
        starts_on, last_day = membership.starts_on, membership.last_day
    quote = domain.membership_fee(
        year=year,
        students=figures.total_students,
        bands=policies.fee_bands(year),
        policy=policies.membership_policy(),
        starts_on=starts_on,
        last_day=last_day,
    )
    return FeeQuoteView(board.number, quote, figures)


def fee_quotes(*, memberships: list[Membership], year: int) -> dict[int, domain.FeeQuote]:
    """FEE-1 for many memberships at once (a billing run), by membership id: the quote
    fee_quote gives each, with the register, the bands and the policy read once."""
    figures = registry_selectors.board_figures_all_on(on=date(year, 1, 1))
    bands = policies.fee_bands(year)
    policy = policies.membership_policy()
    quotes = {}
    for membership in memberships:
        board_figures = figures.get(membership.board_id)
        in_year = membership.starts_on.year <= year and (
            membership.last_day is None or membership.last_day.year >= year
        )
        quotes[membership.pk] = domain.membership_fee(
            year=year,
            students=board_figures.total_students if board_figures else 0,
            bands=bands,
            policy=policy,
            starts_on=membership.starts_on if in_year else None,
            last_day=membership.last_day if in_year else None,
        )
    return quotes


def application_list(*, status: str = "") -> QuerySet[Application]:
    applications = Application.objects.select_related("board", "decided_by")
    return applications.filter(status=status) if status else applications


def application_list_pending() -> QuerySet[Application]:
    return application_list(status=Application.Status.PENDING).order_by("submitted_at")


def interest_list() -> QuerySet[InterestDeclaration]:
    return InterestDeclaration.objects.select_related("board").order_by("-declared_at")


def member_list(*, status: str = "", chamber: str = "", query: str = "") -> QuerySet[Membership]:
    """Staff: every membership with its board; filter by status, chamber or number/name."""
    memberships = Membership.objects.select_related("board", "settlement").order_by(
        "board__number", "-starts_on"
    )
    if status:
        memberships = memberships.filter(status=status)
    if chamber:
        memberships = memberships.filter(board__chamber=chamber)
    if query.strip():
        q = query.strip()
        memberships = memberships.filter(
            Q(board__number__startswith=q)
            | Q(board__name__icontains=q)
            | Q(board__short_name__icontains=q)
        )
    return memberships


def member_numbers() -> set[str]:
    """REG-7/INS-1: the boards that are members now (active or under notice)."""
    return set(
        Membership.objects.exclude(status=Membership.Status.ENDED).values_list(
            "board__number", flat=True
        )
    )


def members_with_chamber_change() -> QuerySet[Membership]:
    """REG-6: members whose chamber changed since the council secretary last looked."""
    return (
        Membership.objects.exclude(status=Membership.Status.ENDED)
        .exclude(chamber_seen=F("board__chamber"))
        .select_related("board")
    )


def representative_list(*, board: Board) -> QuerySet[User]:
    return User.objects.filter(
        board=board, is_active=True, groups__name=Role.MEMBER_REPRESENTATIVE
    ).order_by("last_name", "first_name")


def board_addresses(*, board: Board) -> list[str]:
    """Who hears of a member's changes: its representatives and its invoice address."""
    addresses = [u.email for u in representative_list(board=board) if u.email]
    membership = membership_latest_for_board(board=board)
    if membership and membership.invoice_email:
        addresses.append(membership.invoice_email)
    return addresses


def commitments_of(*, membership: Membership) -> list[domain.Commitment]:
    return [
        domain.Commitment(c.service, c.starts_on, c.term_months, c.investment, c.yearly_fee)
        for c in Commitment.objects.filter(membership=membership).order_by("starts_on")
    ]


def commitment_list(*, membership: Membership) -> QuerySet[Commitment]:
    return Commitment.objects.filter(membership=membership).order_by("starts_on")


def service_agreement_list(*, membership: Membership) -> QuerySet[ServiceAgreement]:
    """MEM-6: the service agreements beside the membership."""
    return ServiceAgreement.objects.filter(membership=membership).order_by("starts_on", "service")


def settlement_for(*, membership: Membership) -> ExitSettlement | None:
    return ExitSettlement.objects.filter(membership=membership).first()


def settlement_list(*, status: str = "") -> QuerySet[ExitSettlement]:
    settlements = ExitSettlement.objects.select_related("membership__board")
    return settlements.filter(status=status) if status else settlements
