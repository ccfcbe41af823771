"""Comparing a register at two moments: each item added, changed (field by field) or removed, through the same
visibility filter; a bad register or moment is refused on its field."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.conftest import ALPINE_ADMIN
from tests.api.page_support import MEMBER, ClientFor

COMPARE = """query($org: ID!, $register: String!, $from: DateTime!, $to: DateTime!, $first: Int = 50, $after: String) {
  registerChanges(organisationId: $org, register: $register, from: $from, to: $to, first: $first, after: $after) {
    __typename ... on UserError { code field message }
    ... on RegisterChanges { totalCount added changed removed pageInfo { hasNextPage endCursor }
      edges { node { table key label kind fields { name before after } } } } } }"""


def compare(client: Any, story: dict[str, Any], **given: Any) -> dict[str, Any]:
    variables = {
        "org": story["muller"],
        "register": "assets",
        "from": story["before"].isoformat(),
        "to": story["after"].isoformat(),
    }
    found: dict[str, Any] = client.data(COMPARE, variables | given)["registerChanges"]
    return found


def test_comparing_two_moments_shows_what_was_added_and_what_changed_field_by_field(
    client_for: ClientFor, story: dict[str, Any]
) -> None:
    changes = compare(client_for(MEMBER), story)
    assert changes["__typename"] == "RegisterChanges"
    items = {(e["node"]["table"], e["node"]["label"]): e["node"] for e in changes["edges"]}
    added = items[("assets", "Loyalty app")]
    assert added["kind"] == "ADDED" and {"name": "kind", "before": None, "after": "saas"} in added["fields"]
    changed = items[("assets", "Cellar sensor hub")]
    assert changed["kind"] == "CHANGED" and changed["key"] == story["server"]
    assert {"name": "owner", "before": "IT lead", "after": "Marc Muller"} in changed["fields"]
    assert changes["added"] >= 1 and changes["changed"] >= 1 and changes["removed"] == 0
    backwards = compare(client_for(ALPINE_ADMIN), story, **{"from": story["before"].isoformat()})
    assert backwards["totalCount"] == changes["totalCount"]


def test_the_changes_come_in_pages(client_for: ClientFor, story: dict[str, Any]) -> None:
    member = client_for(MEMBER)
    whole = compare(member, story)
    first = compare(member, story, first=1)
    assert len(first["edges"]) == 1 and first["pageInfo"]["hasNextPage"] == (whole["totalCount"] > 1)
    rest = compare(member, story, after=first["pageInfo"]["endCursor"])
    assert [e["node"] for e in first["edges"] + rest["edges"]] == [e["node"] for e in whole["edges"]]


@pytest.mark.parametrize(
    ("given", "field"),
    [
        ({"register": "gossip"}, "register"),
        ({"from": "2999-01-01T00:00:00Z"}, "from"),
        ({"to": "2999-01-01T00:00:00Z"}, "to"),
        ({"first": 0}, "first"),
        ({"after": "not-a-cursor"}, "after"),
        ({"org": "not-an-id"}, "organisationId"),
    ],
)
def test_a_bad_comparison_is_refused_on_its_field(
    client_for: ClientFor, story: dict[str, Any], given: dict[str, Any], field: str
) -> None:
    refused = compare(client_for(MEMBER), story, **given)
    assert refused["__typename"] == "ValidationError" and refused["field"] == field


def test_from_after_to_is_refused(client_for: ClientFor, story: dict[str, Any]) -> None:
    swapped = {"from": story["after"].isoformat(), "to": story["before"].isoformat()}
    refused = compare(client_for(MEMBER), story, **swapped)
    assert refused["__typename"] == "ValidationError" and refused["field"] == "from"


def test_an_outsider_compares_nothing(client_for: ClientFor, story: dict[str, Any], outsiders: tuple[str, ...]) -> None:
    for outsider in outsiders:
        refused = compare(client_for(outsider), story)
        assert refused["__typename"] == "NotFoundError", outsider
