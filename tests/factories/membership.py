"""Membership test data: eligible boards with figures, and the application form's data."""

from __future__ import annotations

from datetime import date

from bundel.membership import services
from bundel.membership.models import Membership
from bundel.registry.models import Board
from tests.factories.registry import (
    BoardFactory,
    LocationFactory,
    SchoolFactory,
    StudentCountFactory,
)


def board_with_students(
    po: int = 0, vo: int = 0, *, count_date: date = date(2016, 10, 1), **fields: object
) -> Board:
    """A board whose register figures are `po`/`vo` students at `count_date` (rows and totals)."""
    board = BoardFactory(**fields)
    for sector, students, school_type in (("PO", po, "BAO"), ("VO", vo, "VO")):
        if students:
            school = SchoolFactory(board=board)
            location = LocationFactory(school=school)
            StudentCountFactory(
                dataset="po_counts" if sector == "PO" else "vo_counts",
                location=location,
                board=board,
                count_date=count_date,
                sector=sector,
                school_type=school_type,
                cluster="nvt" if sector == "PO" else "",
                students=students,
            )
    board.po_students, board.vo_students = po, vo
    board.po_count_date = board.vo_count_date = count_date
    board.chamber = "KLEIN" if po + vo and po <= 1000 and vo <= 3500 else ("PO_GROOT" if po else "")
    board.save()
    return board


def application_data(**overrides: object) -> services.ApplicationData:
    values: dict[str, object] = {
        "contact_name": "Jan Jansen",
        "contact_email": "jan.jansen@bestuur.example",
        "signer_name": "Marieke de Wit",
        "signer_authority": "voorzitter college van bestuur",
        "invoice_address": "Postbus 12\n3500 AA Utrecht",
        "invoice_email": "facturen@bestuur.example",
        "buyer_reference": "PO-2025-001",
        "terms_accepted": True,
        "kvk_number": "41178451",
    }
    values.update(overrides)
    return services.ApplicationData(**values)  # type: ignore[arg-type]


def approved_member(board: Board, staff: object, on: date) -> Membership:
    """A board that applied and was approved on `on`."""
    application = services.application_submit(board=board, data=application_data(), on=on)
    return services.application_approve(application=application, approved_by=staff, on=on)  # type: ignore[arg-type]
