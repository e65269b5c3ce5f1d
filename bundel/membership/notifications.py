"""Dutch e-mails on every state change of a membership, sent after the transaction commits."""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation


def notify(event: str, recipients: Iterable[str], context: dict[str, Any]) -> None:
    """Send `membership/email/<event>.txt` (first line: subject) once the change is committed."""
    to = sorted({address for address in recipients if address})
    if not to:
        return

    def send() -> None:
        with translation.override(settings.LANGUAGE_CODE):
            subject, _, body = render_to_string(f"membership/email/{event}.txt", context).partition(
                "\n"
            )
        send_mail(subject.strip(), body.strip() + "\n", None, to)

    transaction.on_commit(send)


def staff_addresses() -> list[str]:
    return list(settings.BUNDEL_STAFF_EMAILS)
