"""An organisation's register as its list page reads it: the filters from the address, the page of the list, the
whole list again when the API refuses a filter or a cursor (the refusal said above it), and the next page's link.

Every register's list page (risks, assets, changes, audits, nonconformities, incidents, competence) reads this way;
what it shows around the list is its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fastapi import Request

from frontend.ports import FrontendPorts
from frontend.site.page import NotInView

NOT_IN_VIEW = "This organisation does not exist or is not yours to see."
Filters = dict[str, str]


@dataclass(frozen=True)
class Listing:
    data: dict[str, Any]
    """What the list's document answered: the organisation, the list's connections and whatever else it asks."""
    organisation: dict[str, Any]
    filters: Filters
    """As the address gave them, kept in the filter form and in the next page's link even when refused."""
    filter_error: str | None
    """The API's refusal of a filter or a cursor, said above the whole list shown instead."""

    def next_page(self, name: str, link: Callable[[str], str]) -> str | None:
        """The link to the page after this one of the connection `name`, made by `link` from its end cursor."""
        info = (self.data.get(name) or {}).get("pageInfo") or {}
        return link(info["endCursor"]) if info.get("hasNextPage") else None


async def read_listing(
    ports: FrontendPorts,
    request: Request,
    document: str,
    list_filters: Callable[[Filters], Filters],
    variables: Callable[[Filters], dict[str, Any]],
) -> Listing:
    """The list page's data; an organisation out of the viewer's view is a 404 (`NotInView`)."""
    filters = list_filters(dict(request.query_params))
    result = await ports.execute(request, document, variables(filters))
    refused = result.errors[0] if result.errors else None
    if refused:  # a filter or a cursor the API refuses: the whole list, with the refusal said above it
        result = await ports.execute(request, document, variables(list_filters({})))
    data = result.data or {}
    organisation = data.get("organisation") or {}
    if organisation.get("__typename") != "Organisation":
        raise NotInView(organisation.get("message", NOT_IN_VIEW))
    return Listing(data, organisation, filters, refused["message"] if refused else None)
