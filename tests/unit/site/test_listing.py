"""A list page reads its register one way: the filters from the address; a filter the API refuses shows the whole
list with the refusal said; the next page's link only when there is one; an organisation out of view is a 404."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace
from typing import Any, cast

import pytest

from frontend.ports import GraphQLResult
from frontend.site.listing import NOT_IN_VIEW, read_listing
from frontend.site.page import NotInView

ORGANISATION = {"__typename": "Organisation", "id": "o", "name": "Muller"}


class Ports:
    def __init__(self, *answers: GraphQLResult) -> None:
        self.answers: list[GraphQLResult] = list(answers)
        self.asked: list[dict[str, Any]] = []

    async def execute(self, request: object, document: str, variables: dict[str, Any]) -> GraphQLResult:
        self.asked.append(variables)
        return self.answers.pop(0)


def read(ports: Ports, query: dict[str, str]) -> Any:
    request = SimpleNamespace(query_params=query)
    filters = lambda given: {"status": given.get("status", "")}  # noqa: E731
    variables = lambda filters: {"status": filters["status"] or None}  # noqa: E731
    listing = read_listing(cast(Any, ports), cast(Any, request), "query", filters, variables)
    # A thread of its own: a browser test run earlier in the same worker may keep an event loop running in this one.
    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(asyncio.run, listing).result()


def page(has_next: bool) -> dict[str, Any]:
    return {"organisation": ORGANISATION, "things": {"pageInfo": {"hasNextPage": has_next, "endCursor": "c1"}}}


def test_the_filters_are_asked_and_the_next_page_linked_when_there_is_one() -> None:
    ports = Ports(GraphQLResult(page(True)))
    listing = read(ports, {"status": "open"})
    assert ports.asked == [{"status": "open"}]
    assert listing.filters == {"status": "open"} and listing.filter_error is None
    assert listing.organisation == ORGANISATION
    assert listing.next_page("things", lambda cursor: f"/things?after={cursor}") == "/things?after=c1"
    assert listing.next_page("missing", str) is None
    assert read(Ports(GraphQLResult(page(False))), {}).next_page("things", str) is None


def test_a_refused_filter_shows_the_whole_list_with_the_refusal_said_and_the_filter_kept() -> None:
    ports = Ports(GraphQLResult(None, [{"message": "Choose one of: open."}]), GraphQLResult(page(False)))
    listing = read(ports, {"status": "huge"})
    assert ports.asked == [{"status": "huge"}, {"status": None}]
    assert listing.filter_error == "Choose one of: open." and listing.filters == {"status": "huge"}


def test_an_organisation_out_of_view_is_not_found() -> None:
    refused = {"organisation": {"__typename": "NotFoundError", "message": "No organisation with this id."}}
    with pytest.raises(NotInView) as missing:
        read(Ports(GraphQLResult(refused)), {})
    assert missing.value.message == "No organisation with this id."
    with pytest.raises(NotInView) as nothing:
        read(Ports(GraphQLResult(None)), {})
    assert nothing.value.message == NOT_IN_VIEW
