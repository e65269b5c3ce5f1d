"""Load the register's [setting]s (settings.BUNDEL_POLICIES["registry"]) into its Policy."""

from django.conf import settings

from bundel.registry.domain import RegistryPolicy, Sector


def registry_policy() -> RegistryPolicy:
    values = settings.BUNDEL_POLICIES.get("registry", {})
    defaults = RegistryPolicy()
    mapping = values.get("sector_of_school_type")
    thresholds = values.get("small_board_max_students")
    return RegistryPolicy(
        sector_of_school_type=(
            {str(k): Sector(v) for k, v in mapping.items()}  # type: ignore[attr-defined]
            if mapping
            else defaults.sector_of_school_type
        ),
        small_board_max_students=(
            {Sector(k): int(v) for k, v in thresholds.items()}  # type: ignore[attr-defined]
            if thresholds
            else defaults.small_board_max_students
        ),
    )
