"""A synthetic national register in DUO's own file formats, for the demo. Pure: no Django.

`world_files(seed=...)` returns the files a DUO download would give, as (name, bytes): PO students
on 1 October 2016 ("01. leerlingen po: soort po, cluster, leeftijd"), VO students on 1 October 2017
("03. leerlingen vo per vestiging en bestuur (vavo apart)"), the boards' names and addresses
("bevoegde gezagen") and DUO's financial file with its short names and GROEPERING. The same seed
gives the same bytes.

The shape follows the real register of those dates (see shared/data/duo/SOURCES.md): about 1,050 PO
and 340 VO boards, some 50 in both; board sizes drawn from the real distribution (many single-school
boards, a long tail of large ones); BAO, SBO, SO and VSO schools in their real proportions.
`world` draws the plans, `names` names them, `duo_format` writes the files.
"""

from __future__ import annotations

import random

from bundel.demo.duo_format import (
    AGE_COLUMNS,
    PO_COUNT_DATE,
    boards_file,
    finance_file,
    po_counts_file,
    vo_counts_file,
)
from bundel.demo.world import World, WorldShape, world_build

__all__ = ["AGE_COLUMNS", "PO_COUNT_DATE", "World", "WorldShape", "world_build", "world_files"]

DEFAULT_SEED = 2017
VO_COUNT_YEAR = 2017  # VO count files carry no date: it is 1 October of the year in the name

PO_COUNTS_NAME = "demo-01.-leerlingen-po-soort-po,-cluster,-leeftijd-2016-2017.csv"
VO_COUNTS_NAME = f"demo-03.-leerlingen-vo-per-vestiging-en-bestuur-(vavo-apart)-{VO_COUNT_YEAR}.csv"
VO_BOARDS_NAME = "demo-03.-bevoegde-gezagen-vo.csv"
PO_BOARDS_NAME = "demo-05.-bevoegde-gezagen-basisonderwijs.csv"
PO_FINANCE_NAME = "demo-01.-po-(mab)-balans-2011-2015.csv"


def world_files(
    *, seed: int = DEFAULT_SEED, shape: WorldShape | None = None
) -> list[tuple[str, bytes]]:
    """The synthetic register as DUO files: (name, bytes), the same bytes for the same seed."""
    world = world_build(seed=seed, shape=shape or WorldShape())
    in_vo = [b for b in world.boards if b.vo_schools]
    po_only = [b for b in world.boards if not b.vo_schools]
    return [
        (PO_COUNTS_NAME, po_counts_file(world)),
        (VO_COUNTS_NAME, vo_counts_file(world)),
        (VO_BOARDS_NAME, boards_file(in_vo, random.Random(f"{seed}/vo-boards"))),
        (PO_BOARDS_NAME, boards_file(po_only, random.Random(f"{seed}/po-boards"))),
        (PO_FINANCE_NAME, finance_file(world, random.Random(f"{seed}/finance"))),
    ]
