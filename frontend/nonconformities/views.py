"""What the nonconformity pages show: severities, sources and statuses in words, the list's filters read from the
address."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

SEVERITIES = (("major", "Major"), ("minor", "Minor"))
SOURCES = (("audit", "An audit"), ("incident", "An incident"), ("review", "A management review"), ("other", "Other"))
STATUSES = (("", "Any status"), ("open", "Open"), ("analysed", "Analysed"), ("closed", "Closed"))
ORDERS = (("TITLE", "Title"), ("DUE", "Earliest due action"))
FILTERS = ("status", "severity", "source", "overdue", "order", "after")


def list_filters(query: dict[str, str]) -> dict[str, str]:
    return {name: query.get(name, "").strip() for name in FILTERS}


def list_variables(org: str, filters: dict[str, str]) -> dict[str, Any]:
    return {
        "org": org,
        "status": filters["status"] or None,
        "severity": filters["severity"] or None,
        "sourceKind": filters["source"] or None,
        "overdue": filters["overdue"] == "yes",
        "orderBy": filters["order"] if filters["order"] in dict(ORDERS) else "TITLE",
        "after": filters["after"] or None,
    }


def next_page(org: str, filters: dict[str, str], cursor: str) -> str:
    kept = {name: value for name, value in filters.items() if value and name != "after"}
    return f"/organisations/{org}/nonconformities?{urlencode({**kept, 'after': cursor})}"


def people_options(people: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(person["id"], person["name"]) for person in people]
