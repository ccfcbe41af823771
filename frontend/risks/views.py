"""What the risk pages show: options, statuses and levels in words, the register's filters read from the address,
and the heat map's grid."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

OPTIONS = (("mitigate", "Mitigate"), ("accept", "Accept"), ("transfer", "Transfer"), ("avoid", "Avoid"))
OPTION_NAMES = dict(OPTIONS)
STATUSES = (
    ("identified", "Identified"),
    ("assessed", "Assessed"),
    ("treated", "Treated"),
    ("accepted", "Accepted"),
    ("closed", "Closed"),
)
STATUS_NAMES = dict(STATUSES)
ORDERS = (("TITLE", "Title"), ("LEVEL", "Highest level first"), ("RESIDUAL", "Highest residual level first"))
PROGRESS = (("planned", "Planned"), ("in_progress", "In progress"), ("done", "Done"), ("cancelled", "Cancelled"))
PROGRESS_NAMES = dict(PROGRESS)
OBJECTIVE_STATUSES = (
    ("planned", "Planned"),
    ("in_progress", "In progress"),
    ("achieved", "Achieved"),
    ("cancelled", "Cancelled"),
)
OBJECTIVE_NAMES = dict(OBJECTIVE_STATUSES)
SINCE_REVIEW = {"new": "New since the last review", "changed": "Changed since the last review", "closed": "Closed"}
FILTERS = ("level", "status", "owner", "option", "search", "order", "after")


def list_filters(query: dict[str, str]) -> dict[str, str]:
    """The filters as the address gives them; unknown values are passed on for the API to refuse."""
    return {name: query.get(name, "").strip() for name in FILTERS}


def list_variables(org: str, filters: dict[str, str]) -> dict[str, Any]:
    level = filters["level"]
    return {
        "org": org,
        "level": int(level) if level.isascii() and level.isdigit() and len(level) <= 9 else None,
        "status": filters["status"] or None,
        "ownerId": filters["owner"] or None,
        "option": filters["option"] or None,
        "search": filters["search"] or None,
        "orderBy": filters["order"] if filters["order"] in dict(ORDERS) else "TITLE",
        "after": filters["after"] or None,
    }


def next_page(path: str, filters: dict[str, str], cursor: str) -> str:
    kept = {name: value for name, value in filters.items() if value and name != "after"}
    return f"{path}?{urlencode({**kept, 'after': cursor})}"


def level_class(level: int | None, levels: int) -> str:
    """The colour of a level: low, middle or high third of the method's levels."""
    if not level:
        return "level-none"
    share = level / max(levels, 1)
    return "level-high" if share > 2 / 3 else "level-medium" if share > 1 / 3 else "level-low"


def heat_rows(cells: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The cells by row, the most likely first (as the API gives them), each row by impact."""
    rows: dict[int, list[dict[str, Any]]] = {}
    for cell in cells:
        rows.setdefault(cell["likelihood"], []).append(cell)
    return list(rows.values())


def scale_options(levels: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(str(lv["value"]), f"{lv['value']}: {lv['label']} ({lv['description']})") for lv in levels]


def register_summary(connection: dict[str, Any]) -> str:
    """ "12 open risks; since the last review: 2 new, 1 changed, 0 closed" """
    total = connection["registerCount"]
    since = connection["sinceReview"]
    risks = "open risk" if total == 1 else "open risks"
    when = "since the last review" if since["lastReview"] else "no review held yet"
    counts = f"{since['newCount']} new, {since['changedCount']} changed, {since['closedCount']} closed"
    return f"{total:,} {risks}; {when}: {counts}"


def control_text(control: dict[str, Any]) -> str:
    if control["catalogueId"]:
        return f"{control['controlId']} ({control['catalogueId']})"
    return f"{control['name']} (own control)"


def scenario_options(scenarios: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(scenario["id"], f"{scenario['title']} (version {scenario['version']})") for scenario in scenarios]


def owner_options(owners: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(owner["id"], owner["name"]) for owner in owners]


def risk_options(edges: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(edge["node"]["id"], edge["node"]["title"]) for edge in edges]
