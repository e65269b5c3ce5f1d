"""The demo's governance (GOV-1 … GOV-10) on the demo members, made through the governance
services only, each step at the moment it happened (bundel.shared.clock.override), so that the
audit trail tells the council's history as it went.

What it makes, dated relative to the demo's `today` (the last member day, *ledendag*, some five
months before it; every earlier member day on the same date of its year):
- the members' council: most of its seats held by member boards of the seat's chamber, each with
  a named representative; terms from the member days of the past six years, some boards on their
  second consecutive term (GOV-3: they may not stand again), two seats given up early, and so
  vacancies in VO Groot and Klein;
- the election of the last member day: candidates (some standing for their second term), votes
  cast in the voting window by the representatives of member boards, results per chamber; in
  Combinatie two candidates tied for the last seat and the secretary resolved it (GOV-4);
- an interim election for today's vacancies, open now, with candidates and a few votes; the demo
  representatives of VO Groot and Klein have not voted yet;
- a council meeting two months ago: agenda, attendance, two proxies (one held by the demo
  representative of PO Groot) and five motions: one passed, three failed for each reason GOV-5
  allows (too few chambers in favour, not more than half of the votes cast, both), and one passed
  with abstentions; votes cast by the seat holders in the portal or recorded as a show of hands;
  decisions and minutes published; the advice the executive board asked for, with its response;
- an upcoming meeting with an agenda, a proxy and a motion in preparation, and unasked advice
  awaiting the executive board's response;
- the executive board (5 persons, one earlier member whose term ended), the supervisory board at
  the size the council set (3, then 4 by the passed motion; one supervisor works for a supplier to
  members, which is allowed) and the advisory committee for exit disputes (3).

Member boards vote through their representatives' accounts: the demo representatives, the story
accounts, and for other members an account made by accepting the invitation of their approval
(user name `bestuur-<board number>`, the demo password).
"""

from __future__ import annotations

import itertools
import random
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher, get_hasher
from django.test.utils import override_settings
from django.utils import timezone

from bundel.accounts.models import User
from bundel.demo.members import FIRST_NAMES, SURNAMES
from bundel.governance import domain, policies, selectors, services
from bundel.governance.domain import Organ, Vote
from bundel.governance.models import (
    Advice,
    AgendaItem,
    Attendance,
    Ballot,
    Candidate,
    Election,
    ElectionVoter,
    Meeting,
    Motion,
    MotionVote,
    OfficeHolder,
    Proxy,
    Seat,
    SeatTerm,
    SupervisorySize,
)
from bundel.membership import services as membership_services
from bundel.membership.models import Membership
from bundel.registry.domain import CHAMBER_LABELS, Chamber
from bundel.registry.models import Board
from bundel.shared import clock

MEMBER_DAY_DAYS_AGO = 160  # the last member day
PAST_MEETING_DAYS_AGO = 56
NEXT_MEETING_IN_DAYS = 17
NEXT_MEMBER_DAY_IN_DAYS = 24  # the member day of the interim election, open now
ACCOUNT_PREFIX = "bestuur-"  # + board number: the accounts made for members that vote
SUPPLIER = "Glasvezel Onderwijsnet B.V."  # a supervisor's employer: it supplies members
MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
    "oktober", "november", "december",
)  # fmt: skip

# The demo representatives (bundel.demo.services.DEMO_PEOPLE) and their parts.
DEMO_PO, DEMO_VO, DEMO_COMBINATIE, DEMO_KLEIN = (
    "bestuur-po",
    "bestuur-vo",
    "bestuur-combinatie",
    "bestuur-klein",
)
NOT_VOTED_YET = (DEMO_VO, DEMO_KLEIN)  # in the interim election that is open now


@dataclass(frozen=True)
class SeatPlan:
    """How a seat came to be held: a full term from the member day `since` years before the last
    one and, with `again`, a second consecutive term from the member day `again` years before it.
    `ends_after`: the board gave up the seat that many days after the last member day. A term
    from 4 years before ended the day before the last member day: its seat was up for election."""

    since: int
    again: int | None = None
    ends_after: int | None = None
    demo: str = ""  # the demo representative whose board holds the seat


SECOND_SINCE_2 = SeatPlan(6, again=2)
SECOND_SINCE_1 = SeatPlan(5, again=1)
FIRST_SINCE_3 = SeatPlan(3)
FIRST_SINCE_2 = SeatPlan(2)
UP_FOR_ELECTION = SeatPlan(4)

SEAT_PLANS: dict[Chamber, tuple[SeatPlan, ...]] = {
    Chamber.PO_GROOT: (
        SeatPlan(6, again=2, demo=DEMO_PO),
        SECOND_SINCE_2,
        SECOND_SINCE_1,
        SECOND_SINCE_1,
        FIRST_SINCE_3,
        FIRST_SINCE_3,
        FIRST_SINCE_2,
        FIRST_SINCE_2,
        UP_FOR_ELECTION,
        UP_FOR_ELECTION,
    ),
    Chamber.VO_GROOT: (
        SECOND_SINCE_2,
        SECOND_SINCE_1,
        FIRST_SINCE_3,
        SeatPlan(3, ends_after=30),
        FIRST_SINCE_3,
        FIRST_SINCE_2,
        FIRST_SINCE_2,
        UP_FOR_ELECTION,
        UP_FOR_ELECTION,
        UP_FOR_ELECTION,
    ),
    Chamber.COMBINATIE: (
        SECOND_SINCE_2,
        SECOND_SINCE_1,
        SeatPlan(3, demo=DEMO_COMBINATIE),
        FIRST_SINCE_3,
        FIRST_SINCE_2,
        FIRST_SINCE_2,
        UP_FOR_ELECTION,
        UP_FOR_ELECTION,
    ),
    Chamber.KLEIN: (
        SECOND_SINCE_1,
        FIRST_SINCE_3,
        SeatPlan(3, ends_after=45),
        UP_FOR_ELECTION,
        UP_FOR_ELECTION,
        UP_FOR_ELECTION,
    ),
}


@dataclass(frozen=True)
class Standing:
    """A candidate at the last member day and the votes it gets; `again`: a board whose term
    ended the day before, standing for its second."""

    votes: int
    again: bool = False
    demo: str = ""


ELECTION_PLANS: dict[Chamber, tuple[Standing, ...]] = {
    Chamber.PO_GROOT: (Standing(3, again=True), Standing(2), Standing(1)),
    Chamber.VO_GROOT: (
        Standing(3, demo=DEMO_VO),
        Standing(2, again=True),
        Standing(2),
        Standing(1),
    ),
    Chamber.COMBINATIE: (Standing(3), Standing(2), Standing(2, again=True)),  # a tie: 2 seats
    Chamber.KLEIN: (Standing(3), Standing(1)),  # fewer candidates than its 3 vacancies
}


class Reason(StrEnum):
    """GOV-5: why a motion passed or failed."""

    PASSED = "passed"
    TOO_FEW_CHAMBERS = "too_few_chambers"  # more than half of the votes, fewer than 3 chambers
    TOO_FEW_VOTES = "too_few_votes"  # 3 or more chambers, not more than half of the votes
    BOTH = "both"  # neither test

    @classmethod
    def of(cls, outcome: domain.MotionOutcome) -> Reason:
        if outcome.passed:
            return cls.PASSED
        if outcome.majority_of_votes:
            return cls.TOO_FEW_CHAMBERS
        if outcome.chambers_in_favour >= outcome.chambers_needed:
            return cls.TOO_FEW_VOTES
        return cls.BOTH


@dataclass(frozen=True)
class MotionPlan:
    """A motion of the past meeting: the share in favour in each chamber (PO Groot, VO Groot,
    Combinatie, Klein) of the votes cast, and of all its voters the share that abstains. The
    votes closest to these shares that give `reason` are cast."""

    agenda: str
    title: str
    text: str
    reason: Reason
    favour: tuple[float, float, float, float]
    abstain: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    supervisors: int | None = None  # passed, it sets the size of the supervisory board


def _motion_plans(year: int) -> tuple[MotionPlan, ...]:
    return (
        MotionPlan(
            "Omvang van de raad van commissarissen",
            "Raad van commissarissen naar vier leden",
            "De ledenraad stelt het aantal commissarissen vast op vier, zodat de raad van "
            "commissarissen ook deskundigheid op het gebied van informatiebeveiliging opneemt. "
            "De selectiecommissie draagt binnen zes weken een kandidaat voor.",
            Reason.PASSED,
            favour=(0.8, 0.75, 0.7, 0.25),
            supervisors=4,
        ),
        MotionPlan(
            "Aanbesteding devices",
            "Gezamenlijke aanbesteding laptops met afnameverplichting",
            "Het bestuur start een Europese aanbesteding voor laptops voor leerlingen en "
            "medewerkers. Deelnemende leden verplichten zich vooraf tot afname van ten minste "
            "80 procent van hun jaarlijkse behoefte gedurende de looptijd van vier jaar.",
            Reason.TOO_FEW_CHAMBERS,
            favour=(0.9, 0.9, 0.3, 0.2),
        ),
        MotionPlan(
            "Contributie",
            "Contributiekorting voor de kamer Klein",
            f"De contributie van leden in de kamer Klein wordt per 1 januari {year + 1} met 15 "
            "procent verlaagd. Het verschil wordt de eerste twee jaar gedekt uit de algemene "
            "reserve.",
            Reason.TOO_FEW_VOTES,
            favour=(0.15, 0.6, 0.6, 0.75),
        ),
        MotionPlan(
            "Huisvesting van de dienstverlening",
            "Eigen datacenter voor de coöperatie",
            "Het bestuur laat een eigen datacenter voor de coöperatie ontwerpen en bouwen, met een "
            "investering van ten hoogste 2,4 miljoen euro, in plaats van de huidige afname van "
            "rekencapaciteit bij marktpartijen.",
            Reason.BOTH,
            favour=(0.3, 0.3, 0.4, 0.5),
        ),
        MotionPlan(
            "Meerjarenbeleidsplan",
            f"Meerjarenbeleidsplan {year + 1}-{year + 4}",
            f"De ledenraad stemt in met het meerjarenbeleidsplan {year + 1}-{year + 4}, met als "
            "speerpunten de vernieuwing van de netwerkdiensten, een gezamenlijke aanpak van "
            "informatiebeveiliging en privacy, en een lagere drempel voor kleine besturen.",
            Reason.PASSED,
            favour=(0.7, 0.7, 0.5, 1.0),
            abstain=(0.3, 0.3, 0.4, 0.75),
        ),
    )


class GovernanceState(StrEnum):
    CREATED = "created"  # there was no governance data: the demo's was made
    PRESENT = "present"  # the database holds governance data: left as it is
    SKIPPED = "skipped"  # no member boards or no staff account to act: nothing made


@dataclass
class GovernanceResult:
    state: GovernanceState
    today: date
    accounts: list[str] = field(default_factory=list)  # representative accounts made to vote


def governance_data_exists() -> bool:
    return any(
        model.objects.exists()
        for model in (SeatTerm, Election, Meeting, OfficeHolder, Advice, SupervisorySize)
    )


def demo_governance_ensure(*, seed: int, today: date, password: str) -> GovernanceResult:
    """Make the demo's governance on the demo members, unless there is governance data already
    (then nothing changes). Call it after the demo members exist, inside a transaction; the
    representative accounts it makes get `password`."""
    if governance_data_exists():
        return GovernanceResult(GovernanceState.PRESENT, today)
    builder = _Governance(seed=seed, today=today, password=password)
    if not builder.ready():
        return GovernanceResult(GovernanceState.SKIPPED, today)
    builder.run()
    return GovernanceResult(GovernanceState.CREATED, today, builder.accounts_made)


def demo_accounts() -> list[User]:
    """The representative accounts the demo made for members to vote: `bestuur-<number>`."""
    users = User.objects.filter(username__startswith=ACCOUNT_PREFIX, board__isnull=False)
    return [
        u
        for u in users.select_related("board").order_by("username")
        if u.board is not None and u.username == f"{ACCOUNT_PREFIX}{u.board.number}"
    ]


def demo_governance_reset() -> dict[str, int]:
    """Remove all governance data but the seats (the register goes next), and the accounts made
    for voting. For `bundel demo --reset`, inside its transaction."""
    removed = {}
    for model in (
        MotionVote,
        Proxy,
        Attendance,
        Advice,
        SupervisorySize,
        Motion,
        AgendaItem,
        Meeting,
        Ballot,
        ElectionVoter,
        SeatTerm,
        Candidate,
        Election,
        OfficeHolder,
    ):
        removed[model._meta.label] = model.objects.all().delete()[1].get(model._meta.label, 0)
    accounts = [u.pk for u in demo_accounts()]
    removed["accounts.User"] = (
        User.objects.filter(pk__in=accounts).delete()[1].get(User._meta.label, 0)
    )
    return removed


def report_lines(result: GovernanceResult | None) -> list[str]:
    """What `bundel demo` prints about governance: the same lines on every run, but the first."""
    if result is None:
        return []
    if result.state is GovernanceState.CREATED:
        lines = [
            "Governance: made through the governance services, dated relative to "
            f"{result.today.isoformat()}."
        ]
    elif result.state is GovernanceState.PRESENT:
        lines = ["Governance: the database holds governance data already; nothing changed."]
    else:
        return ["Governance: no member boards or no staff account to act; nothing made."]
    day = clock.today()
    council = selectors.council_on(day)
    held = [view.term for view in council.seats if view.term is not None]
    vacancies = ", ".join(f"{CHAMBER_LABELS[c]} {n}" for c, n in council.vacancies.items())
    second = sum(1 for term in held if term.consecutive > 1)
    lines.append(
        f"  council: {len(held)} of {len(council.seats)} seats held ({second} on a second "
        f"consecutive term); vacancies: {vacancies}"
    )
    elections = Counter(Election.objects.values_list("status", flat=True))
    motions = Counter(
        "in preparation" if status != Motion.Status.CLOSED else ("passed" if passed else "failed")
        for status, passed in Motion.objects.values_list("status", "passed")
    )
    lines.append(
        "  elections: "
        + ", ".join(f"{n} {status}" for status, n in sorted(elections.items()))
        + f"; meetings: {Meeting.objects.count()} "
        f"({selectors.meetings_with_published_minutes().count()} with published minutes); "
        "motions: " + ", ".join(f"{n} {kind}" for kind, n in sorted(motions.items()))
    )
    organs = {view.organ: view for view in selectors.organs_on(day)}
    size = selectors.supervisory_size()
    awaiting = Advice.objects.filter(responded_on__isnull=True).count()
    lines.append(
        f"  executive board {len(organs[Organ.EXECUTIVE_BOARD].holders)}, supervisory board "
        f"{len(organs[Organ.SUPERVISORY_BOARD].holders)} (the council set "
        f"{size.size if size else '-'}), advisory committee "
        f"{len(organs[Organ.EXIT_COMMITTEE].holders)}; advice: {Advice.objects.count()} "
        f"({awaiting} awaiting the executive board's response)"
    )
    accounts = demo_accounts()
    if accounts:
        lines.append(
            f"  {len(accounts)} more member representatives sign in as "
            f"{ACCOUNT_PREFIX}<board number>, e.g. {accounts[0].username}"
        )
    return lines


class DemoPasswordHasher(PBKDF2PasswordHasher):
    """PBKDF2 with fewer iterations, for the accounts the demo makes for voting: their password
    is published anyway, and at a million iterations each they would double the demo's time.
    The configured hasher verifies such a hash (it records its iterations) and strengthens it at
    the first sign-in (`must_update`)."""

    iterations = 10_000


@contextmanager
def quick_password_hashing() -> Iterator[None]:
    """Hash new passwords with DemoPasswordHasher while the configured hasher is PBKDF2."""
    if type(get_hasher()) is not PBKDF2PasswordHasher:  # another hasher (the tests' MD5)
        yield
        return
    hashers = [f"{__name__}.{DemoPasswordHasher.__name__}", *settings.PASSWORD_HASHERS]
    with override_settings(PASSWORD_HASHERS=hashers):
        yield


# -- the history ----------------------------------------------------------------------------------


def _weekday(day: date) -> date:
    """The day itself, or the Friday before when it falls in a weekend."""
    return day - timedelta(days=max(day.weekday() - 4, 0))


def _midweek(day: date) -> date:
    """The Wednesday of the day's week: the council meets midweek."""
    return day + timedelta(days=2 - day.weekday())


def _dutch_date(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _dutch_outcome(tally: Mapping[str, Any]) -> str:
    """GOV-5's tally in a sentence of the minutes."""
    votes = f"{tally['votes_for']} van de {tally['votes_cast']} uitgebrachte stemmen voor"
    needed = tally["chambers_needed"]
    chambers = f"een meerderheid in {tally['chambers_in_favour']} van de {len(Chamber)} kamers"
    if tally["passed"]:
        text = f"aangenomen: {votes} en {chambers}"
    elif tally["majority_of_votes"]:
        text = f"verworpen: wel {votes}, maar slechts {chambers} ({needed} nodig)"
    elif tally["chambers_in_favour"] >= needed:
        text = f"verworpen: wel {chambers}, maar niet meer dan de helft van de stemmen ({votes})"
    else:
        text = f"verworpen: {votes} en {chambers} ({needed} nodig)"
    if tally["abstentions"]:
        text += (
            f"; {tally['abstentions']} zetels onthielden zich, wat niet als uitgebrachte stem telt"
        )
    return text + "."


class _Governance:
    def __init__(self, *, seed: int, today: date, password: str) -> None:
        self.rng = random.Random(f"{seed}/governance")
        self.today = today
        self.password = password
        self.policy = policies.governance_policy()
        self.member_day = _midweek(today - timedelta(days=MEMBER_DAY_DAYS_AGO))
        staff = {
            u.username: u
            for u in User.objects.filter(
                board__isnull=True, username__in=["secretaris", "beheer"], is_active=True
            )
        }
        self.secretary: User | None = staff.get("secretaris") or staff.get("beheer")
        self.accounts: dict[int, User] = {}  # board → the account that acts for it
        representatives = User.objects.filter(board__isnull=False, is_active=True)
        for user in representatives.select_related("board").order_by("username"):
            assert user.board_id is not None
            self.accounts.setdefault(user.board_id, user)
        self.demo_boards: dict[str, int] = {
            u.username: u.board_id
            for u in representatives.filter(
                username__in=[DEMO_PO, DEMO_VO, DEMO_COMBINATIE, DEMO_KLEIN]
            )
            if u.board_id is not None
        }
        self.demo_unplaced = dict(self.demo_boards)  # the demo boards that wait for their part
        self.members: dict[str, list[Membership]] = {c.value: [] for c in Chamber}
        for membership in (
            Membership.objects.filter(status=Membership.Status.ACTIVE)
            .select_related("board", "application")
            .order_by("board__number")
        ):
            if membership.board.chamber in self.members:
                self.members[membership.board.chamber].append(membership)
        self.membership_of = {m.board_id: m for ms in self.members.values() for m in ms}
        # boards that hold, held or stand for a seat; the demo boards wait for their part
        self.used: set[int] = set(self.demo_boards.values())
        self.accounts_made: list[str] = []
        self.names_taken: set[str] = set()

    def ready(self) -> bool:
        return self.secretary is not None and any(self.members.values())

    def run(self) -> None:
        self.organs()
        self.council()
        self.last_election()
        self.seats_given_up()
        self.past_meeting()
        self.advice_unasked()
        self.interim_election()
        self.next_meeting()

    # -- days and moments -----------------------------------------------------------------------

    def member_day_of(self, years_before: int) -> date:
        """The member day `years_before` years before the last one: the same date."""
        return domain.add_years(self.member_day, -years_before)

    def days_ago(self, days: int) -> date:
        return _weekday(self.today - timedelta(days=days))

    def moment(self, day: date, hour: int | None = None, minute: int | None = None) -> datetime:
        hour = self.rng.randint(9, 16) if hour is None else hour
        minute = self.rng.randint(0, 59) if minute is None else minute
        return timezone.make_aware(datetime.combine(day, time(hour, minute)))

    @contextmanager
    def at(self, day: date, hour: int | None = None, minute: int | None = None) -> Iterator[None]:
        with clock.override(self.moment(day, hour, minute)):
            yield

    # -- people and boards ----------------------------------------------------------------------

    def person(self) -> str:
        while True:
            name = f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(SURNAMES)}"
            if name not in self.names_taken:
                self.names_taken.add(name)
                return name

    def pick(self, chamber: Chamber, *, member_since: date, demo: str = "") -> Membership | None:
        """A member board of the chamber, a member on `member_since`, not used before: the demo
        representative's board if it is named and fits, otherwise one drawn from the seed."""
        board_id = self.demo_unplaced.get(demo)
        if board_id is not None:
            membership = self.membership_of.get(board_id)
            if (
                membership is not None
                and membership.board.chamber == chamber.value
                and membership.starts_on <= member_since
            ):
                del self.demo_unplaced[demo]
                return membership
        pool = [
            m
            for m in self.members[chamber.value]
            if m.board_id not in self.used and m.starts_on <= member_since
        ]
        if not pool:
            return None
        membership = self.rng.choice(pool)
        self.used.add(membership.board_id)
        return membership

    def representative_name(self, board: Board) -> str:
        user = self.accounts.get(board.pk)
        if user is not None and user.get_full_name():
            return user.get_full_name()
        membership = self.membership_of.get(board.pk)
        if membership is not None and membership.application is not None:
            return membership.application.contact_name
        return self.person()

    def account(self, board: Board) -> User | None:
        """The account that acts for the board: an existing one, or the one its contact made by
        accepting the invitation of the approval (ACC-1), three days after it."""
        if board.pk in self.accounts:
            return self.accounts[board.pk]
        membership = self.membership_of.get(board.pk)
        if membership is None:
            return None
        invitation = (
            membership.invitations.filter(accepted_at__isnull=True).order_by("invited_at").first()
        )
        username = f"{ACCOUNT_PREFIX}{board.number}"
        if invitation is None or User.objects.filter(username=username).exists():
            return None
        invited = timezone.localdate(invitation.invited_at)
        on = max(_weekday(invited + timedelta(days=3)), invited)
        with self.at(on), quick_password_hashing():
            user = membership_services.invitation_accept(
                token=invitation.token, username=username, password=self.password
            )
        self.accounts[board.pk] = user
        self.accounts_made.append(username)
        return user

    # -- GOV-1, GOV-8, GOV-9: the organs --------------------------------------------------------

    def appoint(
        self,
        organ: Organ,
        role: str,
        starts_on: date,
        *,
        employer: str = "",
        employer_board: Board | None = None,
    ) -> None:
        with self.at(starts_on, 10):
            services.office_holder_appoint(
                data=services.AppointmentData(
                    organ=organ,
                    name=self.person(),
                    role=role,
                    employer_name=employer
                    or (employer_board.display_name if employer_board else ""),
                    employer_board=employer_board,
                    starts_on=starts_on,
                ),
                by=self.secretary,
            )

    def organs(self) -> None:
        # GOV-8: directors of member boards (the large chambers: the boards that hold seats are
        # others), terms of 4 years; one term ended last year
        boards = [
            m.board
            for chamber in (Chamber.PO_GROOT, Chamber.KLEIN)
            for m in self.members[chamber.value]
            if m.board_id not in self.used
        ]
        employers = self.rng.sample(boards, min(6, len(boards)))
        self.used.update(board.pk for board in employers)
        executive = (
            (5, "lid"),
            (3, "voorzitter"),
            (3, "penningmeester"),
            (2, "secretaris"),
            (1, "lid"),
            (0, "vicevoorzitter"),
        )
        for (years_before, role), board in zip(executive, employers, strict=False):
            self.appoint(
                Organ.EXECUTIVE_BOARD, role, self.member_day_of(years_before), employer_board=board
            )
        # GOV-9: the council set the number at 3 four years ago; supervisors are independent:
        # one works for a supplier of the members, one for a board that is not a member
        with self.at(self.member_day_of(4), 15):
            services.supervisory_size_set(
                size=3, decided_on=self.member_day_of(4), by=self.secretary
            )
        outsider = (
            Board.objects.filter(memberships__isnull=True, applications__isnull=True)
            .exclude(name="")
            .order_by("-po_students", "number")
            .first()
        )
        supervisors: tuple[tuple[int, str, str, Board | None], ...] = (
            (3, "voorzitter", "Hogeschool Midden-Nederland", None),
            (2, "lid", SUPPLIER, None),
            (1, "lid", "" if outsider else "Provincie Utrecht", outsider),
        )
        for years_before, role, employer, employer_board in supervisors:
            self.appoint(
                Organ.SUPERVISORY_BOARD,
                role,
                self.member_day_of(years_before),
                employer=employer,
                employer_board=employer_board,
            )
        # GOV-1: the advisory committee for exit disputes
        for role, employer in (
            ("voorzitter", "Van Wijk Hoekstra Advocaten"),
            ("lid", "Stichting Onderwijsgeschillen Advies"),
            ("lid", "Zelfstandig registeraccountant"),
        ):
            self.appoint(Organ.EXIT_COMMITTEE, role, self.member_day_of(2), employer=employer)

    # -- GOV-2, GOV-3: the council --------------------------------------------------------------

    def seat_appoint(self, seat: Seat, board: Board, starts_on: date) -> SeatTerm:
        with self.at(starts_on, 16):
            return services.seat_appoint(
                seat=seat,
                board=board,
                representative_name=self.representative_name(board),
                starts_on=starts_on,
                by=self.secretary,
            )

    def council(self) -> None:
        """The seats as the member days of the past six years filled them, oldest terms first
        (the boards on their second term were members before their first)."""
        self.given_up: list[tuple[SeatTerm, date]] = []
        self.expired: dict[Chamber, list[Board]] = {c: [] for c in Chamber}
        seats = {(s.chamber, s.number): s for s in Seat.objects.all()}
        plans = [
            (chamber, number, plan)
            for chamber, chamber_plans in SEAT_PLANS.items()
            for number, plan in enumerate(chamber_plans, start=1)
            if (chamber.value, number) in seats
        ]
        plans.sort(key=lambda item: -item[2].since)
        for chamber, number, plan in plans:
            first = self.member_day_of(plan.since)
            membership = self.pick(chamber, member_since=first, demo=plan.demo)
            if membership is None:
                continue
            seat = seats[(chamber.value, number)]
            term = self.seat_appoint(seat, membership.board, first)
            if plan.again is not None:
                term = self.seat_appoint(seat, membership.board, term.ends_on + timedelta(days=1))
            if plan.ends_after is not None:
                self.given_up.append((term, self.member_day + timedelta(days=plan.ends_after)))
            if term.ends_on < self.member_day:
                self.expired[chamber].append(membership.board)

    def seats_given_up(self) -> None:
        """A board gives up its seat after the member day (a merger is coming): a vacancy."""
        for term, on in self.given_up:
            with self.at(_weekday(on), 11):
                services.seat_term_end(term=term, on=_weekday(on), by=self.secretary)

    # -- GOV-4: the elections -------------------------------------------------------------------

    def voters(
        self, chamber: Chamber, n: int, *, on: date, exclude: Sequence[int] = ()
    ) -> list[User]:
        """Up to n accounts of member boards of the chamber, members on `on`: boards with an
        account first, then seat holders, then others (their contacts make an account)."""
        seated = set(selectors.terms_running_on(on).values_list("board_id", flat=True))
        boards = [
            m.board
            for m in self.members[chamber.value]
            if m.starts_on < on and m.board_id not in exclude
        ]
        boards += [
            u.board
            for u in self.accounts.values()
            if u.board is not None
            and u.board.chamber == chamber.value
            and u.board_id not in self.membership_of
            and u.board_id not in exclude
            and selectors.is_member_on(board=u.board, day=on)
        ]
        self.rng.shuffle(boards)
        boards.sort(key=lambda b: (b.pk not in self.accounts, b.pk not in seated))
        found: list[User] = []
        for board in boards:
            if len(found) == n:
                break
            user = self.account(board)
            if user is not None:
                found.append(user)
        return found

    def vote(
        self, election: Election, votes: list[tuple[User, Candidate]], until: datetime
    ) -> None:
        """The votes at moments spread over the window, each a board's one vote (GOV-4)."""
        span = (until - election.opens_at).total_seconds()
        moments = sorted(
            election.opens_at + timedelta(seconds=self.rng.uniform(0, span)) for _ in votes
        )
        for moment, (user, candidate) in zip(moments, votes, strict=True):
            with clock.override(moment):
                services.election_vote(election=election, candidate=candidate, voter=user)

    def last_election(self) -> None:
        day = self.member_day
        with self.at(_weekday(day - timedelta(days=75)), 10):
            election = services.election_create(
                name=f"Verkiezing ledenraad {day.year}",
                member_day=day,
                opens_at=self.moment(day - timedelta(days=28), 9, 0),
                closes_at=self.moment(day - timedelta(days=2), 17, 0),
                by=self.secretary,
            )
        candidates: dict[Chamber, list[tuple[Candidate, int]]] = {c: [] for c in Chamber}
        stands_from = day - timedelta(days=90)  # a member well before the candidates came in
        for chamber, standings in ELECTION_PLANS.items():
            again = list(self.expired[chamber])
            for standing in standings:
                if standing.again and again:
                    board: Board | None = again.pop(0)
                else:
                    membership = self.pick(chamber, member_since=stands_from, demo=standing.demo)
                    board = membership.board if membership else None
                if board is None:
                    continue
                added = _weekday(day - timedelta(days=self.rng.randint(42, 60)))
                with self.at(added):
                    candidate = services.candidate_add(
                        election=election,
                        board=board,
                        representative_name=self.representative_name(board),
                        by=self.secretary,
                    )
                candidates[chamber].append((candidate, standing.votes))
        if not any(candidates.values()):
            return
        with clock.override(election.opens_at):
            election = services.election_open(election=election, by=self.secretary)
        votes: list[tuple[User, Candidate]] = []
        for chamber, standing_candidates in candidates.items():
            ballots = [c for c, n in standing_candidates for _ in range(n)]
            voters = self.voters(chamber, len(ballots), on=election.opens_at.date())
            votes += zip(voters, ballots, strict=False)
        self.rng.shuffle(votes)
        self.vote(election, votes, election.closes_at)
        with self.at(day - timedelta(days=1), 9, 0):
            election = services.election_close(election=election, by=self.secretary)
        # GOV-4: a tie is reported; at the member day the secretary draws lots and records it
        for chamber in Chamber:
            while True:
                result = election.results.get(chamber.value, {})
                tied = list(
                    Candidate.objects.filter(pk__in=result.get("tied", [])).order_by(
                        "board__number"
                    )
                )
                if not tied or result.get("open_seats", 0) <= 0:
                    break
                winner = self.rng.choice(tied)
                with self.at(day, 14, 30):
                    election = services.election_tie_resolve(candidate=winner, by=self.secretary)

    def interim_election(self) -> None:
        """Today's vacancies, for a member day next month: open now, with a few votes; the demo
        representatives of VO Groot and Klein have not voted yet."""
        day = _midweek(self.today + timedelta(days=NEXT_MEMBER_DAY_IN_DAYS))
        vacancies = selectors.council_on(day).vacancies
        standing: list[Board] = []
        for chamber, open_seats in vacancies.items():
            for _ in range(min(open_seats + 1, 3) if open_seats else 0):
                membership = self.pick(chamber, member_since=self.today - timedelta(days=60))
                if membership is not None:
                    standing.append(membership.board)
        if not standing:
            return
        with self.at(self.days_ago(21), 10):
            election = services.election_create(
                name=f"Tussentijdse verkiezing ledenraad {MONTHS[day.month - 1]} {day.year}",
                member_day=day,
                opens_at=self.moment(self.days_ago(7), 9, 0),
                closes_at=self.moment(day - timedelta(days=1), 17, 0),
                by=self.secretary,
            )
        candidates: dict[Chamber, list[Candidate]] = {c: [] for c in Chamber}
        for board in standing:
            with self.at(self.days_ago(self.rng.randint(12, 19))):
                candidate = services.candidate_add(
                    election=election,
                    board=board,
                    representative_name=self.representative_name(board),
                    by=self.secretary,
                )
            candidates[Chamber(board.chamber)].append(candidate)
        with clock.override(election.opens_at):
            election = services.election_open(election=election, by=self.secretary)
        waiting = [self.demo_boards[name] for name in NOT_VOTED_YET if name in self.demo_boards]
        votes: list[tuple[User, Candidate]] = []
        for chamber, choice in candidates.items():
            if choice:
                voters = self.voters(chamber, 2, on=election.opens_at.date(), exclude=waiting)
                votes += [(user, self.rng.choice(choice)) for user in voters]
        self.vote(election, votes, self.moment(self.days_ago(1), 17, 0))

    # -- GOV-5, GOV-6, GOV-7, GOV-10: the meetings and advice -----------------------------------

    def demo_seat(self, terms: Mapping[int, SeatTerm], username: str) -> int | None:
        board_id = self.demo_boards.get(username)
        return next((seat for seat, t in terms.items() if t.board_id == board_id), None)

    def other_seat(
        self, terms: Mapping[int, SeatTerm], chamber: Chamber, taken: set[int]
    ) -> int | None:
        """A seat of the chamber, not held by a demo board, without a part yet."""
        demo = set(self.demo_boards.values())
        seats = [
            seat
            for seat, term in sorted(terms.items())
            if term.seat.chamber == chamber.value
            and term.board_id not in demo
            and seat not in taken
        ]
        return self.rng.choice(seats) if seats else None

    def proxies(
        self,
        meeting: Meeting,
        terms: Mapping[int, SeatTerm],
        holders: Sequence[tuple[Chamber, str]],
        *,
        taken: set[int],
        on: date,
    ) -> dict[int, int]:
        """GOV-6: per (chamber, demo representative), a seat of the chamber gives its vote to the
        demo representative's seat (or another seat of the chamber), on `on`."""
        given: dict[int, int] = {}
        for chamber, username in holders:
            holder = self.demo_seat(terms, username) if username else None
            if holder is None or terms[holder].seat.chamber != chamber.value:
                holder = self.other_seat(terms, chamber, taken)
            if holder is None:
                continue
            taken.add(holder)
            grantor = self.other_seat(terms, chamber, taken)
            if grantor is None:
                continue
            taken.add(grantor)
            with self.at(on):
                services.proxy_grant(
                    meeting=meeting,
                    grantor=terms[grantor].seat,
                    holder=terms[holder].seat,
                    by=self.accounts.get(terms[grantor].board_id) or self.secretary,
                )
            given[grantor] = holder
        return given

    def plan_votes(
        self, plan: MotionPlan, voters: Mapping[Chamber, int]
    ) -> dict[Chamber, tuple[int, int, int]]:
        """(for, against, abstain) per chamber: the nearest to the plan's shares that gives the
        plan's reason (GOV-5), or the nearest at all on a council too small for it."""
        abstain = {
            c: round(share * voters[c]) for c, share in zip(Chamber, plan.abstain, strict=True)
        }
        casting = {c: voters[c] - abstain[c] for c in Chamber}

        def distance(option: tuple[int, ...]) -> float:
            return sum(
                abs(n - share * casting[c])
                for c, n, share in zip(Chamber, option, plan.favour, strict=True)
            )

        options = sorted(itertools.product(*(range(casting[c] + 1) for c in Chamber)), key=distance)
        for option in options:
            counts = {
                c: (n, casting[c] - n, abstain[c]) for c, n in zip(Chamber, option, strict=True)
            }
            votes = [
                domain.CastVote(f"{c.value}-{i}", c, vote)
                for c, (n_for, n_against, n_abstain) in counts.items()
                for i, vote in enumerate(
                    [Vote.FOR] * n_for + [Vote.AGAINST] * n_against + [Vote.ABSTAIN] * n_abstain
                )
            ]
            if Reason.of(domain.decide_motion(votes, self.policy)) is plan.reason:
                return counts
        return {
            c: (n, casting[c] - n, abstain[c]) for c, n in zip(Chamber, options[0], strict=True)
        }

    def decide(
        self,
        motion: Motion,
        plan: MotionPlan,
        voting: Sequence[SeatTerm],
        proxies: Mapping[int, int],
        terms: Mapping[int, SeatTerm],
    ) -> Motion:
        """Put the motion to the vote: a seat holder with an account votes in the portal (for
        its own seat and the seats whose proxy it holds); the secretary records the others as a
        show of hands. Then the tally (GOV-5)."""
        services.motion_open(motion=motion, by=self.secretary)
        seats = {c: [t for t in voting if t.seat.chamber == c.value] for c in Chamber}
        counts = self.plan_votes(plan, {c: len(seats[c]) for c in Chamber})
        for chamber, chamber_terms in seats.items():
            n_for, n_against, n_abstain = counts[chamber]
            chosen = list(chamber_terms)
            self.rng.shuffle(chosen)
            ballots = [Vote.FOR] * n_for + [Vote.ABSTAIN] * n_abstain + [Vote.AGAINST] * n_against
            for term, vote in sorted(
                zip(chosen, ballots, strict=True), key=lambda item: item[0].seat.number
            ):
                acting = terms[proxies[term.seat_id]] if term.seat_id in proxies else term
                user = self.accounts.get(acting.board_id)
                by = user or self.secretary
                assert by is not None  # ready(): there is a secretary
                services.motion_vote(
                    motion=motion, seat=term.seat, vote=vote, by=by, show_of_hands=user is None
                )
        return services.motion_close(motion=motion, by=self.secretary)

    def past_meeting(self) -> None:
        """GOV-10: two months ago, the council met; its decisions and minutes are published."""
        held_on = _midweek(self.today - timedelta(days=PAST_MEETING_DAYS_AGO))
        terms = {
            t.seat_id: t
            for t in selectors.terms_running_on(held_on).select_related("seat", "board")
        }
        if not terms:
            return
        plans = _motion_plans(held_on.year)
        by = self.secretary
        with self.at(held_on - timedelta(days=35), 10):
            meeting = services.meeting_create(
                title=f"Vergadering ledenraad {_dutch_date(held_on)}",
                held_on=held_on,
                place="Utrecht, Vergadercentrum Domstad",
                by=by,
            )
            titles = [
                ("Opening, mededelingen en vaststelling van de agenda", ""),
                *[(p.agenda, f"Voorstel: {p.title[0].lower()}{p.title[1:]}.") for p in plans],
                (
                    f"Adviesaanvraag begroting {held_on.year + 1}",
                    "Het bestuur vraagt de ledenraad om advies over de begroting en de "
                    "contributie.",
                ),
                ("Rondvraag en sluiting", ""),
            ]
            items = [
                services.agenda_item_add(meeting=meeting, title=t, description=d, by=by)
                for t, d in titles
            ]
        with self.at(held_on - timedelta(days=21), 11):
            motions = [
                services.motion_add(
                    meeting=meeting, title=plan.title, text=plan.text, agenda_item=item, by=by
                )
                for plan, item in zip(plans, items[1:], strict=False)
            ]
        # GOV-6: two seats give their vote to another's representative; two seats stay away
        proxies = self.proxies(
            meeting,
            terms,
            [(Chamber.PO_GROOT, DEMO_PO), (Chamber.KLEIN, "")],
            taken=set(),
            on=held_on - timedelta(days=2),
        )
        absent: set[int] = set()
        for chamber in (Chamber.VO_GROOT, Chamber.COMBINATIE):
            seat = self.other_seat(terms, chamber, taken={*proxies, *proxies.values(), *absent})
            if seat is not None:
                absent.add(seat)
        ordered = sorted(terms.values(), key=lambda t: (t.seat.chamber, t.seat.number))
        with self.at(held_on, 19, 25):
            for term in ordered:
                if term.seat_id not in proxies and term.seat_id not in absent:
                    services.attendance_record(
                        meeting=meeting,
                        seat=term.seat,
                        attended_by=term.representative_name,
                        by=by,
                    )
        voting = [t for t in ordered if t.seat_id not in absent]
        grows: Motion | None = None
        for number, (plan, motion) in enumerate(zip(plans, motions, strict=True)):
            minute = 45 + 15 * number
            with self.at(held_on, 19 + minute // 60, minute % 60):
                decided = self.decide(motion, plan, voting, proxies, terms)
            if plan.supervisors and decided.passed:
                with self.at(held_on, 19 + minute // 60, minute % 60 + 5):
                    services.supervisory_size_set(
                        size=plan.supervisors, decided_on=held_on, motion=decided, by=by
                    )
                grows = decided
        with self.at(held_on, 21, 40):
            advice = services.advice_record(
                data=services.AdviceData(
                    subject=f"Begroting {held_on.year + 1} en contributie",
                    asked=True,
                    requested_on=held_on - timedelta(days=49),
                    question=(
                        f"Het bestuur vraagt de ledenraad om advies over de begroting "
                        f"{held_on.year + 1}, in het bijzonder over de voorgestelde indexering "
                        "van de contributie met 3,2 procent."
                    ),
                    advice=(
                        "De ledenraad adviseert positief over de begroting, maar vraagt de "
                        "indexering van de contributie te beperken tot 2,5 procent en het "
                        "verschil te dekken uit de lagere kosten van de nieuwe "
                        "connectiviteitscontracten."
                    ),
                    given_on=held_on,
                    meeting=meeting,
                ),
                by=by,
            )
        with self.at(held_on + timedelta(days=1), 10):
            for motion in motions:
                services.motion_publish(motion=motion, by=by)
        with self.at(held_on + timedelta(days=9), 14):
            minutes = self.minutes(meeting, items, ordered, proxies, absent, advice)
            services.minutes_save(meeting=meeting, minutes=minutes, by=by)
        with self.at(held_on + timedelta(days=14), 9):
            services.minutes_publish(meeting=meeting, by=by)
        responded_on = held_on + timedelta(days=21)
        with self.at(responded_on, 11):
            services.advice_respond(
                advice=advice,
                response=(
                    "Het bestuur neemt het advies over: de contributie wordt met 2,5 procent "
                    "geïndexeerd. Het verschil is in de begroting gedekt uit de lagere kosten "
                    "van de connectiviteitscontracten."
                ),
                responded_on=responded_on,
                by=by,
            )
        if grows is not None:  # GOV-9: after a selection, the council's new supervisor
            self.appoint(
                Organ.SUPERVISORY_BOARD,
                "lid (informatiebeveiliging)",
                _weekday(held_on + timedelta(days=28)),
                employer="Zelfstandig adviseur informatiebeveiliging",
            )

    def minutes(
        self,
        meeting: Meeting,
        items: Sequence[AgendaItem],
        ordered: Sequence[SeatTerm],
        proxies: Mapping[int, int],
        absent: set[int],
        advice: Advice,
    ) -> str:
        terms = {t.seat_id: t for t in ordered}
        chair_seat = self.demo_seat(terms, DEMO_PO) or ordered[0].seat_id
        secretary = self.secretary.get_full_name() if self.secretary else ""
        present = len(ordered) - len(proxies) - len(absent)
        lines = [
            f"Vergadering van de ledenraad op {_dutch_date(meeting.held_on)}, {meeting.place}.",
            "",
            f"Aanwezig: {present} van de {len(ordered)} bezette zetels "
            f"({Seat.objects.count() - len(ordered)} zetels zijn vacant).",
        ]
        for grantor, holder in proxies.items():
            lines.append(
                f"Volmacht: {terms[grantor].seat} ({terms[grantor].board.name}) aan "
                f"{terms[holder].representative_name} ({terms[holder].seat})."
            )
        if absent:
            names = ", ".join(str(terms[s].seat) for s in sorted(absent))
            lines.append(f"Afwezig zonder volmacht: {names}.")
        lines += [
            f"Voorzitter: {terms[chair_seat].representative_name}. Verslag: {secretary}, "
            "secretaris van de ledenraad.",
            "",
            f"{items[0].position}. {items[0].title}",
            "De voorzitter opent de vergadering om 19.30 uur. De agenda wordt ongewijzigd "
            "vastgesteld. Stemmen worden uitgebracht in het portaal of bij handopsteken; een "
            "motie is aangenomen bij meer dan de helft van de uitgebrachte stemmen voor én een "
            "meerderheid in ten minste drie van de vier kamers.",
        ]
        motions = {m.agenda_item_id: m for m in meeting.motions.all()}
        for item in items[1:]:
            lines += ["", f"{item.position}. {item.title}"]
            motion = motions.get(item.pk)
            if motion is not None:
                lines.append(
                    f"Motie {motion.number}, {motion.title}: {_dutch_outcome(motion.outcome)}"
                )
                if (
                    motion.outcome.get("passed")
                    and SupervisorySize.objects.filter(motion=motion).exists()
                ):
                    lines.append(
                        "De selectiecommissie start direct de werving van de vierde commissaris."
                    )
            elif item.title.startswith("Adviesaanvraag"):
                lines.append(f"De ledenraad brengt advies uit: {advice.advice}")
            else:
                lines.append(
                    "Er zijn geen vragen. De voorzitter sluit de vergadering om 21.50 uur."
                )
        return "\n".join(lines)

    def advice_unasked(self) -> None:
        """GOV-7: advice the council gave on its own accord; the board has not responded yet."""
        given_on = self.days_ago(10)
        with self.at(given_on, 15):
            services.advice_record(
                data=services.AdviceData(
                    subject="Storingen bij externe connectiviteit",
                    asked=False,
                    advice=(
                        "Na de storingen van de afgelopen maanden adviseert de ledenraad het "
                        "bestuur om met de leverancier een boeteclausule bij overschrijding van "
                        "de hersteltijd af te spreken en de leden binnen een uur na het begin van "
                        "een storing te informeren."
                    ),
                    given_on=given_on,
                ),
                by=self.secretary,
            )

    def next_meeting(self) -> None:
        """GOV-10: the next meeting, with its agenda, a proxy and a motion in preparation."""
        held_on = _midweek(self.today + timedelta(days=NEXT_MEETING_IN_DAYS))
        by = self.secretary
        with self.at(self.days_ago(14), 10):
            meeting = services.meeting_create(
                title=f"Vergadering ledenraad {_dutch_date(held_on)}",
                held_on=held_on,
                place="Amersfoort, De Observant",
                by=by,
            )
            items = [
                services.agenda_item_add(meeting=meeting, title=title, description=text, by=by)
                for title, text in (
                    ("Opening, mededelingen en vaststelling van de agenda", ""),
                    ("Verslag van de vorige vergadering", "Vaststelling van de notulen."),
                    (
                        f"Begroting {held_on.year + 1}",
                        "Het bestuur legt de begroting ter vaststelling voor, met het advies "
                        "van de ledenraad verwerkt.",
                    ),
                    ("Rondvraag en sluiting", ""),
                )
            ]
        with self.at(self.days_ago(7), 11):
            services.motion_add(
                meeting=meeting,
                title=f"Vaststelling begroting {held_on.year + 1}",
                text=(
                    f"De ledenraad stelt de begroting {held_on.year + 1} vast, met een "
                    "indexering van de contributie van 2,5 procent."
                ),
                agenda_item=items[2],
                by=by,
            )
        terms = {
            t.seat_id: t
            for t in selectors.terms_running_on(held_on).select_related("seat", "board")
        }
        self.proxies(
            meeting, terms, [(Chamber.PO_GROOT, DEMO_PO)], taken=set(), on=self.days_ago(2)
        )
