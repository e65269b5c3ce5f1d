"""Register factories: model rows, and DUO files in their real formats for import tests."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

import factory

from bundel.registry.models import Board, Location, School, StudentCount


class BoardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Board
        django_get_or_create = ["number"]

    number = factory.Sequence(lambda n: f"{90000 + n:05d}")
    name = factory.Sequence(lambda n: f"Stichting Testonderwijs {n}")
    city = "Utrecht"


def _brin(n: int) -> str:
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return f"{n // 676 % 100:02d}{letters[n // 26 % 26]}{letters[n % 26]}"


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School
        django_get_or_create = ["brin"]

    brin = factory.Sequence(lambda n: _brin(n + 7000))
    board = factory.SubFactory(BoardFactory)
    name = factory.Sequence(lambda n: f"Testschool {n}")


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location
        django_get_or_create = ["code"]

    school = factory.SubFactory(SchoolFactory)
    code = factory.LazyAttribute(lambda o: f"{o.school.brin}00")
    name = factory.LazyAttribute(lambda o: o.school.name)
    city = "Utrecht"


class StudentCountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StudentCount

    dataset = "po_counts"
    location = factory.SubFactory(LocationFactory)
    board = factory.LazyAttribute(lambda o: o.location.school.board)
    count_date = date(2016, 10, 1)
    sector = "PO"
    school_type = "BAO"
    cluster = "nvt"
    students = 100


PO_HEADER = (
    "PEILDATUM;BRIN_NUMMER;VESTIGINGSNUMMER;INSTELLINGSNAAM_VESTIGING;POSTCODE_VESTIGING;"
    "PLAATSNAAM;GEMEENTENUMMER;GEMEENTENAAM;PROVINCIE;SOORT_PO;CLUSTER;DENOMINATIE_VESTIGING;"
    "BEVOEGD_GEZAG_NUMMER;TOTAAL"
)
VO_HEADER = (
    "BEVOEGD GEZAG NUMMER;BRIN NUMMER;VESTIGINGSNUMMER;INSTELLINGSNAAM VESTIGING;PLAATSNAAM;"
    "GEMEENTENUMMER;GEMEENTENAAM;PROVINCIE;AANTAL LEERLINGEN;"
    "AANTAL VO LEERLINGEN UITBESTEED AAN VAVO;TOTAAL AANTAL LEERLINGEN"
)


def po_counts_csv(
    rows: Iterable[Sequence[object]], *, peildatum: str = "20161001", encoding: str = "cp1252"
) -> bytes:
    """A PO count file. Each row: (board, brin, location nr, school type, cluster, total)."""
    lines = [PO_HEADER]
    for board, brin, number, soort, cluster, total in rows:
        lines.append(
            f"{peildatum};{brin};{number};School {brin}{number};3511AB;UTRECHT; 344;Utrecht;"
            f"Utrecht;{soort};{cluster};Openbaar;{board};{total}"
        )
    return ("\n".join(lines) + "\n").encode(encoding)


def vo_counts_csv(
    rows: Iterable[Sequence[object]], *, encoding: str = "cp1252", bom: bool = False
) -> bytes:
    """A VO count file (no date column). Each row: (board, brin, location code, total, vavo)."""
    lines = [VO_HEADER]
    for board, brin, code, total, vavo in rows:
        aantal = int(total) - int(vavo) if str(total).isdigit() else total
        lines.append(
            f"{board};{brin};{code};VO-school {code};UTRECHT;0344;Utrecht;Utrecht;"
            f"{aantal};{vavo};{total}"
        )
    data = ("\r\n".join(lines) + "\r\n").encode("utf-8" if bom else encoding)
    return b"\xef\xbb\xbf" + data if bom else data


def history_csv(rows: Iterable[Sequence[object]], years: Sequence[int]) -> bytes:
    """The PO history file. Each row: (brin, location code, type, board, *counts per year)."""
    header = (
        "INSTELLINGSCODE;VESTIGINGSCODE;NAAM_VESTIGING;SOORT_VESTIGING;DENOMINATIE_VESTIGING;"
        "BEVOEGD_GEZAG_NUMMER;GEMEENTECODE_VESTIGING;GEMEENTENAAM_VESTIGING;"
        + ";".join(f"LEERLINGEN_{y}" for y in years)
    )
    lines = [header]
    for brin, code, soort, board, *counts in rows:
        lines.append(
            f"{brin};{code};School {code};{soort};Openbaar;{board};344;UTRECHT;"
            + ";".join(str(c) for c in counts)
        )
    return b"\xef\xbb\xbf" + ("\r\n".join(lines) + "\r\n").encode("utf-8")


def count_date(year: int) -> date:
    return date(year, 10, 1)
