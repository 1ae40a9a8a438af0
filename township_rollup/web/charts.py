"""A township's values over the years as a small bar chart: geometry only, drawn as inline SVG by the template."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from warehouse.browse import SeriesPoint
from warehouse.display import marked

WIDTH, HEIGHT = 240, 120
_TOP, _BOTTOM, _SIDE = 18, 22, 8  # room for value labels above and year labels below


@dataclass(frozen=True)
class Bar:
    year: int
    x: float
    y: float
    width: float
    height: float
    label: str  # the value as tables show it (2000+, ~30), with the unit when it is not the indicator's
    odd_unit: bool  # the report's unit differs from the indicator's: the bar is not comparable


@dataclass(frozen=True)
class Chart:
    indicator: str
    name: str
    unit: str
    width: int
    height: int
    baseline: float
    bars: tuple[Bar, ...]
    years: tuple[tuple[int, float], ...]  # every year's label and its x, bars or not


def bar_chart(indicator: str, name: str, unit: str, points: Sequence[SeriesPoint], years: Sequence[int],
              fits: Callable[[str | None], bool]) -> Chart:
    """Bars for `points` (one per year) over the columns `years` (ascending); heights scaled to the largest.
    `fits(unit)` says whether a value in that unit counts what the indicator counts (catalog Indicator.fits)."""
    slot = (WIDTH - 2 * _SIDE) / max(len(years), 1)
    top = max((p.value for p in points), default=0.0) or 1.0
    baseline = HEIGHT - _BOTTOM
    room = baseline - _TOP
    column = {y: _SIDE + i * slot for i, y in enumerate(years)}
    bars = []
    for p in points:
        h = max(room * p.value / top, 1.0 if p.value else 0.0)
        odd = not fits(p.unit)  # 场次 counts what 次 counts; 人 is not 人次
        label = marked(p.value, p.qualifier) + (p.unit if odd and p.unit else "")
        bars.append(Bar(p.year, round(column[p.year] + slot * 0.2, 1), round(baseline - h, 1),
                        round(slot * 0.6, 1), round(h, 1), label, odd))
    return Chart(indicator, name, unit, WIDTH, HEIGHT, baseline, tuple(bars),
                 tuple((y, round(column[y] + slot / 2, 1)) for y in years))
