"""Rule violations in words: each context registers its code → message map when it loads."""

from collections.abc import Mapping

from django.utils.functional import Promise
from django.utils.translation import gettext

from bundel.shared.errors import RuleViolation

_MESSAGES: dict[str, str | Promise] = {}


def register_messages(messages: Mapping[str, str | Promise]) -> None:
    _MESSAGES.update(messages)


def explain(violation: RuleViolation) -> str:
    """The translated message of a violation, with its parameters filled in."""
    message = _MESSAGES.get(violation.code)
    if message is None:
        return gettext("The request was refused (%(code)s).") % {"code": violation.code}
    try:
        return str(message) % violation.params if violation.params else str(message)
    except (KeyError, TypeError, ValueError):
        return str(message)
