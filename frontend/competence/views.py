"""What the competence pages show: the trainings' filters read from the address, the next pages' links, and the
people's accounts to choose from."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

ORDERS = (("DATE", "Most recent first"), ("COURSE", "Course"))
FILTERS = ("person", "search", "withdrawn", "order", "after", "campaigns")
"""`person` is a member account, `campaigns` the cursor of the campaigns' page; the others filter the trainings."""
ACTIONS = {"recorded": "Recorded", "run": "Run", "withdrawn": "Withdrawn"}


def list_filters(query: dict[str, str]) -> dict[str, str]:
    """The filters as the address gives them; unknown values are passed on for the API to refuse."""
    return {name: query.get(name, "").strip() for name in FILTERS}


def list_variables(org: str, filters: dict[str, str]) -> dict[str, Any]:
    return {
        "org": org,
        "accountId": filters["person"] or None,
        "search": filters["search"] or None,
        "withdrawn": filters["withdrawn"] == "yes",
        "orderBy": filters["order"] if filters["order"] in dict(ORDERS) else "DATE",
        "after": filters["after"] or None,
        "campaignsAfter": filters["campaigns"] or None,
    }


def next_page(path: str, filters: dict[str, str], name: str, cursor: str) -> str:
    """The address of the next page of one list (`after`: the trainings, `campaigns`: the campaigns)."""
    kept = {key: value for key, value in filters.items() if value and key not in ("after", "campaigns")}
    return f"{path}?{urlencode({**kept, name: cursor})}"


def account_options(people: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(person["accountId"], person["name"]) for person in people if person["accountId"]]


def action_text(action: str) -> str:
    return ACTIONS.get(action, action.replace("_", " ").capitalize())
