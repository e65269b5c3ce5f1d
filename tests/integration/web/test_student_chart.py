"""The server-drawn bar chart of students per count date (pure: no database)."""

from __future__ import annotations

from datetime import date

import pytest

from bundel.web.registry.charts import Point, student_chart, y_scale


def october(year: int) -> date:
    return date(year, 10, 1)


@pytest.mark.rule("REG-2")
def test_the_count_files_win_over_the_history_file_at_the_same_count_date() -> None:
    chart = student_chart(
        [
            Point(october(2016), "PO", "po_history", 1200),
            Point(october(2016), "PO", "po_counts", 1150),
            Point(october(2015), "PO", "po_history", 1100),
        ]
    )
    shown = [
        (row.count_date.year, [cell.students for cell in row.cells if cell]) for row in chart.rows
    ]
    assert shown == [(2015, [1100]), (2016, [1150])]


def test_bars_stand_on_the_axis_and_the_largest_stays_inside_the_plot() -> None:
    chart = student_chart(
        [Point(october(2016), "PO", "po_counts", 1550), Point(october(2016), "VO", "vo_counts", 0)]
    )
    assert chart.sectors == ("PO", "VO")
    po, vo = chart.bars
    assert po.y + po.height == vo.y + vo.height == chart.plot_bottom
    assert vo.height == 0
    assert po.y >= chart.ticks[-1].y
    assert [tick.value for tick in chart.ticks] == [0, 500, 1000, 1500, 2000]


@pytest.mark.parametrize(
    ("largest", "expected"),
    [
        (0, (1, 1)),
        (7, (2, 8)),
        (1550, (500, 2000)),
        (21595, (5000, 25000)),
        (2520451, (1000000, 3000000)),
    ],
)
def test_the_y_axis_steps_are_round_numbers(largest: int, expected: tuple[int, int]) -> None:
    assert y_scale(largest) == expected


def test_year_labels_are_thinned_so_they_do_not_overlap() -> None:
    chart = student_chart(
        Point(october(year), "PO", "po_history", 100) for year in range(1996, 2026)
    )
    assert len(chart.rows) == 30
    assert 5 <= len(chart.x_labels) < 30
    gaps = [b.x - a.x for a, b in zip(chart.x_labels, chart.x_labels[1:], strict=False)]
    assert min(gaps) >= 40


def test_no_counts_make_an_empty_chart() -> None:
    assert student_chart([]).is_empty
