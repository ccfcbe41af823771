"""The business day a command runs on, and the bounds every business date keeps.

The domain reads no clock. The application states the day each command runs on (`business_day`), and the rules
read it from here: a session is not held in the future, no date lies more than five years ahead. Code that runs a
rule outside a command (an aggregate built in a unit test) states no day: the rules that need one then keep only
the fixed bounds.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, date, datetime, timedelta

from domain.shared.errors import ValidationFailed

EARLIEST_BUSINESS_DATE = date(2000, 1, 1)
YEARS_AHEAD = 5
"""How far ahead a plan, a move, a period of unavailability or an audit may lie."""
LATEST_WITHOUT_A_DAY = date(2199, 12, 31)
"""The upper bound when no business day is stated."""

_TODAY: ContextVar[date | None] = ContextVar("cordee_business_day", default=None)


@contextmanager
def business_day(today: date) -> Iterator[None]:
    """Runs the block as on `today`."""
    token = _TODAY.set(today)
    try:
        yield
    finally:
        _TODAY.reset(token)


def stated_today() -> date | None:
    return _TODAY.get()


def latest_date_on_earth() -> date:
    """Today's date where it is latest (UTC+14): a date after it is in the future for everyone, everywhere."""
    return (datetime.now(UTC) + timedelta(hours=14)).date()


def latest_business_date() -> date:
    today = stated_today()
    if today is None:
        return LATEST_WITHOUT_A_DAY
    try:
        return today.replace(year=today.year + YEARS_AHEAD)
    except ValueError:  # 29 February
        return today.replace(year=today.year + YEARS_AHEAD, day=28)


def business_date(field: str, day: date) -> date:
    """A date a programme can use: from 2000 to five years from today, the same bound for every date."""
    latest = latest_business_date()
    if not EARLIEST_BUSINESS_DATE <= day <= latest:
        earliest = EARLIEST_BUSINESS_DATE.isoformat()
        raise ValidationFailed(field, f"Choose a date from {earliest} to {latest.isoformat()}.")
    return day


def optional_business_date(field: str, day: date | None) -> date | None:
    return None if day is None else business_date(field, day)


def past_date(field: str, day: date) -> date:
    """The date of something that happened: a business date, and not after today."""
    business_date(field, day)
    today = stated_today()
    if today is not None and day > today:
        raise ValidationFailed(field, f"Cannot be in the future (today is {today.isoformat()}).")
    return day


def not_in_the_past(field: str, day: date, what: str) -> date:
    """A date that is still to come (`what`, e.g. "a plan"): a business date, and not before today."""
    business_date(field, day)
    today = stated_today()
    if today is not None and day < today:
        raise ValidationFailed(field, f"Cannot be in the past: {what} starts today ({today.isoformat()}) or later.")
    return day


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
)  # fmt: skip


def spoken_date(day: date) -> str:
    """A date as a coach would write it: "Monday 6 April 2026"."""
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"
