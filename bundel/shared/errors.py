"""Rule violations raised by the domain; each context's errors.py maps codes to messages."""

from __future__ import annotations

from typing import Any


class RuleViolation(Exception):
    """A request that a rule of the spec refuses. Clients match on `code`."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    def __str__(self) -> str:
        if not self.params:
            return self.code
        details = ", ".join(f"{key}={value!r}" for key, value in sorted(self.params.items()))
        return f"{self.code} ({details})"
