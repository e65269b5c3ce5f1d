"""CAT-1 … CAT-4 as pure functions."""

import pytest

from bundel.catalog.domain import (
    PRODUCT_GROUPS,
    Status,
    check_no_cycle,
    check_option_value,
    check_orderable,
    check_requirements,
    missing_requirements,
)
from bundel.shared.errors import RuleViolation


@pytest.mark.rule("CAT-1")
def test_the_spec_names_eight_product_groups() -> None:
    codes = [code for code, _ in PRODUCT_GROUPS]
    assert codes[:2] == ["external_connectivity", "wifi"]
    assert len(codes) == len(set(codes)) == 8
    assert "dpo_service" in codes
    assert "learning_materials" in codes


@pytest.mark.rule("CAT-2")
def test_an_option_takes_one_of_its_values() -> None:
    check_option_value(option="Bandbreedte", value="500", choices=["100", "500", "1000"])
    check_option_value(option="Toegangspunten", value="12", choices=[])  # a number: any
    with pytest.raises(RuleViolation) as refused:
        check_option_value(option="Bandbreedte", value="200", choices=["100", "500", "1000"])
    assert refused.value.params == {"option": "Bandbreedte", "allowed": "100, 500, 1000"}


@pytest.mark.rule("CAT-3")
def test_external_connectivity_requires_the_security_services_listed_when_missing() -> None:
    requires = {"connectivity": ["security-basic"], "security-basic": ["dpo"]}
    assert missing_requirements(chosen=["connectivity"], requires=requires) == [
        "dpo",
        "security-basic",
    ]
    assert (
        missing_requirements(chosen=["connectivity", "security-basic", "dpo"], requires=requires)
        == []
    )
    with pytest.raises(RuleViolation) as refused:
        check_requirements(chosen=["connectivity"], requires=requires)
    assert refused.value.params == {"missing": "dpo, security-basic"}


@pytest.mark.rule("CAT-3")
def test_a_product_cannot_require_itself_through_others() -> None:
    check_no_cycle(product="a", requires={"a": ["b"], "b": ["c"]})
    with pytest.raises(RuleViolation, match="catalog.requirement_cycle"):
        check_no_cycle(product="a", requires={"a": ["b"], "b": ["a"]})


@pytest.mark.rule("CAT-4")
@pytest.mark.parametrize("status", [Status.EXPLORATION, Status.WITHDRAWN])
def test_only_available_products_take_intent(status: Status) -> None:
    check_orderable(Status.AVAILABLE)
    with pytest.raises(RuleViolation, match="catalog.not_available"):
        check_orderable(status)
