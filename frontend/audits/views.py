"""What the audit pages show: finding kinds in words, the list's filters read from the address, areas typed as
lines."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

KINDS = (
    ("major_nonconformity", "Major nonconformity"),
    ("minor_nonconformity", "Minor nonconformity"),
    ("observation", "Observation"),
    ("opportunity", "Opportunity for improvement"),
)
KIND_NAMES = dict(KINDS)
STATUSES = (("", "Planned or completed"), ("planned", "Planned"), ("completed", "Completed"))
ORDERS = (("DATE", "Date"), ("TITLE", "Title"))
FILTERS = ("status", "search", "order", "after")


def list_filters(query: dict[str, str]) -> dict[str, str]:
    return {name: query.get(name, "").strip() for name in FILTERS}


def list_variables(org: str, filters: dict[str, str]) -> dict[str, Any]:
    return {
        "org": org,
        "status": filters["status"] or None,
        "search": filters["search"] or None,
        "orderBy": filters["order"] if filters["order"] in dict(ORDERS) else "DATE",
        "after": filters["after"] or None,
    }


def next_page(org: str, filters: dict[str, str], cursor: str) -> str:
    kept = {name: value for name, value in filters.items() if value and name != "after"}
    return f"/organisations/{org}/audits?{urlencode({**kept, 'after': cursor})}"


def areas(text: str, people: list[dict[str, Any]]) -> tuple[list[dict[str, str]], str | None]:
    """Lines "A.5.15: Marc Muller" as areas with their owner's id; the first line at fault, said, otherwise."""
    by_name = {person["name"].casefold(): person["id"] for person in people}
    found: list[dict[str, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        reference, _, owner = line.partition(":")
        owner_id = by_name.get(owner.strip().casefold())
        if owner_id is None:
            return [], f"Line {number}: write the clause or control, a colon, then the name of its owner."
        found.append({"reference": reference.strip(), "ownerId": owner_id})
    return found, None


AREA_PARTS = ("reference", "ownerId")
"""The parts of an area the API may refuse (`areas.reference`, `areas.ownerId`): shown beside the areas typed."""


def revise_scope(programme_id: str) -> str:
    """The revise form's own scope: each programme on the page has one."""
    return f"revise-{programme_id}"


def area_lines(areas: list[dict[str, Any]]) -> str:
    """The programme's areas as typed in its form: "A.5.15: Marc Muller", one a line."""
    return "\n".join(f"{a['reference']}: {a.get('ownerName') or ''}" for a in areas)


def references(text: str) -> list[str]:
    """Areas typed as "A.5.15, 9.2" or one per line."""
    return [part.strip() for part in text.replace("\n", ",").split(",") if part.strip()]


def people_options(people: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(person["id"], person["name"]) for person in people]


def programme_options(programmes: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """The programmes the viewer may plan an audit in, latest year first."""
    return [(p["id"], str(p["year"])) for p in programmes if p["viewerCan"]["planAudit"]]
