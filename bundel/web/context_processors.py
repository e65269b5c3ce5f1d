from typing import Any

from django.http import HttpRequest


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    return {
        "is_staff_member": bool(user and user.is_authenticated and user.is_staff_member),
        "is_member_representative": bool(
            user and user.is_authenticated and user.is_member_representative
        ),
    }
