"""What the incident pages show, in the users' words: filters, names of severities, steps and levels."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

SEVERITIES = (("critical", "Critical"), ("high", "High"), ("medium", "Medium"), ("low", "Low"))
NONCONFORMITY_SEVERITIES = (("major", "Major"), ("minor", "Minor"))
STATUSES = (("reported", "Reported"), ("acknowledged", "Acknowledged"), ("restored", "Restored"), ("closed", "Closed"))
BREACHES = (("yes", "A target missed"), ("no", "Within every target"))
ORDERS = (("LATEST", "Latest first"), ("SEVERITY", "Most severe first"), ("TITLE", "Title"))
LEVELS = (
    ("first", "First level: the service desk"),
    ("second", "Second level: the provider or the local IT"),
    ("third", "Third level: the vendor or a partner"),
)
LEVEL_NAMES = {"first": "first level", "second": "second level", "third": "third level"}
STEP_NAMES = {
    "reported": "Reported",
    "acknowledged": "Acknowledged",
    "escalated": "Escalated",
    "alert": "Monitoring alert",
    "restored": "Restored",
    "closed": "Closed",
}
TARGET_NAMES = {"reaction": "Reaction", "escalation": "Escalation", "recovery": "Recovery"}
FILTERS = ("severity", "status", "breached", "order", "after")


def list_filters(query: dict[str, str]) -> dict[str, str]:
    """The filters as the address gives them; unknown values are passed on for the API to refuse."""
    return {name: query.get(name, "").strip() for name in FILTERS}


def list_variables(org: str, filters: dict[str, str]) -> dict[str, Any]:
    breached = {"yes": True, "no": False}.get(filters["breached"])
    return {
        "org": org,
        "severity": filters["severity"] or None,
        "status": filters["status"] or None,
        "breached": breached,
        "orderBy": filters["order"] if filters["order"] in dict(ORDERS) else "LATEST",
        "after": filters["after"] or None,
    }


def next_page(path: str, filters: dict[str, str], cursor: str) -> str:
    kept = {name: value for name, value in filters.items() if value and name != "after"}
    return f"{path}?{urlencode({**kept, 'after': cursor})}"


def when(value: str | None) -> str:
    """An API time as the pages show it: in UTC, to the minute."""
    if not value:
        return ""
    return datetime.fromisoformat(value).astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


TIME_FORMATS = ("%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S")
TIME_ZONE = "UTC"
"""The zone the forms' times are entered in: an organisation has none of its own, so UTC, said beside each field."""


def time_now() -> str:
    """The value a time field starts with: now, to the minute, as a datetime-local input shows it."""
    return datetime.now(UTC).strftime(TIME_FORMATS[0])


def entered_time(value: str) -> str | None:
    """A datetime-local value, in UTC, as the API takes it (ISO 8601 with its zone); None when left empty, for the
    API to take now. Raises ValueError for anything that is not a date and time."""
    value = value.strip()
    if not value:
        return None
    for form in TIME_FORMATS:
        try:
            return datetime.strptime(value, form).replace(tzinfo=UTC).isoformat()
        except ValueError:
            continue
    raise ValueError(value)


def this_month() -> str:
    return datetime.now(UTC).strftime("%Y-%m")


def next_level(level: str | None) -> str:
    order = [value for value, _ in LEVELS]
    return order[0] if level is None else order[min(order.index(level) + 1, len(order) - 1)]


def level_options(level: str | None) -> list[tuple[str, str]]:
    """Only the next level: escalation goes one level at a time."""
    wanted = next_level(level)
    return [(value, text) for value, text in LEVELS if value == wanted]


def picked(fields: dict[str, str], kind: str) -> list[str]:
    """The ids ticked among a form's `<kind>-<id>` boxes, in the order posted."""
    prefix = f"{kind}-"
    return [name.removeprefix(prefix) for name in fields if name.startswith(prefix)]


def names_of(choices: dict[str, Any], kind: str, label: str) -> dict[str, str]:
    """Id to name of the organisation's assets or risks offered to link."""
    return {e["node"]["id"]: e["node"][label] for e in ((choices.get(kind) or {}).get("edges") or [])}


def minutes_text(minutes: int) -> str:
    if minutes % (60 * 24) == 0:
        return f"{minutes // (60 * 24)} d"
    if minutes % 60 == 0:
        return f"{minutes // 60} h"
    return f"{minutes} min"
