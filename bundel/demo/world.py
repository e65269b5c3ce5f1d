"""The synthetic register as plans: boards with their schools, locations and student counts,
drawn from the real register's distributions. Pure: no Django. `duo_format` writes the files."""

from __future__ import annotations

import bisect
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from bundel.demo import names
from bundel.demo.places import MUNICIPALITIES

# Board sizes (students) at quantiles of the real register: PO on 1 Oct 2016 (1,052 boards),
# VO on 1 Oct 2017 (338 boards). Sizes are drawn between these knots, log-linearly.
# fmt: off
PO_BOARD_SIZES = (
    (0.0, 16), (0.02, 64), (0.05, 88), (0.1, 130), (0.15, 174), (0.2, 209), (0.25, 234),
    (0.3, 265), (0.35, 315), (0.4, 388), (0.45, 479), (0.5, 601), (0.55, 814), (0.6, 1088),
    (0.65, 1386), (0.7, 1691), (0.75, 1984), (0.8, 2470), (0.85, 2976), (0.9, 3629), (0.93, 4319),
    (0.95, 4980), (0.97, 6130), (0.98, 6965), (0.99, 9078), (0.995, 10452), (1.0, 19997),
)
VO_BOARD_SIZES = (
    (0.0, 34), (0.02, 101), (0.05, 164), (0.1, 242), (0.15, 473), (0.2, 826), (0.25, 1031),
    (0.3, 1216), (0.35, 1434), (0.4, 1623), (0.45, 1812), (0.5, 1974), (0.55, 2121), (0.6, 2298),
    (0.65, 2593), (0.7, 2830), (0.75, 3162), (0.8, 3722), (0.85, 4110), (0.9, 5742), (0.93, 6657),
    (0.95, 7973), (0.97, 11734), (0.98, 13462), (0.99, 21266), (0.995, 26821), (1.0, 62256),
)
# fmt: on

CLUSTERS = {"3/4": 80, "  2": 15, "  1": 5}  # DUO's CLUSTER values, leading spaces as given
POSTCODE_LETTERS = "ABCDEGHJKLMNPRSTVWXZ"


@dataclass(frozen=True)
class WorldShape:
    """How many boards of each kind; the defaults give the register's real proportions."""

    po_boards: int = 1050
    vo_boards: int = 340
    boards_in_both: int = 50
    special_share: float = 0.067  # boards with only SO/VSO schools (71 of 1,052 in 2016)
    sbo_only_share: float = 0.019  # boards with only SBO schools (20 of 1,052)


@dataclass(frozen=True)
class Municipality:
    code: str
    name: str
    province: str
    weight: int
    places: tuple[tuple[str, int], ...]  # (place as DUO spells it, 4-digit postcode area)


@dataclass(frozen=True)
class Place:
    municipality: Municipality
    city: str
    postcode_area: int


@dataclass(frozen=True)
class CountCell:
    """One row of a count file: students of one school type (and cluster) at a location."""

    school_type: str  # DUO's SOORT_PO (Bo, Sbo, So, Vso), or VO
    cluster: str
    students: int
    vavo: int = 0


@dataclass
class LocationPlan:
    code: str
    name: str
    place: Place
    postcode: str
    cells: list[CountCell]


@dataclass
class SchoolPlan:
    brin: str
    name: str
    denomination: str
    locations: list[LocationPlan]


@dataclass
class BoardPlan:
    number: str
    kind: str  # regular, special (SO/VSO only) or sbo (SBO only)
    denomination: str
    home: Place
    po_schools: list[SchoolPlan] = field(default_factory=list)
    vo_schools: list[SchoolPlan] = field(default_factory=list)
    name: str = ""

    def students(self, sector: str) -> int:
        schools = self.po_schools if sector == "PO" else self.vo_schools
        return sum(c.students for s in schools for loc in s.locations for c in loc.cells)


@dataclass
class World:
    seed: int
    boards: list[BoardPlan]


def world_build(*, seed: int, shape: WorldShape) -> World:
    rng = random.Random(seed)
    po_sizes = _sizes(rng, shape.po_boards, PO_BOARD_SIZES)
    vo_sizes = _sizes(rng, shape.vo_boards, VO_BOARD_SIZES)
    kinds = ["regular"] * shape.po_boards
    special = [i for i, s in enumerate(po_sizes) if 80 <= s <= 2000]
    for i in rng.sample(special, min(len(special), round(shape.po_boards * shape.special_share))):
        kinds[i] = "special"
    sbo = [i for i, s in enumerate(po_sizes) if 45 <= s <= 360 and kinds[i] == "regular"]
    for i in rng.sample(sbo, min(len(sbo), round(shape.po_boards * shape.sbo_only_share))):
        kinds[i] = "sbo"
    regular = [i for i, kind in enumerate(kinds) if kind == "regular"]
    both = rng.sample(regular, min(len(regular), shape.boards_in_both, shape.vo_boards))
    vo_of = dict(zip(both, vo_sizes, strict=False))

    total = shape.po_boards + shape.vo_boards - len(both)
    numbers = _board_numbers(rng, total)
    brins = _BrinPool(rng)
    names_taken: set[str] = set()
    boards = []
    for i, po_size in enumerate(po_sizes):
        boards.append(
            _board(rng, numbers[i], kinds[i], po_size, vo_of.get(i, 0), brins, names_taken)
        )
    for j, vo_size in enumerate(vo_sizes[len(both) :]):
        number = numbers[shape.po_boards + j]
        boards.append(_board(rng, number, "regular", 0, vo_size, brins, names_taken))
    boards.sort(key=lambda b: b.number)
    return World(seed=seed, boards=boards)


def _sizes(rng: random.Random, n: int, knots: Sequence[tuple[float, int]]) -> list[int]:
    """n sizes, one from each n-th of the distribution (stratified), in random order."""
    sizes = [_quantile(knots, (i + rng.random()) / n) for i in range(n)]
    rng.shuffle(sizes)
    return sizes


def _quantile(knots: Sequence[tuple[float, int]], u: float) -> int:
    for (p0, v0), (p1, v1) in zip(knots, knots[1:], strict=False):
        if u <= p1:
            t = (u - p0) / (p1 - p0)
            return round(math.exp(math.log(v0) + t * (math.log(v1) - math.log(v0))))
    return knots[-1][1]


def _board_numbers(rng: random.Random, n: int) -> list[str]:
    """Unique 5-digit numbers; most real board numbers start with 4 (foundations)."""
    first = "432178965"
    weights = (50, 13, 7, 4, 8, 7, 6, 4, 3)
    taken: dict[str, None] = {}
    while len(taken) < n:
        digit = rng.choices(first, weights)[0]
        taken.setdefault(f"{digit}{rng.randrange(10_000):04d}", None)
    return list(taken)


class _BrinPool:
    """Unique BRIN codes: two digits and two letters (REG-1)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.taken: set[str] = set()

    def take(self) -> str:
        letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
        while True:
            code = (
                f"{self.rng.randrange(32):02d}{self.rng.choice(letters)}{self.rng.choice(letters)}"
            )
            if code not in self.taken:
                self.taken.add(code)
                return code


@cache
def municipalities() -> tuple[Municipality, ...]:
    found = []
    for line in MUNICIPALITIES.strip().splitlines():
        code, name, province, weight, places = line.split("|")
        found.append(
            Municipality(
                code=code,
                name=name,
                province=province,
                weight=int(weight),
                places=tuple(
                    (place, int(area))
                    for place, area in (item.rsplit(":", 1) for item in places.split(","))
                ),
            )
        )
    return tuple(found)


@cache
def _municipality_index() -> dict[str, tuple[list[Municipality], list[float]]]:
    index: dict[str, tuple[list[Municipality], list[float]]] = {"": ([], [])}
    for m in municipalities():
        for key in ("", m.province):
            items, cumulative = index.setdefault(key, ([], []))
            items.append(m)
            cumulative.append((cumulative[-1] if cumulative else 0) + m.weight)
    return index


def pick_municipality(rng: random.Random, province: str = "") -> Municipality:
    items, cumulative = _municipality_index()[province]
    return items[bisect.bisect(cumulative, rng.random() * cumulative[-1])]


def _place(rng: random.Random, municipality: Municipality) -> Place:
    city, area = rng.choices(municipality.places, (6, 2, 1)[: len(municipality.places)])[0]
    return Place(municipality, city, area)


def postcode(rng: random.Random, place: Place, *, space: bool = False) -> str:
    spread = min(9, place.municipality.weight // 8)
    area = min(9999, place.postcode_area + rng.randint(0, spread))
    letters = rng.choice(POSTCODE_LETTERS) + rng.choice(POSTCODE_LETTERS)
    if letters in {"SA", "SD", "SS"}:
        letters = "AB"
    return f"{area} {letters}" if space else f"{area}{letters}"


def _board(
    rng: random.Random,
    number: str,
    kind: str,
    po_size: int,
    vo_size: int,
    brins: _BrinPool,
    names_taken: set[str],
) -> BoardPlan:
    table = names.SPECIAL_DENOMINATIONS if kind == "special" else names.PO_DENOMINATIONS
    if not po_size:
        table = names.VO_DENOMINATIONS
    denomination = rng.choices(list(table), list(table.values()))[0]
    home = _place(rng, pick_municipality(rng))
    board = BoardPlan(number=number, kind=kind, denomination=denomination, home=home)
    if po_size:
        board.po_schools = _po_schools(rng, board, po_size, brins)
    if vo_size:
        board.vo_schools = _vo_schools(rng, board, vo_size, brins)
    board.name = names.board_name(rng, board, names_taken)
    return board


def _split(
    rng: random.Random, total: int, n: int, *, least: int = 1, lead: float = 1.0
) -> list[int]:
    """`total` in at most n parts of at least `least` (≥ 1) each, the first part `lead` times
    heavier; every part varies around its share."""
    n = max(1, min(n, total // least))
    if n == 1:
        return [total]
    weights = [rng.gammavariate(3.0, 1.0) * (lead if i == 0 else 1.0) for i in range(n)]
    rest = total - least * n
    shares = [rest * w / sum(weights) for w in weights]
    parts = [least + int(s) for s in shares]
    order = sorted(range(n), key=lambda i: shares[i] - int(shares[i]), reverse=True)
    for i in order[: total - sum(parts)]:
        parts[i] += 1
    return parts


def _school_places(rng: random.Random, board: BoardPlan, n: int) -> list[Place]:
    """Small boards stay in their home town; larger ones spread over their province."""
    stay = max(0.3, 1 - n / 20)
    return [
        board.home
        if i == 0 or rng.random() < stay
        else _place(rng, pick_municipality(rng, board.home.municipality.province))
        for i in range(n)
    ]


def _po_schools(
    rng: random.Random, board: BoardPlan, size: int, brins: _BrinPool
) -> list[SchoolPlan]:
    if board.kind == "special":
        return _special_schools(rng, board, size, brins, round(size / rng.uniform(150, 350)))
    large = size > 3000
    if board.kind == "sbo":
        n = 2 if size > 250 and rng.random() < 0.3 else 1
        parts = _split(rng, size, n, least=40)
        places = _school_places(rng, board, len(parts))
        return [
            _po_school(rng, board, "Sbo", students, place, brins, large=large)
            for students, place in zip(parts, places, strict=True)
        ]
    extras: list[SchoolPlan] = []
    rest = size
    has_sbo = size > 1000 and rng.random() < (0.25 if size < 3000 else 0.65)
    has_special = size > 1000 and rng.random() < (0.05 if size < 3000 else 0.3)
    for _ in range(1 + size // 9000 if has_sbo else 0):
        students = min(rng.randint(70, 230), rest // 5)
        extras.append(_po_school(rng, board, "Sbo", students, board.home, brins, large=large))
        rest -= students
    if has_special:
        students = min(rng.randint(80, 350), rest // 5)
        extras += _special_schools(rng, board, students, brins, 1)
        rest -= students
    if rest <= 320:
        n = 2 if rng.random() < 0.06 and rest > 60 else 1
    elif rest <= 600:
        n = 1 if rng.random() < 0.6 else rng.randint(2, 3)
    else:
        n = round(rest / (rng.uniform(170, 260) if rest < 4000 else rng.uniform(220, 320)))
    parts = _split(rng, rest, n, least=15)
    places = _school_places(rng, board, len(parts))
    schools = [
        _po_school(rng, board, "Bo", students, place, brins, large=large)
        for students, place in zip(parts, places, strict=True)
    ]
    return schools + extras


def _po_school(
    rng: random.Random,
    board: BoardPlan,
    school_type: str,
    students: int,
    place: Place,
    brins: _BrinPool,
    *,
    large: bool,
) -> SchoolPlan:
    """A BAO or SBO school; schools of large boards more often have several locations."""
    brin = brins.take()
    name = names.po_school_name(rng, school_type, board.denomination)
    n = 1
    if students >= 80 and rng.random() < (0.1 if large else 0.03):
        n = rng.choices((2, 3, 4), (70, 20, 10))[0]
    locations = []
    for i, part in enumerate(_split(rng, students, n, least=20, lead=2.0)):
        spot = place if i == 0 else _place(rng, place.municipality)
        cells = [CountCell(school_type, "nvt", part)]
        locations.append(LocationPlan(f"{brin}{i:02d}", name, spot, postcode(rng, spot), cells))
    return SchoolPlan(brin, name, board.denomination, locations)


def _special_schools(
    rng: random.Random, board: BoardPlan, size: int, brins: _BrinPool, n: int
) -> list[SchoolPlan]:
    """SO and VSO schools (WEC): a location often has an SO row and a VSO row."""
    parts = _split(rng, size, max(1, n), least=30)
    places = _school_places(rng, board, len(parts))
    schools = []
    for students, place in zip(parts, places, strict=True):
        brin = brins.take()
        cluster = rng.choices(list(CLUSTERS), list(CLUSTERS.values()))[0]
        types = rng.choices((("So", "Vso"), ("So",), ("Vso",)), (55, 20, 25))[0]
        core = rng.choice(names.SCHOOL_CORES)
        label = {("So", "Vso"): "SO/VSO", ("So",): "SO", ("Vso",): "VSO"}[types]
        tag = {"3/4": rng.choice(("", "", "ZML ", "ZMOK ", "LZK ")), "  2": "Auditief ", "  1": ""}
        name = f"{label} {tag[cluster]}{core}"
        n_locations = rng.choices((1, 2, 3), (70, 20, 10))[0] if students >= 90 else 1
        locations = []
        for i, part in enumerate(_split(rng, students, n_locations, least=30, lead=1.5)):
            if len(types) == 2 and part >= 20:
                so = round(part * rng.uniform(0.35, 0.6))
                cells = [CountCell("So", cluster, so), CountCell("Vso", cluster, part - so)]
            else:
                cells = [CountCell(types[i % len(types)], cluster, part)]
            spot = place if i == 0 else _place(rng, place.municipality)
            locations.append(LocationPlan(f"{brin}{i:02d}", name, spot, postcode(rng, spot), cells))
        schools.append(SchoolPlan(brin, name, board.denomination, locations))
    return schools


def _vo_schools(
    rng: random.Random, board: BoardPlan, size: int, brins: _BrinPool
) -> list[SchoolPlan]:
    n = min(35, max(1, round(size / rng.uniform(1300, 2500))))
    parts = _split(rng, size, n, least=30)
    places = _school_places(rng, board, len(parts))
    schools = []
    taken: set[str] = set()
    for students, place in zip(parts, places, strict=True):
        brin = brins.take()
        name = names.vo_school_name(rng, students, place, taken)
        n_locations = min(12, max(1, round(students / rng.uniform(450, 1100))))
        locations = []
        for i, part in enumerate(_split(rng, students, n_locations, least=25, lead=1.5)):
            spot = place if i == 0 else _place(rng, place.municipality)
            vavo = 0
            if part >= 200 and rng.random() < 0.5:
                vavo = rng.randint(1, max(1, round(part * 0.025)))
            location_name = (
                name if spot.city == place.city else f"{name} {names.title_case(spot.city)}"
            )
            locations.append(
                LocationPlan(
                    f"{brin}{i:02d}",
                    location_name,
                    spot,
                    postcode(rng, spot),
                    [CountCell("VO", "", part, vavo)],
                )
            )
        schools.append(SchoolPlan(brin, name, board.denomination, locations))
    return schools
