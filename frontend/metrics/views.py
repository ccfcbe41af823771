"""What the metric pages show: frequencies and directions in words, the list's filters read from the address, and
numbers read from a form."""

from __future__ import annotations

import math
from typing import Any
from urllib.parse import urlencode

from frontend.metrics.chart import number
from frontend.site.forms import Submission

FREQUENCIES = (("weekly", "Weekly"), ("monthly", "Monthly"), ("quarterly", "Quarterly"),
               ("half_yearly", "Half-yearly"), ("yearly", "Yearly"))  # fmt: skip
DIRECTIONS = (("at_least", "At least"), ("at_most", "At most"))
STATUSES = (("", "Any status"), ("active", "Kept"), ("retired", "Retired"))
ORDERS = (("NAME", "Name"), ("DUE", "Next measurement due"))
FILTERS = ("status", "missed", "overdue", "owner", "order", "after")
__all__ = ["number", "typed"]


def list_filters(query: dict[str, str]) -> dict[str, str]:
    return {name: query.get(name, "").strip() for name in FILTERS}


def list_variables(org: str, filters: dict[str, str]) -> dict[str, Any]:
    return {
        "org": org,
        "status": filters["status"] or None,
        "missed": filters["missed"] == "yes",
        "overdue": filters["overdue"] == "yes",
        "ownerId": filters["owner"] or None,
        "orderBy": filters["order"] if filters["order"] in dict(ORDERS) else "NAME",
        "after": filters["after"] or None,
    }


def next_page(org: str, filters: dict[str, str], cursor: str) -> str:
    kept = {name: value for name, value in filters.items() if value and name != "after"}
    return f"/organisations/{org}/metrics?{urlencode({**kept, 'after': cursor})}"


def people_options(people: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(person["id"], person["name"]) for person in people]


def frequency(value: str) -> str:
    return dict(FREQUENCIES).get(value, value)


def target(metric: dict[str, Any]) -> str:
    """ "At least 95 %", "At most 2 incidents"."""
    return (
        f"{dict(DIRECTIONS).get(metric['direction'], metric['direction'])} {number(metric['target'])} {metric['unit']}"
    )


def decimal(form: Submission, name: str) -> float | None:
    """A number typed in a form: 98.5 or 98,5 (one comma is a decimal mark); a blank, a word or a number with
    thousands separators ("1,250.5", "1.250,5") is an error beside the field, never read as another number."""
    typed = form.text(name).strip().replace(" ", "")
    if typed.count(",") == 1 and "." not in typed:
        typed = typed.replace(",", ".")
    try:
        found = float(typed) if "," not in typed else math.nan
    except ValueError:
        found = math.nan
    if not math.isfinite(found):
        form.errors[name] = "Enter a number without thousands separators, such as 1250 or 98.5."
        return None
    return found


def typed(value: float) -> str:
    """A number as a form field is filled with: read back by `decimal` as the same number (no separators)."""
    return f"{value:.15g}"


def measurement_options(measurements: list[dict[str, Any]], unit: str) -> list[tuple[str, str]]:
    """The measurements a correction may name, newest first, each by its day and value."""
    return [(m["id"], f"{m['measuredOn']}: {number(m['value'])} {unit}") for m in reversed(measurements)]
