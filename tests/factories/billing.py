"""Billing test data: the seller's settings filled in, and members to invoice."""

from __future__ import annotations

from datetime import date

from bundel.billing import services
from bundel.billing.models import BillingSettings
from bundel.registry.models import Board
from tests.factories.membership import approved_member, board_with_students


def seller_ready() -> BillingSettings:
    return services.billing_settings_update(
        values={
            "name": "Coöperatie Bundel U.A.",
            "street": "Catharijnesingel 55",
            "postcode": "3511 GD",
            "city": "Utrecht",
            "kvk_number": "12345678",
            "vat_number": "NL001234567B01",
            "iban": "NL91 ABNA 0417 1643 00",
            "bic": "ABNANL2A",
            "creditor_id": "NL69ZZZ123456780000",
            "email": "facturen@bundel.example",
        }
    )


def member(students: int, staff: object, on: date, **fields: object) -> Board:
    """A member board of `students` PO students whose membership started on `on`."""
    board = board_with_students(students, **fields)
    board.street, board.house_number, board.postcode = "Schoolstraat", "1", "3511 AA"
    board.save(update_fields=["street", "house_number", "postcode"])
    approved_member(board, staff, on)
    return board
