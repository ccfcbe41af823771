"""The plan drawn as a timeline (a Gantt-like chart), computed here and drawn as SVG by the template.

One row for the cluster's training, one per member for its gap analysis and coaching; each member's unavailability
as a shaded band on its row; a clash marked; today's line; the first Monday of every month named with its weekday.
Pure geometry over what the API answers: no I/O. The table below the chart lists the same sessions for screen
readers and for printing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from frontend.site.filters import day

Row = dict[str, Any]

DAY_WIDTH = 5
"""Pixels per day: an eight-month programme is about 1,200 pixels wide, scrolled inside its own box on a phone."""
ROW_HEIGHT = 28
LABEL_WIDTH = 170
AXIS_HEIGHT = 34
TRAINING = "Whole cluster"


@dataclass(frozen=True)
class Bar:
    x: int
    width: int
    title: str
    href: str
    css: str


@dataclass(frozen=True)
class Band:
    x: int
    width: int
    title: str


@dataclass(frozen=True)
class ChartRow:
    label: str
    y: int
    bars: list[Bar]
    bands: list[Band]


@dataclass(frozen=True)
class Tick:
    x: int
    label: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    rows: list[ChartRow]
    ticks: list[Tick]
    today_x: int | None
    label_width: int = LABEL_WIDTH
    row_height: int = ROW_HEIGHT


def timeline_chart(
    cluster_id: str,
    sessions: list[Row],
    members: Iterable[str],
    unavailability: list[Row],
    clashes: Iterable[str],
    today: date,
) -> Chart | None:
    """The chart of the plan, or None when there is no session to draw."""
    if not sessions:
        return None
    days = [_day(s["scheduledOn"]) for s in sessions] + [
        _day(p[k]) for p in unavailability for k in ("startsOn", "endsOn")
    ]
    first = _monday_before(min(days))
    last = max(days) + timedelta(days=7)
    scale = _Scale(first)
    clashing = set(clashes)
    names = [TRAINING, *members]
    rows = [
        ChartRow(
            name,
            AXIS_HEIGHT + index * ROW_HEIGHT,
            [_bar(cluster_id, s, scale, clashing) for s in sessions if (s["organisationName"] or TRAINING) == name],
            [_band(p, scale) for p in unavailability if p["organisationName"] == name],
        )
        for index, name in enumerate(names)
    ]
    ticks = [Tick(scale.x(d), day(d)) for d in _first_mondays(first, last)]
    today_x = scale.x(today) if first <= today <= last else None
    return Chart(LABEL_WIDTH + scale.x(last), AXIS_HEIGHT + len(rows) * ROW_HEIGHT + 4, rows, ticks, today_x)


@dataclass(frozen=True)
class _Scale:
    first: date

    def x(self, on: date) -> int:
        return (on - self.first).days * DAY_WIDTH


def _bar(cluster_id: str, session: Row, scale: _Scale, clashing: set[str]) -> Bar:
    on = _day(session["scheduledOn"])
    offset = DAY_WIDTH // 2 if session["halfDay"] == "afternoon" else 0
    width = max(DAY_WIDTH * session["halfDays"] // 2, DAY_WIDTH - 1)
    css = f"bar kind-{session['kind']} status-{session['status']}" + (" clash" if session["key"] in clashing else "")
    note = " (clash: a member is unavailable)" if session["key"] in clashing else ""
    if session.get("dayOff"):
        note += f" (day off: {day(session['dayOff']['on'])}, {session['dayOff']['reason']})"
        css += " day-off"
    title = f"{session['title']}: {day(on)}, {session['halfDay']}{note}"
    return Bar(scale.x(on) + offset, width, title, f"/clusters/{cluster_id}/sessions/{session['key']}", css)


def _band(period: Row, scale: _Scale) -> Band:
    starts, ends = _day(period["startsOn"]), _day(period["endsOn"])
    title = f"Unavailable from {day(starts)} to {day(ends)}"
    return Band(scale.x(starts), scale.x(ends + timedelta(days=1)) - scale.x(starts), title)


def _first_mondays(first: date, last: date) -> list[date]:
    """The first Monday of each month between the two dates."""
    found, month = [], date(first.year, first.month, 1)
    while month <= last:
        monday = month + timedelta(days=(7 - month.weekday()) % 7)
        if first <= monday <= last:
            found.append(monday)
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return found


def _monday_before(on: date) -> date:
    return on - timedelta(days=on.weekday())


def _day(value: str) -> date:
    return date.fromisoformat(value)
