"""Jinja filters every page uses: the API's codes in words, days, shares and changes in level."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from jinja2 import Environment

LABELS = {
    "isms_manager": "ISMS manager",
    "in_progress": "In progress",
    "isms_established": "ISMS established",
    "certification_audit_planned": "Certification audit planned",
    "gap_analysis": "Gap analysis",
    "initial_training": "Initial training",
    "worked": "Worked",
    "hard": "Hard",
}
"""Words for the API's codes where capitalising the code does not read well."""


def label(code: str | None) -> str:
    if not code:
        return ""
    return LABELS.get(code, code.replace("_", " ").capitalize())


def signed(change: int | None) -> str:
    """A change in level as +n, or -n with a real minus sign; a dash before a second assessment."""
    if change is None:
        return "—"
    if change == 0:
        return "±0"
    return f"+{change}" if change > 0 else f"\N{MINUS SIGN}{-change}"


def days(value: float | None) -> str:
    """4.0 as 4, 7.5 as 7.5."""
    return "—" if value is None else f"{value:g}"


def percent(share: float | None) -> str:
    return "—" if share is None else f"{share * 100:.0f} %"


def day(value: object) -> str:
    """Every date the pages show, one way: weekday, day, month and year, as in "Tue 15 Dec 2026".

    An ISO timestamp shows its date; anything that is not a date is shown as it is.
    """
    if not value:
        return "—"
    when = value if isinstance(value, date) else _parsed(str(value))
    if when is None:
        return str(value)
    return f"{WEEKDAYS[when.weekday()]} {when.day} {MONTHS[when.month - 1]} {when.year}"


def _parsed(text: str) -> date | None:
    try:
        return datetime.fromisoformat(text).date() if "T" in text else date.fromisoformat(text)
    except ValueError:
        return None


WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
"""The page's language is English; names are spelled out here so that the server's locale cannot change them."""


def recorded_apart(recorded: object, business: object) -> bool:
    """Whether a fact was recorded a day or more apart from the date it carries (a half-day logged days after it
    was held): the pages then show both, since history (`?as_of=`) goes by the recorded one."""
    when, then = _moment(recorded), _moment(business)
    return when is not None and then is not None and abs(when - then) >= timedelta(days=1)


def _moment(value: object) -> datetime | None:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime.combine(value, time(), tzinfo=UTC)
    if not value:
        return None
    try:
        return _moment(datetime.fromisoformat(str(value)) if "T" in str(value) else date.fromisoformat(str(value)))
    except ValueError:
        return None


def install_filters(environment: Environment) -> None:
    environment.filters.update(label=label, signed=signed, days=days, percent=percent, day=day)
    environment.tests.update(recorded_apart_from=recorded_apart)
