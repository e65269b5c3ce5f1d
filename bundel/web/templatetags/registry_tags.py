from django import template

from bundel.registry.errors import duo_reason
from bundel.registry.models import ImportRun

register = template.Library()


@register.filter
def refusal_reason(run: ImportRun) -> str:
    """REG-3: why a run was refused, in the active language."""
    return duo_reason(run.error_code, run.error_params) if run.error_code else run.error
