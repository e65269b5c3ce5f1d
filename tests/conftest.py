"""Fixtures shared by every tier. Integration tests run on SQLite unless DATABASE_URL is set."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from django.db import connection

from bundel.accounts.roles import Role

SHARED_DUO = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "duo"
PO_2016 = "01.-leerlingen-po-soort-po,-cluster,-leeftijd-2016-2017.csv"
VO_2017 = "03-leerlingen-vo-per-vestiging-en-bestuur-vavo-apart-2017.csv"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked `postgres` need row locks: skip them on SQLite, with that reason."""
    skip = pytest.mark.skip(reason="needs PostgreSQL row locks: set DATABASE_URL (CI does)")
    for item in items:
        if "postgres" in item.keywords and connection.vendor != "postgresql":
            item.add_marker(skip)


@pytest.fixture
def duo_dir() -> Path:
    """The real DUO files beside the checkout (../shared/data/duo); skip where absent."""
    if not (SHARED_DUO / PO_2016).is_file():
        pytest.skip(f"the real DUO files are not at {SHARED_DUO}")
    return SHARED_DUO


@pytest.fixture
def make_user(db: None) -> Callable[..., object]:
    from bundel.accounts.services import user_create

    counter = iter(range(1, 10_000))

    def make(*roles: Role, board: object = None, username: str | None = None) -> object:
        return user_create(
            username=username or f"user{next(counter)}",
            password="correct horse battery staple",
            roles=list(roles),
            board_id=getattr(board, "pk", None),
            first_name="Test",
            last_name="Person",
        )

    return make


@pytest.fixture
def staff_user(make_user: Callable[..., object]) -> object:
    return make_user(Role.ADMINISTRATOR, username="beheer")


@pytest.fixture
def representative(make_user: Callable[..., object]) -> object:
    from tests.factories.registry import BoardFactory

    return make_user(Role.MEMBER_REPRESENTATIVE, board=BoardFactory(), username="bestuur")
