"""Benchmark: the yearly billing run against a plain bulk insert of the same invoices.

Every board of the real register (DUO PO 2016 + VO 2017, ../shared/data/duo: 1,338 boards) is a
member; `services.billing_run(period=2019)` invoices them all: their membership-fee charges,
gap-free numbers, the snapshots, lines and audit events, one transaction per board. It is
timed against a baseline measured in the same run: the same number of Invoice and InvoiceLine
rows, with the same columns and snapshots, bulk-inserted in one transaction with no logic, then
deleted (the baseline is the best of 3, the run the best of --repeat). Then again for a
synthetic register of 10 times the boards (and more with --full): the real boards copied with
new numbers, each with copies of its student counts at new locations, so every copy pays the
fee of its original. Each run is checked afterwards (one invoice per member, numbers 1..N
without a gap, every total the fee expected from the register): a broken run exits 2. Prints
invoices per second, the ratio to the baseline and the growth of the time per invoice from the
first scale to the others; exits 1 when a ratio is above 5x the baseline or the time per
invoice grows more than 1.5x (the issue's aim: linear, within 5x the baseline).

The database is a throwaway one, as in bench/import.py (a temporary SQLite file, or
`bundel_bench_<pid>` on the PostgreSQL server of DATABASE_URL, dropped at the end).

    .venv/bin/python bench/billing.py [--scale 1,10] [--full] [--repeat N] [--profile]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bundel_bench .venv/bin/python bench/billing.py
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import importlib
import io
import pstats
import re
import signal
import string
import sys
import time
from collections import Counter, deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
bench_import = importlib.import_module("import")  # bench/import.py: the register, the database

YEAR = 2019  # the fee year: 1 January 2019 takes the PO 2016 and VO 2017 counts
ISSUE_DATE = date(2019, 1, 2)
MEMBER_SINCE = date(2018, 1, 1)  # the founding date: every member is one for the whole year
MAX_RATIO = 5.0
MAX_GROWTH = 1.5  # time per invoice at a larger scale over that at the first: above is superlinear
BOARD_NUMBERS = 100_000  # DUO numbers have 5 digits: at most 100,000 boards (74x the register)
FULL_SCALES = (1, 10, 74)  # --full: 100x does not fit in the 5-digit numbers; 74x is the most
DEFAULT_SCALES = "1,10"
BASELINE_REPEAT = 3  # the baseline is cheap: always the best of 3 (it varies 2x on SQLite)
LOCATIONS_PER_SCHOOL = 100  # a location code is the BRIN and 2 digits


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--scale",
        default=DEFAULT_SCALES,
        help=f"comma-separated multiples of the real register (default {DEFAULT_SCALES})",
    )
    parser.add_argument(
        "--full",
        action="store_true",
        help=f"scales {', '.join(map(str, FULL_SCALES))} (74x: all the 5-digit board numbers)",
    )
    parser.add_argument("--repeat", type=int, default=1, help="runs at each scale; the best counts")
    parser.add_argument("--profile", action="store_true", help="cProfile a run at the first scale")
    args = parser.parse_args()
    scales = list(FULL_SCALES) if args.full else sorted({int(s) for s in args.scale.split(",")})
    po, vo = bench_import.PO_2016, bench_import.VO_2017
    duo = bench_import.DUO_DIR
    if not (duo / po).is_file() or not (duo / vo).is_file():
        print(f"SKIP: the real DUO files are not at {duo}; nothing to benchmark.")
        return 0
    files = {name: (duo / name).read_bytes() for name in (po, vo)}

    import django

    django.setup()
    # stopped (a CI timeout): still drop the throwaway database on the way out
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    with bench_import.throwaway_database():
        return run(files, scales=scales, repeat=max(1, args.repeat), profile=args.profile)


@dataclass
class Result:
    scale: int
    invoices: int
    baseline: float
    billing: float
    baseline_times: list[float]
    billing_times: list[float]

    @property
    def ratio(self) -> float:
        return self.billing / self.baseline

    @property
    def per_invoice(self) -> float:
        return self.billing / self.invoices

    @property
    def baseline_per_invoice(self) -> float:
        return self.baseline / self.invoices


def run(files: dict[str, bytes], *, scales: list[int], repeat: int, profile: bool) -> int:
    from django.db import connection

    bench_import.register_import(files)
    register = Register()
    if max(scales) * len(register.boards) > BOARD_NUMBERS:
        most = BOARD_NUMBERS // len(register.boards)
        print(f"scale {max(scales)}x does not fit in the 5-digit board numbers (at most {most}x)")
        return 2
    seller_ready()
    print_header(connection, register)
    results: list[Result] = []
    for scale in scales:
        started = time.perf_counter()
        register.grow(scale)
        members_ensure()
        setup = time.perf_counter() - started
        expected = expected_fees()
        baseline_times, billing_times = [], []
        billing_clear()
        for _ in range(max(repeat, BASELINE_REPEAT)):
            rows = baseline_rows(expected)
            baseline_times.append(timed(lambda rows=rows: baseline_insert(*rows)))
            baseline_delete()
        for _ in range(repeat):
            billing_clear()
            try:
                billing_times.append(timed(billing_run))
            except Exception as error:  # a run that fails is a broken run, not a slow one
                print(f"BROKEN RUN at {scale}x: {type(error).__name__}: {error}"[:2000])
                return 2
            problems = verify(expected)
            if problems:
                print(f"BROKEN RUN at {scale}x: " + "; ".join(problems))
                return 2
        result = Result(
            scale,
            len(expected),
            min(baseline_times),
            min(billing_times),
            baseline_times,
            billing_times,
        )
        results.append(result)
        print_result(result, first=results[0], setup=setup)
        if profile and scale == scales[0]:
            billing_clear()
            profile_run(len(expected))
    return verdict(results)


# --- the register and its members -----------------------------------------------------------------


class Register:
    """The real register as imported, growing by copies of its boards with new numbers: each copy
    has the original's fields and a copy of each of its count rows at a new location (under
    synthetic schools of 100 locations each), so the copy's figures, band and fee are the
    original's."""

    def __init__(self) -> None:
        from bundel.registry.models import Board, Location, School, StudentCount

        self._name_real_boards()
        self.boards = list(Board.objects.order_by("number"))
        self.locations = {loc.pk: loc for loc in Location.objects.order_by("code")}
        self.counts = list(StudentCount.objects.order_by("pk"))
        self.copies = 1
        taken = {board.number for board in self.boards}
        self.numbers: Iterator[str] = (
            number for number in (f"{n:05d}" for n in range(BOARD_NUMBERS)) if number not in taken
        )
        brins = set(School.objects.values_list("brin", flat=True))
        self.brins: Iterator[str] = (
            f"{digits:02d}{a}{b}"
            for digits in range(100)
            for a in string.ascii_uppercase
            for b in string.ascii_uppercase
            if f"{digits:02d}{a}{b}" not in brins
        )

    def _name_real_boards(self) -> None:
        """The count files name no board: give each a name and an address, as the boards file
        would, so the invoices' snapshots are full-size."""
        from bundel.registry.models import Board, School

        first_school: dict[int, School] = {}
        for school in School.objects.order_by("brin").prefetch_related("locations"):
            first_school.setdefault(school.board_id, school)
        boards = list(Board.objects.order_by("number"))
        for board in boards:
            school = first_school.get(board.pk)
            location = next(iter(school.locations.all()), None) if school else None
            board.name = f"Stichting {school.name if school else board.number}"[:255]
            board.street, board.house_number = "Onderwijslaan", str(int(board.number) % 300 + 1)
            board.postcode = f"{1000 + int(board.number) % 9000} AB"
            board.city = (location.city if location else "") or "Utrecht"
        Board.objects.bulk_update(
            boards, ["name", "street", "house_number", "postcode", "city"], batch_size=500
        )

    def grow(self, scale: int) -> None:
        while self.copies < scale:
            self._copy()
            self.copies += 1

    def _copy(self) -> None:
        from django.db import transaction

        from bundel.registry.models import Board, Location, School, StudentCount

        skip = {"id", "number", "created_at", "updated_at"}
        board_fields = [f.attname for f in Board._meta.concrete_fields if f.attname not in skip]
        location_fields = [
            f.attname
            for f in Location._meta.concrete_fields
            if f.attname not in {"id", "code", "school_id"}
        ]
        count_fields = [
            f.attname
            for f in StudentCount._meta.concrete_fields
            if f.attname not in {"id", "location_id", "board_id", "import_run_id"}
        ]
        with transaction.atomic():
            copies = {
                board.pk: Board(
                    number=next(self.numbers),
                    **{name: getattr(board, name) for name in board_fields},
                )
                for board in self.boards
            }
            Board.objects.bulk_create(copies.values(), batch_size=1000)
            board_of = {}
            for count in self.counts:
                board_of.setdefault(count.location_id, copies[count.board_id])
            location_ids = list(board_of)
            schools, locations = [], {}
            for start in range(0, len(location_ids), LOCATIONS_PER_SCHOOL):
                chunk = location_ids[start : start + LOCATIONS_PER_SCHOOL]
                brin = next(self.brins)
                school = School(brin=brin, board=board_of[chunk[0]], name=f"School {brin}")
                schools.append(school)
                for i, location_id in enumerate(chunk):
                    original = self.locations[location_id]
                    locations[location_id] = Location(
                        code=f"{brin}{i:02d}",
                        school=school,
                        **{name: getattr(original, name) for name in location_fields},
                    )
            School.objects.bulk_create(schools, batch_size=1000)
            for location in locations.values():
                location.school_id = location.school.pk
            Location.objects.bulk_create(locations.values(), batch_size=1000)
            StudentCount.objects.bulk_create(
                (
                    StudentCount(
                        location_id=locations[count.location_id].pk,
                        board_id=copies[count.board_id].pk,
                        **{name: getattr(count, name) for name in count_fields},
                    )
                    for count in self.counts
                ),
                batch_size=1000,
            )


def seller_ready() -> None:
    from bundel.billing import services

    services.billing_settings_update(
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


def members_ensure() -> None:
    """Every board a member since the founding date, with the invoice details an application
    gives; every third with a direct-debit mandate. Bulk-created: the setup, not what is timed."""
    from django.db import transaction

    from bundel.billing.models import Mandate
    from bundel.membership.models import Membership
    from bundel.registry.models import Board

    with transaction.atomic():
        boards = list(Board.objects.filter(memberships__isnull=True).order_by("number"))
        Membership.objects.bulk_create(
            (
                Membership(
                    board=board,
                    status=Membership.Status.ACTIVE,
                    starts_on=MEMBER_SINCE,
                    invoice_address=f"Postbus {board.number}\n{board.postcode} {board.city}",
                    invoice_email=f"facturen@bestuur{board.number}.example",
                    kvk_number=f"4{board.number}{int(board.number) % 97:02d}",
                    buyer_reference=f"CONTRIBUTIE-{board.number}" if int(board.number) % 2 else "",
                    chamber_seen=board.chamber,
                )
                for board in boards
            ),
            batch_size=1000,
        )
        Mandate.objects.bulk_create(
            (
                Mandate(
                    board=board,
                    reference=f"BUNDEL-{board.number}",
                    iban="NL91ABNA0417164300",
                    bic="ABNANL2A",
                    account_holder=board.name,
                    signed_on=MEMBER_SINCE,
                )
                for board in boards
                if int(board.number) % 3 == 0
            ),
            batch_size=1000,
        )


def expected_fees() -> dict[int, Decimal]:
    """Per member board, the gross amount its invoice must have: the band of its PO + VO students
    at the latest count dates on or before 1 January (FEE-1), for a whole year, with the VAT of
    the membership fee (FEE-4). Read straight from the count rows, not through the services."""
    from django.db.models import Max, Q, Sum

    from bundel.billing import policies
    from bundel.billing.domain import cents
    from bundel.membership import policies as membership_policies
    from bundel.membership.models import Membership
    from bundel.registry.models import StudentCount

    datasets = ("po_counts", "vo_counts")
    latest = dict(
        StudentCount.objects.filter(dataset__in=datasets, count_date__lte=date(YEAR, 1, 1))
        .values("sector")
        .annotate(latest=Max("count_date"))
        .values_list("sector", "latest")
    )
    at_date = Q()
    for sector, count_date in latest.items():
        at_date |= Q(sector=sector, count_date=count_date)
    students = Counter[int]()
    rows = (
        StudentCount.objects.filter(at_date, dataset__in=datasets)
        .values("board_id")
        .annotate(total=Sum("students"))
        .values_list("board_id", "total")
    )
    for board_id, total in rows:
        students[board_id] += total or 0
    bands = sorted(
        membership_policies.fee_bands(YEAR),
        key=lambda b: (b.max_students is None, b.max_students or 0),
    )
    percent = policies.fee_vat("membership_fee").rate.percent
    fees = {}
    for board_id in Membership.objects.values_list("board_id", flat=True):
        count = students[board_id]
        band = next(b for b in bands if b.max_students is None or count <= b.max_students)
        net = cents(band.amount)
        fees[board_id] = net + cents(net * percent / 100)
    return fees


# --- the baseline: the same rows, bulk-inserted with no logic -------------------------------------


def baseline_rows(expected: dict[int, Decimal]) -> tuple[list[Any], list[Any]]:
    """The invoices and lines a run makes, built in memory beforehand (not timed): one invoice
    per member with its full snapshot (seller, buyer, line, mandate) and one line."""
    from bundel.billing.domain import VatCategory, cents
    from bundel.billing.models import BillingRun, Invoice, InvoiceLine, Mandate
    from bundel.billing.services.issuing import issue_context
    from bundel.billing.snapshot import DocumentKind, DocumentLine, InvoiceSnapshot, Party
    from bundel.billing.snapshot import Mandate as MandateSnapshot
    from bundel.membership.models import Membership
    from bundel.shared import clock

    context = issue_context()
    vat = context.vat["membership_fee"]
    mandates = {m.board_id: m for m in Mandate.objects.filter(revoked_on__isnull=True)}
    memberships = Membership.objects.select_related("board").order_by("board__number")
    run = BillingRun.objects.create(period=str(YEAR), created_at=clock.now())
    now = clock.now()
    invoices, lines = [], []
    for sequence, membership in enumerate(memberships, start=1):
        board = membership.board
        gross = expected[board.pk]
        net = cents(gross * 100 / (100 + vat.rate.percent))
        line = DocumentLine(
            description=f"Contributie {YEAR}",
            quantity=Decimal("1"),
            unit_price=net,
            vat_category=vat.rate.category,
            vat_percent=vat.rate.percent,
            period_start=date(YEAR, 1, 1),
            period_end=date(YEAR, 12, 31),
        )
        mandate = mandates.get(board.pk)
        number = f"{ISSUE_DATE.year}-{sequence:06d}"
        snapshot = InvoiceSnapshot(
            kind=DocumentKind.INVOICE,
            number=number,
            issue_date=ISSUE_DATE,
            due_date=ISSUE_DATE + timedelta(days=context.payment_term_days),
            buyer_reference=membership.buyer_reference or board.number,
            seller=context.seller,
            buyer=Party(
                name=board.name,
                street=f"{board.street} {board.house_number}",
                postcode=board.postcode,
                city=board.city,
                kvk_number=membership.kvk_number,
                peppol_id=f"0106:{membership.kvk_number}",
                email=membership.invoice_email,
                board_number=board.number,
            ),
            lines=(line,),
            payment_terms=f"Betaling binnen {context.payment_term_days} dagen",
            mandate=MandateSnapshot(mandate.reference, mandate.signed_on, mandate.iban, mandate.bic)
            if mandate
            else None,
            vat_exemption_reason=vat.exemption_reason
            if vat.rate.category == VatCategory.EXEMPT
            else "",
        )
        invoice = Invoice(
            kind="invoice",
            number=number,
            year=ISSUE_DATE.year,
            sequence=sequence,
            board=board,
            run=run,
            issue_date=ISSUE_DATE,
            due_date=snapshot.due_date,
            total_net=net,
            total_tax=gross - net,
            total_gross=gross,
            snapshot=snapshot.as_json(),
            issued_at=now,
        )
        invoices.append(invoice)
        lines.append(
            InvoiceLine(
                invoice=invoice,
                position=1,
                description=line.description,
                period_start=line.period_start,
                period_end=line.period_end,
                quantity=line.quantity,
                unit_price=line.unit_price,
                vat_category=line.vat_category.value,
                vat_percent=line.vat_percent,
                amount=net,
            )
        )
    return invoices, lines


def baseline_insert(invoices: list[Any], lines: list[Any]) -> None:
    from django.db import transaction

    from bundel.billing.models import Invoice, InvoiceLine

    with transaction.atomic():
        Invoice.objects.bulk_create(invoices, batch_size=1000)
        for line in lines:
            line.invoice_id = line.invoice.pk
        InvoiceLine.objects.bulk_create(lines, batch_size=1000)


def baseline_delete() -> None:
    from bundel.billing.models import BillingRun, Invoice, InvoiceLine

    delete_all([InvoiceLine, Invoice, BillingRun])


# --- the run and its checks -----------------------------------------------------------------------


def billing_run() -> None:
    from bundel.billing import services

    services.billing_run(period=str(YEAR), on=ISSUE_DATE)


def billing_clear() -> None:
    """No billing rows but the seller's settings: every run starts from the same state."""
    from bundel.billing.models import BillingRun, Charge, Invoice, InvoiceLine, NumberSequence
    from bundel.shared.models import AuditEvent

    delete_all([InvoiceLine, Invoice, Charge, BillingRun, NumberSequence, AuditEvent])


def delete_all(models: list[Any]) -> None:
    from django.db import connection

    tables = [model._meta.db_table for model in models]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
        else:
            for table in tables:
                cursor.execute(f"DELETE FROM {table}")  # noqa: S608 - our own table names


def verify(expected: dict[int, Decimal]) -> list[str]:
    """What a correct run gives: done, one invoice per member and a line per charge, numbers
    1..N of the issue year without a gap, each total the board's expected fee."""
    from django.db.models import Sum

    from bundel.billing.models import BillingRun, Charge, Invoice, InvoiceLine

    problems = []
    n = len(expected)
    runs = list(BillingRun.objects.all())
    if len(runs) != 1:
        return [f"{len(runs)} billing runs, expected 1"]
    run = runs[0]
    if run.status != BillingRun.Status.DONE:
        problems.append(f"run {run.status}: {run.error}")
    if (run.boards_total, run.boards_done, run.invoices_created) != (n, n, n):
        problems.append(
            f"run counted {run.boards_total} boards, {run.boards_done} done, "
            f"{run.invoices_created} invoices; expected {n}"
        )
    rows = list(
        Invoice.objects.filter(kind="invoice").values_list(
            "board_id", "sequence", "number", "year", "total_gross", "run_id"
        )
    )
    if len(rows) != n or {row[0] for row in rows} != set(expected):
        problems.append(
            f"{len(rows)} invoices for {len({r[0] for r in rows})} boards; expected {n}"
        )
    if sorted(row[1] for row in rows) != list(range(1, len(rows) + 1)):
        problems.append("the numbers are not 1..N without a gap")
    if any(
        number != f"{year}-{seq:06d}" or year != ISSUE_DATE.year
        for _, seq, number, year, *_ in rows
    ):
        problems.append(f"numbers not of the form {ISSUE_DATE.year}-000001")
    if any(row[5] != run.pk for row in rows):
        problems.append("invoices outside the run")
    wrong = [row for row in rows if row[4] != expected.get(row[0])]
    if wrong:
        board_id, *_, total, _ = wrong[0]
        problems.append(
            f"{len(wrong)} totals differ from the expected fee (e.g. board {board_id}: "
            f"{total}, expected {expected.get(board_id)})"
        )
    total = sum(expected.values(), Decimal("0"))
    invoiced = Invoice.objects.aggregate(total=Sum("total_gross"))["total"] or Decimal("0")
    if invoiced != total or run.amount_total != total:
        problems.append(f"invoiced {invoiced} (run: {run.amount_total}), expected {total}")
    charges = Charge.objects.count()
    lines = InvoiceLine.objects.filter(charge__isnull=False).count()
    if charges != n or lines != n or InvoiceLine.objects.count() != n:
        problems.append(f"{charges} charges and {lines} lines with a charge; expected {n}")
    return problems


# --- reporting ------------------------------------------------------------------------------------


def timed(action: Callable[[], object]) -> float:
    """The time of the action alone: what the benchmark itself holds in memory (the register's
    rows, the baseline's) is frozen out of the garbage collector's full collections."""
    gc.collect()
    gc.freeze()
    try:
        started = time.perf_counter()
        action()
        return time.perf_counter() - started
    finally:
        gc.unfreeze()


def fmt(times: list[float]) -> str:
    return ", ".join(f"{t:.3f}" for t in times)


def print_header(connection: Any, register: Register) -> None:
    with connection.cursor() as cursor:
        sql = "SELECT sqlite_version()" if connection.vendor == "sqlite" else "SHOW server_version"
        cursor.execute(sql)
        version = cursor.fetchone()[0]
    name = connection.settings_dict["NAME"]
    print(f"engine:   {connection.vendor} {version} (throwaway database {name})")
    print(
        f"register: DUO PO 2016 + VO 2017 in {bench_import.DUO_DIR}: "
        f"{len(register.boards):,} boards; larger scales copy them with new numbers"
    )
    print(
        f"run:      services.billing_run(period={YEAR!r}), issued {ISSUE_DATE}; every board a "
        f"member since {MEMBER_SINCE}, every third with a mandate"
    )
    print("baseline: the same Invoice + InvoiceLine rows bulk-inserted in one transaction")


def print_result(result: Result, *, first: Result, setup: float) -> None:
    n = result.invoices
    print(f"--- {result.scale}x: {n:,} invoices (setup {setup:.1f} s)")
    print(
        f"  baseline: {result.baseline:8.3f} s  {n / result.baseline:>9,.0f} invoices/s  "
        f"{1000 * result.baseline_per_invoice:.3f} ms/invoice"
    )
    print(
        f"  run:      {result.billing:8.3f} s  {n / result.billing:>9,.0f} invoices/s  "
        f"{1000 * result.per_invoice:.3f} ms/invoice"
    )
    if len(result.baseline_times) > 1:
        print(
            f"  samples:  baseline {fmt(result.baseline_times)}; run {fmt(result.billing_times)} "
            "(the best counts)"
        )
    ok = "OK" if result.ratio <= MAX_RATIO else "TOO SLOW"
    print(f"  ratio:    {result.ratio:.2f}x the baseline (aim: at most {MAX_RATIO:.1f}x): {ok}")
    if result is not first:
        growth = result.per_invoice / first.per_invoice
        base_growth = result.baseline_per_invoice / first.baseline_per_invoice
        ok = "OK" if growth <= MAX_GROWTH else "SUPERLINEAR"
        print(
            f"  growth:   time per invoice {growth:.2f}x that at {first.scale}x (baseline "
            f"{base_growth:.2f}x; aim: linear, at most {MAX_GROWTH:.1f}x): {ok}"
        )
    sys.stdout.flush()


def verdict(results: list[Result]) -> int:
    first = results[0]
    slow = [r for r in results if r.ratio > MAX_RATIO]
    superlinear = [r for r in results[1:] if r.per_invoice / first.per_invoice > MAX_GROWTH]
    summary = ", ".join(
        f"{r.scale}x {r.invoices / r.billing:,.0f}/s ({r.ratio:.1f}x)" for r in results
    )
    print(f"summary:  invoices/s (ratio to the baseline): {summary}")
    if slow or superlinear:
        print(
            "aim missed: "
            + "; ".join(
                [f"{r.scale}x is {r.ratio:.1f}x the baseline" for r in slow]
                + [
                    f"{r.scale}x takes {r.per_invoice / first.per_invoice:.2f}x the time an invoice"
                    for r in superlinear
                ]
            )
        )
        return 1
    return 0


def profile_run(invoices: int) -> None:
    """One more run under cProfile, with its queries counted by shape (not timed)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    profiler = cProfile.Profile()
    connection.queries_log = deque(maxlen=None)  # every query, not Django's last 9,000
    with CaptureQueriesContext(connection) as queries:
        profiler.runcall(billing_run)
    shapes = Counter(
        re.sub(r"\d+|'[^']*'|%s", "?", q["sql"])[:110] for q in queries.captured_queries
    )
    print(f"--- profile: {len(queries)} queries, {len(queries) / invoices:.1f} per invoice")
    for shape, count in shapes.most_common(20):
        print(f"  {count:>7,}  {shape}")
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(r"bundel", 30)
    stats.sort_stats("tottime").print_stats(15)
    print(out.getvalue())


if __name__ == "__main__":
    sys.exit(main())
