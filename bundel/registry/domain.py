"""REG-4 … REG-7: sectors, size classes, chambers and coverage, as pure functions of figures."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from bundel.shared.errors import RuleViolation


class Sector(StrEnum):
    PO = "PO"
    VO = "VO"


class SizeClass(StrEnum):
    SMALL = "small"
    LARGE = "large"


class Chamber(StrEnum):
    PO_GROOT = "PO_GROOT"
    VO_GROOT = "VO_GROOT"
    COMBINATIE = "COMBINATIE"
    KLEIN = "KLEIN"


CHAMBER_LABELS = {
    Chamber.PO_GROOT: "PO Groot",
    Chamber.VO_GROOT: "VO Groot",
    Chamber.COMBINATIE: "Combinatie",
    Chamber.KLEIN: "Klein",
}


@dataclass(frozen=True)
class RegistryPolicy:
    """The register's [setting]s: REG-4 sector mapping, REG-5 thresholds (inclusive)."""

    sector_of_school_type: Mapping[str, Sector] = field(
        default_factory=lambda: {
            "BAO": Sector.PO,
            "SBO": Sector.PO,
            "SO": Sector.PO,
            "VSO": Sector.PO,
            "SO/VSO": Sector.PO,
            "VO": Sector.VO,
        }
    )
    small_board_max_students: Mapping[Sector, int] = field(
        default_factory=lambda: {Sector.PO: 1000, Sector.VO: 3500}
    )


def sector_for(school_type: str, policy: RegistryPolicy) -> Sector:
    """REG-4: the sector a school type counts in."""
    try:
        return policy.sector_of_school_type[school_type]
    except KeyError:
        raise RuleViolation("registry.unknown_school_type", school_type=school_type) from None


@dataclass(frozen=True)
class BoardFigures:
    """A board's students per sector at the latest count date of that sector (REG-4)."""

    po_students: int
    po_count_date: date | None
    vo_students: int
    vo_count_date: date | None

    def students(self, sector: Sector) -> int:
        return self.po_students if sector is Sector.PO else self.vo_students

    def count_date(self, sector: Sector) -> date | None:
        return self.po_count_date if sector is Sector.PO else self.vo_count_date

    @property
    def total_students(self) -> int:
        return self.po_students + self.vo_students

    @property
    def active_sectors(self) -> tuple[Sector, ...]:
        """REG-4: a board is active in a sector when it has more than 0 students in it."""
        return tuple(s for s in Sector if self.students(s) > 0)


def size_class_for(figures: BoardFigures, policy: RegistryPolicy) -> SizeClass | None:
    """REG-5: small when small in every sector it is active in; None when inactive."""
    sectors = figures.active_sectors
    if not sectors:
        return None
    small = all(figures.students(s) <= policy.small_board_max_students[s] for s in sectors)
    return SizeClass.SMALL if small else SizeClass.LARGE


@dataclass(frozen=True)
class ChamberDecision:
    """REG-6: the chamber with the figures it was computed from, so it can say why."""

    figures: BoardFigures
    size_class: SizeClass | None
    chamber: Chamber | None
    thresholds: Mapping[Sector, int]

    @property
    def is_active(self) -> bool:
        return self.chamber is not None


def chamber_for(figures: BoardFigures, policy: RegistryPolicy) -> ChamberDecision:
    """REG-6: small → Klein; else PO only → PO Groot, VO only → VO Groot, both → Combinatie."""
    size_class = size_class_for(figures, policy)
    sectors = figures.active_sectors
    chamber: Chamber | None
    if size_class is None:
        chamber = None
    elif size_class is SizeClass.SMALL:
        chamber = Chamber.KLEIN
    elif sectors == (Sector.PO,):
        chamber = Chamber.PO_GROOT
    elif sectors == (Sector.VO,):
        chamber = Chamber.VO_GROOT
    else:
        chamber = Chamber.COMBINATIE
    return ChamberDecision(figures, size_class, chamber, dict(policy.small_board_max_students))


def _identity(text: str) -> str:
    return text


def _english_number(value: int) -> str:
    return f"{value:,}"


def chamber_reason(
    decision: ChamberDecision,
    _: Callable[[str], str] = _identity,
    number: Callable[[int], str] = _english_number,
    day: Callable[[date], str] = date.isoformat,
) -> str:
    """REG-6: why a board is in its chamber, e.g. "PO 9,422 students at 2016-10-01 > 1,000; no VO
    → PO Groot". `_` translates, `number` and `day` format, so the UI can say it in Dutch."""
    figures = decision.figures
    if not decision.is_active:
        dates = ", ".join(
            f"{s} {day(figures.count_date(s))}"  # type: ignore[arg-type]
            for s in Sector
            if figures.count_date(s) is not None
        )
        return _("no students at the latest count dates (%(dates)s) → no chamber") % {
            "dates": dates or _("none imported")
        }
    parts = []
    for sector in Sector:
        students = figures.students(sector)
        if students == 0:
            parts.append(_("no %(sector)s") % {"sector": sector.value})
            continue
        limit = decision.thresholds[sector]
        template = (
            _("%(sector)s %(students)s students at %(date)s ≤ %(limit)s")
            if students <= limit
            else _("%(sector)s %(students)s students at %(date)s > %(limit)s")
        )
        count_date = figures.count_date(sector)
        parts.append(
            template
            % {
                "sector": sector.value,
                "students": number(students),
                "date": day(count_date) if count_date else "?",
                "limit": number(limit),
            }
        )
    label = CHAMBER_LABELS[decision.chamber]  # type: ignore[index]
    suffix = ""
    if decision.chamber is Chamber.KLEIN and len(figures.active_sectors) == 2:
        suffix = " " + _("(small in each sector)")
    return "; ".join(parts) + f" → {label}{suffix}"


@dataclass(frozen=True)
class Coverage:
    """REG-7: the share of the national students and boards that are members."""

    member_students: int
    national_students: int
    member_boards: Mapping[Sector, int]
    national_boards: Mapping[Sector, int]

    @property
    def student_share(self) -> Decimal:
        return share(self.member_students, self.national_students)

    def board_share(self, sector: Sector) -> Decimal:
        return share(self.member_boards.get(sector, 0), self.national_boards.get(sector, 0))


def share(part: int, whole: int) -> Decimal:
    """A fraction as a Decimal in [0, 1], four places; an empty whole has share 0."""
    if whole <= 0:
        return Decimal("0.0000")
    if part < 0 or part > whole:
        raise RuleViolation("registry.share_out_of_range", part=part, whole=whole)
    return (Decimal(part) / Decimal(whole)).quantize(Decimal("0.0001"))
