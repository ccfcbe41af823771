"""What the asset pages show: kinds and levels in words, and the list's filters read from the address."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

KINDS = (
    ("information", "Information"),
    ("software", "Software"),
    ("hardware", "Hardware"),
    ("service", "Service"),
    ("people", "People"),
    ("site", "Site"),
    ("pool_resource", "Pool resource (cloud)"),
    ("iaas", "IaaS service"),
    ("paas", "PaaS service"),
    ("saas", "SaaS service"),
)
KIND_NAMES = dict(KINDS)
DIMENSIONS = (("confidentiality", "Confidentiality"), ("integrity", "Integrity"), ("availability", "Availability"))
ORDERS = (("NAME", "Name"), ("HIGHEST", "Highest classification first"))
CLASSIFIED = (("", "Classified or not"), ("yes", "Classified"), ("no", "Not classified yet"))


def list_filters(query: dict[str, str]) -> dict[str, str]:
    """The filters as the address gives them; unknown values are passed on for the API to refuse."""
    return {name: query.get(name, "").strip() for name in ("kind", "classified", "search", "order", "after")}


def list_variables(org: str, filters: dict[str, str]) -> dict[str, Any]:
    classified = {"yes": True, "no": False}.get(filters["classified"])
    return {
        "org": org,
        "kind": filters["kind"] or None,
        "classified": classified,
        "search": filters["search"] or None,
        "orderBy": filters["order"] if filters["order"] in dict(ORDERS) else "NAME",
        "after": filters["after"] or None,
    }


def next_page(org: str, filters: dict[str, str], cursor: str) -> str:
    kept = {name: value for name, value in filters.items() if value and name != "after"}
    return f"/organisations/{org}/assets?{urlencode({**kept, 'after': cursor})}"


def level_names(scales: dict[str, Any] | None) -> dict[str, dict[int, str]]:
    """The label of each level, by dimension, of one version of the scales."""
    if not scales:
        return {}
    return {dimension: {lv["value"]: lv["label"] for lv in scales[dimension]} for dimension, _ in DIMENSIONS}


def inventory_summary(connection: dict[str, Any]) -> str:
    """ "42 assets, 3 unclassified" """
    total, unclassified = connection["inventoryCount"], connection["unclassifiedCount"]
    assets = "asset" if total == 1 else "assets"
    return f"{total:,} {assets}, {unclassified:,} unclassified"


def scale_options(scales: dict[str, Any] | None) -> dict[str, list[tuple[str, str]]]:
    """The choices of each dimension's level, "3: Confidential", with the level's description."""
    if not scales:
        return {}
    return {
        dimension: [
            (str(lv["value"]), f"{lv['value']}: {lv['label']} ({lv['description']})") for lv in scales[dimension]
        ]
        for dimension, _ in DIMENSIONS
    }
