"""The synthetic register written in DUO's file formats: `;`-separated, Windows-1252, with DUO's
columns, line endings and habits (right-aligned municipality codes, " " for blanks). Pure."""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Sequence
from datetime import date

from bundel.demo import names
from bundel.demo.world import BoardPlan, World, pick_municipality, postcode

PO_COUNT_DATE = date(2016, 10, 1)
FINANCE_YEARS = (2014, 2015)

# Ages in DUO's PO count file: LEEFTIJD_JONGER, LEEFTIJD_4 ... LEEFTIJD_24, LEEFTIJD_OUDER.
AGE_COLUMNS = ("LEEFTIJD_JONGER", *(f"LEEFTIJD_{age}" for age in range(4, 25)), "LEEFTIJD_OUDER")
AGE_PROFILES: dict[str, dict[int, float]] = {  # age → weight, per SOORT_PO
    "Bo": {4: 9, 5: 12, 6: 12, 7: 12, 8: 12, 9: 12, 10: 12, 11: 12, 12: 6, 13: 0.5},
    "Sbo": {6: 3, 7: 7, 8: 12, 9: 16, 10: 19, 11: 21, 12: 18, 13: 4},
    "So": {4: 5, 5: 8, 6: 10, 7: 12, 8: 13, 9: 14, 10: 14, 11: 13, 12: 9, 13: 2},
    "Vso": {12: 6, 13: 12, 14: 15, 15: 16, 16: 16, 17: 14, 18: 11, 19: 7, 20: 3},
}


def _csv(rows: list[list[str]], *, crlf: bool) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n" if crlf else "\n")
    writer.writerows(rows)
    return buffer.getvalue().encode("cp1252")


def _ages(rng: random.Random, school_type: str, students: int) -> list[int]:
    """Students per age column, summing to `students` (largest remainder)."""
    profile = AGE_PROFILES[school_type]
    weights = [profile.get(age, 0) * rng.uniform(0.85, 1.15) for age in range(3, 26)]
    shares = [students * w / sum(weights) for w in weights]
    counts = [int(s) for s in shares]
    order = sorted(range(len(shares)), key=lambda i: shares[i] - counts[i], reverse=True)
    for i in order[: students - sum(counts)]:
        counts[i] += 1
    return counts


def po_counts_file(world: World) -> bytes:
    """DUO "01. leerlingen po: soort po, cluster, leeftijd": `;`, Windows-1252, LF."""
    rng = random.Random(f"{world.seed}/ages")
    header = [
        "PEILDATUM",
        "BRIN_NUMMER",
        "VESTIGINGSNUMMER",
        "INSTELLINGSNAAM_VESTIGING",
        "POSTCODE_VESTIGING",
        "PLAATSNAAM",
        "GEMEENTENUMMER",
        "GEMEENTENAAM",
        "PROVINCIE",
        "SOORT_PO",
        "CLUSTER",
        "DENOMINATIE_VESTIGING",
        "BEVOEGD_GEZAG_NUMMER",
        *AGE_COLUMNS,
        "TOTAAL",
    ]
    rows = []
    peildatum = PO_COUNT_DATE.strftime("%Y%m%d")
    for board in world.boards:
        for school in board.po_schools:
            for location in school.locations:
                for cell in location.cells:
                    municipality = location.place.municipality
                    rows.append(
                        [
                            peildatum,
                            school.brin,
                            location.code[4:],
                            location.name,
                            location.postcode,
                            location.place.city,
                            f"{int(municipality.code):>4}",  # DUO right-aligns: " 285"
                            municipality.name,
                            municipality.province,
                            cell.school_type,
                            cell.cluster,
                            school.denomination,
                            board.number,
                            *(str(n) for n in _ages(rng, cell.school_type, cell.students)),
                            str(cell.students),
                        ]
                    )
    rows.sort(key=lambda r: (r[1], r[2], r[9]))
    return _csv([header, *rows], crlf=False)


def vo_counts_file(world: World) -> bytes:
    """DUO "03. leerlingen vo per vestiging en bestuur (vavo apart)": `;`, Windows-1252, CRLF."""
    header = [
        "BEVOEGD GEZAG NUMMER",
        "BRIN NUMMER",
        "VESTIGINGSNUMMER",
        "INSTELLINGSNAAM VESTIGING",
        "PLAATSNAAM",
        "GEMEENTENUMMER",
        "GEMEENTENAAM",
        "PROVINCIE",
        "AANTAL LEERLINGEN",
        "AANTAL VO LEERLINGEN UITBESTEED AAN VAVO",
        "TOTAAL AANTAL LEERLINGEN",
    ]
    rows = []
    for board in world.boards:
        for school in sorted(board.vo_schools, key=lambda s: s.brin):
            for location in school.locations:
                (cell,) = location.cells
                municipality = location.place.municipality
                rows.append(
                    [
                        board.number,
                        school.brin,
                        location.code,
                        location.name,
                        location.place.city,
                        municipality.code,
                        municipality.name,
                        municipality.province,
                        str(cell.students - cell.vavo),
                        str(cell.vavo),
                        str(cell.students),
                    ]
                )
    return _csv([header, *rows], crlf=True)


BOARD_HEADER = [
    "BEVOEGD GEZAG NUMMER",
    "BEVOEGD GEZAG NAAM",
    "STRAATNAAM",
    "HUISNUMMER-TOEVOEGING",
    "POSTCODE",
    "PLAATSNAAM",
    "GEMEENTENUMMER",
    "GEMEENTENAAM",
    "DENOMINATIE",
    "TELEFOONNUMMER",
    "INTERNETADRES",
    "STRAATNAAM CORRESPONDENTIEADRES",
    "HUISNUMMER-TOEVOEGING CORRESPONDENTIEADRES",
    "POSTCODE CORRESPONDENTIEADRES",
    "PLAATSNAAM CORRESPONDENTIEADRES",
    "ADMINISTRATIEKANTOORNUMMER",
    "KVK-NUMMER",
]


def boards_file(boards: Sequence[BoardPlan], rng: random.Random) -> bytes:
    """DUO "bevoegde gezagen" (names and addresses): `;`, Windows-1252, CRLF, blanks as " "."""
    rows = []
    for board in boards:
        place = board.home
        municipality = place.municipality
        number = rng.randint(1, 250)
        suffix = rng.choice(("", "", "", "-A", "a", "-1"))
        words = board.name.lower().split()
        slug = "".join(w[0] for w in words[1:-1]) + words[-1]
        slug = "".join(ch for ch in slug if ch.isascii() and ch.isalnum())
        website = f"www.{slug}.nl" if rng.random() < 0.7 else " "
        has_po_box = rng.random() < 0.6
        rows.append(
            [
                board.number,
                board.name,
                rng.choice(names.STREETS),
                f"{number}{suffix}",
                postcode(rng, place, space=True),
                place.city,
                municipality.code,
                municipality.name.upper(),
                board.denomination,
                f"0{rng.randint(100_000_000, 999_999_999)}",
                website,
                "Postbus" if has_po_box else " ",
                str(rng.randint(1, 9999)) if has_po_box else " ",
                postcode(rng, place, space=True) if has_po_box else " ",
                place.city if has_po_box else " ",
                str(rng.randint(100, 999)) if rng.random() < 0.3 else " ",
                f"{rng.randint(0, 99_999_999):08d}",
            ]
        )
    return _csv([BOARD_HEADER, *rows], crlf=True)


FINANCE_AMOUNTS = [
    "1.1 - IMMATERIËLE VASTE ACTIVA",
    "1.2 - MATERIËLE VASTE ACTIVA",
    "1.3 - FINANCIËLE VASTE ACTIVA",
    "1.4 - VOORRADEN",
    "1.5 - VORDERINGEN",
    "1.6 - EFFECTEN",
    "1.7 - LIQUIDE MIDDELEN",
    "2.1 - EIGEN VERMOGEN",
    "2.2 - VOORZIENINGEN",
    "2.3 - LANGLOPENDE SCHULDEN",
    "2.4 - KORTLOPENDE SCHULDEN",
    "TA - TOTAAL ACTIVA",
    "TP - TOTAAL PASSIVA",
    "TVA - TOTAAL VASTE ACTIVA",
    "TVLA - TOTAAL VLOTTENDE ACTIVA",
]


def _group(board: BoardPlan) -> str:
    """DUO's GROEPERING: a size class for regular boards, SBO or REC for special ones."""
    if board.kind == "special":
        return "REC"
    if board.kind == "sbo":
        return "SBO"
    students = board.students("PO")
    limits = ((250, "PO1"), (500, "PO2"), (1000, "PO3"), (2500, "PO4"), (5000, "PO5"))
    return next((group for limit, group in limits if students <= limit), "PO6")


def _money(value: int) -> str:
    return f"{value:,}".replace(",", ".") if value else ""


def _balance(rng: random.Random, students: int) -> list[str]:
    total = max(50_000, round(students * rng.uniform(3000, 5500)))
    fixed = round(total * rng.uniform(0.25, 0.5))
    financial = round(total * rng.uniform(0, 0.05)) if rng.random() < 0.3 else 0
    receivable = round(total * rng.uniform(0.05, 0.15))
    cash = total - fixed - financial - receivable
    equity = round(total * rng.uniform(0.35, 0.65))
    provisions = round(total * rng.uniform(0.05, 0.15))
    long_term = round(total * rng.uniform(0, 0.1)) if rng.random() < 0.4 else 0
    short_term = total - equity - provisions - long_term
    values = [0, fixed, financial, 0, receivable, 0, cash, equity, provisions, long_term]
    values += [short_term, total, total, fixed + financial, total - fixed - financial]
    return [_money(v) for v in values]


def finance_file(world: World, rng: random.Random) -> bytes:
    """DUO "01. PO (MAB) balans": one row per board and year, with DUO's short name and
    GROEPERING; samenwerkingsverbanden (SWV) and boards merged away before 2016 are in it too,
    as in the real file. `;`, Windows-1252, LF."""
    header = ["BEVOEGD GEZAG NUMMER", "GROEPERING", "BEVOEGD GEZAG NAAM", "JAAR", *FINANCE_AMOUNTS]
    rows = []
    po_boards = [b for b in world.boards if b.po_schools]
    for board in po_boards:
        students = board.students("PO")
        for year in FINANCE_YEARS:
            rows.append(
                [board.number, _group(board), names.short_name(board.name), str(year)]
                + _balance(rng, students)
            )
    taken = {b.number for b in world.boards}
    others: list[tuple[str, str, str, tuple[int, ...], int]] = []
    for i in range(max(3, round(len(po_boards) / 14)) + max(2, round(len(po_boards) * 0.03))):
        number = f"{rng.choice('4123')}{rng.randrange(10_000):04d}"
        while number in taken:
            number = f"{rng.choice('4123')}{rng.randrange(10_000):04d}"
        taken.add(number)
        municipality = pick_municipality(rng)
        if i % 5 == 4:  # a board merged away: its last balance is of 2014
            name = f"Stichting {rng.choice(names.BRANDS)} {municipality.name}"
            others.append((number, "PO2", names.short_name(name), FINANCE_YEARS[:1], 300))
        else:
            region = rng.choice(names.REGIONS[municipality.province])
            others.append((number, "SWV", f"Swv PO {region}", FINANCE_YEARS, 150))
    for number, group, name, years, students in others:
        for year in years:
            rows.append([number, group, name, str(year)] + _balance(rng, students))
    rows.sort(key=lambda r: (r[0], r[3]))
    return _csv([header, *rows], crlf=False)
