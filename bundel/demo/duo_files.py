"""Which real DUO files of a directory `bundel demo --duo DIR` imports. Pure: no Django."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from bundel.registry.adapters import duo

# The register that REG-7 quotes is of 2017: PO counted on 1 Oct 2016, VO on 1 Oct 2017.
DEFAULT_AS_OF = date(2017, 10, 1)


@dataclass
class DuoSelection:
    chosen: list[tuple[str, bytes]] = field(default_factory=list)
    left_out: list[tuple[str, str]] = field(default_factory=list)  # (file name, why)


def duo_files_select(directory: Path, *, as_of: date | None = DEFAULT_AS_OF) -> DuoSelection:
    """Every *.csv in `directory` whose kind Bundel recognises, leaving out count files with
    counts after `as_of` (None: keep them all), so the register is the one of that date."""
    selection = DuoSelection()
    for path in sorted(directory.glob("*.csv")):
        data = path.read_bytes()
        header = header_of(path.name, data)
        kind = duo.detect_kind(header)
        if kind is None:
            selection.left_out.append((path.name, "not a DUO file Bundel reads"))
            continue
        if as_of is not None and kind.is_count_file:
            later = [d for d in count_dates(path.name, data, kind, header) if d > as_of]
            if later:
                selection.left_out.append(
                    (path.name, f"counts up to {max(later).isoformat()}, after {as_of.isoformat()}")
                )
                continue
        selection.chosen.append((path.name, data))
    return selection


def header_of(name: str, data: bytes) -> list[str]:
    """The header row of a `;`-separated file; empty when it cannot be decoded."""
    try:
        text = duo.decode(name, data)
    except duo.DuoFormatError:
        return []
    return next(csv.reader(io.StringIO(text, newline=""), delimiter=";"), [])


def count_dates(name: str, data: bytes, kind: duo.FileKind, header: list[str]) -> list[date]:
    """The count dates of a count file; none when it cannot be read (the import then says why).
    The history file has one column per year, so its header tells them."""
    if kind is duo.FileKind.PO_HISTORY:
        years = [duo.HISTORY_COLUMN.match(duo.normalise_header(column)) for column in header]
        return [date(int(match.group(1)), 10, 1) for match in years if match]
    try:
        return duo.parse_file(name, data).count_dates
    except duo.DuoFormatError:
        return []
