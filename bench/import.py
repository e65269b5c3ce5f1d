"""Benchmark: the DUO register import against a plain bulk insert of the same rows.

Times `services.register_import` on the real PO 2016 and VO 2017 count files (../shared/data/duo)
against a baseline measured in the same run: the same rows read with the csv module and written
into the same tables with `bulk_create`, with no checks. Each is timed a few times on a fresh,
throwaway database (a temporary SQLite file, or `bundel_bench_<pid>` on the PostgreSQL server of
DATABASE_URL, dropped at the end; the database DATABASE_URL names is never touched). Exits 1 when
the import takes more than 3x the baseline.

    .venv/bin/python bench/import.py [--repeat N] [--profile]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bundel_bench .venv/bin/python bench/import.py
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import io
import os
import pstats
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DUO_DIR = Path(__file__).resolve().parents[2] / "shared" / "data" / "duo"
PO_2016 = "01.-leerlingen-po-soort-po,-cluster,-leeftijd-2016-2017.csv"
VO_2017 = "03-leerlingen-vo-per-vestiging-en-bestuur-vavo-apart-2017.csv"
MAX_RATIO = 3.0
PO_SCHOOL_TYPES = {"BO": "BAO", "SBO": "SBO", "SO": "SO", "VSO": "VSO"}

sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the best counts")
    parser.add_argument("--profile", action="store_true", help="cProfile one import run")
    args = parser.parse_args()
    if not (DUO_DIR / PO_2016).is_file() or not (DUO_DIR / VO_2017).is_file():
        print(f"SKIP: the real DUO files are not at {DUO_DIR}; nothing to benchmark.")
        return 0
    files = {name: (DUO_DIR / name).read_bytes() for name in (PO_2016, VO_2017)}

    import django

    django.setup()
    with throwaway_database():
        return run(files, repeat=args.repeat, profile=args.profile)


@contextmanager
def throwaway_database() -> Iterator[None]:
    """A fresh, migrated database under its own name (Django's test-database machinery): a
    temporary SQLite file, or bundel_bench_<pid> on the PostgreSQL server; dropped afterwards."""
    from django.db import connection

    settings = connection.settings_dict
    old_name = settings["NAME"]
    with tempfile.TemporaryDirectory(prefix="bundel-bench-") as tmp:
        if connection.vendor == "sqlite":
            settings["TEST"]["NAME"] = str(Path(tmp) / "bench.sqlite3")
        else:
            settings["TEST"]["NAME"] = f"bundel_bench_{os.getpid()}"
        if settings["TEST"]["NAME"] == old_name:
            raise SystemExit("refusing to benchmark in the database that DATABASE_URL names")
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        try:
            yield
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)


def run(files: dict[str, bytes], *, repeat: int, profile: bool) -> int:
    from django.db import connection

    rows = count_rows(files)
    baseline_times, import_times = [], []
    for _ in range(repeat):
        clear_tables()
        baseline_times.append(timed(lambda: baseline_insert(files)))
        baseline_counts = table_counts()
        clear_tables()
        import_times.append(timed(lambda: register_import(files)))
        import_counts = table_counts()
        if baseline_counts != import_counts:
            print(f"MISMATCH: baseline wrote {baseline_counts}, the import {import_counts}")
            return 2
    baseline, imported = min(baseline_times), min(import_times)
    ratio = imported / baseline

    with connection.cursor() as cursor:
        sql = "SELECT sqlite_version()" if connection.vendor == "sqlite" else "SHOW server_version"
        cursor.execute(sql)
        version = cursor.fetchone()[0]
    name = connection.settings_dict["NAME"]
    print(f"engine:   {connection.vendor} {version} (throwaway database {name})")
    print(f"files:    {PO_2016} + {VO_2017}")
    print(f"rows:     {rows:,} ({', '.join(f'{k} {v:,}' for k, v in import_counts.items())})")
    print(f"baseline: {baseline:.3f} s  {rows / baseline:>9,.0f} rows/s  (csv + bulk_create)")
    print(
        f"import:   {imported:.3f} s  {rows / imported:>9,.0f} rows/s  (services.register_import)"
    )
    print(f"runs:     best of {repeat}; baseline {fmt(baseline_times)}; import {fmt(import_times)}")
    verdict = "OK" if ratio <= MAX_RATIO else "TOO SLOW"
    print(f"ratio:    {ratio:.2f}x the baseline (aim: at most {MAX_RATIO:.1f}x): {verdict}")
    if profile:
        clear_tables()
        profiler = cProfile.Profile()
        profiler.runcall(register_import, files)
        stats = pstats.Stats(profiler, stream=sys.stdout)
        stats.sort_stats("cumulative").print_stats("bundel|bulk_update|bulk_create|execute", 25)
    return 0 if ratio <= MAX_RATIO else 1


def fmt(times: list[float]) -> str:
    return ", ".join(f"{t:.3f}" for t in times)


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def count_rows(files: dict[str, bytes]) -> int:
    return sum(len(data.decode("cp1252").splitlines()) - 1 for data in files.values())


def register_import(files: dict[str, bytes]) -> None:
    from bundel.registry import services

    services.register_import(
        files=[services.ImportFile(name=name, data=data) for name, data in files.items()]
    )


def baseline_insert(files: dict[str, bytes]) -> None:
    """The same rows into the same tables, read with the csv module, no checks: the floor."""
    from django.db import transaction

    from bundel.registry.models import Board, Location, School, StudentCount

    records = []  # (dataset, board, brin, location, type, cluster, date, students, vavo, name)
    po = csv.DictReader(io.StringIO(files[PO_2016].decode("cp1252"), newline=""), delimiter=";")
    for r in po:
        brin = r["BRIN_NUMMER"]
        records.append(
            (
                "po_counts",
                r["BEVOEGD_GEZAG_NUMMER"],
                brin,
                brin + r["VESTIGINGSNUMMER"].zfill(2),
                PO_SCHOOL_TYPES[r["SOORT_PO"].upper()],
                r["CLUSTER"].strip(),
                date(2016, 10, 1),
                int(r["TOTAAL"]),
                None,
                r["INSTELLINGSNAAM_VESTIGING"],
                r["PLAATSNAAM"],
            )
        )
    vo = csv.DictReader(io.StringIO(files[VO_2017].decode("cp1252"), newline=""), delimiter=";")
    for r in vo:
        records.append(
            (
                "vo_counts",
                r["BEVOEGD GEZAG NUMMER"],
                r["BRIN NUMMER"],
                r["VESTIGINGSNUMMER"],
                "VO",
                "",
                date(2017, 10, 1),
                int(r["TOTAAL AANTAL LEERLINGEN"]),
                int(r["AANTAL VO LEERLINGEN UITBESTEED AAN VAVO"]),
                r["INSTELLINGSNAAM VESTIGING"],
                r["PLAATSNAAM"],
            )
        )
    with transaction.atomic():
        boards = {number: Board(number=number) for number in dict.fromkeys(r[1] for r in records)}
        Board.objects.bulk_create(boards.values(), batch_size=2000)
        schools: dict[str, School] = {}
        locations: dict[str, Location] = {}
        for r in records:
            if r[2] not in schools:
                schools[r[2]] = School(brin=r[2], board=boards[r[1]], name=r[9])
        School.objects.bulk_create(schools.values(), batch_size=2000)
        for r in records:
            if r[3] not in locations:
                locations[r[3]] = Location(code=r[3], school=schools[r[2]], name=r[9], city=r[10])
        Location.objects.bulk_create(locations.values(), batch_size=2000)
        StudentCount.objects.bulk_create(
            [
                StudentCount(
                    dataset=r[0],
                    location=locations[r[3]],
                    board=boards[r[1]],
                    count_date=r[6],
                    sector="VO" if r[4] == "VO" else "PO",
                    school_type=r[4],
                    cluster=r[5],
                    students=r[7],
                    vavo_students=r[8],
                )
                for r in records
            ],
            batch_size=2000,
        )


def table_models() -> list[type]:
    from bundel.registry.models import (
        Board,
        BoardClassification,
        ImportRun,
        Location,
        School,
        StudentCount,
    )
    from bundel.shared.models import AuditEvent

    return [StudentCount, BoardClassification, Location, School, ImportRun, AuditEvent, Board]


def table_counts() -> dict[str, int]:
    from bundel.registry.models import Board, Location, School, StudentCount

    return {
        "boards": Board.objects.count(),
        "schools": School.objects.count(),
        "locations": Location.objects.count(),
        "counts": StudentCount.objects.count(),
    }


def clear_tables() -> None:
    from django.db import connection

    tables = [model._meta.db_table for model in table_models()]  # type: ignore[attr-defined]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
        else:
            for table in tables:
                cursor.execute(f"DELETE FROM {table}")  # noqa: S608 - our own table names


if __name__ == "__main__":
    sys.exit(main())
