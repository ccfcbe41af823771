"""A metric's measurements drawn as a line over time with its target, computed here and drawn as SVG by the
template.

Pure geometry over what the API answers: no I/O. The chart is drawn in a fixed coordinate box (`WIDTH` by
`HEIGHT`) that the page scales to its width with the SVG's viewBox, so that it fits a phone as a desktop. A missed
measurement is a square, a met one a circle: told apart by shape, not only by colour. The table beside the chart
lists the same values for screen readers and for printing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import Any

WIDTH, HEIGHT = 640, 280
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 16, 44
"""The margins: the values' axis on the left, the dates below."""
Y_TICKS = 5
"""About this many values named on the axis."""
X_LABELS_MAX = 7
"""At most this many dates are named under the axis; every point keeps its own in its tooltip."""


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    missed: bool
    title: str


@dataclass(frozen=True)
class Tick:
    at: float
    label: str
    anchor: str = "middle"
    """Where the label sits on its tick: the first and last dates inside the box, not over its edges."""


@dataclass(frozen=True)
class Chart:
    points: list[Point]
    line: str
    """The values' polyline, as SVG points."""
    target: str
    """The target's polyline: a step where it was revised."""
    y_ticks: list[Tick]
    x_ticks: list[Tick]
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM


def measurement_chart(measurements: list[dict[str, Any]], unit: str) -> Chart | None:
    """The chart of the measurements (oldest first), or None when there is none to draw."""
    if not measurements:
        return None
    days = [date.fromisoformat(m["measuredOn"]) for m in measurements]
    values = [float(m["value"]) for m in measurements]
    targets = [float(m["target"]) for m in measurements]
    low, high, step = _scale(min(values + targets), max(values + targets))
    first, span = days[0], max((days[-1] - days[0]).days, 1)

    def x(on: date) -> float:
        if len(days) == 1:
            return (LEFT + WIDTH - RIGHT) / 2
        return round(LEFT + (on - first).days / span * (WIDTH - RIGHT - LEFT), 1)

    def y(value: float) -> float:
        return round(HEIGHT - BOTTOM - (value - low) / (high - low) * (HEIGHT - BOTTOM - TOP), 1)

    points = [
        Point(x(on), y(m_value), bool(m["missed"]), _title(on, m_value, unit, bool(m["missed"]), target))
        for on, m_value, target, m in zip(days, values, targets, measurements, strict=True)
    ]
    target_line = _target_steps([x(on) for on in days], [y(t) for t in targets])
    ticks = round((high - low) / step)
    y_ticks = [Tick(y(low + i * step), number(round(low + i * step, 10))) for i in range(ticks + 1)]
    every = max(1, -(-len(days) // X_LABELS_MAX))
    named = days[::every]
    x_ticks = [Tick(x(on), on.strftime("%d %b %y"), _anchor(x(on))) for on in named]
    line = " ".join(f"{p.x},{p.y}" for p in points)
    return Chart(points, line, target_line, y_ticks, x_ticks)


def number(value: float) -> str:
    """A value as people write it: 98.5, 3, 1,250."""
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.4f}".rstrip("0").rstrip(".")


SMALLEST_RANGE = 1e-6
"""Values closer than this are drawn as one level: the axis names round values to four decimals at most."""


def _scale(low: float, high: float) -> tuple[float, float, float]:
    """The axis from a round number below the lowest value to one above the highest, and its round step (1, 2,
    2.5 or 5 times a power of ten), so that about `Y_TICKS` values are named."""
    if high - low < SMALLEST_RANGE:  # one value, or values too close for the axis to tell apart
        low, high = low - 1, high + 1
    rough = (high - low) / (Y_TICKS - 1)
    power = 10 ** math.floor(math.log10(rough))
    step = next(power * f for f in (1, 2, 2.5, 5, 10) if power * f >= rough)
    bottom, top = math.floor(low / step) * step, math.ceil(high / step) * step
    if bottom == low:
        bottom -= step
    if top == high:
        top += step
    return bottom, top, step


def _anchor(at: float) -> str:
    if at <= LEFT + 30:
        return "start"
    return "end" if at >= WIDTH - RIGHT - 30 else "middle"


def _target_steps(xs: list[float], ys: list[float]) -> str:
    """From the left edge to the right one, stepping where the target changed."""
    steps = [(float(LEFT), ys[0])]
    for i, (at, level) in enumerate(zip(xs, ys, strict=True)):
        if i and level != ys[i - 1]:
            steps += [(at, ys[i - 1]), (at, level)]
    steps.append((float(WIDTH - RIGHT), ys[-1]))
    return " ".join(f"{px},{py}" for px, py in steps)


def _title(on: date, value: float, unit: str, missed: bool, target: float) -> str:
    verdict = "missed" if missed else "met"
    return f"{on.isoformat()}: {number(value)} {unit} ({verdict}, target {number(target)})"
