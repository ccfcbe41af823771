"""Shaping the ITIL page's data: the picture of ITIL steps feeding ISO 27001 steps, as boxes and lines to draw.
Pure functions, no I/O."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import Any

Row = dict[str, Any]

WIDTH, BOX_WIDTH, BOX_HEIGHT, ROW_HEIGHT, TOP = 640, 250, 44, 56, 36
LEFT, RIGHT = 8, WIDTH - 28 - BOX_WIDTH
LINE_CHARACTERS = 32


@dataclass(frozen=True)
class Box:
    number: int
    lines: tuple[str, ...]
    x: int
    y: int
    marked: bool
    """A declared ITIL step, or an ISO step a declared ITIL step feeds."""

    @property
    def text_y(self) -> int:
        """Where the first line of the title sits, the title centred in its box."""
        return self.y + 26 - 8 * (len(self.lines) - 1)


@dataclass(frozen=True)
class Link:
    x1: int
    y1: int
    x2: int
    y2: int
    marked: bool


@dataclass(frozen=True)
class Picture:
    width: int
    height: int
    box_width: int
    box_height: int
    itil: tuple[Box, ...]
    iso: tuple[Box, ...]
    links: tuple[Link, ...]
    needs: tuple[str, ...]
    """Paths of the relations inside ISO 27001 (a CISO needs the policy), drawn right of the ISO column."""


def picture(items: list[Row], iso_steps: list[Row]) -> Picture:
    """ITIL steps on the left, ISO 27001 steps on the right, a line for each link; declared ones marked."""
    steps = [item for item in items if item["kind"] == "step"]
    left = tuple(_box(s["number"], s["title"], LEFT, n, s["declaration"] is not None) for n, s in enumerate(steps))
    right = tuple(_box(s["number"], s["title"], RIGHT, n, s["fed"]) for n, s in enumerate(iso_steps))
    row_of = {box.number: box for box in right}
    links = tuple(
        Link(LEFT + BOX_WIDTH, box.y + BOX_HEIGHT // 2, RIGHT, row_of[fed].y + BOX_HEIGHT // 2, box.marked)
        for box, step in zip(left, steps, strict=True)
        for fed in step["feedsIsoSteps"]
        if fed in row_of
    )
    needs = tuple(_need(row_of[first], row_of[then.number]) for then in right for first in _needs(iso_steps, then))
    height = TOP + ROW_HEIGHT * max(len(left), len(right))
    return Picture(WIDTH, height, BOX_WIDTH, BOX_HEIGHT, left, right, links, needs)


def _box(number: int, title: str, x: int, row: int, marked: bool) -> Box:
    lines = tuple(textwrap.wrap(f"{number} {title}", LINE_CHARACTERS))[:2]
    return Box(number, lines, x, TOP + row * ROW_HEIGHT, marked)


def _needs(iso_steps: list[Row], then: Box) -> list[int]:
    return next((s["needs"] for s in iso_steps if s["number"] == then.number), [])


def _need(first: Box, then: Box) -> str:
    """A curve from the step needed first to the one needing it, just outside the right column."""
    edge, a, b = RIGHT + BOX_WIDTH, first.y + BOX_HEIGHT // 2, then.y + BOX_HEIGHT // 2
    return f"M {edge} {a} C {edge + 16} {a}, {edge + 16} {b}, {edge} {b}"


def undeclared(items: list[Row]) -> list[tuple[str, str]]:
    """The items that may be declared now, as a form's options."""
    return [(item["key"], _label(item)) for item in items if item["declaration"] is None]


def _label(item: Row) -> str:
    if item["kind"] == "step":
        return f"ITIL step {item['number']}: {item['title']}"
    return f"Practice: {item['title']}"


def area_field(area: str) -> str:
    """`clause 5` → `clause-5`: the name of an area's level in the confirmation form."""
    return area.replace(" ", "-")


LEVELS = tuple((str(level), str(level)) for level in range(6))
