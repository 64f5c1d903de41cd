"""Charts drawn server-side as inline SVG (no JavaScript, nothing from a CDN).

:func:`stacked_bars` computes the geometry; ``web/_partials/chart.html`` draws it, with a
data table beside it for screen readers and for people who prefer numbers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from tdkt.web.templatetags.vn import format_int

WIDTH, HEIGHT = 760, 320
LEFT, RIGHT, TOP, BOTTOM = 56, 12, 16, 36
TICKS = 5


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    series: int  # index into the palette (CSS class "s<N>")
    title: str


@dataclass
class Tick:
    y: float
    label: str


@dataclass
class Chart:
    width: int
    height: int
    bars: list[Bar] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)
    labels: list[tuple[float, str]] = field(default_factory=list)  # (x centre, year)
    legend: list[tuple[int, str, int]] = field(default_factory=list)  # (series, label, total)
    rows: list[tuple[int, list[int], int]] = field(default_factory=list)  # table: year, counts, sum
    left: int = LEFT
    right: int = WIDTH - RIGHT
    baseline: float = HEIGHT - BOTTOM
    tick_x: int = LEFT - 8
    label_y: float = HEIGHT - BOTTOM + 20

    @property
    def empty(self) -> bool:
        return not self.rows


def nice_max(value: int) -> int:
    """The smallest 1, 2, 2.5 or 5 × 10^k at or above *value* (at least 5)."""
    if value <= 5:
        return 5
    exp = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if step * exp >= value:
            return int(step * exp)
    return 10 * exp  # pragma: no cover


def stacked_bars(years: list[int], series: list[tuple[str, str, list[int]]]) -> Chart:
    """One stacked bar per year; *series* is [(key, label, counts aligned with years)]."""
    chart = Chart(WIDTH, HEIGHT)
    if not years:
        return chart
    totals = [sum(s[2][i] for s in series) for i in range(len(years))]
    top = nice_max(max(totals) or 1)
    plot_h = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - LEFT - RIGHT) / len(years)
    bar_w = min(44.0, slot * 0.7)
    for k in range(TICKS + 1):  # nice_max() is a multiple of TICKS: whole-number ticks
        chart.ticks.append(
            Tick(round(TOP + plot_h * (1 - k / TICKS), 1), format_int(top * k // TICKS))
        )
    for i, year in enumerate(years):
        x = LEFT + slot * i + (slot - bar_w) / 2
        chart.labels.append((round(x + bar_w / 2, 1), str(year)))
        y = float(TOP + plot_h)
        for n, (_key, label, counts) in enumerate(series):
            value = counts[i]
            if not value:
                continue
            h = plot_h * value / top
            y -= h
            chart.bars.append(
                Bar(
                    round(x, 1),
                    round(y, 1),
                    round(bar_w, 1),
                    round(h, 1),
                    n,
                    f"{year} – {label}: {format_int(value)}",
                )
            )
        chart.rows.append((year, [s[2][i] for s in series], totals[i]))
    chart.legend = [(n, label, sum(counts)) for n, (_k, label, counts) in enumerate(series)]
    return chart
