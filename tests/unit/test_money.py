"""FEE-4 building block: Money refuses floats and rounds half-up to cents once."""

from decimal import Decimal

import pytest

from bundel.shared.money import Money


def test_money_refuses_floats() -> None:
    with pytest.raises(TypeError):
        Money(1.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Money(Decimal("1")) * 1.5  # type: ignore[operator]


def test_rounding_is_half_up_to_cents() -> None:
    assert Money(Decimal("0.005")).rounded().amount == Decimal("0.01")
    assert Money(Decimal("2.675")).rounded().amount == Decimal("2.68")
    assert Money(Decimal("-0.005")).rounded().amount == Decimal("-0.01")


def test_currencies_do_not_mix() -> None:
    with pytest.raises(ValueError, match="cannot combine"):
        Money(Decimal("1")) + Money(Decimal("1"), "USD")
