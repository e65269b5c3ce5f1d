"""What the membership pages show, assembled from selectors and the domain in the active
language. Views call one function here (or one selector) and render."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import formats
from django.utils.translation import gettext
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from bundel.accounts.models import User
from bundel.membership import domain, policies, selectors
from bundel.membership.models import (
    Commitment,
    ExitSettlement,
    Membership,
    ServiceAgreement,
)
from bundel.registry import domain as registry_domain
from bundel.registry import policies as registry_policies
from bundel.registry import selectors as registry_selectors
from bundel.registry.models import Board
from bundel.shared.errors import RuleViolation
from bundel.shared.explain import explain
from bundel.web.registry.presenters import (
    BoardPage,
    board_page,
    chamber_label,
    grouped_number,
    long_date,
)

SEARCH_LIMIT = 10


# --- FEE-1: the membership fee --------------------------------------------------------------


@dataclass(frozen=True)
class FeeSummary:
    """A membership fee quote with the figures it used (FEE-1), ready to show."""

    year: int
    band: str
    annual_amount: Decimal
    amount: Decimal
    students: int
    po_students: int
    po_count_date: date | None
    vo_students: int
    vo_count_date: date | None
    days: int
    days_in_year: int
    is_pro_rata: bool


def band_label(max_students: int | None, bands: Sequence[domain.FeeBand] = ()) -> str:
    """'up to and including 1,000 students', 'more than 1,000 students' (the band below it)."""
    if max_students is not None:
        return gettext("up to and including %(students)s students") % {
            "students": grouped_number(max_students)
        }
    lower = [band.max_students for band in bands if band.max_students is not None]
    if not lower:
        return gettext("highest band")
    return gettext("more than %(students)s students") % {"students": grouped_number(max(lower))}


def fee_summary(*, board: Board, year: int, membership: Membership | None = None) -> FeeSummary:
    """FEE-1: a year's fee for a board, member or not (pro rata for the membership given, else
    its open one); raises RuleViolation if no band fits."""
    view = selectors.fee_quote(board=board, year=year, membership=membership)
    quote, figures = view.quote, view.figures
    return FeeSummary(
        year=quote.year,
        band=band_label(quote.band.max_students, policies.fee_bands(year)),
        annual_amount=quote.annual_amount.rounded().amount,
        amount=quote.amount.amount,
        students=quote.students,
        po_students=figures.po_students,
        po_count_date=figures.po_count_date,
        vo_students=figures.vo_students,
        vo_count_date=figures.vo_count_date,
        days=quote.days,
        days_in_year=quote.days_in_year,
        is_pro_rata=quote.pro_rata and quote.is_partial,
    )


def fee_summary_from_snapshot(snapshot: dict[str, Any]) -> FeeSummary | None:
    """The quote an application was submitted with, as it was then (FEE-1: never recomputed)."""
    if not snapshot:
        return None

    def day(value: str | None) -> date | None:
        return date.fromisoformat(value) if value else None

    band = snapshot["band"]
    return FeeSummary(
        year=snapshot["year"],
        band=band_label(band["max_students"]),
        annual_amount=Decimal(snapshot["annual_amount"]),
        amount=Decimal(snapshot["amount"]),
        students=snapshot["students"],
        po_students=snapshot["po_students"],
        po_count_date=day(snapshot["po_count_date"]),
        vo_students=snapshot["vo_students"],
        vo_count_date=day(snapshot["vo_count_date"]),
        days=snapshot["days"],
        days_in_year=snapshot["days_in_year"],
        is_pro_rata=snapshot["pro_rata"],
    )


def _fee_or_refusal(
    board: Board, year: int, membership: Membership | None = None
) -> tuple[FeeSummary | None, str]:
    try:
        return fee_summary(board=board, year=year, membership=membership), ""
    except RuleViolation as violation:
        return None, explain(violation)


# --- Word lid (public) ----------------------------------------------------------------------


@dataclass(frozen=True)
class JoinSearch:
    boards: list[Board]
    has_more: bool


def join_search(*, query: str) -> JoinSearch | None:
    """A few boards by number, name or BRIN; None before anything was asked."""
    if not query.strip():
        return None
    found = list(registry_selectors.board_search(query=query)[: SEARCH_LIMIT + 1])
    return JoinSearch(boards=found[:SEARCH_LIMIT], has_more=len(found) > SEARCH_LIMIT)


@dataclass(frozen=True)
class JoinPage:
    """A board as a prospective member sees it: chamber, the fee it would pay, and whether it
    can apply now (MEM-1, MEM-2) and if not, why."""

    register: BoardPage
    fee: FeeSummary | None
    fee_refusal: str
    refusal: str

    @property
    def board(self) -> Board:
        return self.register.board


def application_refusal(*, board: Board) -> str:
    """Why a board cannot apply now, in words; empty when it can."""
    try:
        domain.check_eligibility(selectors.board_facts(board=board), policies.membership_policy())
    except RuleViolation as violation:
        return explain(violation)
    if selectors.membership_open_for_board(board=board) is not None:
        return explain(RuleViolation("membership.already_member", number=board.number))
    if selectors.application_list_pending().filter(board=board).exists():
        return explain(RuleViolation("membership.application_pending", number=board.number))
    return ""


def join_page(*, board: Board, today: date) -> JoinPage:
    fee, fee_refusal = _fee_or_refusal(board, today.year)
    return JoinPage(
        register=board_page(board=board, with_history=False),
        fee=fee,
        fee_refusal=fee_refusal,
        refusal=application_refusal(board=board),
    )


# --- A membership, for staff and for the member itself ------------------------------------


@dataclass(frozen=True)
class SettlementView:
    """MEM-5: the settlement as stored, and the formula per commitment it was computed from."""

    settlement: ExitSettlement | None
    lines: tuple[domain.SettlementLine, ...]
    computed: domain.Settlement | None


def settlement_view(*, membership: Membership) -> SettlementView:
    settlement = selectors.settlement_for(membership=membership)
    if membership.last_day is None:
        return SettlementView(settlement, (), None)
    computed = domain.exit_settlement(
        commitments=selectors.commitments_of(membership=membership),
        last_day=membership.last_day,
        successor_absorbs=settlement.successor_absorbs if settlement else Decimal(0),
    )
    return SettlementView(settlement, computed.lines, computed)


@dataclass(frozen=True)
class MemberPage:
    """A membership with everything around it (MEM-2 … MEM-6, FEE-1)."""

    membership: Membership
    fee: FeeSummary | None
    fee_refusal: str
    representatives: list[User]
    agreements: list[ServiceAgreement]
    commitments: list[Commitment]
    settlement: SettlementView
    notice_preview: date | None  # the last day if notice were given today

    @property
    def board(self) -> Board:
        return self.membership.board

    @property
    def chamber_changed(self) -> bool:
        return self.membership.chamber_seen != self.membership.board.chamber

    @property
    def is_active(self) -> bool:
        return self.membership.status == Membership.Status.ACTIVE


def notice_preview(*, today: date, by: domain.NoticeBy) -> date:
    """MEM-4: the last day of membership if notice is given today."""
    return domain.notice_end_date(notice_on=today, by=by, policy=policies.membership_policy())


def _member_fee(membership: Membership, year: int) -> tuple[FeeSummary | None, str]:
    """This year's fee while the membership has days in it; a board that left pays none."""
    last_day = membership.last_day
    if membership.starts_on.year > year or (last_day is not None and last_day.year < year):
        return None, explain(RuleViolation("membership.not_a_member_in_year", year=year))
    return _fee_or_refusal(membership.board, year, membership)


def member_page(*, membership: Membership, today: date, by: domain.NoticeBy) -> MemberPage:
    fee, fee_refusal = _member_fee(membership, today.year)
    return MemberPage(
        membership=membership,
        fee=fee,
        fee_refusal=fee_refusal,
        representatives=list(selectors.representative_list(board=membership.board)),
        agreements=list(selectors.service_agreement_list(membership=membership)),
        commitments=list(selectors.commitment_list(membership=membership)),
        settlement=settlement_view(membership=membership),
        notice_preview=(
            notice_preview(today=today, by=by)
            if membership.status == Membership.Status.ACTIVE
            else None
        ),
    )


def membership_of(*, board: Board) -> Membership | None:
    """The board's open membership, else its latest (an ended one still shows its settlement)."""
    return selectors.membership_open_for_board(
        board=board
    ) or selectors.membership_latest_for_board(board=board)


@dataclass(frozen=True)
class MemberHome:
    """The member representative's home: its membership, if any, and its board in the register."""

    register: BoardPage
    member: MemberPage | None
    fee: FeeSummary | None
    fee_refusal: str

    @property
    def board(self) -> Board:
        return self.register.board


def member_home(*, board: Board, today: date) -> MemberHome:
    membership = membership_of(board=board)
    member = (
        member_page(membership=membership, today=today, by=domain.NoticeBy.MEMBER)
        if membership is not None
        else None
    )
    fee, fee_refusal = (member.fee, member.fee_refusal) if member else (None, "")
    return MemberHome(
        register=board_page(board=board, with_history=False),
        member=member,
        fee=fee,
        fee_refusal=fee_refusal,
    )


# --- The member list and its export ---------------------------------------------------------


@dataclass(frozen=True)
class MemberRow:
    membership: Membership
    band: str
    annual_fee: Decimal | None

    @property
    def board(self) -> Board:
        return self.membership.board


def member_rows(memberships: Iterable[Membership], *, year: int) -> list[MemberRow]:
    """FEE-1 band per member by its board's total students in the register (one query for the
    bands, none per row). The invoice uses the figures at 1 January; this is for overview."""
    bands = policies.fee_bands(year)
    rows = []
    for membership in memberships:
        try:
            band = domain.fee_band_for(membership.board.total_students, bands)
        except RuleViolation:
            rows.append(MemberRow(membership, "", None))
            continue
        rows.append(MemberRow(membership, band_label(band.max_students, bands), band.amount))
    return rows


def _csv_date(value: date | None) -> str:
    return value.isoformat() if value else ""


def member_table(rows: Iterable[MemberRow]) -> tuple[list[str], list[list[Any]]]:
    """The member list as a header and rows of typed values, for the CSV and XLSX exports."""
    header = [
        gettext("DUO number"),
        gettext("Name"),
        gettext("Status"),
        gettext("Chamber"),
        gettext("Students"),
        gettext("Fee band"),
        gettext("Fee a year (EUR)"),
        gettext("Starts on"),
        gettext("Notice given on"),
        gettext("Notice given by"),
        gettext("Last day"),
    ]
    body = []
    for row in rows:
        membership, board = row.membership, row.board
        body.append(
            [
                board.number,
                board.display_name,
                membership.get_status_display(),
                board.get_chamber_display(),
                board.total_students,
                row.band,
                row.annual_fee,
                membership.starts_on,
                membership.notice_on,
                membership.get_notice_by_display(),
                membership.last_day,
            ]
        )
    return header, body


def member_csv(rows: Iterable[MemberRow]) -> str:
    """The member list as CSV the Dutch way (`;` between fields, decimal comma, ISO dates),
    with a byte-order mark so that spreadsheet programs read UTF-8."""
    header, body = member_table(rows)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for values in body:
        writer.writerow([_csv_value(value) for value in values])
    return "\ufeff" + out.getvalue()


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return formats.number_format(value, 2)
    if isinstance(value, date):
        return _csv_date(value)
    return value


def member_xlsx(rows: Iterable[MemberRow]) -> bytes:
    """The member list as an Excel workbook: numbers, amounts and dates as real cells."""
    header, body = member_table(rows)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook has one sheet
    sheet.title = gettext("Members")
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for values in body:
        sheet.append(values)
    for column, title in enumerate(header, start=1):
        letter = get_column_letter(column)
        sheet.column_dimensions[letter].width = max(12, min(48, len(title) + 4))
        for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
            if isinstance(cell.value, Decimal | float):
                cell.number_format = "#,##0.00"
            elif isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
    sheet.column_dimensions["B"].width = 48
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# --- REG-6: chamber changes for the council secretary ---------------------------------------


@dataclass(frozen=True)
class ChamberChange:
    membership: Membership
    seen: str
    now: str
    reason: str


def chamber_changes() -> list[ChamberChange]:
    """Members whose chamber changed since the secretary last looked, with the reason now."""
    policy = registry_policies.registry_policy()
    changes = []
    for membership in selectors.members_with_chamber_change():
        board = membership.board
        decision = registry_domain.chamber_for(
            registry_selectors.board_figures(board=board), policy
        )
        changes.append(
            ChamberChange(
                membership=membership,
                seen=chamber_label(membership.chamber_seen),
                now=chamber_label(board.chamber),
                reason=registry_domain.chamber_reason(decision, gettext, grouped_number, long_date),
            )
        )
    return changes
