"""What the change log's pages show: categories, risks and statuses in words, and the log's filters read from the
address."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

CATEGORIES = (
    ("standard", "Standard"),
    ("normal", "Normal (regular)"),
    ("emergency", "Emergency"),
    ("non_operational", "Non-operational"),
)
CATEGORY_NAMES = dict(CATEGORIES)
RISKS = (("low", "Low"), ("medium", "Medium"), ("high", "High"))
RISK_NAMES = dict(RISKS)
STATUSES = (
    ("filed", "Filed"),
    ("approved", "Approved"),
    ("scheduled", "Scheduled"),
    ("succeeded", "Succeeded"),
    ("failed", "Failed"),
)
STATUS_NAMES = dict(STATUSES)
ORDERS = (("NEWEST", "Newest first"), ("OLDEST", "Oldest first"))
FILTERS = ("category", "risk", "status", "order", "after")


def list_filters(query: dict[str, str]) -> dict[str, str]:
    """The filters as the address gives them; unknown values are passed on for the API to refuse."""
    return {name: query.get(name, "").strip() for name in FILTERS}


def list_variables(org: str, filters: dict[str, str]) -> dict[str, Any]:
    return {
        "org": org,
        "category": filters["category"] or None,
        "risk": filters["risk"] or None,
        "status": filters["status"] or None,
        "orderBy": filters["order"] if filters["order"] in dict(ORDERS) else "NEWEST",
        "after": filters["after"] or None,
    }


def next_page(path: str, filters: dict[str, str], cursor: str) -> str:
    kept = {name: value for name, value in filters.items() if value and name != "after"}
    return f"{path}?{urlencode({**kept, 'after': cursor})}"


def outcome(succeeded: bool | None) -> str:
    return "" if succeeded is None else ("Yes" if succeeded else "No")


def account_options(accounts: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(account["id"], account["name"]) for account in accounts]


def standard_options(standard_changes: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(entry["id"], entry["title"]) for entry in standard_changes]
