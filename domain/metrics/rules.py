"""What a metric's frequency, target and status mean, as pure functions: one definition each, for the aggregate,
the read side and the API."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from enum import StrEnum


class Frequency(StrEnum):
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    HALF_YEARLY = "half_yearly"
    YEARLY = "yearly"


FREQUENCIES = tuple(f.value for f in Frequency)
MONTHS = {Frequency.MONTHLY: 1, Frequency.QUARTERLY: 3, Frequency.HALF_YEARLY: 6, Frequency.YEARLY: 12}


class Direction(StrEnum):
    """Whether a value meets its target by reaching it (`at_least`) or by staying under it (`at_most`)."""

    AT_LEAST = "at_least"
    AT_MOST = "at_most"


DIRECTIONS = tuple(d.value for d in Direction)
REFERENCE_SHAPE = re.compile(r"(A\.)?\d{1,2}(\.\d{1,2}){0,3}")
"""A clause ("9.1", "6.1.3") or an Annex A control ("8.16", "A.8.16") of the standard."""


def meets_target(value: float, direction: str, target: float) -> bool:
    """At least: reached or passed; at most: not passed. The target itself always meets it."""
    return value >= target if direction == Direction.AT_LEAST else value <= target


def next_due(frequency: str, since: date) -> date:
    """The day a metric measured (or defined) on `since` is next to be measured, by its frequency: a week later,
    or the same day of the month one, three, six or twelve months later (the month's last day if it is shorter).
    A measurement dated the last day of its month covers that month, so the next is due on the last day of the
    month it falls in (30 April, then 31 May; 28 February, then 31 March)."""
    if frequency == Frequency.WEEKLY:
        return since + timedelta(days=7)
    months = since.month - 1 + MONTHS[Frequency(frequency)]
    year, month = since.year + months // 12, months % 12 + 1
    last = calendar.monthrange(year, month)[1]
    month_end = since.day == calendar.monthrange(since.year, since.month)[1]
    return date(year, month, last if month_end else min(since.day, last))


def is_overdue(frequency: str, since: date, today: date, retired: bool = False) -> bool:
    """Not measured again by the day its frequency gives; a retired metric is never overdue."""
    return not retired and next_due(frequency, since) < today


def can_change(retired: bool) -> bool:
    """A retired metric is kept as it was: no revision, no measurement, no correction."""
    return not retired
