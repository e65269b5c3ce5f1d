"""The demo's catalogue and procurement (CAT-1 … CAT-4, TEN-1 … TEN-8, FEE-2, issue #5) on the
demo members, made through the catalogue and procurement services only, each step at the
moment it happened (bundel.shared.clock.override), so that the tenders' transitions, bids,
awards and the audit trail tell the cooperative's first tenders as they went.

What it makes, dated relative to the demo's `today`:
- the catalogue as the spec seeds it (`catalog_seed`), some fourteen months ago: devices,
  software and cloud services and digital learning materials in exploration with their special
  interest groups (CAT-4), external connectivity requiring the security services (CAT-3);
- intent (TEN-1) of about half the members for external connectivity (with a bandwidth per
  location) and with it the mandatory security services (per student, CAT-3), of two fifths
  for wifi (access points per location), registered a year or so ago with start years within the
  horizon, and a few intents for products without a tender yet, still open to change;
- suppliers, three of them with a login (role supplier): `leverancier-netwerk`,
  `leverancier-wifi` and `leverancier-beveiliging`;
- the external connectivity tender (fee-free, as the first tenders were; two lots, room for
  late joiners counted in locations): requirements drafted with members' comments, published,
  bids from two or three suppliers per lot, bidding closed, scored, evaluated, each lot awarded
  to another supplier some eight months ago; the boards with intent confirmed (one declined), the
  contract signed; late joiners joined while room was left; one join, larger than the room left,
  was refused and kept as demand for a next tender (TEN-6); the winner of the first lot raised
  its price by 30 % from the first of a month (TEN-8);
- the wifi tender (with a purchase fee, room counted in access points), awarded a few weeks ago:
  most boards confirmed, a few (the demo representative of VO Groot among them) have yet to, and
  late joiners joined (the demo representative of Klein among them). Confirming and joining
  charge the purchase fee (FEE-2): every one of these charges falls in the month whose billing
  run is still to come — this month's, or last month's when this month's second working day has
  not passed (the billing demo invoices nothing after its own runs; these charges stay for that
  run);
- the mandatory security services tender in bidding now: published, its deadline weeks ahead,
  one bid in, sealed (TEN-5).

The demo representatives of PO Groot, VO Groot, Combinatie and Klein have intent and take part
in a tender, so the member pages show both.
"""

from __future__ import annotations

import math
import random
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from enum import StrEnum

from django.db.models import Sum
from django.utils import timezone

from bundel.accounts.models import User
from bundel.accounts.roles import Role
from bundel.accounts.services import user_create
from bundel.billing.models import Charge, ChargeKind
from bundel.catalog import domain as catalog_domain
from bundel.catalog import services as catalog_services
from bundel.catalog.models import Product, ProductGroup, ProductOption
from bundel.demo.governance import quick_password_hashing
from bundel.membership.models import Membership
from bundel.procurement import domain, selectors, services
from bundel.procurement.models import (
    Award,
    Bid,
    BidPoints,
    Criterion,
    Intent,
    IntentLocation,
    Lot,
    Participation,
    PriceChange,
    RequirementComment,
    Supplier,
    SupplierUser,
    Tender,
    TenderTransition,
    UnmetDemand,
)
from bundel.registry import selectors as registry_selectors
from bundel.registry.models import Board, Location, StudentCount
from bundel.shared import clock

DEMO_PO, DEMO_VO, DEMO_COMBINATIE, DEMO_KLEIN = (
    "bestuur-po",
    "bestuur-vo",
    "bestuur-combinatie",
    "bestuur-klein",
)
DEMO_REPRESENTATIVES = (DEMO_PO, DEMO_VO, DEMO_COMBINATIE, DEMO_KLEIN)
CONNECTIVITY, WIFI, SECURITY = "connectivity", "wifi", "security-basic"
OPEN_PRODUCTS = (("iaas", 0.08), ("dpo", 0.1), ("incident-response", 0.06))  # no tender yet
WIFI_FEE = Decimal("250.00")
SECURITY_FEE = Decimal("150.00")
PRICE_CHANGE = Decimal(30)  # TEN-8: the connectivity winner's price rise, in per cent


@dataclass(frozen=True)
class SupplierPlan:
    key: str
    name: str
    kvk_number: str
    city: str
    email: str
    login: str = ""  # the user name of its person, with the role supplier
    person: tuple[str, str] = ("", "")


SUPPLIERS = (
    # the governance demo's supervisor works for it: it supplies members (bundel.demo.governance)
    SupplierPlan(
        "glasvezel", "Glasvezel Onderwijsnet B.V.", "58213467", "Utrecht",
        "aanbestedingen@glasvezel-onderwijsnet.example", "leverancier-netwerk",
        ("Ruben", "Verhoeven"),
    ),
    SupplierPlan(
        "campusnet", "Campusnet Draadloos B.V.", "67120984", "Eindhoven",
        "tenders@campusnet.example", "leverancier-wifi", ("Sanne", "Kuipers"),
    ),
    SupplierPlan(
        "schildwacht", "Schildwacht Security B.V.", "71842305", "Den Haag",
        "offertes@schildwacht-security.example", "leverancier-beveiliging", ("Yusuf", "Demir"),
    ),
    SupplierPlan(
        "breedband", "Breedband Educatie Nederland B.V.", "60357128", "Zwolle",
        "verkoop@breedband-educatie.example",
    ),
    SupplierPlan(
        "luchtlijn", "Luchtlijn Netwerken B.V.", "69904512", "Amersfoort",
        "info@luchtlijn.example",
    ),
)  # fmt: skip
SUPPLIER_LOGINS = tuple(plan.login for plan in SUPPLIERS if plan.login)


@dataclass(frozen=True)
class BidPlan:
    supplier: str  # SupplierPlan.key
    price: Decimal  # per unit per year
    points: tuple[int, ...]  # per quality criterion, in the tender's order
    answers: tuple[str, ...]


@dataclass(frozen=True)
class TenderPlan:
    product: str
    title: str
    description: str
    requirements: str
    purchase_fee: Decimal
    contract_months: int
    room_unit: str
    lots: tuple[tuple[str, str], ...]
    criteria: tuple[services.CriterionData, ...]
    bids: tuple[tuple[BidPlan, ...], ...]  # per lot
    comments: tuple[str, ...]  # members' comments on the requirements


def _criterion(key: str, name: str, weight: int, *, price: bool = False) -> services.CriterionData:
    return services.CriterionData(key, name, Decimal(weight), is_price=price, max_points=10)


CONNECTIVITY_PLAN = TenderPlan(
    product=CONNECTIVITY,
    title="Externe connectiviteit voor onderwijslocaties",
    description=(
        "Gebundelde aanbesteding van glasvezeltoegang, kernnetwerk en internettoegang voor de "
        "locaties van de deelnemende besturen. Zoals de eerste aanbestedingen van de coöperatie "
        "is deze vrij van inkoopfee."
    ),
    requirements=(
        "Programma van eisen externe connectiviteit\n\n"
        "1. Een symmetrische glasvezelaansluiting per locatie; de bandbreedte is per locatie te "
        "kiezen uit 100, 500 of 1000 Mbit/s en tijdens de looptijd te verhogen.\n"
        "2. Beschikbaarheid van ten minste 99,9 % per maand; herstel binnen 4 uur na een "
        "storingsmelding, ook buiten lestijden.\n"
        "3. De verplichte beveiligingsdiensten (anti-DDoS, firewall, filtering) worden afgenomen "
        "uit de aanbesteding informatiebeveiliging; de leverancier koppelt ze aan.\n"
        "4. Oplevering per locatie binnen 12 weken na de opdracht, buiten lestijden; voor "
        "locaties in het buitengebied een tijdelijke mobiele verbinding tot de oplevering.\n"
        "5. Verwerking van persoonsgegevens volgens de AVG, met de verwerkersovereenkomst van "
        "het model van de coöperatie."
    ),
    purchase_fee=Decimal("0.00"),
    contract_months=48,
    room_unit="locations",
    lots=(
        ("Toegang en kernnetwerk", "Glasvezeltoegang per locatie en het landelijke kernnetwerk."),
        ("Internettoegang", "De internetkoppeling vanuit het kernnetwerk, met monitoring."),
    ),
    criteria=(
        _criterion("prijs", "Prijs", 50, price=True),
        _criterion("netwerk", "Kwaliteit en beschikbaarheid van het netwerk", 30),
        _criterion("service", "Service, oplevering en rapportage", 20),
    ),
    bids=(
        (
            BidPlan(
                "glasvezel",
                Decimal("2940.00"),
                (8, 8),
                (
                    "Eigen glasvezelnetwerk met dubbele aansluiting op twee kernlocaties; 99,95 % "
                    "beschikbaarheid in de afgelopen drie jaar.",
                    "Vast opleverteam per regio, oplevering in de schoolvakanties, maandrapportage "
                    "per locatie in het portaal.",
                ),
            ),
            BidPlan(
                "breedband",
                Decimal("3180.00"),
                (7, 9),
                (
                    "Glasvezel via een landelijke wholesalepartner, kernnetwerk in eigen beheer.",
                    "Servicedesk van 7 tot 23 uur, een implementatiemanager per bestuur.",
                ),
            ),
            BidPlan(
                "luchtlijn",
                Decimal("2860.00"),
                (5, 6),
                (
                    "Glasvezel waar beschikbaar, elders straalverbindingen met 99,5 % "
                    "beschikbaarheid.",
                    "Oplevering binnen 16 weken; rapportage per kwartaal.",
                ),
            ),
        ),
        (
            BidPlan(
                "glasvezel",
                Decimal("1240.00"),
                (7, 7),
                (
                    "Internettoegang via twee onafhankelijke transitpartijen.",
                    "Storingen gemeld via het portaal; rapportage per maand.",
                ),
            ),
            BidPlan(
                "breedband",
                Decimal("1090.00"),
                (8, 7),
                (
                    "Directe koppeling met de grote internetknooppunten en met SURF.",
                    "Monitoring 24/7 met proactieve melding aan het bestuur.",
                ),
            ),
        ),
    ),
    comments=(
        "Graag in het programma opnemen dat de bandbreedte per locatie tijdens de looptijd kan "
        "worden verhoogd zonder nieuwe aanbesteding.",
        "Veel van onze locaties liggen in het buitengebied. Kan de opleveringstermijn daar "
        "ruimer, of biedt de leverancier tot dan een tijdelijke mobiele verbinding?",
        "Wij willen dat storingen ook in toetsweken en bij avondonderwijs binnen 4 uur worden "
        "opgelost, niet alleen onder lestijd.",
        "Twee van onze locaties delen het gebouw met een kinderopvang. Kunnen die via dezelfde "
        "aansluiting worden bediend?",
    ),
)

WIFI_PLAN = TenderPlan(
    product=WIFI,
    title="Wifi en intern vast netwerk",
    description=(
        "Wifi als dienst: toegangspunten, switches en beheer per locatie, betaald per "
        "toegangspunt per jaar. Wie deelneemt betaalt de coöperatie eenmalig de inkoopfee."
    ),
    requirements=(
        "Programma van eisen wifi en intern vast netwerk\n\n"
        "1. Dekking in alle lokalen, aula's en gymzalen, ontworpen op anderhalf apparaat per "
        "leerling.\n"
        "2. Wifi 6E of nieuwer, met eduroam en een gescheiden gastennetwerk.\n"
        "3. Toegangspunten en switches blijven eigendom van de leverancier en worden uiterlijk "
        "na vijf jaar vervangen.\n"
        "4. Een beheerportaal per bestuur met rapportage over gebruik en storingen.\n"
        "5. Oplevering per locatie binnen 8 weken na de opdracht, buiten lestijden."
    ),
    purchase_fee=WIFI_FEE,
    contract_months=60,
    room_unit="units",
    lots=(("Wifi als dienst", "Toegangspunten, switches, installatie en beheer."),),
    criteria=(
        _criterion("prijs", "Prijs", 60, price=True),
        _criterion("dekking", "Dekking en prestaties", 25),
        _criterion("beheer", "Beheer en ondersteuning", 15),
    ),
    bids=(
        (
            BidPlan(
                "campusnet",
                Decimal("118.00"),
                (9, 8),
                (
                    "Meetrapport per locatie vooraf; Wifi 7-toegangspunten, ook in gymzalen.",
                    "Beheer vanuit ons eigen NOC, portaal per bestuur, vervanging binnen een dag.",
                ),
            ),
            BidPlan(
                "luchtlijn",
                Decimal("104.00"),
                (5, 6),
                (
                    "Wifi 6E, ontwerp op basis van plattegronden.",
                    "Beheer op afstand tijdens kantooruren.",
                ),
            ),
            BidPlan(
                "breedband",
                Decimal("126.00"),
                (8, 8),
                (
                    "Wifi 6E met een meting na oplevering in elk lokaal.",
                    "Portaal per bestuur en een vaste contactpersoon.",
                ),
            ),
        ),
    ),
    comments=(
        "Onze gymzalen staan vaak los van het hoofdgebouw. Vallen die ook onder alle ruimten?",
        "Graag eduroam verplicht stellen, zodat stagiairs van de pabo direct kunnen inloggen.",
        "Kunnen we tussentijds toegangspunten bijbestellen tegen dezelfde prijs? Onze "
        "leerlingaantallen groeien.",
    ),
)

SECURITY_PLAN = TenderPlan(
    product=SECURITY,
    title="Verplichte beveiligingsdiensten",
    description=(
        "Anti-DDoS, firewall en webfiltering bij de externe connectiviteit, betaald per leerling "
        "per jaar; verplicht voor wie de externe connectiviteit afneemt."
    ),
    requirements=(
        "Programma van eisen verplichte beveiligingsdiensten\n\n"
        "1. Bescherming tegen DDoS-aanvallen op de aansluiting van elke locatie.\n"
        "2. Een beheerde firewall per bestuur, met regels die het bestuur zelf kan inzien.\n"
        "3. Webfiltering volgens het beleid van het bestuur, per schoolsoort in te stellen.\n"
        "4. Melding van een incident aan het bestuur binnen een uur, met een evaluatie achteraf.\n"
        "5. Aansluiting op de externe connectiviteit van de coöperatie zonder onderbreking."
    ),
    purchase_fee=SECURITY_FEE,
    contract_months=36,
    room_unit="units",
    lots=(("Beveiligingsdiensten", "Anti-DDoS, firewall en webfiltering."),),
    criteria=(
        _criterion("prijs", "Prijs", 40, price=True),
        _criterion("dekking", "Dekking van de beveiligingsmaatregelen", 35),
        _criterion("incidenten", "Detectie en afhandeling van incidenten", 25),
    ),
    bids=(
        (
            BidPlan(
                "schildwacht",
                Decimal("5.85"),
                (),
                (
                    "Scrubbing-centra in Amsterdam en Frankfurt; firewallbeheer per bestuur.",
                    "SOC 24/7, melding binnen 30 minuten, evaluatie binnen een week.",
                ),
            ),
        ),
    ),
    comments=(
        "Wij hebben een eigen firewall die nog twee jaar meegaat. Kunnen we die zolang naast de "
        "verplichte dienst blijven gebruiken?",
        "Graag vastleggen wie bij een incident de melding krijgt: het bestuur, de school of beide.",
    ),
)


class ProcurementState(StrEnum):
    CREATED = "created"  # there was no procurement data: the demo's was made
    PRESENT = "present"  # the database holds procurement data: left as it is
    SKIPPED = "skipped"  # no members, no procurement account or no seeded products: nothing made


@dataclass
class ProcurementResult:
    state: ProcurementState
    today: date
    catalogue_seeded: bool = False


PROCUREMENT_MODELS = (
    UnmetDemand,
    PriceChange,
    Participation,
    Award,
    BidPoints,
    Bid,
    Criterion,
    Lot,
    RequirementComment,
    TenderTransition,
    Tender,
    IntentLocation,
    Intent,
    SupplierUser,
    Supplier,
)  # in the order they can be removed (PROTECT)


def procurement_data_exists() -> bool:
    return any(model.objects.exists() for model in PROCUREMENT_MODELS)


def demo_procurement_ensure(*, seed: int, today: date, password: str) -> ProcurementResult:
    """Make the demo's catalogue (unless there is one) and procurement on the demo members,
    unless there is procurement data already (then nothing changes). Call it after the demo
    members and their billing exist, inside a transaction; the supplier logins get
    `password`."""
    if procurement_data_exists():
        return ProcurementResult(ProcurementState.PRESENT, today)
    builder = _Procurement(seed=seed, today=today, password=password)
    if not builder.ready():
        return ProcurementResult(ProcurementState.SKIPPED, today)
    seeded = builder.run()
    return ProcurementResult(ProcurementState.CREATED, today, seeded)


def demo_procurement_reset() -> dict[str, int]:
    """Remove all procurement data, the catalogue and the demo's supplier logins. For `bundel
    demo --reset`, inside its transaction, after billing (the purchase-fee charges) and before
    the register goes: intents and participations refer to boards (PROTECT)."""
    removed = {}
    for model in (*PROCUREMENT_MODELS, ProductOption, Product, ProductGroup):
        removed[model._meta.label] = model.objects.all().delete()[1].get(model._meta.label, 0)
    logins = User.objects.filter(username__in=SUPPLIER_LOGINS)
    removed["accounts.User (suppliers)"] = logins.delete()[1].get(User._meta.label, 0)
    return removed


def demo_supplier_accounts() -> list[tuple[User, Supplier]]:
    """The demo's supplier logins that exist, with the supplier each acts for."""
    links = SupplierUser.objects.filter(user__username__in=SUPPLIER_LOGINS).select_related(
        "user", "supplier"
    )
    found = {link.user.username: (link.user, link.supplier) for link in links}
    return [found[login] for login in SUPPLIER_LOGINS if login in found]


def report_lines(result: ProcurementResult | None) -> list[str]:
    """What `bundel demo` prints about procurement: the same lines on every run, but the
    first."""
    if result is None:
        return []
    if result.state is ProcurementState.CREATED:
        lines = [
            "Procurement: made through the catalogue and procurement services, dated relative to "
            f"{result.today.isoformat()}."
        ]
    elif result.state is ProcurementState.PRESENT:
        lines = ["Procurement: the database holds procurement data already; nothing changed."]
    else:
        return [
            "Procurement: no members, no procurement account or no seeded products; nothing made."
        ]
    groups = list(ProductGroup.objects.all())
    exploring = [g.name for g in groups if g.status == catalog_domain.Status.EXPLORATION.value]
    lines.append(
        f"  catalogue: {len(groups)} product groups ({len(exploring)} in exploration: "
        f"{', '.join(exploring) or '-'}), {Product.objects.count()} products"
    )
    per_product = Counter(Intent.objects.values_list("product__code", flat=True))
    boards = Intent.objects.values("board_id").distinct().count()
    lines.append(
        f"  intent: {boards} boards at {IntentLocation.objects.count():,} locations; "
        + ", ".join(f"{code} {n}" for code, n in sorted(per_product.items()))
    )
    for tender in selectors.tender_list().order_by("created_at", "id"):
        status = tender.status.replace("_", " ")
        text = f"  {tender.reference} {tender.title}: {status}"
        if tender.status == domain.TenderStatus.PUBLISHED.value and tender.bid_deadline:
            deadline = timezone.localtime(tender.bid_deadline)
            text += (
                f", {selectors.bid_count(tender=tender)} sealed bid(s) until "
                f"{deadline:%Y-%m-%d %H:%M}"
            )
        elif tender.awarded_at is not None:
            counts = Counter(tender.participations.values_list("status", flat=True))
            unit = "locations"
            if tender.room_unit != "locations":
                unit = f"units ({tender.unit_label})" if tender.unit_label else "units"
            fee = "fee-free" if tender.fee_free else f"purchase fee EUR {tender.purchase_fee}"
            text += (
                f" ({fee}), {counts['confirmed']} participants ("
                f"{tender.participations.filter(late=True).count()} late), {counts['declined']} "
                f"declined, {counts['invited']} yet to confirm; room left "
                f"{selectors.room_left(tender=tender).normalize():f} of "
                f"{tender.room.normalize():f} {unit}"
            )
        lines.append(text)
    unmet = UnmetDemand.objects.aggregate(locations=Sum("locations"))
    changes = ", ".join(
        f"{c.percent.normalize():+f} % on {c.lot.tender.reference} lot {c.lot.number} from "
        f"{c.effective_on.isoformat()}"
        for c in PriceChange.objects.select_related("lot__tender")
    )
    lines.append(
        f"  unmet demand: {UnmetDemand.objects.count()} refused join(s) "
        f"({unmet['locations'] or 0} locations); price changes: {changes or 'none'}"
    )
    fees = Charge.objects.filter(kind=ChargeKind.PURCHASE_FEE, invoice_line__isnull=True)
    periods = sorted(set(fees.values_list("billing_period", flat=True)))
    total = fees.aggregate(total=Sum("unit_price"))["total"] or Decimal(0)
    if periods:
        lines.append(
            f"  purchase fees: {fees.count()} charges (EUR {total:,.2f}) wait for the billing "
            f"run of {', '.join(periods)}"
        )
    accounts = demo_supplier_accounts()
    lines.append(
        f"  suppliers: {Supplier.objects.count()}; "
        + (
            "logins: " + ", ".join(f"{u.username} ({s.name})" for u, s in accounts)
            if accounts
            else "no logins"
        )
    )
    return lines


# -- the history ----------------------------------------------------------------------------------


def _weekday(day: date) -> date:
    """The day itself, or the Friday before when it falls in a weekend."""
    return day - timedelta(days=max(day.weekday() - 4, 0))


def _working_day_from(day: date) -> date:
    """The day itself or the first working day after it (New Year's Day is no working day)."""
    while day.weekday() >= 5 or (day.month, day.day) == (1, 1):
        day += timedelta(days=1)
    return day


def _working_days_after(day: date, days: int) -> date:
    for _ in range(days):
        day = _working_day_from(day + timedelta(days=1))
    return day


def fee_window(today: date) -> tuple[date, date]:
    """The working days on which the wifi tender's purchase fees are charged: in the month
    whose billing run is still to come. The billing demo runs a month on the second working day
    of the next (bundel.demo.billing) and does nothing from `today` on; so this month's days
    before today once last month's run has passed, else last month's days."""
    first = today.replace(day=1)
    if today > _working_days_after(first, 1):
        return _working_day_from(first), _weekday(today - timedelta(days=1))
    previous = (first - timedelta(days=1)).replace(day=1)
    return _working_day_from(previous), _weekday(first - timedelta(days=1))


@dataclass
class _Board:
    """A member board as the procurement demo sees it."""

    membership: Membership
    locations: list[Location]
    account: User | None = None
    demo: str = ""  # the demo representative acting for it
    intents: set[str] = field(default_factory=set)

    @property
    def board(self) -> Board:
        return self.membership.board

    def since(self, day: date) -> bool:
        return self.membership.starts_on < day


@dataclass(order=True)
class _Step:
    at: datetime
    order: int
    action: Callable[[], object] = field(compare=False)


class _Procurement:
    def __init__(self, *, seed: int, today: date, password: str) -> None:
        self.rng = random.Random(f"{seed}/procurement")
        self.today = today
        self.password = password
        staff = {
            u.username: u
            for u in User.objects.filter(
                board__isnull=True, is_active=True, username__in=["inkoop", "beheer"]
            )
        }
        self.staff: User | None = staff.get("inkoop") or staff.get("beheer")
        accounts: dict[int, User] = {}
        for user in User.objects.filter(board__isnull=False, is_active=True).order_by("username"):
            assert user.board_id is not None
            if user.username in DEMO_REPRESENTATIVES or user.board_id not in accounts:
                accounts[user.board_id] = user
        memberships = list(
            Membership.objects.filter(status=Membership.Status.ACTIVE)
            .select_related("board")
            .order_by("board__number")
        )
        locations: dict[int, list[Location]] = defaultdict(list)
        for location in (
            Location.objects.filter(school__board_id__in=[m.board_id for m in memberships])
            .select_related("school")
            .order_by("code")
        ):
            assert location.school.board_id is not None
            locations[location.school.board_id].append(location)
        self.boards = [
            _Board(m, locations[m.board_id], accounts.get(m.board_id))
            for m in memberships
            if locations[m.board_id]
        ]
        for entry in self.boards:
            if entry.account is not None and entry.account.username in DEMO_REPRESENTATIVES:
                entry.demo = entry.account.username
        self.students = self._students([loc.pk for b in self.boards for loc in b.locations])
        self.products: dict[str, Product] = {}
        self.suppliers: dict[str, tuple[Supplier, User | None]] = {}

    def ready(self) -> bool:
        if self.staff is None or not self.boards:
            return False
        if not ProductGroup.objects.exists():
            return True  # the demo seeds the catalogue
        needed = Product.objects.filter(
            code__in=[CONNECTIVITY, WIFI, SECURITY],
            status=catalog_domain.Status.AVAILABLE.value,
            group__status=catalog_domain.Status.AVAILABLE.value,
        )
        return needed.count() == 3

    @staticmethod
    def _students(location_ids: list[int]) -> dict[int, int]:
        """Students per location at each sector's latest count date."""
        result: dict[int, int] = defaultdict(int)
        for sector, count_date in registry_selectors.latest_count_dates().items():
            if count_date is None:
                continue
            rows = (
                StudentCount.objects.filter(
                    location_id__in=location_ids,
                    dataset__in=registry_selectors.PER_BOARD_DATASETS,
                    sector=sector.value,
                    count_date=count_date,
                )
                .values("location_id")
                .annotate(total=Sum("students"))
            )
            for row in rows:
                result[row["location_id"]] += row["total"]
        return result

    # -- days and moments -----------------------------------------------------------------------

    def day(self, days_ago: int) -> date:
        return _weekday(self.today - timedelta(days=days_ago))

    def moment(self, day: date, hour: int | None = None) -> datetime:
        hour = self.rng.randint(9, 16) if hour is None else hour
        return timezone.make_aware(datetime.combine(day, time(hour, self.rng.randint(0, 59))))

    @contextmanager
    def at(self, day: date, hour: int | None = None) -> Iterator[None]:
        with clock.override(self.moment(day, hour)):
            yield

    def replay(self, steps: list[tuple[datetime, Callable[[], object]]]) -> None:
        """Do the steps in the order they happened, each at its moment."""
        ordered = sorted(_Step(at, n, action) for n, (at, action) in enumerate(steps))
        for step in ordered:
            with clock.override(step.at):
                step.action()

    def by(self, entry: _Board) -> User | None:
        """Who acts for a board: its representative, or staff on its behalf (by e-mail)."""
        return entry.account or self.staff

    # -- the story ------------------------------------------------------------------------------

    def run(self) -> bool:
        seeded = False
        if not ProductGroup.objects.exists():
            with self.at(self.day(430), 10):
                catalog_services.catalog_seed(by=self.staff)
            seeded = True
        available = catalog_domain.Status.AVAILABLE.value
        orderable = Product.objects.filter(status=available, group__status=available)
        self.products = {
            p.code: p for p in orderable.select_related("group").prefetch_related("options")
        }
        self.suppliers_make()
        self.intents()
        self.connectivity()
        self.wifi()
        self.security()
        return seeded

    def suppliers_make(self) -> None:
        """The suppliers, registered when the first tender was drafted; three have a login."""
        with self.at(self.day(345), 11), quick_password_hashing():
            for plan in SUPPLIERS:
                company = services.supplier_create(
                    name=plan.name,
                    kvk_number=plan.kvk_number,
                    email=plan.email,
                    city=plan.city,
                    by=self.staff,
                )
                user = None
                if plan.login and not User.objects.filter(username=plan.login).exists():
                    user = user_create(
                        username=plan.login,
                        password=self.password,
                        roles=[Role.SUPPLIER],
                        email=plan.email,
                        first_name=plan.person[0],
                        last_name=plan.person[1],
                        created_by=self.staff,
                    )
                    services.supplier_user_add(supplier=company, user=user, by=self.staff)
                self.suppliers[plan.key] = (company, user)

    # -- TEN-1: intent --------------------------------------------------------------------------

    def choose_locations(self, entry: _Board) -> list[Location]:
        """All its locations, or (some boards) part of them."""
        locations = entry.locations
        if len(locations) > 3 and not entry.demo and self.rng.random() < 0.2:
            size = self.rng.randint(math.ceil(len(locations) / 2), len(locations) - 1)
            chosen = {loc.pk for loc in self.rng.sample(locations, size)}
            locations = [loc for loc in locations if loc.pk in chosen]
        return locations

    def start_year(self, day: date, weights: tuple[int, int, int]) -> int:
        return day.year + self.rng.choices((0, 1, 2), weights=weights)[0]

    def bandwidth(self, location: Location) -> str:
        students = self.students.get(location.pk, 0)
        tier = 0 if students < 150 else 1 if students < 600 else 2
        if self.rng.random() < 0.15:
            tier = min(tier + 1, 2)
        return ("100", "500", "1000")[tier]

    def access_points(self, location: Location) -> int:
        students = self.students.get(location.pk, 0)
        return max(4, round(students / 25)) + self.rng.randint(0, 4)

    def intent_save(
        self, entry: _Board, code: str, year: int, choices: list[services.LocationChoice]
    ) -> None:
        services.intent_save(
            board=entry.board,
            product=self.products[code],
            start_year=year,
            locations=choices,
            by=self.by(entry),
        )
        entry.intents.add(code)

    def intents(self) -> None:
        """Connectivity with the mandatory security services (CAT-3) a year ago and more; wifi a
        little later; intent for products without a tender yet over the last months."""
        steps: list[tuple[datetime, Callable[[], object]]] = []
        for entry in self.boards:
            day = self.day(self.rng.randint(345, 420))
            if entry.since(day) and (entry.demo or self.rng.random() < 0.55):
                year = self.start_year(day, (1, 7, 2))
                locations = self.choose_locations(entry)
                connectivity = [
                    services.LocationChoice(loc, {"bandwidth": self.bandwidth(loc)})
                    for loc in locations
                ]
                security = [
                    services.LocationChoice(loc, units=Decimal(self.students[loc.pk]))
                    for loc in locations
                    if self.students.get(loc.pk)
                ]
                moment = self.moment(day)
                steps.append((moment, self._intent(entry, CONNECTIVITY, year, connectivity)))
                if security:
                    later = moment + timedelta(minutes=self.rng.randint(2, 9))
                    steps.append((later, self._intent(entry, SECURITY, year, security)))
            day = self.day(self.rng.randint(250, 330))
            wants = entry.demo != DEMO_KLEIN and (
                bool(entry.demo) or self.rng.random() < 0.4
            )  # the demo representative of Klein joins late
            if entry.since(day) and wants:
                wifi = []
                for loc in self.choose_locations(entry):
                    points = self.access_points(loc)
                    wifi.append(
                        services.LocationChoice(
                            loc, {"access_points": str(points)}, Decimal(points)
                        )
                    )
                year = self.start_year(day, (3, 5, 2))
                steps.append((self.moment(day), self._intent(entry, WIFI, year, wifi)))
            for code, share in OPEN_PRODUCTS:
                day = self.day(self.rng.randint(10, 200))
                demo_wants = (entry.demo, code) in ((DEMO_PO, "iaas"), (DEMO_COMBINATIE, "dpo"))
                wanted = demo_wants or self.rng.random() < share
                if entry.since(day) and wanted and code in self.products:
                    units = Decimal(self.rng.choice((8, 16, 24, 32))) if code == "iaas" else None
                    choices = [
                        services.LocationChoice(loc, units=units or Decimal(self.students[loc.pk]))
                        for loc in entry.locations[:1]
                        if units or self.students.get(loc.pk)
                    ]
                    if choices:
                        year = self.start_year(day, (2, 5, 3))
                        steps.append((self.moment(day), self._intent(entry, code, year, choices)))
        self.replay(steps)

    def _intent(
        self, entry: _Board, code: str, year: int, choices: list[services.LocationChoice]
    ) -> Callable[[], None]:
        return lambda: self.intent_save(entry, code, year, choices)

    # -- TEN-3 … TEN-5: a tender up to its award ------------------------------------------------

    def tender_create(self, plan: TenderPlan, *, room: Decimal, deadline: datetime) -> Tender:
        tender = services.tender_create(
            product=self.products[plan.product],
            terms=services.TenderTerms(
                title=plan.title,
                purchase_fee=plan.purchase_fee,
                fee_free=plan.purchase_fee == 0,
                contract_months=plan.contract_months,
                room=room,
                room_unit=plan.room_unit,
                description=plan.description,
                requirements=plan.requirements,
                bid_deadline=deadline,
            ),
            by=self.staff,
        )
        for title, description in plan.lots:
            services.lot_add(tender=tender, title=title, description=description, by=self.staff)
        services.criteria_set(tender=tender, criteria=list(plan.criteria), by=self.staff)
        return tender

    def move(self, tender: Tender, target: domain.TenderStatus) -> None:
        services.tender_transition(tender=tender, target=target, by=self.staff)
        tender.refresh_from_db()

    def drafted(
        self, plan: TenderPlan, *, created: int, room: Decimal, published: int, deadline: date
    ) -> Tender:
        """Created `created` days ago, its requirements drafted with members' comments, published
        `published` days ago with its deadline at noon of `deadline`."""
        noon = timezone.make_aware(datetime.combine(deadline, time(12)))
        with self.at(self.day(created), 10):
            tender = self.tender_create(plan, room=room, deadline=noon)
        with self.at(self.day(created - 3), 9):
            self.move(tender, domain.TenderStatus.REQUIREMENTS)
        commenters = [
            e
            for e in self.boards
            if plan.product in e.intents and e.account is not None and e.since(self.day(created))
        ]
        commenters.sort(key=lambda e: (not e.demo, self.rng.random()))
        days = sorted(
            self.rng.sample(range(published + 6, created - 6), len(plan.comments)), reverse=True
        )
        for text, entry, days_ago in zip(plan.comments, commenters, days, strict=False):
            with self.at(self.day(days_ago)):
                services.requirement_comment_add(
                    tender=tender, board=entry.board, text=text, by=entry.account
                )
        with self.at(self.day(published), 10):
            self.move(tender, domain.TenderStatus.PUBLISHED)
        return tender

    def bids(self, tender: Tender, plan: TenderPlan, first: date, last: date) -> None:
        """The suppliers bid between `first` and `last` (before the deadline)."""
        lots = list(tender.lots.order_by("number"))
        quality = [c.key for c in plan.criteria if not c.is_price]
        steps: list[tuple[datetime, Callable[[], object]]] = []
        span = max((last - first).days, 0)
        for lot, bids in zip(lots, plan.bids, strict=True):
            for bid in bids:
                day = max(_weekday(first + timedelta(days=self.rng.randint(0, span))), first)
                answers = dict(zip(quality, bid.answers, strict=True))
                steps.append((self.moment(day), self._bid(lot, bid, answers)))
        self.replay(steps)

    def _bid(self, lot: Lot, bid: BidPlan, answers: dict[str, str]) -> Callable[[], object]:
        company, user = self.suppliers[bid.supplier]
        return lambda: services.bid_submit(
            lot=lot, supplier=company, price_per_unit=bid.price, answers=answers, by=user
        )

    def evaluated(self, tender: Tender, plan: TenderPlan, *, closed: date, awarded: date) -> None:
        """Bidding closed the working day after the deadline; staff score the quality items over
        the days after, the evaluation is done, and every lot is awarded on `awarded`."""
        with self.at(closed, 9):
            self.move(tender, domain.TenderStatus.BIDDING_CLOSED)
        criteria = {c.key: c for c in tender.criteria.filter(is_price=False)}
        quality = [c for c in plan.criteria if not c.is_price]
        lots = list(tender.lots.order_by("number"))
        scoring_days = max((awarded - closed).days - 7, 1)  # done before the evaluation
        for lot, bids in zip(lots, plan.bids, strict=True):
            stored = {b.supplier.name: b for b in lot.bids.select_related("supplier")}
            for bid in bids:
                row = stored[self.suppliers[bid.supplier][0].name]
                day = _weekday(closed + timedelta(days=self.rng.randint(1, scoring_days)))
                with self.at(max(day, closed)):
                    for item, points in zip(quality, bid.points, strict=True):
                        services.bid_points_set(
                            bid=row,
                            criterion=criteria[item.key],
                            points=Decimal(points),
                            reasoning=_reasoning(points),
                            by=self.staff,
                        )
        with self.at(_weekday(awarded - timedelta(days=2)), 11):
            self.move(tender, domain.TenderStatus.EVALUATED)
        with self.at(awarded, 10):
            for lot in lots:
                services.lot_award(lot=lot, by=self.staff)

    def invited(self, tender: Tender) -> list[tuple[Participation, _Board]]:
        entries = {e.board.pk: e for e in self.boards}
        rows = Participation.objects.filter(tender=tender).order_by("board__number")
        return [(row, entries[row.board_id]) for row in rows if row.board_id in entries]

    def late_joiners(self, product: str, day: date, exclude: set[int], count: int) -> list[_Board]:
        """Boards without intent for the product, members by `day`, the newest members first."""
        pool = [
            e
            for e in self.boards
            if product not in e.intents and e.since(day) and e.board.pk not in exclude
        ]
        self.rng.shuffle(pool)
        pool.sort(key=lambda e: e.membership.starts_on, reverse=True)
        recent, others = pool[: count * 2], pool[count * 2 :]
        return self.rng.sample(recent, min(count, len(recent))) + others

    # -- external connectivity: fee-free, contracted, a price change ----------------------------

    def connectivity(self) -> None:
        plan = CONNECTIVITY_PLAN
        joins = sorted(self.rng.sample(range(45, 181), 4), reverse=True)  # days ago
        refused_on = self.day(25)
        pool = self.late_joiners(CONNECTIVITY, self.day(joins[0]), set(), 4)
        joiners = [
            (e, days) for e, days in zip(pool, joins, strict=False) if e.since(self.day(days))
        ]
        taken = {e.board.pk for e, _ in joiners}
        refused = next(
            (
                e
                for e in self.late_joiners(CONNECTIVITY, refused_on, taken, 1)
                if len(e.locations) >= 2 and e.board.pk not in taken
            ),
            None,
        )
        used = sum(len(e.locations) for e, _ in joiners)
        left = (
            self.rng.randint(min(3, len(refused.locations) - 1), min(6, len(refused.locations) - 1))
            if refused
            else self.rng.randint(2, 5)
        )
        tender = self.drafted(
            plan, created=340, room=Decimal(used + left), published=296, deadline=self.day(250)
        )
        self.bids(tender, plan, self.day(290), self.day(253))
        self.evaluated(
            tender, plan, closed=_working_days_after(self.day(250), 1), awarded=self.day(232)
        )
        invited = self.invited(tender)
        declines = [p for p, e in invited if not e.demo]
        declined = self.rng.choice(declines) if declines else None
        steps: list[tuple[datetime, Callable[[], object]]] = []
        for row, entry in invited:
            when = self.moment(self.day(self.rng.randint(205, 230)))
            decide = (
                services.participation_decline
                if row == declined
                else (services.participation_confirm)
            )
            steps.append((when, _decision(decide, row, self.by(entry))))
        self.replay(steps)
        with self.at(self.day(198), 14):
            self.move(tender, domain.TenderStatus.CONTRACTED)
        for entry, days in joiners:
            with self.at(self.day(days)):
                self.late_join(tender, entry, units=Decimal(len(entry.locations)))
        lot = tender.lots.get(number=1)
        recorded = self.day(70)
        effective = (recorded.replace(day=1) + timedelta(days=32)).replace(day=1)
        with self.at(recorded, 15):
            services.price_change_record(
                lot=lot,
                effective_on=effective,
                percent=PRICE_CHANGE,
                reason=(
                    f"{self.suppliers['glasvezel'][0].name} verhoogt de prijs per locatie met "
                    f"{PRICE_CHANGE} % vanaf {effective:%d-%m-%Y}, op grond van de "
                    "indexeringsclausule: de energiekosten en de huur van glasvezel zijn "
                    "sterk gestegen."
                ),
                by=self.staff,
            )
        if refused is not None:
            with self.at(refused_on):
                self.late_join(tender, refused, units=Decimal(len(refused.locations)))

    def late_join(self, tender: Tender, entry: _Board, *, units: Decimal) -> None:
        services.late_join(
            tender=tender,
            board=entry.board,
            units=units,
            locations=len(entry.locations),
            by=self.by(entry),
        )

    # -- wifi: a purchase fee, awarded weeks ago, some yet to confirm ---------------------------

    def wifi(self) -> None:
        plan = WIFI_PLAN
        first, last = fee_window(self.today)
        window = [
            first + timedelta(days=n)
            for n in range((last - first).days + 1)
            if (first + timedelta(days=n)).weekday() < 5
        ]
        awarded = _weekday(first - timedelta(days=6))
        ago = (self.today - awarded).days
        joiners = [e for e in self.boards if e.demo == DEMO_KLEIN and WIFI not in e.intents]
        others = self.late_joiners(WIFI, first, {e.board.pk for e in joiners}, 2)
        joiners += others[: 3 - len(joiners)]
        points = {e.board.pk: [self.access_points(loc) for loc in e.locations] for e in joiners}
        used = sum(sum(p) for p in points.values())
        room = Decimal(used + self.rng.randint(12, 40))
        tender = self.drafted(
            plan, created=ago + 150, room=room, published=ago + 95, deadline=self.day(ago + 50)
        )
        self.bids(tender, plan, self.day(ago + 90), self.day(ago + 52))
        self.evaluated(
            tender, plan, closed=_working_days_after(self.day(ago + 50), 1), awarded=awarded
        )
        invited = self.invited(tender)
        waiting = {e.board.pk for _, e in invited if e.demo == DEMO_VO}
        pool = [e.board.pk for _, e in invited if not e.demo]
        waiting |= set(self.rng.sample(pool, min(2, len(pool))))
        steps: list[tuple[datetime, Callable[[], object]]] = []
        for row, entry in invited:
            day = self.rng.choice(window)
            if entry.board.pk not in waiting:
                steps.append((self.moment(day), _decision(
                    services.participation_confirm, row, self.by(entry)
                )))  # fmt: skip
        for entry in joiners:
            day = self.rng.choice(window[len(window) // 2 :])
            units = Decimal(sum(points[entry.board.pk]))
            steps.append((self.moment(day, 16), self._join(tender, entry, units)))
        self.replay(steps)

    def _join(self, tender: Tender, entry: _Board, units: Decimal) -> Callable[[], None]:
        return lambda: self.late_join(tender, entry, units=units)

    # -- the mandatory security services: in bidding now, one sealed bid ------------------------

    def security(self) -> None:
        plan = SECURITY_PLAN
        deadline = _working_day_from(self.today + timedelta(days=20))
        tender = self.drafted(plan, created=70, room=Decimal(5000), published=24, deadline=deadline)
        self.bids(tender, plan, self.day(6), self.day(6))


def _reasoning(points: int) -> str:
    if points >= 9:
        return "Overtuigend en volledig onderbouwd, met referenties in het onderwijs."
    if points >= 7:
        return "Goed onderbouwd, met kleine kanttekeningen bij de uitvoering."
    if points >= 5:
        return "Voldoende, maar weinig concreet over de uitvoering."
    return "Onvoldoende onderbouwd."


def _decision(
    decide: Callable[..., Participation], row: Participation, by: User | None
) -> Callable[[], object]:
    return lambda: decide(participation=row, by=by)
