from django.utils.translation import gettext_lazy as _

MESSAGES = {
    "catalog.requirements_missing": _("This needs other products as well: %(missing)s."),
    "catalog.requirement_cycle": _("%(product)s would require itself."),
    "catalog.not_available": _("This product is not available (%(status)s)."),
    "catalog.option_value": _("Choose %(option)s from: %(allowed)s."),
    "catalog.code_taken": _("The code %(value)s is already in use."),
}
