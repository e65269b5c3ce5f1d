"""REG-7: national coverage as shares of students and of boards per sector."""

from decimal import Decimal

import pytest

from bundel.registry.domain import Coverage, Sector, share
from bundel.shared.errors import RuleViolation


@pytest.mark.rule("REG-7")
def test_the_share_of_the_2017_reference_total() -> None:
    assert share(1_265_261, 2_530_522) == Decimal("0.5000")


@pytest.mark.rule("REG-7")
def test_an_empty_register_has_a_share_of_zero() -> None:
    assert share(0, 0) == Decimal("0.0000")


@pytest.mark.rule("REG-7")
def test_a_part_larger_than_the_whole_is_refused() -> None:
    with pytest.raises(RuleViolation, match="registry.share_out_of_range"):
        share(11, 10)


@pytest.mark.rule("REG-7")
def test_coverage_gives_board_shares_per_sector() -> None:
    coverage = Coverage(
        member_students=500,
        national_students=2000,
        member_boards={Sector.PO: 1},
        national_boards={Sector.PO: 4, Sector.VO: 2},
    )
    assert coverage.student_share == Decimal("0.2500")
    assert coverage.board_share(Sector.PO) == Decimal("0.2500")
    assert coverage.board_share(Sector.VO) == Decimal("0.0000")
