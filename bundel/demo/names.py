"""Plausible Dutch names for the synthetic register's schools and boards: the words, and the
functions that pick them. The brands are invented: any likeness to a real board is a coincidence."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bundel.demo.world import BoardPlan, Place

# fmt: off
# DENOMINATIE as DUO writes it, with its share of PO and of VO boards.
PO_DENOMINATIONS = {
    "Openbaar": 31,
    "Rooms-Katholiek": 29,
    "Protestants-Christelijk": 24,
    "Algemeen bijzonder": 9,
    "Reformatorisch": 2.5,
    "Gereformeerd vrijgemaakt": 1.5,
    "Antroposofisch": 1,
    "Samenwerking PC, RK": 1,
    "Islamitisch": 0.7,
    "Interconfessioneel": 0.3,
}
VO_DENOMINATIONS = {
    "Openbaar": 25,
    "Rooms-Katholiek": 24,
    "Protestants-Christelijk": 20,
    "Algemeen bijzonder": 15,
    "Interconfessioneel": 9,
    "Reformatorisch": 3,
    "Samenwerking PC, RK": 3,
    "Gereformeerd vrijgemaakt": 1,
}
SPECIAL_DENOMINATIONS = {
    "Openbaar": 30,
    "Protestants-Christelijk": 30,
    "Rooms-Katholiek": 25,
    "Algemeen bijzonder": 15,
}

BRANDS = (
    "Akkoord", "Arcade", "Artesis", "Avéro", "Baanbreker", "Bijenkorf", "Boomgaard", "Brederode",
    "Brugwachter", "Dijkwerk", "Duinrand", "Eemwijs", "Elfsteden", "Estuarium", "Floreer",
    "Getijde", "Groeiwijs", "Heidewijk", "Horizonnen", "Kansrijk", "Keerkring", "Kiemkracht",
    "Klaverwijs", "Kompasroos", "Kringloop", "Leerkracht", "Leerrijk", "Lichtbaken", "Meanderwijs",
    "Meerstroom", "Molenwiek", "Noorderlicht", "Octant", "Olijftak", "Passaat", "Poldervlucht",
    "Regenboogwijs", "Rivierenland", "Scheepvaert", "Schoolwijzer", "Sterrenwacht", "Stroomwijs",
    "Talentrijk", "Tweestroom", "Veelkleur", "Veenkoloniaal", "Vlechtwerk", "Waddenwind",
    "Waterlinie", "Wegwijzers", "Windkracht", "Wolkenland", "Zeewaarts", "Zonnewende",
)

REGIONS = {
    "Groningen": ("Ommelanden", "Oost-Groningen", "Westerkwartier"),
    "Friesland": ("Noord-Friesland", "Zuidoost-Friesland", "Westergo"),
    "Drenthe": ("Noord-Drenthe", "Zuidoost-Drenthe", "Zuidwest-Drenthe"),
    "Overijssel": ("Twente", "Salland", "Vechtdal"),
    "Flevoland": ("Flevoland", "Noordoostpolder", "Flevopolder"),
    "Gelderland": ("Achterhoek", "Veluwe", "Rivierenland", "Liemers", "Betuwe"),
    "Utrecht": ("Utrechtse Heuvelrug", "Lekstroom", "Eemland", "Vechtstreek"),
    "Noord-Holland": ("Kennemerland", "West-Friesland", "Gooi en Vecht", "Zaanstreek"),
    "Zuid-Holland": ("Hoeksche Waard", "Drechtsteden", "Rijnland", "Westland", "Midden-Holland"),
    "Zeeland": ("Zeeuws-Vlaanderen", "Walcheren", "De Bevelanden"),
    "Noord-Brabant": ("West-Brabant", "Oost-Brabant", "De Kempen", "De Peel", "Meierij"),
    "Limburg": ("Noord-Limburg", "Midden-Limburg", "Parkstad", "Westelijke Mijnstreek"),
}

SCHOOL_CORES = (
    "De Akker", "De Ark", "De Bolster", "De Boomgaard", "De Bron", "De Duizendpoot", "De Eik",
    "De Fontein", "De Horizon", "De Kameleon", "De Klimop", "De Kleine Prins", "De Kei",
    "De Lichtboei", "De Linde", "De Meander", "De Molenwiek", "De Notenkraker", "De Octopus",
    "De Piramide", "De Regenboog", "De Schakel", "De Springplank", "De Sterrenkijker",
    "De Toermalijn", "De Tweemaster", "De Uitkijk", "De Vlinder", "De Vuurtoren", "De Waterlelie",
    "De Wegwijzer", "De Wereldwijzer", "De Wilgenhoek", "De Windroos", "De Zevensprong",
    "De Zonnewijzer", "De Zonnebloem", "De Kastanjehof", "De Mheenthe", "De Oosterbrug",
    "De Zeester", "De Dukdalf", "De Marke", "De Esch", "De Hoeksteen", "De Parel", "De Startbaan",
    "De Tamarisk", "Het Anker", "Het Baken", "Het Kinderrijk", "Het Klaverblad", "Het Kompas",
    "Het Mozaïek", "Het Palet", "Het Talent", "Het Hoge Land", "Het Vogelnest", "Het Speelwerk",
    "Het Zonnehuis", "Het Kristal", "Het Carillon", "Het Wilgenbos", "'t Schrijvertje",
    "'t Kwetternest", "'t Klokhuis", "'t Holtland", "Op de Berg", "Aan de Linge", "Over de Brug",
    "Kleurrijk", "Prisma", "Spectrum", "Triangel", "Wereldwijs", "Zuiderlicht",
)
CATHOLIC_CORES = (
    "Sint Jozef", "Sint Martinus", "Sint Franciscus", "Sint Willibrordus", "Sint Antonius",
    "Sint Bernardus", "Sint Lambertus", "Sint Servaas", "Mariaschool", "Pius X", "Titus Brandsma",
    "De Heilige Familie", "Don Bosco", "Sint Theresia",
)
PROTESTANT_CORES = (
    "Koningin Julianaschool", "Prinses Beatrixschool", "Prins Willem-Alexanderschool",
    "Oranje Nassauschool", "Willem de Zwijgerschool", "Het Mosterdzaadje", "De Rank",
    "Eben-Haëzer", "Maranatha", "De Morgenster", "Immanuël", "Bethelschool",
)
REFORMED_CORES = (
    "Johannes Calvijnschool", "Guido de Brès", "Eben-Haëzerschool", "Ds. Petrus Datheenschool",
    "De Wingerd", "Rehobothschool", "Driestarschool", "Wilhelmus à Brakelschool",
)
ISLAMIC_CORES = ("Al Wahda", "El Feth", "Ibn-i Sina", "Al Amana", "Yunus Emre", "Er Risaleh")

# Prefixes of a primary school's name by denomination (empty: the bare name).
PO_PREFIXES = {
    "Openbaar": ("OBS ", "Openbare Basisschool ", "", "Kindcentrum ", "IKC "),
    "Rooms-Katholiek": ("RKBS ", "KBS ", "Basisschool ", "Kindcentrum ", ""),
    "Protestants-Christelijk": ("CBS ", "PCBS ", "Christelijke Basisschool ", ""),
    "Algemeen bijzonder": ("Montessorischool ", "Daltonschool ", "Jenaplanschool ", ""),
    "Gereformeerd vrijgemaakt": ("GBS ",),
    "Antroposofisch": ("Vrije School ",),
    "Islamitisch": ("Islamitische Basisschool ",),
    "Samenwerking PC, RK": ("Samenwerkingsschool ", "Basisschool "),
    "Interconfessioneel": ("Basisschool ",),
}

VO_PATRONS = (
    "Erasmus", "Christiaan Huygens", "Spinoza", "Comenius", "Vincent van Gogh", "Rembrandt",
    "Maerlant", "Vondel", "Bonhoeffer", "Augustinus", "Thomas More", "Titus Brandsma",
    "Hugo de Groot", "Michiel de Ruyter", "Willem van Oranje", "Anna van Rijn", "Jacob Roelandt",
    "Johan de Witt", "Stedelijk", "Het Nieuwe", "Carolus", "Cambium", "Dalton", "Montessori",
)
VO_KINDS = ("College", "Lyceum", "College", "Scholengemeenschap", "Gymnasium")

STREETS = (
    "Kerkstraat", "Schoolstraat", "Dorpsstraat", "Stationsweg", "Molenweg", "Julianalaan",
    "Wilhelminastraat", "Beatrixlaan", "Nieuwstraat", "Hoofdstraat", "Industrieweg", "Parallelweg",
    "Burgemeester Visserlaan", "Marktplein", "Oranjelaan", "Kastanjelaan", "Lindenlaan",
    "Eikenlaan", "Het Rond", "Jan van Nassaustraat", "Prins Hendrikkade", "Zuidsingel",
    "Noordeinde", "Vondellaan", "Koningsweg",
)
# fmt: on


def po_school_name(rng: random.Random, school_type: str, denomination: str) -> str:
    core = rng.choice(SCHOOL_CORES)
    if school_type == "Sbo":
        return rng.choice(("SBO ", "Speciale basisschool ", "SBO ")) + core
    if denomination == "Rooms-Katholiek" and rng.random() < 0.35:
        core = rng.choice(CATHOLIC_CORES)
    elif denomination == "Protestants-Christelijk" and rng.random() < 0.35:
        return rng.choice(PROTESTANT_CORES)
    elif denomination in {"Reformatorisch", "Gereformeerd vrijgemaakt"} and rng.random() < 0.7:
        return rng.choice(REFORMED_CORES)
    elif denomination == "Islamitisch":
        core = rng.choice(ISLAMIC_CORES)
    prefixes = PO_PREFIXES.get(denomination, ("Basisschool ", ""))
    return rng.choice(prefixes) + core


def vo_school_name(rng: random.Random, students: int, place: Place, taken: set[str]) -> str:
    city = title_case(place.city)
    for _ in range(20):
        if students < 350 and rng.random() < 0.6:
            name = f"Praktijkonderwijs {city}"
        else:
            patron = rng.choice(VO_PATRONS)
            kind = rng.choice(VO_KINDS)
            name = f"{kind} {city}" if kind == "Scholengemeenschap" else f"{patron} {kind}"
        if name not in taken:
            taken.add(name)
            return name
    return f"Scholengemeenschap {city} {len(taken) + 1}"


def board_name(rng: random.Random, board: BoardPlan, taken: set[str]) -> str:
    """A name that fits the board's kind, sectors, denomination and home; not one in `taken`."""
    municipality = board.home.municipality.name
    region = rng.choice(REGIONS[board.home.municipality.province])
    brand = rng.choice(BRANDS)
    d = board.denomination
    if board.kind == "special":
        options = [
            f"Stichting Speciaal Onderwijs {region}",
            f"Stichting {brand} Speciaal Onderwijs",
            f"Stichting Orthopedagogisch Centrum {municipality}",
            f"Stichting voor Speciaal Onderwijs {municipality}",
        ]
    elif board.kind == "sbo":
        options = [
            f"Stichting Speciaal Basisonderwijs {municipality}",
            f"Vereniging voor Speciaal Basisonderwijs {municipality}",
        ]
    elif board.po_schools and board.vo_schools:
        options = [
            f"Stichting {brand} Onderwijsgroep",
            f"Stichting Openbaar Onderwijs {region}" if d == "Openbaar" else "",
            f"Gemeente {municipality}" if d == "Openbaar" else "",
            f"Stichting Christelijk Onderwijs {municipality}",
            f"Stichting Katholiek Onderwijs {region}" if d == "Rooms-Katholiek" else "",
        ]
    elif board.vo_schools:
        options = [
            f"Stichting Voortgezet Onderwijs {municipality}",
            f"Stichting {brand} Scholengroep",
            f"Stichting {brand}",
            {
                "Openbaar": f"Stichting Openbaar Voortgezet Onderwijs {municipality}",
                "Rooms-Katholiek": f"Stichting Katholiek Voortgezet Onderwijs {region}",
                "Protestants-Christelijk": (
                    f"Vereniging voor Christelijk Voortgezet Onderwijs {municipality}"
                ),
                "Reformatorisch": f"Stichting Reformatorisch Voortgezet Onderwijs {region}",
            }.get(d, f"Stichting Voortgezet Onderwijs {region}"),
        ]
        if len(board.vo_schools) == 1:
            options.append(f"Stichting {board.vo_schools[0].name}")
    else:
        by_denomination = {
            "Openbaar": [
                f"Stichting Openbaar Primair Onderwijs {municipality}",
                f"Stichting Openbaar Basisonderwijs {region}",
                f"Gemeente {municipality}",
            ],
            "Rooms-Katholiek": [
                f"Stichting Katholiek Primair Onderwijs {municipality}",
                f"Stichting Rooms-Katholiek Basisonderwijs {municipality}",
                f"Stichting Katholieke Scholen {region}",
            ],
            "Protestants-Christelijk": [
                f"Vereniging voor Christelijk Primair Onderwijs {municipality}",
                f"Stichting Protestants-Christelijk Onderwijs {region}",
                f"Vereniging voor Christelijk Schoolonderwijs te {title_case(board.home.city)}",
            ],
            "Algemeen bijzonder": [
                f"Stichting Montessorionderwijs {municipality}",
                f"Stichting Algemeen Bijzonder Onderwijs {municipality}",
            ],
            "Reformatorisch": [f"Vereniging voor Reformatorisch Primair Onderwijs {region}"],
            "Gereformeerd vrijgemaakt": [f"Vereniging voor Gereformeerd Onderwijs {region}"],
            "Antroposofisch": [f"Stichting Vrijescholen {region}"],
            "Islamitisch": [f"Stichting Islamitisch Onderwijs {municipality}"],
        }
        options = [
            *by_denomination.get(d, [f"Stichting Samenwerkingsscholen {municipality}"]),
            f"Stichting {brand}",
        ]
        if len(board.po_schools) == 1:
            options.append(f"Stichting {board.po_schools[0].name}")
    candidates = [o for o in options if o]
    for _ in range(10):
        name = rng.choice(candidates)
        if name not in taken:
            break
    else:
        base = name = f"Stichting {brand} {municipality}"
        suffix = 2
        while name in taken:
            name = f"{base} {suffix}"
            suffix += 1
    taken.add(name)
    return name


ABBREVIATIONS = {
    "Stichting": "St",
    "Vereniging": "Ver",
    "Onderwijs": "Ond",
    "Katholiek": "Kath",
    "Katholieke": "Kath",
    "Rooms-Katholiek": "RK",
    "Christelijk": "Chr",
    "Protestants-Christelijk": "PC",
    "Openbaar": "Openb",
    "Primair": "Prim",
    "Basisonderwijs": "Basisond",
    "Voortgezet": "Voortg",
    "Speciaal": "Spec",
    "voor": "v",
    "Gemeente": "Gem",
}


def short_name(name: str) -> str:
    """DUO's financial file abbreviates board names ("Rotterdamse Ver Kath Ond")."""
    words = [ABBREVIATIONS.get(word, word) for word in name.split()]
    return " ".join(words)[:35].strip()


LOWER_WORDS = {"aan", "de", "den", "der", "op", "bij", "en", "in", "van", "het"}
PROVINCE_SUFFIXES = {"GN", "FR", "GLD", "OV", "NB", "LB", "ZH", "NH", "UT", "DR", "ZL", "FL"}


def title_case(city: str) -> str:
    """A DUO place name ("ALPHEN AAN DEN RIJN", "EDE GLD", "'T HARDE") as people write it."""
    words = city.split(" GEM ")[0].split()
    if len(words) > 1 and words[-1] in PROVINCE_SUFFIXES:
        words = words[:-1]
    titled = []
    for i, word in enumerate(words):
        lower = word.lower()
        if lower == "'t":
            titled.append("'t")
        elif i and lower in LOWER_WORDS:
            titled.append(lower)
        else:
            titled.append("-".join(part.capitalize() for part in lower.split("-")))
    return " ".join(titled)
