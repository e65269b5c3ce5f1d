"""Governance test data: member boards per chamber, seated councils, meetings with motions."""

from __future__ import annotations

from datetime import date

from bundel.governance import services
from bundel.governance.models import Seat, SeatTerm
from bundel.registry.models import Board
from tests.factories.membership import approved_member, board_with_students

STUDENTS = {
    "PO_GROOT": (5000, 0),
    "VO_GROOT": (0, 6000),
    "COMBINATIE": (3000, 4000),
    "KLEIN": (600, 0),
}


def member_board(chamber: str, staff: object, on: date = date(2024, 1, 8)) -> Board:
    """A member board of `chamber`, approved on `on`."""
    po, vo = STUDENTS[chamber]
    board = board_with_students(po, vo)
    board.chamber = chamber
    board.save(update_fields=["chamber"])
    approved_member(board, staff, on)
    return board


def seat(chamber: str, number: int = 1) -> Seat:
    return Seat.objects.get(chamber=chamber, number=number)


def seated(
    chamber: str,
    number: int,
    staff: object,
    *,
    starts_on: date = date(2025, 6, 1),
    member_since: date = date(2024, 1, 8),
) -> SeatTerm:
    """A member board of `chamber` holding seat `number` from `starts_on`."""
    board = member_board(chamber, staff, member_since)
    return services.seat_appoint(
        seat=seat(chamber, number),
        board=board,
        representative_name=f"Vertegenwoordiger {board.number}",
        starts_on=starts_on,
        by=staff,
    )
