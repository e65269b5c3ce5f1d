"""The demo world: a national register imported through the real DUO import (REG-2), synthetic
or from real DUO files, one demo account per role (ACC-1), and members in every state of
membership's life (MEM-1 … MEM-6, see bundel.demo.members), the council with its elections,
meetings and boards (GOV-1 … GOV-10, see bundel.demo.governance), two years of invoices,
payments, a credit note and direct debit (FEE-1, FEE-4, see bundel.demo.billing), and the
catalogue with the members' intent, the first tenders and a tender in bidding (CAT-1 … CAT-4,
TEN-1 … TEN-8, FEE-2, see bundel.demo.procurement)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path

from django.db import transaction
from django.db.models import F

from bundel.accounts.models import User
from bundel.accounts.roles import Role
from bundel.accounts.services import user_create
from bundel.demo import billing, governance, members, procurement, synthetic
from bundel.demo.duo_files import DEFAULT_AS_OF, duo_files_select
from bundel.membership.models import ExitSettlement
from bundel.registry import services as registry_services
from bundel.registry.domain import Chamber
from bundel.registry.models import (
    Board,
    BoardClassification,
    ImportRun,
    Location,
    School,
    StudentCount,
)
from bundel.shared import audit, clock

DEMO_PASSWORD = "bundel-demo"  # noqa: S105 - documented, for the demo accounts only
DEMO_URL = "http://127.0.0.1:8000"


@dataclass(frozen=True)
class DemoPerson:
    username: str
    role: Role
    first_name: str
    last_name: str
    chamber: Chamber | None = None  # a representative acts for a board of this chamber


DEMO_PEOPLE = (
    DemoPerson("beheer", Role.ADMINISTRATOR, "Anouk", "de Vries"),
    DemoPerson("financien", Role.FINANCE, "Bram", "Jansen"),
    DemoPerson("inkoop", Role.PROCUREMENT, "Fatima", "El Amrani"),
    DemoPerson("servicedesk", Role.SERVICE_DESK, "Daan", "Visser"),
    DemoPerson("secretaris", Role.COUNCIL_SECRETARY, "Ingrid", "Bakker"),
    DemoPerson("bestuur-klein", Role.MEMBER_REPRESENTATIVE, "Kees", "Mulder", Chamber.KLEIN),
    DemoPerson("bestuur-po", Role.MEMBER_REPRESENTATIVE, "Marloes", "de Boer", Chamber.PO_GROOT),
    DemoPerson("bestuur-vo", Role.MEMBER_REPRESENTATIVE, "Sem", "Smit", Chamber.VO_GROOT),
    DemoPerson("bestuur-combinatie", Role.MEMBER_REPRESENTATIVE, "Noor", "Bos", Chamber.COMBINATIE),
)


class RegisterState(StrEnum):
    IMPORTED = "imported"  # the register was empty: the files were imported
    ALREADY_LOADED = "already_loaded"  # these very files were imported before: nothing to do
    OTHER_REGISTER = "other_register"  # the register holds other data: left as it is


class DemoError(Exception):
    """The demo world cannot be loaded as asked; the message says why."""


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: Role
    board: Board | None
    note: str = ""  # where the board is in membership's life, for the story accounts


@dataclass
class DemoResult:
    state: RegisterState
    report: registry_services.ImportReport | None
    people_created: list[str] = field(default_factory=list)
    people_missing: list[str] = field(default_factory=list)  # no board in their chamber
    members: members.MembersResult | None = None
    governance: governance.GovernanceResult | None = None
    billing: billing.BillingResult | None = None
    procurement: procurement.ProcurementResult | None = None


def demo_files_synthetic(
    *, seed: int = synthetic.DEFAULT_SEED
) -> list[registry_services.ImportFile]:
    return [
        registry_services.ImportFile(name=name, data=data)
        for name, data in synthetic.world_files(seed=seed)
    ]


def demo_files_duo(
    *, directory: Path, as_of: date | None = DEFAULT_AS_OF
) -> tuple[list[registry_services.ImportFile], list[tuple[str, str]]]:
    """The recognised DUO files in `directory` up to `as_of`, and the files left out with why."""
    if not directory.is_dir():
        raise DemoError(f"{directory}: no such directory")
    selection = duo_files_select(directory, as_of=as_of)
    if not selection.chosen:
        raise DemoError(f"{directory}: no *.csv there is a DUO file Bundel reads")
    files = [registry_services.ImportFile(name=n, data=d) for n, d in selection.chosen]
    return files, selection.left_out


def demo_world_load(
    *,
    files: Sequence[registry_services.ImportFile],
    reset: bool = False,
    progress: registry_services.ImportProgress | None = None,
    seed: int = synthetic.DEFAULT_SEED,
    today: date | None = None,
) -> DemoResult:
    """Import `files` into an empty register, make sure the demo people exist, then make the
    demo members (from `seed`, with dates relative to `today`) unless there is membership data,
    the demo's governance on them unless there is governance data, their billing unless
    there is billing data, and the catalogue, intent and tenders unless there is procurement
    data (after billing: confirming a participation charges the purchase fee).
    On a database that has them already this changes nothing. `reset` first removes the
    billing, procurement, governance and membership data, the register and the demo people (see
    demo_world_reset); all of it is one transaction. The
    e-mails the membership services send are kept back (see members.mail_kept_back)."""
    with members.mail_kept_back() as mails, transaction.atomic():
        if reset:
            demo_world_reset()
        report = None
        if Board.objects.exists():
            state = (
                RegisterState.ALREADY_LOADED
                if _were_imported(files)
                else RegisterState.OTHER_REGISTER
            )
        else:
            report = registry_services.register_import(files=files, progress=progress)
            state = RegisterState.IMPORTED
        created, missing = demo_people_ensure()
        membership = members.demo_members_ensure(
            seed=seed, today=today or clock.today(), password=DEMO_PASSWORD
        )
        council = governance.demo_governance_ensure(
            seed=seed, today=today or clock.today(), password=DEMO_PASSWORD
        )
        invoicing = billing.demo_billing_ensure(seed=seed, today=today or clock.today())
        tenders = procurement.demo_procurement_ensure(
            seed=seed, today=today or clock.today(), password=DEMO_PASSWORD
        )
    membership.mails = mails.sent
    return DemoResult(state, report, created, missing, membership, council, invoicing, tenders)


def _were_imported(files: Sequence[registry_services.ImportFile]) -> bool:
    hashes = {hashlib.sha256(f.data).hexdigest() for f in files}
    done = ImportRun.objects.filter(status=ImportRun.Status.SUCCEEDED, sha256__in=hashes)
    return hashes <= set(done.values_list("sha256", flat=True))


@transaction.atomic
def demo_world_reset() -> dict[str, int]:
    """Remove all billing data (the seller's settings too), all procurement data with the
    catalogue and the supplier logins, the demo people (the story accounts of the demo members
    and the accounts made for members to vote too), all governance data but the seats, all
    membership data and the whole register (import runs included); the audit trail stays and
    records the reset. Refused while other people represent a board."""
    removed = billing.demo_billing_reset()  # invoices, charges and mandates refer to boards
    removed |= procurement.demo_procurement_reset()  # intents, participations refer to boards
    removed |= governance.demo_governance_reset()  # its accounts too; the register goes next
    usernames = [p.username for p in DEMO_PEOPLE] + list(members.StoryAccount)
    User.objects.filter(username__in=usernames).delete()
    representatives = User.objects.filter(board__isnull=False).count()
    if representatives:
        raise DemoError(
            f"{representatives} other account(s) represent a board of the register; "
            "remove them before --reset"
        )
    removed |= members.demo_members_reset()
    for model in (StudentCount, BoardClassification, Location, School, ImportRun, Board):
        removed[model._meta.label] = model.objects.all().delete()[1].get(model._meta.label, 0)
    audit.record(
        None,
        "demo.world.reset",
        object_type="registry.Board",
        object_id="*",
        object_label="national register",
        before=removed,
    )
    return removed


def demo_people_ensure() -> tuple[list[str], list[str]]:
    """Create the demo people that do not exist yet; existing accounts are left alone.
    Returns the user names created, and those skipped for want of a board in their chamber."""
    created, missing = [], []
    existing = set(
        User.objects.filter(username__in=[p.username for p in DEMO_PEOPLE]).values_list(
            "username", flat=True
        )
    )
    for person in DEMO_PEOPLE:
        if person.username in existing:
            continue
        board = demo_board_for(person.chamber) if person.chamber else None
        if person.chamber and board is None:
            missing.append(person.username)
            continue
        user_create(
            username=person.username,
            password=DEMO_PASSWORD,
            roles=[person.role],
            email=f"{person.username}@bundel.example",
            first_name=person.first_name,
            last_name=person.last_name,
            board_id=board.pk if board else None,
        )
        created.append(person.username)
    return created, missing


def demo_board_for(chamber: Chamber) -> Board | None:
    """A typical board of the chamber: the median by students, preferring boards with a name."""
    boards = (
        Board.objects.filter(chamber=chamber.value)
        .annotate(total=F("po_students") + F("vo_students"))
        .order_by("total", "number")
    )
    named = boards.exclude(name="")
    if named.exists():
        boards = named
    count = boards.count()
    return boards[count // 2] if count else None


def demo_logins() -> list[DemoLogin]:
    """The demo accounts that exist, in the order of DEMO_PEOPLE, then the representatives of
    the demo members on their way out (members.StoryAccount), then the suppliers' logins."""
    users = {
        u.username: u
        for u in User.objects.filter(username__in=[p.username for p in DEMO_PEOPLE]).select_related(
            "board"
        )
    }
    logins = [
        DemoLogin(p.username, p.role, users[p.username].board)
        for p in DEMO_PEOPLE
        if p.username in users
    ]
    for user, membership in members.demo_member_accounts():
        note = ""
        if membership is not None:
            note = str(membership.get_status_display())
            settlement = getattr(membership, "settlement", None)
            if settlement is not None:
                kind = ExitSettlement._meta.verbose_name
                note += f", {kind} {settlement.get_status_display()}"
        logins.append(DemoLogin(user.username, Role.MEMBER_REPRESENTATIVE, user.board, note))
    for user, supplier in procurement.demo_supplier_accounts():
        logins.append(DemoLogin(user.username, Role.SUPPLIER, None, supplier.name))
    return logins
