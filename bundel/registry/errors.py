"""Registry error codes → translated messages."""

from collections.abc import Mapping

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

MESSAGES = {
    "registry.unknown_school_type": _("Unknown school type %(school_type)s."),
    "registry.share_out_of_range": _("A share needs a part between 0 and the whole."),
    "registry.import_failed": _("%(file)s, line %(line)s: %(reason)s. Nothing was imported."),
    "registry.board_not_found": _("No board with number %(number)s is in the register."),
    "registry.no_files": _("Choose at least one file to import."),
}

# REG-3: why a DUO file is refused (bundel.registry.adapters.duo.REASONS has the English).
DUO_REASONS = {
    "bad_encoding": _("bad encoding: neither UTF-8 nor Windows-1252"),
    "empty_file": _("empty file: no header row"),
    "unreadable": _("unreadable row: %(detail)s"),
    "unknown_kind": _("unknown kind of file: the header matches no DUO file Bundel reads"),
    "missing_column": _("missing column %(column)s"),
    "field_count": _("expected %(expected)s fields, found %(found)s"),
    "board_number": _("malformed board number '%(value)s'"),
    "brin": _("malformed BRIN '%(value)s'"),
    "location_code": _("malformed location code '%(value)s'"),
    "negative_count": _("negative count '%(value)s' in %(column)s"),
    "non_numeric_count": _("non-numeric count '%(value)s' in %(column)s"),
    "count_date": _("malformed count date '%(value)s'"),
    "school_type": _("unknown school type '%(value)s'"),
    "year": _("malformed year '%(value)s'"),
    "no_count_date": _(
        "no count date: the file has no date column and its name no year; "
        "give the count date (--count-date)"
    ),
    "duplicate_row": _(
        "a second row for location %(location)s, %(school_type)s %(cluster)s at %(count_date)s "
        "(first on line %(first_line)s)"
    ),
    "unmapped_school_type": _("school type '%(value)s' has no sector"),
}


def duo_reason(code: str, params: Mapping[str, object]) -> str:
    """The reason a DUO file was refused, in the active language."""
    message = DUO_REASONS.get(code)
    if message is None:
        return code
    try:
        return str(message) % params
    except (KeyError, TypeError, ValueError):
        return str(message)


def import_failure(
    file_name: str, line: int | None, code: str, params: Mapping[str, object]
) -> str:
    """REG-3: "file, line N: reason. Nothing was imported." in the active language."""
    return gettext("%(file)s, line %(line)s: %(reason)s. Nothing was imported.") % {
        "file": file_name,
        "line": line,
        "reason": duo_reason(code, params),
    }
