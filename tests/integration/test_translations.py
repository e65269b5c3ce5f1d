"""Dutch first: every refusal a person can meet has its Dutch message."""

import pytest
from django.utils import translation

from bundel.shared import explain


def test_every_error_message_has_a_dutch_translation() -> None:
    missing = []
    for code, message in explain._MESSAGES.items():
        with translation.override("en"):
            english = str(message)
        with translation.override("nl"):
            dutch = str(message)
        if dutch == english:
            missing.append(code)
    assert missing == [], f"no Dutch message for: {', '.join(missing)}"


@pytest.mark.parametrize("code", ["registry.board_not_found", "membership.no_students"])
def test_explain_fills_in_the_parameters_in_dutch(code: str) -> None:
    from bundel.shared.errors import RuleViolation

    with translation.override("nl"):
        text = explain.explain(RuleViolation(code, number="41775"))
    assert "41775" in text
