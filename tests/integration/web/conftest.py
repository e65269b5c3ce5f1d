"""A small register imported the way DUO publishes it, and clients signed in per role."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from bundel.registry import services
from bundel.registry.models import Board
from tests.factories.registry import po_counts_csv, vo_counts_csv

PO_FILE = "01.-leerlingen-po-soort-po,-cluster,-leeftijd-2016-2017.csv"
VO_FILE = "03-leerlingen-vo-per-vestiging-en-bestuur-vavo-apart-2016.csv"


def po_rows() -> list[tuple[str, ...]]:
    return [
        ("10001", "12AB", "0", "BAO", "nvt", "900"),
        ("10001", "12AB", "1", "BAO", "nvt", "650"),
        ("10002", "34CD", "0", "SBO", "nvt", "<5"),
        ("10004", "56EF", "0", "BAO", "nvt", "300"),
        ("0", "90ZZ", "0", "BAO", "nvt", "12"),
    ]


def vo_rows() -> list[tuple[str, ...]]:
    return [
        ("10003", "78GH", "78GH00", "4000", "20"),
        ("10004", "91KL", "91KL00", "200", "0"),
    ]


@pytest.fixture
def register(db: None) -> dict[str, Board]:
    """10001 PO Groot (1,550 PO), 10002 inactive ("<5"), 10003 VO Groot (4,000 VO), 10004 Klein
    in both sectors (300 PO, 200 VO), all at count date 1 October 2016."""
    services.register_import(
        files=[
            services.ImportFile(PO_FILE, po_counts_csv(po_rows())),
            services.ImportFile(VO_FILE, vo_counts_csv(vo_rows())),
        ]
    )
    Board.objects.filter(number="10001").update(
        name="Stichting Primair Utrecht", city="Utrecht", short_name="SPU"
    )
    Board.objects.filter(number="10003").update(name="Stichting VO Amersfoort", city="Amersfoort")
    return {board.number: board for board in Board.objects.all()}


@pytest.fixture
def client_for() -> Callable[[object], Client]:
    def signed_in(user: object) -> Client:
        client = Client()
        client.force_login(user)  # type: ignore[arg-type]
        return client

    return signed_in


@pytest.fixture
def staff_client(staff_user: object, client_for: Callable[[object], Client]) -> Client:
    return client_for(staff_user)
