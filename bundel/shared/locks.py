"""Named locks held until the end of the current transaction."""

import zlib

from django.db import connection, transaction


def transaction_lock(name: str) -> None:
    """Serialise writers on `name` until commit. PostgreSQL: an advisory transaction lock;
    SQLite: its transactions already take the write lock up front (IMMEDIATE mode)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("transaction_lock must run inside a transaction")
    if connection.vendor == "postgresql":
        key = zlib.crc32(name.encode()) - 2**31
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])


def transaction_locks(names: list[str]) -> None:
    """transaction_lock for many names in one statement, taken in key order, so that two
    transactions locking overlapping sets wait for each other and never deadlock."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("transaction_locks must run inside a transaction")
    if connection.vendor == "postgresql" and names:
        keys = sorted({zlib.crc32(name.encode()) - 2**31 for name in names})
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(pg_advisory_xact_lock(k)) FROM unnest(%s::bigint[]) AS k", [keys]
            )
