"""Load the governance [setting]s (settings.BUNDEL_POLICIES["governance"])."""

from typing import Any

from django.conf import settings

from bundel.governance.domain import GovernancePolicy
from bundel.registry.domain import Chamber


def governance_policy() -> GovernancePolicy:
    values: dict[str, Any] = dict(settings.BUNDEL_POLICIES.get("governance", {}))
    if "seats" in values:
        values["seats"] = {Chamber(k): int(v) for k, v in values["seats"].items()}
    known = GovernancePolicy.__dataclass_fields__
    return GovernancePolicy(**{k: v for k, v in values.items() if k in known})
