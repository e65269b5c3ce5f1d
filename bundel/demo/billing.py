"""The demo's billing (FEE-1, FEE-4, issue #6) on the demo members, made through the billing
services only, each step at the moment it happened (bundel.shared.clock.override), so that the
invoices, payments and the audit trail tell the cooperative's last two years as they went.

What it makes, dated relative to the demo's `today` (last year and this year):
- the cooperative's seller data: Coöperatie Bundel U.A. in Utrecht, with its KvK and VAT number,
  IBAN/BIC, SEPA creditor ID, Peppol ID and e-mail for invoices, filled in the autumn before last
  year, when the cooperative introduced direct debit (left alone when they are complete already);
- direct-debit mandates: about a third of the members signed one that autumn (the demo
  representative of PO Groot among them), more during last year (Combinatie's) and a few this
  year; one board changed banks and signed a new mandate. A board's representative signs it
  through its account where the board has one;
- last year's yearly run in January: one invoice per member, a SEPA direct-debit run collecting
  those of boards with a mandate (first collections), the rest paid by transfer, booked by hand or
  read from weekly CAMT.053 bank statements, some in two instalments, a few still open;
- a credit note: one board was invoiced at a higher band on a student count that turned out to be
  wrong; the invoice is credited in full, with the reason, and a second run of the same year
  invoices the corrected fee (and nothing else);
- the members that joined after a January run: their pro-rata fee (FEE-1) is charged the day they
  joined and invoiced in the monthly run after;
- this year's yearly run in January and its direct-debit run (recurring collections, and first
  ones for the new mandates), with paid, partly paid and open invoices: the demo representative of
  Klein paid part, the member that disputes its exit settlement has not paid at all.

Every demo representative and story account has invoices to see under *Facturen*.
"""

from __future__ import annotations

import heapq
import itertools
import random
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from enum import StrEnum
from functools import partial

from django.utils import timezone
from lxml import etree
from stdnum import iban as stdnum_iban

from bundel.accounts.models import User
from bundel.billing import domain as billing_domain
from bundel.billing import policies as billing_policies
from bundel.billing import selectors, services
from bundel.billing.models import (
    BillingRun,
    BillingSettings,
    Charge,
    ChargeKind,
    DirectDebitRun,
    Invoice,
    InvoiceLine,
    Mandate,
    NumberSequence,
    Payment,
)
from bundel.demo.members import StoryAccount
from bundel.membership import domain as membership_domain
from bundel.membership import policies as membership_policies
from bundel.membership import selectors as membership_selectors
from bundel.membership.models import Membership
from bundel.registry.models import Board
from bundel.shared import clock
from bundel.shared.errors import RuleViolation

# The cooperative as seller. The KvK number is in the creditor ID (NL, check digits, ZZZ, KvK,
# 0000) and the Peppol ID (0106: KvK); the VAT number's RSIN passes the 11-test.
SELLER: dict[str, object] = {
    "name": "Coöperatie Bundel U.A.",
    "street": "Europalaan 28",
    "postcode": "3526 KS",
    "city": "Utrecht",
    "kvk_number": "30291847",
    "vat_number": "NL856231411B01",
    "iban": "NL33RABO0312457898",
    "bic": "RABONL2U",
    "creditor_id": "NL18ZZZ302918470000",
    "peppol_id": "0106:30291847",
    "email": "facturen@bundel.example",
    "payment_term_days": 30,
}
SELLER_REQUIRED = ("street", "postcode", "city", "kvk_number", "iban", "bic", "creditor_id")
# The banks school boards bank with (BNG Bank: the bank of the public sector), and how often.
BANKS = (("BNGH", "BNGHNL2G"), ("RABO", "RABONL2U"), ("INGB", "INGBNL2A"), ("ABNA", "ABNANL2A"))
BANK_WEIGHTS = (40, 25, 20, 15)
OPENING_BALANCE = Decimal("61250.00")  # of the cooperative's account, at the first statement
CAMT_NAMESPACE = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"
YEAR_RUN_DAY = (1, 6)  # a year's run: the first working day from 6 January

DEMO_PO, DEMO_VO, DEMO_COMBINATIE, DEMO_KLEIN = (
    "bestuur-po",
    "bestuur-vo",
    "bestuur-combinatie",
    "bestuur-klein",
)


class Fate(StrEnum):
    """What the board does with an invoice it pays by transfer."""

    PAID = "paid"
    INSTALMENTS = "instalments"  # part, and the rest a month or so later
    PARTIAL = "partial"  # part, and nothing more yet
    OPEN = "open"  # nothing yet


# The demo representatives' invoices, last year and this year: something to see for each.
DEMO_FATES: dict[str, tuple[Fate, Fate]] = {
    DEMO_PO: (Fate.PAID, Fate.PAID),  # collected by direct debit: a mandate since the autumn
    DEMO_VO: (Fate.PAID, Fate.PAID),
    DEMO_COMBINATIE: (Fate.PAID, Fate.PAID),  # this year collected: a mandate since last year
    DEMO_KLEIN: (Fate.PAID, Fate.PARTIAL),
    StoryAccount.PROPOSED.value: (Fate.PAID, Fate.PAID),
    StoryAccount.ACCEPTED.value: (Fate.PAID, Fate.PAID),
    StoryAccount.DISPUTED.value: (Fate.PAID, Fate.OPEN),  # pays nothing while it disputes
    StoryAccount.DECIDED.value: (Fate.PAID, Fate.PAID),
}
REMITTANCES = (
    "Factuur {number}",
    "{number} contributie {year}",
    "Contributie {year} factuurnr {number}",
    "Betaling factuur {number} kenmerk {reference}",
    "Fact. {number} lidmaatschap Bundel",
)


class BillingState(StrEnum):
    CREATED = "created"  # there was no billing data: the demo's was made
    PRESENT = "present"  # the database holds billing data: left as it is
    SKIPPED = "skipped"  # no members or no finance account to act: nothing made


@dataclass
class BillingResult:
    state: BillingState
    today: date


def billing_data_exists() -> bool:
    return any(
        model.objects.exists()
        for model in (Charge, BillingRun, Invoice, Mandate, Payment, DirectDebitRun)
    )


def demo_billing_ensure(*, seed: int, today: date) -> BillingResult:
    """Make the demo's billing on the demo members, unless there is billing data already (then
    nothing changes). Call it after the demo members (and governance) exist, inside a
    transaction."""
    if billing_data_exists():
        return BillingResult(BillingState.PRESENT, today)
    builder = _Billing(seed=seed, today=today)
    if not builder.ready():
        return BillingResult(BillingState.SKIPPED, today)
    builder.run()
    return BillingResult(BillingState.CREATED, today)


def demo_billing_reset() -> dict[str, int]:
    """Remove all billing data, the seller's settings and the number sequences included (the
    settings are made again, empty, on first use). For `bundel demo --reset`, inside its
    transaction, before the members and the register go."""
    removed = {}
    credit_notes = Invoice.objects.filter(credited_invoice__isnull=False)
    for label, rows in (
        (Payment._meta.label, Payment.objects.all()),
        (DirectDebitRun._meta.label, DirectDebitRun.objects.all()),
        (InvoiceLine._meta.label, InvoiceLine.objects.all()),
        ("billing.CreditNote", credit_notes),  # they refer to invoices (PROTECT)
        (Invoice._meta.label, Invoice.objects.all()),
        (Charge._meta.label, Charge.objects.all()),
        (BillingRun._meta.label, BillingRun.objects.all()),
        (Mandate._meta.label, Mandate.objects.all()),
        (NumberSequence._meta.label, NumberSequence.objects.all()),
        (BillingSettings._meta.label, BillingSettings.objects.all()),
    ):
        model = rows.model
        removed[label] = rows.delete()[1].get(model._meta.label, 0)
    return removed


def report_lines(result: BillingResult | None) -> list[str]:
    """What `bundel demo` prints about billing: the same lines on every run, but the first."""
    if result is None:
        return []
    if result.state is BillingState.CREATED:
        lines = [
            "Billing: made through the billing services, dated relative to "
            f"{result.today.isoformat()}."
        ]
    elif result.state is BillingState.PRESENT:
        lines = ["Billing: the database holds billing data already; nothing changed."]
    else:
        return ["Billing: no members or no finance account to act; nothing made."]
    seller = billing_policies.seller()
    lines.append(
        f"  seller: {seller.name}, {seller.city}; KvK {seller.kvk_number or '-'}, VAT "
        f"{seller.vat_number or '-'}, IBAN {seller.iban or '-'}, creditor ID "
        f"{seller.creditor_id or '-'}"
    )
    documents = Counter(Invoice.objects.values_list("kind", "year"))
    years = sorted({year for _, year in documents})
    invoices = ", ".join(f"{year} {documents['invoice', year]}" for year in years)
    credit_notes = sum(n for (kind, _), n in documents.items() if kind == "credit_note")
    periods = Counter(len(p) == 4 for p in BillingRun.objects.values_list("period", flat=True))
    waiting = Charge.objects.filter(invoice_line__isnull=True).count()
    lines.append(
        f"  invoices: {invoices or 'none'}; credit notes: {credit_notes}; billing runs: "
        f"{periods[True]} of a year, {periods[False]} of a month"
        + (f"; {waiting} charge(s) wait for next month's run" if waiting else "")
    )
    rows = list(selectors.invoices_with_balance().filter(kind="invoice"))
    statuses = Counter(selectors.status_of(row) for row in rows)
    open_total = sum((max(selectors.balance(row), Decimal(0)) for row in rows), Decimal(0))
    lines.append(
        "  "
        + ", ".join(
            f"{statuses[s]} {s.replace('_', ' ')}"
            for s in ("paid", "partly_paid", "open", "credited")
        )
        + f"; still to be paid: EUR {open_total:,.2f}"
    )
    debits = DirectDebitRun.objects.order_by("collection_date")
    collected = ", ".join(
        f"{run.collection_date.isoformat()} {run.invoices.count()} invoices" for run in debits
    )
    payments = Counter(Payment.objects.values_list("method", flat=True))
    entries = Payment.objects.exclude(bank_entry="").values_list("bank_entry", flat=True)
    statements = {entry.split(":", 1)[0] for entry in entries}
    lines.append(
        f"  mandates: {Mandate.objects.filter(revoked_on__isnull=True).count()} active "
        f"({Mandate.objects.filter(revoked_on__isnull=False).count()} replaced); SEPA "
        f"direct-debit runs: {collected or 'none'}; payments: {sum(payments.values())} "
        f"({payments[Payment.Method.DIRECT_DEBIT]} by direct debit, {len(entries)} read from "
        f"{len(statements)} CAMT.053 statements)"
    )
    return lines


# -- the history ----------------------------------------------------------------------------------


def _working_day_from(day: date) -> date:
    """The day itself or the first working day after it (New Year's Day is no working day)."""
    while day.weekday() >= 5 or (day.month, day.day) == (1, 1):
        day += timedelta(days=1)
    return day


def _working_days_after(day: date, days: int) -> date:
    for _ in range(days):
        day = _working_day_from(day + timedelta(days=1))
    return day


def _euros(amount: Decimal) -> Decimal:
    return amount.quantize(Decimal(1)).quantize(Decimal("0.01"))


def demo_iban(rng: random.Random) -> tuple[str, str]:
    """A Dutch IBAN (its account number passes the old 11-test too) and its bank's BIC."""
    bank, bic = rng.choices(BANKS, weights=BANK_WEIGHTS)[0]
    while True:
        account = f"{rng.randrange(10**8, 10**10):010d}"
        weighted = sum(int(d) * w for d, w in zip(account, range(10, 0, -1), strict=True))
        if weighted % 11 == 0:
            break
    bban = bank + account
    return f"NL{stdnum_iban.calc_check_digits('NL00' + bban)}{bban}", bic


@dataclass(order=True)
class _Event:
    at: datetime
    order: int
    action: Callable[[], object] = field(compare=False)


@dataclass(frozen=True)
class _Transfer:
    """A payment by transfer as the bank statement shows it."""

    invoice: str
    amount: Decimal
    booked_on: date
    payer: str
    iban: str
    remittance: str
    end_to_end: str


class _Billing:
    def __init__(self, *, seed: int, today: date) -> None:
        self.seed = seed
        self.rng = random.Random(f"{seed}/billing")
        self.today = today
        self.last_year, self.this_year = today.year - 1, today.year
        staff = {
            u.username: u
            for u in User.objects.filter(
                board__isnull=True, is_active=True, username__in=["financien", "beheer"]
            )
        }
        self.finance: User | None = staff.get("financien") or staff.get("beheer")
        self.representatives: dict[int, User] = {}  # board → the account that acts for it
        self.demo_boards: dict[str, int] = {}  # demo representative or story account → board
        users = User.objects.filter(board__isnull=False, is_active=True).order_by("username")
        for user in users:
            assert user.board_id is not None
            self.representatives.setdefault(user.board_id, user)
            if user.username in DEMO_FATES:
                self.demo_boards[user.username] = user.board_id
        self.fates = {
            board_id: DEMO_FATES[username] for username, board_id in self.demo_boards.items()
        }
        self.memberships = list(
            Membership.objects.exclude(status=Membership.Status.ENDED)
            .select_related("board")
            .order_by("board__number")
        )
        self.queue: list[_Event] = []
        self.counter = itertools.count()
        self.mandated: set[int] = set()  # boards that sign a mandate
        self.ibans: dict[int, tuple[str, str]] = {}  # board → the account it pays from
        self.unpaid: set[int] = set()  # invoices that are credited, not paid
        self.weeks: dict[date, list[_Transfer]] = {}  # Monday → the transfers of the week
        self.balance = OPENING_BALANCE
        self.statements = 0
        self.bank_references = 0

    def ready(self) -> bool:
        return self.finance is not None and bool(self.memberships)

    def run(self) -> None:
        self.seller()
        self.mandates()
        for year in (self.last_year, self.this_year):
            self.year(year)
        while self.queue:
            event = heapq.heappop(self.queue)
            with clock.override(event.at):
                event.action()

    # -- days and moments -----------------------------------------------------------------------

    def moment(self, day: date, hour: int | None = None) -> datetime:
        hour = self.rng.randint(9, 16) if hour is None else hour
        return timezone.make_aware(datetime.combine(day, time(hour, self.rng.randint(0, 59))))

    def schedule(self, day: date, action: Callable[[], object], hour: int | None = None) -> bool:
        """Do `action` on `day`, when its turn comes; not when the day is today or later (it has
        not happened yet). Returns whether it will be done."""
        if day >= self.today:
            return False
        heapq.heappush(self.queue, _Event(self.moment(day, hour), next(self.counter), action))
        return True

    # -- the seller and the mandates ------------------------------------------------------------

    def seller(self) -> None:
        """Filled in the September before last year, unless staff completed them already."""
        row = billing_policies.seller()
        if all(getattr(row, name) for name in SELLER_REQUIRED):
            return
        self.schedule(
            _working_day_from(date(self.last_year - 1, 9, 15)),
            partial(services.billing_settings_update, values=dict(SELLER), by=self.finance),
            hour=10,
        )

    def account(self, board: Board, replaced: int = 0) -> tuple[str, str]:
        rng = random.Random(f"{self.seed}/billing/iban/{board.number}/{replaced}")
        self.ibans[board.pk] = demo_iban(rng)
        return self.ibans[board.pk]

    def mandates(self) -> None:
        """A third of the members sign in the autumn before last year, when direct debit came;
        more during last year and a few this year; one board changes banks last year."""
        introduced = date(self.last_year - 1, 10, 1)
        stories = {self.demo_boards.get(account.value) for account in StoryAccount}
        changes_bank = None
        for membership in self.memberships:
            board = membership.board
            chance = self.rng.random()
            if board.pk in stories or board.pk in (
                self.demo_boards.get(DEMO_VO),
                self.demo_boards.get(DEMO_KLEIN),
            ):
                continue
            if board.pk == self.demo_boards.get(DEMO_PO) or (
                chance < 0.3 and membership.starts_on < introduced
            ):
                first, last = introduced, date(self.last_year - 1, 12, 12)
            elif board.pk == self.demo_boards.get(DEMO_COMBINATIE) or chance < 0.38:
                first, last = date(self.last_year, 2, 16), date(self.last_year, 11, 27)
            elif chance < 0.41:
                first, last = date(self.this_year, 2, 16), self.today - timedelta(days=10)
            else:
                continue
            first = max(first, membership.starts_on + timedelta(days=10))
            if first > last:
                continue
            signed_on = _working_day_from(
                first + timedelta(days=self.rng.randint(0, (last - first).days))
            )
            if self.schedule(signed_on, partial(self.sign, board, signed_on)):
                self.mandated.add(board.pk)
                if changes_bank is None and signed_on < introduced + timedelta(days=90):
                    changes_bank = board
        if changes_bank is not None:  # a new bank account, a new mandate: the old one revoked
            signed_on = _working_day_from(date(self.last_year, 6, 10))
            self.schedule(signed_on, partial(self.sign, changes_bank, signed_on, replaced=1))

    def sign(self, board: Board, signed_on: date, replaced: int = 0) -> None:
        iban, bic = self.account(board, replaced)
        services.mandate_register(
            board=board,
            data=services.MandateData(
                iban=iban,
                account_holder=board.name or board.display_name,
                signed_on=signed_on,
                bic=bic,
            ),
            by=self.representatives.get(board.pk),
        )

    # -- the runs -------------------------------------------------------------------------------

    def year(self, year: int) -> None:
        """The year's run in January; the members that joined after it are charged the day they
        joined (so that run does not invoice them ahead of time) and invoiced the month after."""
        run_day = _working_day_from(date(year, *YEAR_RUN_DAY))
        if run_day >= self.today:
            return
        months: dict[str, date] = {}
        drafts = []
        if Membership.objects.filter(starts_on__gt=run_day, starts_on__year=year).exists():
            drafts = selectors.membership_fee_drafts(billing_domain.parse_period(str(year)))
        for draft in drafts:
            joined = draft.period_start
            if joined is None or joined <= run_day:
                continue
            month = f"{joined:%Y-%m}"
            with clock.override(self.moment(joined, 17)):
                services.charges_create([replace(draft, billing_period=month)])
            following = date(joined.year + joined.month // 12, joined.month % 12 + 1, 1)
            months[month] = _working_days_after(following, 1)
        self.schedule(run_day, partial(self.year_run, year), hour=9)
        for month, day in sorted(months.items()):
            self.schedule(day, partial(self.month_run, month), hour=9)

    def year_run(self, year: int) -> None:
        run = services.billing_run(period=str(year), by=self.finance)
        invoices = list(run.invoices.select_related("board", "run").order_by("sequence"))
        if year == self.last_year:
            self.correction(year, invoices)
        run_day = clock.today()
        collection = _working_days_after(run_day, 18)  # well within the payment term
        debit = partial(self.direct_debit, run, collection, invoices)
        if not self.schedule(_working_days_after(run_day, 2), debit, hour=11):
            self.payments(invoices)

    def month_run(self, month: str) -> None:
        run = services.billing_run(period=month, by=self.finance)
        self.payments(run.invoices.select_related("board", "run").order_by("sequence"))

    def direct_debit(self, run: BillingRun, collection_date: date, invoices: list[Invoice]) -> None:
        """The SEPA run for the year's invoices of boards with a mandate; the bank credits them
        on the collection day, and finance books them the day after."""
        try:
            debit = services.direct_debit_run_create(
                collection_date=collection_date, billing_run=run, by=self.finance
            )
        except RuleViolation as refused:
            if refused.code != "billing.nothing_to_collect":
                raise
            self.payments(invoices)
            return
        collected = list(debit.invoices.order_by("number"))
        booked = partial(self.collected, debit, collected)
        self.schedule(_working_days_after(collection_date, 1), booked, hour=10)
        done = {invoice.pk for invoice in collected}
        self.payments(invoice for invoice in invoices if invoice.pk not in done)

    def collected(self, debit: DirectDebitRun, invoices: list[Invoice]) -> None:
        for invoice in invoices:
            services.payment_record(
                invoice=invoice,
                amount=invoice.total_gross,  # collected in full: nothing else paid it
                paid_on=debit.collection_date,
                method=Payment.Method.DIRECT_DEBIT,
                reference=f"SEPA-incasso {debit.message_id}",
                by=self.finance,
            )

    # -- the credit note ------------------------------------------------------------------------

    def correction(self, year: int, invoices: list[Invoice]) -> None:
        """A board invoiced at a higher band than its corrected student count gives: the board
        with the fewest students above the lowest band, paying by transfer, a whole year."""
        bands = membership_policies.fee_bands(year)
        lowest = membership_domain.fee_band_for(0, bands)
        if lowest.max_students is None:
            return
        demo = set(self.demo_boards.values())
        candidates = [
            invoice
            for invoice in invoices
            if invoice.board_id not in self.mandated
            and invoice.board_id not in demo
            and invoice.total_gross > lowest.amount
            and invoice.board.total_students > lowest.max_students
        ]
        for invoice in sorted(candidates, key=lambda i: (i.board.total_students, i.number)):
            lines = list(invoice.lines.all())
            if len(lines) != 1 or lines[0].note:  # not a whole year at one band
                continue
            membership = membership_selectors.membership_latest_for_board(board=invoice.board)
            quote = membership_selectors.fee_quote(
                board=invoice.board, year=year, membership=membership
            ).quote
            corrected = lowest.max_students - self.rng.randint(4, 48)
            amount = membership_domain.fee_band_for(corrected, bands).amount
            if quote.students <= lowest.max_students or amount >= lines[0].amount:
                continue
            self.unpaid.add(invoice.pk)
            day = _working_days_after(invoice.issue_date, 14)
            self.schedule(
                day, partial(self.credit, invoice, lines[0], quote.students, corrected, amount)
            )
            return

    def credit(
        self, invoice: Invoice, line: InvoiceLine, counted: int, corrected: int, amount: Decimal
    ) -> None:
        year = invoice.year
        reason = (
            f"De contributie {year} is berekend op {_thousands(counted)} leerlingen volgens de "
            f"DUO-telling van 1 oktober {year - 1}. Bij die telling is een nevenvestiging dubbel "
            f"geteld; DUO heeft het aantal gecorrigeerd naar {_thousands(corrected)} leerlingen. "
            "Het bestuur valt daarmee in een lagere staffel: deze creditnota crediteert de "
            "factuur volledig, de juiste contributie volgt op een nieuwe factuur."
        )
        note = services.credit_note_issue(
            invoice=invoice,
            positions=[line.position],
            reason=reason,
            on=clock.today(),
            by=self.finance,
        )
        day = _working_days_after(clock.today(), 1)
        self.schedule(day, partial(self.reissue, invoice, note, line, corrected, amount), hour=10)

    def reissue(
        self, invoice: Invoice, note: Invoice, line: InvoiceLine, corrected: int, amount: Decimal
    ) -> None:
        """The corrected fee as a charge of the year; the year's run again invoices only it."""
        draft = selectors.ChargeDraft(
            board_id=invoice.board_id,
            kind=ChargeKind.MEMBERSHIP_FEE,
            source_key=f"correction:{invoice.number}",
            description=f"Contributie {invoice.year}",
            period_start=line.period_start,
            period_end=line.period_end,
            billing_period=str(invoice.year),
            quantity=Decimal(1),
            unit_price=amount,
            note=(
                f"vervangt factuur {invoice.number} (creditnota {note.number}): "
                f"{_thousands(corrected)} leerlingen"
            ),
        )
        services.charges_create([draft], by=self.finance)
        run = services.billing_run(period=str(invoice.year), by=self.finance)
        self.payments(run.invoices.select_related("board", "run").order_by("sequence"))

    # -- payments -------------------------------------------------------------------------------

    def payments(self, invoices: Iterable[Invoice]) -> None:
        """How each board pays an invoice it does not pay by direct debit."""
        for invoice in invoices:
            if invoice.pk in self.unpaid:
                continue
            fate = self.fate(invoice)
            total = invoice.total_gross
            day = self.payment_day(invoice.issue_date)
            if fate is Fate.PAID:
                self.transfer(invoice, total, day)
            elif fate is Fate.PARTIAL:
                self.transfer(invoice, self.part(total), day, instalment=1)
            elif fate is Fate.INSTALMENTS:
                part = self.part(total)
                self.transfer(invoice, part, day, instalment=1)
                later = _working_day_from(day + timedelta(days=self.rng.randint(28, 45)))
                self.transfer(invoice, total - part, later, instalment=2)

    def fate(self, invoice: Invoice) -> Fate:
        chance = self.rng.random()
        this_year = invoice.issue_date.year == self.this_year
        forced = self.fates.get(invoice.board_id)
        if forced is not None and invoice.run is not None and len(invoice.run.period) == 4:
            return forced[1 if this_year else 0]
        if this_year:  # recent: more of them open or paid in part
            if chance < 0.08:
                return Fate.OPEN
            if chance < 0.15:
                return Fate.PARTIAL
            return Fate.INSTALMENTS if chance < 0.18 else Fate.PAID
        if chance < 0.02:
            return Fate.OPEN
        return Fate.INSTALMENTS if chance < 0.06 else Fate.PAID

    def payment_day(self, issued: date) -> date:
        days = self.rng.randint(6, 32) if self.rng.random() < 0.8 else self.rng.randint(33, 75)
        return _working_day_from(issued + timedelta(days=days))

    def part(self, total: Decimal) -> Decimal:
        share = Decimal(self.rng.choice((25, 40, 50))) / 100
        return min(max(_euros(total * share), Decimal("1.00")), total - Decimal("0.01"))

    def transfer(self, invoice: Invoice, amount: Decimal, day: date, instalment: int = 0) -> None:
        """The board transfers `amount` on `day`: finance books it by hand the day after, or
        reads it from the week's CAMT.053 statement the Monday after."""
        if day >= self.today:
            return
        reference = invoice.snapshot.get("buyer_reference", "") or invoice.board.number
        text = self.rng.choice(REMITTANCES).format(
            number=invoice.number, year=invoice.year, reference=reference
        )
        if instalment:
            text = f"{instalment}e termijn factuur {invoice.number}"
        if self.rng.random() < 0.4:
            record = partial(
                services.payment_record,
                invoice=invoice,
                amount=amount,
                paid_on=day,
                method=Payment.Method.TRANSFER,
                reference=text,
                by=self.finance,
            )
            self.schedule(_working_days_after(day, 1), record)
            return
        monday = day - timedelta(days=day.weekday())
        if monday not in self.weeks:
            imported = partial(self.statement_import, monday)
            if not self.schedule(monday + timedelta(days=7), imported, hour=9):
                return  # the statement is not in yet
            self.weeks[monday] = []
        iban = self.ibans.get(invoice.board_id) or self.account(invoice.board)
        end_to_end = "NOTPROVIDED"
        if self.rng.random() < 0.3:
            end_to_end = f"{day:%Y%m%d}{self.rng.randrange(10**6, 10**7)}"
        self.weeks[monday].append(
            _Transfer(
                invoice=invoice.number,
                amount=amount,
                booked_on=day,
                payer=invoice.board.name or invoice.board.display_name,
                iban=iban[0],
                remittance=text[:140],
                end_to_end=end_to_end,
            )
        )

    def statement_import(self, monday: date) -> None:
        transfers = sorted(self.weeks.pop(monday), key=lambda t: t.booked_on)
        services.statement_import(xml=self.statement(monday, transfers), by=self.finance)

    def statement(self, monday: date, transfers: list[_Transfer]) -> bytes:
        """The week's camt.053.001.02 statement of the cooperative's account: its credits."""
        self.statements += 1
        friday = monday + timedelta(days=4)
        year, week, _ = monday.isocalendar()
        created = f"{monday + timedelta(days=7)}T06:30:00"
        opening = self.balance
        self.balance += sum((t.amount for t in transfers), Decimal(0))

        def sub(parent: etree._Element, tag: str, text: str | None = None) -> etree._Element:
            element = etree.SubElement(parent, f"{{{CAMT_NAMESPACE}}}{tag}")
            if text is not None:
                element.text = text
            return element

        def amount(parent: etree._Element, value: Decimal) -> None:
            sub(parent, "Amt", f"{value:.2f}").set("Ccy", "EUR")

        def balance(parent: etree._Element, code: str, value: Decimal, day: date) -> None:
            element = sub(parent, "Bal")
            sub(sub(sub(element, "Tp"), "CdOrPrtry"), "Cd", code)
            amount(element, value)
            sub(element, "CdtDbtInd", "CRDT")
            sub(sub(element, "Dt"), "Dt", day.isoformat())

        root = etree.Element(f"{{{CAMT_NAMESPACE}}}Document", nsmap={None: CAMT_NAMESPACE})
        message = sub(root, "BkToCstmrStmt")
        header = sub(message, "GrpHdr")
        sub(header, "MsgId", f"CAMT053-{year}-{week:02d}-{self.statements:04d}")
        sub(header, "CreDtTm", created)
        statement = sub(message, "Stmt")
        sub(statement, "Id", f"STMT-{year}-W{week:02d}")
        sub(statement, "ElctrncSeqNb", str(self.statements))
        sub(statement, "CreDtTm", created)
        period = sub(statement, "FrToDt")
        sub(period, "FrDtTm", f"{monday}T00:00:00")
        sub(period, "ToDtTm", f"{friday}T23:59:59")
        account = sub(statement, "Acct")
        sub(sub(account, "Id"), "IBAN", str(SELLER["iban"]))
        sub(account, "Ccy", "EUR")
        sub(account, "Nm", str(SELLER["name"]))
        sub(sub(sub(account, "Svcr"), "FinInstnId"), "BIC", str(SELLER["bic"]))
        balance(statement, "OPBD", opening, monday)
        balance(statement, "CLBD", self.balance, friday)
        for transfer in transfers:
            self.bank_references += 1
            entry = sub(statement, "Ntry")
            amount(entry, transfer.amount)
            sub(entry, "CdtDbtInd", "CRDT")
            sub(entry, "Sts", "BOOK")
            sub(sub(entry, "BookgDt"), "Dt", transfer.booked_on.isoformat())
            sub(sub(entry, "ValDt"), "Dt", transfer.booked_on.isoformat())
            sub(entry, "AcctSvcrRef", f"{transfer.booked_on:%Y%m%d}{self.bank_references:07d}")
            domain = sub(sub(entry, "BkTxCd"), "Domn")
            sub(domain, "Cd", "PMNT")
            family = sub(domain, "Fmly")
            sub(family, "Cd", "RCDT")
            sub(family, "SubFmlyCd", "ESCT")
            details = sub(sub(entry, "NtryDtls"), "TxDtls")
            sub(sub(details, "Refs"), "EndToEndId", transfer.end_to_end)
            parties = sub(details, "RltdPties")
            sub(sub(parties, "Dbtr"), "Nm", transfer.payer[:70])
            sub(sub(sub(parties, "DbtrAcct"), "Id"), "IBAN", transfer.iban)
            sub(sub(details, "RmtInf"), "Ustrd", transfer.remittance)
        xml: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
        return xml


def _thousands(number: int) -> str:
    """Dutch: 1.043."""
    return f"{number:,}".replace(",", ".")
