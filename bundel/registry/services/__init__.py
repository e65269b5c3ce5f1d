"""Register writes: import DUO files (REG-2, REG-3) and classify boards (REG-4 … REG-6)."""

from bundel.registry.services.classification import board_classify_all
from bundel.registry.services.common import ImportProgress
from bundel.registry.services.importing import (
    FileReport,
    ImportFailed,
    ImportFile,
    ImportReport,
    register_import,
)

__all__ = [
    "FileReport",
    "ImportFailed",
    "ImportFile",
    "ImportProgress",
    "ImportReport",
    "board_classify_all",
    "register_import",
]
