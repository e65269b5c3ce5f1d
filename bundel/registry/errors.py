"""Registry error codes → translated messages."""

from django.utils.translation import gettext_lazy as _

MESSAGES = {
    "registry.unknown_school_type": _("Unknown school type %(school_type)s."),
    "registry.share_out_of_range": _("A share needs a part between 0 and the whole."),
    "registry.import_failed": _("%(file)s, line %(line)s: %(reason)s. Nothing was imported."),
    "registry.board_not_found": _("No board with number %(number)s is in the register."),
    "registry.no_files": _("Choose at least one file to import."),
}
