"""REG-4 … REG-6: sector, size class and chamber as pure functions of a board's figures."""

from datetime import date

import pytest

from bundel.registry.domain import (
    BoardFigures,
    Chamber,
    RegistryPolicy,
    Sector,
    SizeClass,
    chamber_for,
    chamber_reason,
    sector_for,
    size_class_for,
)
from bundel.shared.errors import RuleViolation

PO_DATE = date(2016, 10, 1)
VO_DATE = date(2017, 10, 1)
POLICY = RegistryPolicy()


def figures(po: int = 0, vo: int = 0) -> BoardFigures:
    return BoardFigures(po, PO_DATE, vo, VO_DATE)


@pytest.mark.rule("REG-4")
@pytest.mark.parametrize("school_type", ["BAO", "SBO", "SO", "VSO", "SO/VSO"])
def test_every_school_type_of_the_po_files_counts_as_po(school_type: str) -> None:
    assert sector_for(school_type, POLICY) is Sector.PO


@pytest.mark.rule("REG-4")
def test_the_schools_of_the_vo_files_count_as_vo() -> None:
    assert sector_for("VO", POLICY) is Sector.VO


@pytest.mark.rule("REG-4")
def test_the_sector_mapping_is_a_setting() -> None:
    policy = RegistryPolicy(sector_of_school_type={"BAO": Sector.PO, "VSO": Sector.VO})
    assert sector_for("VSO", policy) is Sector.VO


@pytest.mark.rule("REG-4")
def test_an_unmapped_school_type_is_refused() -> None:
    with pytest.raises(RuleViolation, match="registry.unknown_school_type"):
        sector_for("MBO", POLICY)


@pytest.mark.rule("REG-4")
def test_a_board_is_active_only_in_sectors_with_more_than_0_students() -> None:
    assert figures(po=1).active_sectors == (Sector.PO,)
    assert figures(vo=1).active_sectors == (Sector.VO,)
    assert figures(po=1, vo=1).active_sectors == (Sector.PO, Sector.VO)
    assert figures().active_sectors == ()


@pytest.mark.rule("REG-5")
@pytest.mark.parametrize(
    ("po", "vo", "expected"),
    [
        (1000, 0, SizeClass.SMALL),  # exactly the threshold is small
        (1001, 0, SizeClass.LARGE),
        (0, 3500, SizeClass.SMALL),
        (0, 3501, SizeClass.LARGE),
        (1000, 3500, SizeClass.SMALL),  # small in each sector
        (1001, 10, SizeClass.LARGE),  # small only if small in each
        (10, 3501, SizeClass.LARGE),
        (0, 0, None),  # inactive: no size class
    ],
)
def test_size_class_follows_the_sector_councils_thresholds(
    po: int, vo: int, expected: SizeClass | None
) -> None:
    assert size_class_for(figures(po, vo), POLICY) == expected


@pytest.mark.rule("REG-5")
def test_both_thresholds_are_settings() -> None:
    policy = RegistryPolicy(small_board_max_students={Sector.PO: 500, Sector.VO: 2000})
    assert size_class_for(figures(po=600), policy) is SizeClass.LARGE
    assert size_class_for(figures(vo=1999), policy) is SizeClass.SMALL


@pytest.mark.rule("REG-6")
@pytest.mark.parametrize(
    ("po", "vo", "chamber"),
    [
        (900, 0, Chamber.KLEIN),
        (0, 3000, Chamber.KLEIN),
        (900, 3000, Chamber.KLEIN),
        (9422, 0, Chamber.PO_GROOT),
        (0, 3501, Chamber.VO_GROOT),
        (1001, 3501, Chamber.COMBINATIE),
        (1001, 5, Chamber.COMBINATIE),  # large in one sector, active in both
        (5, 3501, Chamber.COMBINATIE),
        (0, 0, None),
    ],
)
def test_chamber_follows_size_and_sectors(po: int, vo: int, chamber: Chamber | None) -> None:
    assert chamber_for(figures(po, vo), POLICY).chamber == chamber


@pytest.mark.rule("REG-6")
def test_the_reason_names_the_figures_the_dates_and_the_thresholds() -> None:
    reason = chamber_reason(chamber_for(figures(po=9422), POLICY))
    assert reason == "PO 9,422 students at 2016-10-01 > 1,000; no VO → PO Groot"


@pytest.mark.rule("REG-6")
def test_a_small_board_in_both_sectors_is_explained_as_small_in_each() -> None:
    reason = chamber_reason(chamber_for(figures(po=1000, vo=200), POLICY))
    assert reason == (
        "PO 1,000 students at 2016-10-01 ≤ 1,000; VO 200 students at 2017-10-01 ≤ 3,500 "
        "→ Klein (small in each sector)"
    )


@pytest.mark.rule("REG-6")
def test_an_inactive_board_has_no_chamber_and_says_why() -> None:
    decision = chamber_for(figures(), POLICY)
    assert not decision.is_active
    assert chamber_reason(decision) == (
        "no students at the latest count dates (PO 2016-10-01, VO 2017-10-01) → no chamber"
    )


@pytest.mark.rule("REG-6")
def test_the_reason_can_be_translated_and_formatted() -> None:
    dutch = {
        "%(sector)s %(students)s students at %(date)s > %(limit)s": "%(sector)s %(students)s "
        "leerlingen op %(date)s > %(limit)s",
        "no %(sector)s": "geen %(sector)s",
    }
    reason = chamber_reason(
        chamber_for(figures(po=9422), POLICY),
        lambda text: dutch.get(text, text),
        lambda n: f"{n:,}".replace(",", "."),
    )
    assert reason == "PO 9.422 leerlingen op 2016-10-01 > 1.000; geen VO → PO Groot"
