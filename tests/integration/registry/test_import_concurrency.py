"""Two imports at the same moment are serialised: neither fails, nothing is doubled."""

import threading

import pytest
from django.db import connection

from bundel.registry import services
from bundel.registry.models import Board, School, StudentCount
from tests.factories.registry import vo_counts_csv


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.rule("REG-2")
def test_two_simultaneous_imports_of_the_same_file_leave_one_copy() -> None:
    rows = [
        (f"2{n:04d}", f"2{n % 10}{chr(65 + n // 26 % 26)}{chr(65 + n % 26)}", "", 100 + n, 0)
        for n in range(200)
    ]
    rows = [(board, brin, f"{brin}00", total, vavo) for board, brin, _, total, vavo in rows]
    file = services.ImportFile("03-leerlingen-vo-2017.csv", vo_counts_csv(rows))
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            barrier.wait()
            services.register_import(files=[file])
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert Board.objects.count() == School.objects.count() == StudentCount.objects.count() == 200
