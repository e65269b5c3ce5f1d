"""Words for the register's codes (file kinds, DUO quirks, import counts), for the UI."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from bundel.registry.adapters.duo import FileKind, Quirk

FILE_KINDS: dict[str, Promise] = {
    FileKind.PO_COUNTS: _("PO students per location and board (01. leerlingen po)"),
    FileKind.VO_COUNTS: _("VO students per location and board (03. leerlingen vo)"),
    FileKind.PO_HISTORY: _("PO students per location, history (06. historisch overzicht)"),
    FileKind.BOARD_ADDRESSES: _("Boards: names and addresses (bevoegde gezagen)"),
    FileKind.PO_FINANCE: _("PO financial file: DUO short names (01. po balans)"),
    FileKind.PO_SCHOOL_ADDRESSES: _("PO schools: addresses (01. hoofdvestigingen)"),
    FileKind.PO_LOCATION_ADDRESSES: _("PO locations: addresses (02. alle schoolvestigingen)"),
}

# Short names of the datasets that count files feed, for charts and tables.
DATASETS: dict[str, Promise] = {
    FileKind.PO_COUNTS: _("PO count file"),
    FileKind.VO_COUNTS: _("VO count file"),
    FileKind.PO_HISTORY: _("PO history file"),
}

QUIRKS: dict[str, Promise] = {
    Quirk.SUPPRESSED: _("Suppressed cells (“<5”, counted as 0)"),
    Quirk.BOARD_ZERO: _("Rows with board number 0 (skipped)"),
    Quirk.UNKNOWN_BOARD: _("Rows of boards not in the register (skipped)"),
    Quirk.ZERO_CELLS: _("History cells of 0 (location not open that year)"),
    Quirk.BLANK_LINES: _("Blank lines"),
    Quirk.OLDER_NAME_ROWS: _("Older name rows of the same board (skipped)"),
}

CREATED: dict[str, Promise] = {
    "boards": _("Boards created"),
    "schools": _("Schools created"),
    "locations": _("Locations created"),
    "counts": _("Student counts written"),
    "schools_moved": _("Schools moved to another board"),
    "boards_updated": _("Boards updated"),
    "schools_updated": _("Schools updated"),
    "locations_updated": _("Locations updated"),
}


def label(labels: dict[str, Promise], code: str) -> str:
    """The label of a code; an unknown code is shown as it is rather than hidden."""
    return str(labels[code]) if code in labels else code
