"""The demo's members: membership's whole life (MEM-1 … MEM-6) on the loaded register, replayed
through the real membership services so that `make run` shows every state at once.

What it makes, from the seed (the same register, seed and day give the same members):
- the boards of the four demo representatives: active members since 2019-2022, their accounts
  linked to the invitation of their approval;
- a realistic share of the register (more of the large boards than of the small ones) as active
  members, joined between the founding and last year, many with service agreements (MEM-6) and,
  for the long-term services, the commitments the cooperative invested for (MEM-5);
- members under notice: by the member with an exit settlement that is proposed, accepted,
  disputed, or decided by the advisory committee (each with a representative account, so the
  member's side can be seen), by letter without a settlement, and by the cooperative with a reason;
- ended members (one gave notice on the last day of a year, one was given notice by the
  cooperative, one came back later);
- pending and rejected applications (one re-applied after its rejection) and declarations of
  interest.

Each step runs at the moment it happened: the demo sets `bundel.shared.clock` to that moment, so
submissions, decisions, notices, settlements and their audit events carry dates that agree with
the memberships' start, notice and last days. Dates are relative to the demo's `today`.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from enum import StrEnum

from django.core import mail
from django.db.models import Count
from django.test.utils import override_settings
from django.utils import timezone
from django.utils.text import slugify

from bundel.accounts.models import User
from bundel.demo.names import title_case
from bundel.membership import domain, policies, services
from bundel.membership.models import (
    Application,
    Commitment,
    ExitSettlement,
    FeeSchedule,
    InterestDeclaration,
    Membership,
    RepresentativeInvitation,
    ServiceAgreement,
)
from bundel.registry.models import Board
from bundel.shared import clock

# fmt: off
FIRST_NAMES = (
    "Anne", "Annemiek", "Arjen", "Astrid", "Bart", "Bas", "Carla", "Dirk", "Ellen", "Erik",
    "Esther", "Femke", "Floor", "Frank", "Gerda", "Gert-Jan", "Hanneke", "Hans", "Harm", "Ilse",
    "Inge", "Iris", "Jeroen", "Jolanda", "Joost", "Karin", "Koen", "Lars", "Linda", "Lotte",
    "Marieke", "Martijn", "Menno", "Mirjam", "Mohamed", "Monique", "Nicole", "Niels", "Petra",
    "Pieter", "Priya", "Renske", "Rik", "Rob", "Ruud", "Samira", "Sander", "Sanne", "Stefan",
    "Thijs", "Tom", "Vera", "Wendy", "Willem", "Wouter", "Youssef", "Yvonne", "Zeynep",
)
SURNAMES = (
    "Bakker", "Blom", "Bos", "Bouzid", "Brouwer", "de Boer", "de Bruijn", "de Graaf", "de Groot",
    "de Haan", "de Jong", "de Vries", "de Wit", "Dekker", "Dijkstra", "El Idrissi", "Hendriks",
    "Hoekstra", "Huisman", "Jacobs", "Jansen", "Janssen", "Kok", "Koster", "Kramer", "Kuipers",
    "Maas", "Meijer", "Mulder", "Öztürk", "Peters", "Postma", "Prins", "Schouten", "Smit", "Smits",
    "Timmermans", "van Beek", "van Dam", "van de Ven", "van den Berg", "van den Broek",
    "van den Heuvel", "van der Heijden", "van der Linden", "van der Meer", "van der Veen",
    "van der Wal", "van Dijk", "van Leeuwen", "van Vliet", "van Wijk", "Veenstra", "Verhoeven",
    "Vermeulen", "Visser", "Vos", "Willems", "Yilmaz",
)
SIGNER_AUTHORITIES = (
    "voorzitter college van bestuur", "lid college van bestuur", "directeur-bestuurder",
    "voorzitter van het bestuur", "bestuurder, gevolmachtigd volgens de statuten",
)
AREA_CODES = (
    "010", "013", "020", "023", "024", "026", "030", "033", "035", "036", "038", "040", "043",
    "050", "053", "055", "058", "070", "071", "073", "076", "079",
)
NAME_NOISE = {
    "stichting", "vereniging", "voor", "tot", "van", "de", "het", "en", "der", "den", "st",
}
# fmt: on

# The share of a chamber's boards that are members: large boards join more often (FEE-1 makes
# the cooperative relatively cheap for them), small ones less.
JOIN_SHARE = {"KLEIN": 0.07, "PO_GROOT": 0.25, "VO_GROOT": 0.40, "COMBINATIE": 0.45}
FOUNDERS_SHARE = 0.2  # joined in the first weeks after the founding
AGREEMENT_SHARE = 0.45  # of the active members take one or more services

# The demo representatives' boards join on these days (KLEIN, PO_GROOT, VO_GROOT, COMBINATIE).
DEMO_BOARD_APPROVALS = {
    "bestuur-po": date(2019, 4, 8),
    "bestuur-vo": date(2020, 2, 3),
    "bestuur-combinatie": date(2021, 5, 17),
    "bestuur-klein": date(2022, 9, 12),
}
DEMO_BOARD_SERVICES = {
    "bestuur-po": ("Externe connectiviteit", "Wifi", "FG as a service"),
    "bestuur-vo": ("Externe connectiviteit", "FG as a service"),
    "bestuur-combinatie": ("Wifi",),
    "bestuur-klein": ("FG as a service",),
}


@dataclass(frozen=True)
class DemoService:
    """A service members take (MEM-6); a long-term one has a commitment (MEM-5)."""

    name: str
    code: str
    since: date  # the first day the cooperative delivered it
    term_months: int = 0  # 0: no long-term commitment
    investment_per_student: Decimal = Decimal(0)
    investment_base: Decimal = Decimal(0)
    fee_per_student: Decimal = Decimal(0)
    fee_base: Decimal = Decimal(0)

    def investment(self, students: int) -> Decimal:
        return _euros(self.investment_base + self.investment_per_student * students)

    def yearly_fee(self, students: int) -> Decimal:
        return _euros(self.fee_base + self.fee_per_student * students)


SERVICES = (
    DemoService("FG as a service", "FG", date(2018, 9, 1)),
    DemoService(
        "Externe connectiviteit",
        "EC",
        date(2019, 8, 1),
        term_months=60,
        investment_base=Decimal(1500),
        investment_per_student=Decimal("3.20"),
        fee_base=Decimal(2400),
        fee_per_student=Decimal("1.15"),
    ),
    DemoService(
        "Wifi",
        "WIFI",
        date(2020, 8, 1),
        term_months=48,
        investment_per_student=Decimal("8.50"),
        fee_per_student=Decimal("2.40"),
    ),
)
SERVICE_BY_NAME = {service.name: service for service in SERVICES}


def _euros(amount: Decimal) -> Decimal:
    """Whole euros, as an offer states them."""
    return amount.quantize(Decimal(1)).quantize(Decimal("0.01"))


class StoryAccount(StrEnum):
    """The representatives of members on their way out, one per state of the exit settlement:
    sign in as one of them to see the member's side (same password as the other demo people)."""

    PROPOSED = "bestuur-opzegging"
    ACCEPTED = "bestuur-akkoord"
    DISPUTED = "bestuur-geschil"
    DECIDED = "bestuur-advies"


class MembersState(StrEnum):
    CREATED = "created"  # there was no membership data: the demo members were made
    PRESENT = "present"  # applications, members or interest exist: left as they are


@dataclass
class MembersResult:
    state: MembersState
    today: date
    mails: int = 0  # e-mails the services sent, kept back (set once the transaction commits)


@dataclass
class MembershipCounts:
    members: dict[str, int] = field(default_factory=dict)
    applications: dict[str, int] = field(default_factory=dict)
    settlements: dict[str, int] = field(default_factory=dict)
    interest: int = 0
    agreements: int = 0
    commitments: int = 0


def membership_counts() -> MembershipCounts:
    """How many of each: members by status, applications, exit settlements and the rest."""

    def by_status(model: type[Application | Membership | ExitSettlement]) -> dict[str, int]:
        found = dict(model.objects.values_list("status").annotate(n=Count("id")).order_by())
        return {status: found.get(status, 0) for status in model.Status.values}

    return MembershipCounts(
        members=by_status(Membership),
        applications=by_status(Application),
        settlements=by_status(ExitSettlement),
        interest=InterestDeclaration.objects.count(),
        agreements=ServiceAgreement.objects.count(),
        commitments=Commitment.objects.count(),
    )


def membership_data_exists() -> bool:
    return (
        Application.objects.exists()
        or Membership.objects.exists()
        or InterestDeclaration.objects.exists()
    )


def demo_members_reset() -> dict[str, int]:
    """Remove every membership record, the PROTECTed ones first; the story accounts go too."""
    User.objects.filter(username__in=list(StoryAccount)).delete()
    removed = {}
    for model in (
        ExitSettlement,
        Commitment,
        ServiceAgreement,
        RepresentativeInvitation,
        Membership,
        Application,
        InterestDeclaration,
        FeeSchedule,
    ):
        removed[model._meta.label] = model.objects.all().delete()[1].get(model._meta.label, 0)
    return removed


@dataclass
class MailCount:
    sent: int = 0


@contextmanager
def mail_kept_back() -> Iterator[MailCount]:
    """The membership services send a Dutch e-mail on every change, once the transaction
    commits. For the duration, send them to Django's in-memory (locmem) backend instead of the
    configured one (the console in development), count them, and drop them: the demo's
    hundreds of historical e-mails would only bury its output. Wrap it around the transaction."""
    count = MailCount()
    outbox: list[object] = getattr(mail, "outbox", [])
    before = len(outbox)
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        try:
            yield count
        finally:
            outbox = getattr(mail, "outbox", [])
            count.sent = max(len(outbox) - before, 0)
            del outbox[before:]


def demo_members_ensure(*, seed: int, today: date, password: str) -> MembersResult:
    """Make the demo members on the loaded register, unless there is membership data already
    (then nothing changes). Call it after the demo people exist, inside a transaction; the
    story accounts get `password`."""
    if membership_data_exists():
        return MembersResult(MembersState.PRESENT, today)
    _Replay(seed=seed, today=today, password=password).run()
    return MembersResult(MembersState.CREATED, today)


def demo_member_accounts() -> list[tuple[User, Membership | None]]:
    """The story accounts that exist, with the membership of their board."""
    users = {
        u.username: u
        for u in User.objects.filter(username__in=list(StoryAccount)).select_related("board")
    }
    found = []
    for account in StoryAccount:
        user = users.get(account.value)
        if user is not None and user.board_id is not None:
            membership = (
                Membership.objects.filter(board_id=user.board_id)
                .select_related("settlement")
                .order_by("-starts_on", "-id")
                .first()
            )
            found.append((user, membership))
    return found


# -- the replay -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Contact:
    first_name: str
    last_name: str  # with its tussenvoegsel: "van den Berg"

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def email(self, domain_name: str) -> str:
        return f"{_ascii(self.first_name[0])}.{_ascii(self.last_name)}@{domain_name}"


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if c.isascii() and c.isalnum()).lower()


def _mail_domain(board: Board) -> str:
    """An example domain after the board's name: "katholiek-onderwijs-drechtsteden.example"."""
    words = [w for w in slugify(board.name or board.short_name).split("-") if w not in NAME_NOISE]
    label = ""
    for word in words:
        if len(label) + len(word) + 1 > 40:
            break
        label = f"{label}-{word}" if label else word
    return f"{label or 'bestuur' + board.number}.example"


def _weekday(day: date) -> date:
    """The day itself, or the Friday before when it falls in a weekend."""
    return day - timedelta(days=max(day.weekday() - 4, 0))


class _Replay:
    def __init__(self, *, seed: int, today: date, password: str) -> None:
        self.password = password
        self.seed = seed
        self.rng = random.Random(f"{seed}/members")
        self.today = today
        self.year = today.year
        self.founded = policies.membership_policy().founding_date
        self.first_day = self.founded + timedelta(days=1)  # the first applications came in
        staff = {u.username: u for u in User.objects.filter(board__isnull=True)}
        self.admin = staff["beheer"]
        self.finance = staff.get("financien", self.admin)
        self.secretary = staff.get("secretaris", self.admin)
        self.references = 100
        self.slas: dict[str, int] = {}

    # -- the story of every member -----------------------------------------------------------

    def run(self) -> None:
        if not FeeSchedule.objects.exists():  # the bands of the founding year, as configured
            year = self.founded.year
            FeeSchedule.objects.create(
                year=year, bands=policies.bands_to_json(policies.fee_bands(year))
            )
        representatives = {
            u.username: u
            for u in User.objects.filter(
                username__in=list(DEMO_BOARD_APPROVALS), board__isnull=False
            )
        }
        taken = {u.board_id for u in representatives.values()}
        boards = [
            b
            for b in Board.objects.exclude(pk__in=taken).order_by("number")
            if b.total_students > 0 and b.group.upper() != "SWV" and not b.marked_as_swv
        ]
        stories = [
            self.settlement_proposed,
            self.settlement_accepted,
            self.settlement_disputed,
            self.settlement_decided,
            self.notice_by_cooperative,
            self.notice_by_letter,
            self.ended_after_notice,
            self.ended_by_cooperative,
            self.ended_on_new_years_eve,
            self.ended_and_back,
            self.rejected_then_pending,
            self.rejected_merger,
            self.pending,
            self.pending,
            self.pending,
            *[self.interested] * 5,
        ]
        # which boards: from the seed alone (the details also depend on the day)
        pick = random.Random(f"{self.seed}/members/boards")
        chosen = pick.sample(boards, min(len(stories), len(boards)))
        joining = [
            b for b in boards if b not in chosen and pick.random() < JOIN_SHARE.get(b.chamber, 0.1)
        ]
        for username in sorted(representatives):
            self.demo_board(username, representatives[username])
        for story, board in zip(stories, chosen, strict=False):
            story(board)
        for board in joining:
            self.active_member(board)

    def demo_board(self, username: str, user: User) -> None:
        """A demo representative's board: an active member, the account linked to its
        invitation (the account exists already, so the invitation is marked as used by it)."""
        assert user.board is not None
        contact = Contact(user.first_name, user.last_name)
        approved_on = max(DEMO_BOARD_APPROVALS[username], self.founded + timedelta(days=14))
        membership = self.join(
            user.board, approved_on=approved_on, contact=contact, email=user.email
        )
        RepresentativeInvitation.objects.filter(
            membership=membership, email=user.email, accepted_at__isnull=True
        ).update(accepted_at=self.moment(approved_on + timedelta(days=3)), user=user)
        for service in DEMO_BOARD_SERVICES[username]:
            self.agreement(membership, SERVICE_BY_NAME[service])

    def active_member(self, board: Board) -> None:
        if self.rng.random() < FOUNDERS_SHARE:
            approved_on = self.day_between(
                self.founded + timedelta(days=14), self.founded + timedelta(days=88)
            )
        else:
            approved_on = self.day_between(
                self.founded + timedelta(days=90), date(self.year - 1, 12, 20)
            )
        membership = self.join(board, approved_on=approved_on)
        if self.rng.random() < AGREEMENT_SHARE:
            for service in self.rng.sample(SERVICES, self.rng.randint(1, len(SERVICES))):
                self.agreement(membership, service)

    def settlement_proposed(self, board: Board) -> None:
        """Gave notice through the portal six weeks ago; staff have just proposed the
        settlement: the member can accept or dispute it now."""
        membership, _ = self.leaving_with_commitments(board, StoryAccount.PROPOSED, 45)
        self.propose(membership, self.days_ago(12))

    def settlement_accepted(self, board: Board) -> None:
        membership, user = self.leaving_with_commitments(board, StoryAccount.ACCEPTED, 160)
        wifi = membership.commitments.filter(service="Wifi").first()
        absorbs = _euros(wifi.investment * Decimal("0.3")) if wifi else Decimal("0.00")
        settlement = self.propose(
            membership,
            self.days_ago(130),
            successor_absorbs=absorbs,
            explanation=(
                "Berekend uit de verplichtingen voor externe connectiviteit en wifi. Het bestuur "
                "dat twee van de scholen overneemt, neemt ook de wifi-installatie op die locaties "
                "over; dat deel is als overname door een opvolger afgetrokken."
            ),
        )
        with self.at(self.days_ago(115)):
            services.settlement_accept(settlement=settlement, accepted_by=user or self.admin)

    def settlement_disputed(self, board: Board) -> None:
        membership, user = self.leaving_with_commitments(board, StoryAccount.DISPUTED, 210)
        settlement = self.propose(membership, self.days_ago(180))
        with self.at(self.days_ago(165)):
            services.settlement_dispute(
                settlement=settlement,
                disputed_by=user or self.admin,
                reason=(
                    "De wifi-installatie is pas twee jaar oud en wordt door de school die wij "
                    "overdragen gewoon verder gebruikt. Wij vinden dat de opvolger dat deel van de "
                    "investering moet overnemen en vragen de adviescommissie om een oordeel."
                ),
            )

    def settlement_decided(self, board: Board) -> None:
        membership, user = self.leaving_with_commitments(board, StoryAccount.DECIDED, 330)
        settlement = self.propose(membership, self.days_ago(300))
        with self.at(self.days_ago(285)):
            settlement = services.settlement_dispute(
                settlement=settlement,
                disputed_by=user or self.admin,
                reason=(
                    "Wij hebben opgezegd omdat de verbinding niet meer past bij onze nieuwe "
                    "huisvesting; de verwachte vergoedingen voor de resterende looptijd vinden "
                    "wij onredelijk hoog."
                ),
            )
        final = (settlement.total * Decimal("0.65") / 100).quantize(Decimal(1)) * 100
        with self.at(self.days_ago(60)):
            services.settlement_decide(
                settlement=settlement,
                opinion=(
                    "De adviescommissie acht de berekening van de niet terugverdiende investering "
                    "juist. De coöperatie kan de vrijkomende capaciteit voor een deel elders "
                    "inzetten; de commissie adviseert daarom de verwachte vergoedingen te matigen "
                    "en de afrekening vast te stellen op het hieronder genoemde bedrag."
                ),
                final_amount=final.quantize(Decimal("0.01")),
                recorded_by=self.secretary,
            )

    def notice_by_cooperative(self, board: Board) -> None:
        membership = self.join(board, approved_on=self.early_approval())
        self.agreement(membership, SERVICE_BY_NAME["FG as a service"])
        self.notice(
            membership,
            self.days_ago(50),
            domain.NoticeBy.COOPERATIVE,
            reason=(
                "Het bestuur voldoet niet langer aan de voorwaarden van het lidmaatschap: na de "
                "bestuurlijke fusie zijn alle scholen overgedragen aan een ander bevoegd gezag en "
                "heeft het bestuur zelf geen leerlingen meer (MEM-1)."
            ),
        )

    def notice_by_letter(self, board: Board) -> None:
        """Gave notice by letter; staff recorded it. No long-term commitments: no settlement."""
        membership = self.join(board, approved_on=self.early_approval())
        self.agreement(membership, SERVICE_BY_NAME["FG as a service"])
        self.notice(membership, self.days_ago(95), domain.NoticeBy.MEMBER)

    def ended_after_notice(self, board: Board) -> None:
        notice_on = self.day_between(date(self.year - 4, 5, 1), date(self.year - 4, 7, 31))
        self.ended(board, notice_on, domain.NoticeBy.MEMBER)

    def ended_by_cooperative(self, board: Board) -> None:
        notice_on = self.day_between(date(self.year - 3, 1, 15), date(self.year - 3, 3, 15))
        self.ended(
            board,
            notice_on,
            domain.NoticeBy.COOPERATIVE,
            reason=(
                "Het bestuur is opgegaan in een nieuwe stichting die zelf lid is geworden; het "
                "bestuur bestaat niet meer als bevoegd gezag en voldoet daarmee niet langer aan "
                "de voorwaarden van het lidmaatschap."
            ),
        )

    def ended_on_new_years_eve(self, board: Board) -> None:
        """Gave notice on the last day of a year: its last day was a year later (MEM-4)."""
        self.ended(board, date(self.year - 2, 12, 31), domain.NoticeBy.MEMBER)

    def ended_and_back(self, board: Board) -> None:
        """Left, and came back: an ended membership beside an active one."""
        notice_on = self.day_between(date(self.year - 5, 3, 1), date(self.year - 5, 4, 30))
        self.ended(board, notice_on, domain.NoticeBy.MEMBER)
        approved_on = self.day_between(date(self.year - 1, 9, 1), date(self.year - 1, 10, 31))
        membership = self.join(board, approved_on=approved_on)
        self.agreement(membership, SERVICE_BY_NAME["FG as a service"])

    def rejected_then_pending(self, board: Board) -> None:
        submitted_on = self.day_between(date(self.year - 1, 3, 1), date(self.year - 1, 4, 30))
        application = self.apply(board, submitted_on)
        self.reject(
            application,
            submitted_on + timedelta(days=16),
            "De aanvraag is ondertekend door iemand die volgens het KvK-register niet "
            "tekenbevoegd is voor het bestuur. Dien de aanvraag opnieuw in, ondertekend door "
            "een bestuurder; dan nemen wij haar direct in behandeling.",
        )
        self.apply(board, self.days_ago(9))

    def rejected_merger(self, board: Board) -> None:
        submitted_on = self.day_between(date(self.year - 2, 9, 1), date(self.year - 2, 10, 31))
        self.reject(
            self.apply(board, submitted_on),
            submitted_on + timedelta(days=21),
            "Het bestuur gaat per 1 januari op in een fusiestichting. Wij nemen graag de "
            "aanvraag van het nieuwe bestuur in behandeling, zodra het in het register staat.",
        )

    def pending(self, board: Board) -> None:
        self.apply(board, self.days_ago(self.rng.randint(2, 28)))

    def interested(self, board: Board) -> None:
        contact = self.contact()
        note = self.rng.choice(
            (
                "Wij willen graag meedoen met de volgende aanbesteding voor wifi.",
                "Interesse in FG as a service; eerst bespreken in het college van bestuur.",
                "Wij oriënteren ons op gezamenlijke inkoop van externe connectiviteit.",
                "Graag meer informatie over de kosten van het lidmaatschap voor ons bestuur.",
                "",
            )
        )
        with self.at(self.days_ago(self.rng.randint(20, 330))):
            services.interest_declare(
                board=board,
                contact_name=contact.name,
                contact_email=contact.email(_mail_domain(board)),
                note=note,
            )

    # -- the steps --------------------------------------------------------------------------

    def leaving_with_commitments(
        self, board: Board, account: StoryAccount, notice_days_ago: int
    ) -> tuple[Membership, User | None]:
        """A member with long-term commitments that gave notice `notice_days_ago` days ago
        through its representative's account."""
        approved_on = self.early_approval()
        membership = self.join(board, approved_on=approved_on)
        user = self.representative_joins(membership, account, approved_on + timedelta(days=4))
        self.agreement(membership, SERVICE_BY_NAME["FG as a service"])
        # contracts of recent years, whose committed terms run well past the last day
        self.agreement(
            membership,
            SERVICE_BY_NAME["Externe connectiviteit"],
            starts_on=date(self.year - 2, 8, 1),
        )
        self.agreement(membership, SERVICE_BY_NAME["Wifi"], starts_on=date(self.year - 1, 2, 1))
        self.notice(membership, self.days_ago(notice_days_ago), domain.NoticeBy.MEMBER, by=user)
        return membership, user

    def ended(
        self, board: Board, notice_on: date, by: domain.NoticeBy, reason: str = ""
    ) -> Membership:
        approved_on = self.day_between(
            self.founded + timedelta(days=14), notice_on - timedelta(days=400)
        )
        membership = self.join(board, approved_on=approved_on)
        self.agreement(membership, SERVICE_BY_NAME["FG as a service"])
        membership = self.notice(membership, notice_on, by, reason=reason)
        assert membership.last_day is not None
        ends_on = membership.last_day + timedelta(days=1)
        # the daily job (`bundel membership end-due`) ends it the morning after its last day
        with self.at(ends_on, hour=6):
            services.membership_end_due(on=ends_on)
        return membership

    def join(
        self,
        board: Board,
        *,
        approved_on: date,
        contact: Contact | None = None,
        email: str = "",
    ) -> Membership:
        earliest = approved_on - timedelta(days=35)
        submitted_on = max(
            self.day_between(earliest, approved_on - timedelta(days=6)), self.first_day
        )
        application = self.apply(board, submitted_on, contact=contact, email=email)
        with self.at(approved_on):
            return services.application_approve(
                application=application, approved_by=self.admin, on=approved_on
            )

    def apply(
        self, board: Board, on: date, *, contact: Contact | None = None, email: str = ""
    ) -> Application:
        contact = contact or self.contact()
        with self.at(on):
            return services.application_submit(
                board=board, data=self.application_data(board, on, contact, email), on=on
            )

    def reject(self, application: Application, on: date, reason: str) -> None:
        with self.at(_weekday(on)):
            services.application_reject(
                application=application, rejected_by=self.admin, reason=reason
            )

    def representative_joins(
        self, membership: Membership, account: StoryAccount, on: date
    ) -> User | None:
        """The contact accepts the invitation of the approval (ACC-1) as a story account."""
        existing = User.objects.filter(username=account.value).first()
        if existing is not None:  # left from an earlier demo: act through it if it fits
            return existing if existing.board_id == membership.board_id else None
        invitation = membership.invitations.order_by("invited_at").first()
        if invitation is None:
            return None
        with self.at(_weekday(on)):
            return services.invitation_accept(
                token=invitation.token, username=account.value, password=self.password
            )

    def notice(
        self,
        membership: Membership,
        on: date,
        notice_by: domain.NoticeBy,
        *,
        by: User | None = None,
        reason: str = "",
    ) -> Membership:
        with self.at(on):
            membership = services.membership_give_notice(
                membership=membership, by=notice_by, given_by=by or self.admin, on=on, reason=reason
            )
        # an agreement runs as long as the membership does (no service for it yet)
        ServiceAgreement.objects.filter(membership=membership, ends_on__isnull=True).update(
            ends_on=membership.last_day
        )
        return membership

    def propose(
        self,
        membership: Membership,
        on: date,
        *,
        successor_absorbs: Decimal = Decimal("0.00"),
        explanation: str = "",
    ) -> ExitSettlement:
        with self.at(on):
            return services.settlement_propose(
                membership=membership,
                proposed_by=self.finance,
                successor_absorbs=successor_absorbs,
                explanation=explanation
                or (
                    "Berekend uit de verplichtingen voor externe connectiviteit en wifi: het niet "
                    "terugverdiende deel van de investeringen en de verwachte vergoedingen voor de "
                    "resterende looptijd na de laatste dag van het lidmaatschap."
                ),
            )

    def agreement(
        self, membership: Membership, service: DemoService, *, starts_on: date | None = None
    ) -> None:
        """MEM-6: the service agreement beside the membership, made directly (there is no
        service for it yet), and for a long-term service the commitment staff enter (MEM-5)."""
        starts_on = starts_on or self.service_start(service, membership.starts_on)
        if starts_on >= self.today or (membership.last_day and starts_on > membership.last_day):
            return
        number = self.slas[service.code] = self.slas.get(service.code, 0) + 1
        ServiceAgreement.objects.create(
            membership=membership,
            service=service.name,
            sla_reference=f"SLA-{service.code}-{starts_on.year}-{number:03d}",
            starts_on=starts_on,
        )
        if service.term_months:
            # the term that runs now: a contract whose term has passed was renewed
            term_starts = starts_on
            while domain.add_months(term_starts, service.term_months) <= self.today:
                term_starts = domain.add_months(term_starts, service.term_months)
            students = membership.board.total_students
            with self.at(_weekday(term_starts)):
                services.commitment_add(
                    membership=membership,
                    service=service.name,
                    starts_on=term_starts,
                    term_months=service.term_months,
                    investment=service.investment(students),
                    yearly_fee=service.yearly_fee(students),
                    added_by=self.finance,
                )

    # -- the details ------------------------------------------------------------------------

    def application_data(
        self, board: Board, on: date, contact: Contact, email: str = ""
    ) -> services.ApplicationData:
        rng = self.rng
        mail_domain = _mail_domain(board)
        kvk = board.kvk_number if len(board.kvk_number) == 8 else str(rng.randrange(10**7, 10**8))
        signer = contact if rng.random() < 0.4 else self.contact()
        city = title_case(board.city) if board.city else "Utrecht"
        street = f"{board.street} {board.house_number}".strip() or f"Postbus {rng.randint(1, 999)}"
        self.references += rng.randint(1, 9)
        reference = rng.choice(
            (
                f"PO-{on.year}-{self.references:03d}",
                f"INK{on.year % 100:02d}-{self.references:04d}",
                f"ICT/{on.year}/{self.references:03d}",
                f"Kostenplaats {rng.randint(40, 49)}{rng.randint(10, 99)} ICT",
            )
        )
        return services.ApplicationData(
            contact_name=contact.name,
            contact_email=email or contact.email(mail_domain),
            contact_phone=f"{rng.choice(AREA_CODES)}-{rng.randint(2000000, 7999999)}",
            signer_name=signer.name,
            signer_authority=rng.choice(SIGNER_AUTHORITIES),
            invoice_address=(
                f"{board.display_name}\nt.a.v. crediteurenadministratie\n{street}\n"
                f"{board.postcode} {city}".replace("\n ", "\n")
            ),
            invoice_email=rng.choice(("facturen", "crediteuren", "administratie"))
            + f"@{mail_domain}",
            buyer_reference=reference,
            terms_accepted=True,
            kvk_number=kvk,
            oin=f"00000003{kvk}0000" if rng.random() < 0.15 else "",
            vat_number=f"NL{rng.randrange(10**8, 10**9)}B01" if rng.random() < 0.2 else "",
            peppol_id=f"0106:{kvk}" if rng.random() < 0.4 else "",
        )

    def contact(self) -> Contact:
        return Contact(self.rng.choice(FIRST_NAMES), self.rng.choice(SURNAMES))

    def service_start(self, service: DemoService, member_since: date) -> date:
        start = max(member_since, service.since) + timedelta(days=self.rng.randint(30, 240))
        return start.replace(day=1)  # a contract starts on the first of a month

    def early_approval(self) -> date:
        """Joined early enough to have taken services for some years."""
        return self.day_between(
            self.founded + timedelta(days=14), self.founded + timedelta(days=900)
        )

    def days_ago(self, days: int) -> date:
        return _weekday(self.today - timedelta(days=days))

    def day_between(self, first: date, last: date) -> date:
        """A working day from `first` through `last` (or `first` when that is not later)."""
        span = max((last - first).days, 0)
        day = first + timedelta(days=self.rng.randint(0, span))
        return max(_weekday(day), first)

    def moment(self, day: date, *, hour: int | None = None) -> datetime:
        if hour is None:
            hour = self.rng.randint(8, 16)
        when = datetime.combine(day, time(hour, self.rng.randint(0, 59)))
        return timezone.make_aware(when)

    @contextmanager
    def at(self, day: date, *, hour: int | None = None) -> Iterator[None]:
        """Run a service as if it were `day` at office hours: the services and the audit trail
        read the time from bundel.shared.clock only."""
        moment = self.moment(day, hour=hour)
        with clock.override(moment):
            yield
