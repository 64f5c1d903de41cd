"""The server-side SVG chart: scale and bar geometry."""

from __future__ import annotations

import pytest

from tdkt.web.charts import BOTTOM, HEIGHT, TOP, nice_max, stacked_bars


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0, 5), (3, 5), (6, 10), (10, 10), (11, 20), (21, 25), (26, 50), (340, 500), (1885, 2000)],
)
def test_nice_max(value, expected):
    assert nice_max(value) == expected


def test_stacked_bars_geometry():
    chart = stacked_bars([2019, 2020], [("A", "Loại A", [30, 0]), ("B", "Loại B", [10, 5])])
    plot_h = HEIGHT - TOP - BOTTOM
    # Scale 0..50: 2019 stacks A (30) under B (10); 2020 has B (5) only.
    assert [(b.series, b.title) for b in chart.bars] == [
        (0, "2019 – Loại A: 30"),
        (1, "2019 – Loại B: 10"),
        (1, "2020 – Loại B: 5"),
    ]
    a, b, c = chart.bars
    assert a.height == round(plot_h * 30 / 50, 1) and b.height == round(plot_h * 10 / 50, 1)
    assert a.y + a.height == pytest.approx(HEIGHT - BOTTOM, abs=0.1)  # on the baseline
    assert b.y + b.height == pytest.approx(a.y, abs=0.1)  # stacked on A
    assert c.x > a.x
    assert [t.label for t in chart.ticks] == ["0", "10", "20", "30", "40", "50"]
    assert chart.rows == [(2019, [30, 10], 40), (2020, [0, 5], 5)]
    assert chart.legend == [(0, "Loại A", 30), (1, "Loại B", 15)]


def test_large_numbers_use_vietnamese_grouping():
    chart = stacked_bars([2020], [("A", "Loại A", [1885])])
    assert chart.bars[0].title == "2020 – Loại A: 1.885"
    assert chart.ticks[-1].label == "2.000"


def test_empty_chart():
    assert stacked_bars([], []).empty
