"""Students per count date and sector as a small bar chart, drawn server-side as SVG.

The geometry is computed here in whole pixels; the template only places it, so the chart needs
no JavaScript and reads the same in every language. A table beside it gives the same numbers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from bundel.registry.domain import Sector
from bundel.registry.selectors import PER_BOARD_DATASETS

WIDTH = 640
HEIGHT = 260
LEFT = 64  # room for the y-axis labels
RIGHT = 8
TOP = 16
BOTTOM = 32  # room for the x-axis labels
MAX_BAR = 36
LABEL_WIDTH = 40
SECTOR_CLASSES = {
    Sector.PO.value: "bundel-chart__bar--po",
    Sector.VO.value: "bundel-chart__bar--vo",
}


@dataclass(frozen=True)
class Point:
    count_date: date
    sector: str
    dataset: str
    students: int
    suppressed: int = 0
    source: str = ""  # the dataset in words, for the table


@dataclass(frozen=True)
class Bar:
    x: int
    y: int
    width: int
    height: int
    sector: str
    css_class: str
    count_date: date
    students: int


@dataclass(frozen=True)
class Tick:
    y: int
    value: int


@dataclass(frozen=True)
class XLabel:
    x: int
    count_date: date


@dataclass(frozen=True)
class Row:
    """One count date in the table alternative: students and source per sector."""

    count_date: date
    cells: tuple[Point | None, ...]


@dataclass(frozen=True)
class StudentChart:
    width: int
    height: int
    plot_left: int
    plot_right: int
    plot_bottom: int
    sectors: tuple[str, ...]
    bars: tuple[Bar, ...]
    ticks: tuple[Tick, ...]
    x_labels: tuple[XLabel, ...]
    rows: tuple[Row, ...]

    @property
    def is_empty(self) -> bool:
        return not self.rows


def _preferred(points: Iterable[Point]) -> dict[tuple[date, str], Point]:
    """One point per count date and sector: the per-board count files win over the history
    file, because only they give board figures (REG-2)."""
    chosen: dict[tuple[date, str], Point] = {}
    for point in points:
        key = (point.count_date, point.sector)
        current = chosen.get(key)
        if current is None or (
            point.dataset in PER_BOARD_DATASETS and current.dataset not in PER_BOARD_DATASETS
        ):
            chosen[key] = point
    return chosen


def nice_step(value: float) -> int:
    """The smallest 1, 2 or 5 × 10^k at or above `value`, so gridlines fall on round numbers."""
    magnitude = 1
    while magnitude * 10 < value:
        magnitude *= 10
    return next(step * magnitude for step in (1, 2, 5, 10) if step * magnitude >= value)


def y_scale(largest: int) -> tuple[int, int]:
    """(step, top): about five gridlines of a round step, the top at or above the largest."""
    step = nice_step(max(largest, 1) / 5)
    return step, step * max(1, -(-largest // step))


def student_chart(points: Iterable[Point]) -> StudentChart:
    chosen = _preferred(points)
    dates = sorted({count_date for count_date, _ in chosen})
    sectors = tuple(s.value for s in Sector if any(sector == s.value for _, sector in chosen))
    plot_width = WIDTH - LEFT - RIGHT
    plot_height = HEIGHT - TOP - BOTTOM
    bottom = TOP + plot_height
    step, top_value = y_scale(max((p.students for p in chosen.values()), default=0))
    ticks = tuple(
        Tick(y=bottom - round(plot_height * value / top_value), value=value)
        for value in range(0, top_value + 1, step)
    )
    bars: list[Bar] = []
    labels: list[XLabel] = []
    group = plot_width / len(dates) if dates else plot_width
    bar_width = min(MAX_BAR, int(group * 0.8 / max(len(sectors), 1)))
    # A year label needs about LABEL_WIDTH pixels: label every n-th group so none overlap.
    every = max(1, -(-LABEL_WIDTH // max(int(group), 1)))
    for index, count_date in enumerate(dates):
        centre = LEFT + group * index + group / 2
        if index % every == 0:
            labels.append(XLabel(x=round(centre), count_date=count_date))
        start = centre - bar_width * len(sectors) / 2
        for offset, sector in enumerate(sectors):
            point = chosen.get((count_date, sector))
            if point is None:
                continue
            height = round(plot_height * point.students / top_value)
            bars.append(
                Bar(
                    x=round(start + offset * bar_width),
                    y=bottom - height,
                    width=max(bar_width - 2, 1),
                    height=height,
                    sector=sector,
                    css_class=SECTOR_CLASSES[sector],
                    count_date=count_date,
                    students=point.students,
                )
            )
    rows = tuple(
        Row(count_date=d, cells=tuple(chosen.get((d, sector)) for sector in sectors)) for d in dates
    )
    return StudentChart(
        width=WIDTH,
        height=HEIGHT,
        plot_left=LEFT,
        plot_right=WIDTH - RIGHT,
        plot_bottom=bottom,
        sectors=sectors,
        bars=tuple(bars),
        ticks=ticks,
        x_labels=tuple(labels),
        rows=rows,
    )
