"""The label's rules as pure functions: the four categories, the ratings of an evaluation and when a category
passes, the statuses of a label on a day, and the months of validity counted on the calendar."""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date
from enum import StrEnum


class Category(StrEnum):
    """The four categories of evaluation requirements, fixed by the scheme paper."""

    GAP_ANALYSIS = "gap_analysis"
    RISK_MANAGEMENT = "risk_management"
    MANAGEMENT_SYSTEM = "management_system"
    SECURITY_POLICIES = "security_policies"


CATEGORIES = tuple(category.value for category in Category)


class Rating(StrEnum):
    """How a candidate met one requirement on the first mission, in the evaluating coach's judgement."""

    MEETS = "meets"
    PARTIALLY = "partially"
    NOT_MET = "not_met"


RATINGS = tuple(rating.value for rating in Rating)


class LabelStatus(StrEnum):
    """Where a label stands on a day."""

    CANDIDATE = "candidate"
    """Not granted (yet): the track is under way."""
    VALID = "valid"
    EXPIRED = "expired"
    SUSPENDED = "suspended"
    REVOKED = "revoked"


def category_passes(ratings: Iterable[str]) -> bool:
    """A category passes when none of its requirements is rated `not_met`: `partially` is a point to work on, not a
    failure."""
    return all(rating != Rating.NOT_MET for rating in ratings)


def exam_passed(score: int, pass_mark: int) -> bool:
    """A score (percent) at or above the pass mark passes."""
    return score >= pass_mark


def add_months(day: date, months: int) -> date:
    """The same day `months` later; the month's last day when it is shorter (31 January + 1 month: 28 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def in_period(day: date, start: date, end: date | None) -> bool:
    """`day` from `start` (included) to `end` (excluded); an open period has no end."""
    return start <= day and (end is None or day < end)
