"""Load the procurement [setting]s (settings.BUNDEL_POLICIES["procurement"])."""

from typing import Any

from django.conf import settings

from bundel.procurement.domain import ProcurementPolicy


def procurement_policy() -> ProcurementPolicy:
    values: dict[str, Any] = dict(settings.BUNDEL_POLICIES.get("procurement", {}))
    known = ProcurementPolicy.__dataclass_fields__
    return ProcurementPolicy(**{k: v for k, v in values.items() if k in known})
