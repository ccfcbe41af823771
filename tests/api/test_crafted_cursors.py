"""A cursor made up by hand, with a number the database cannot compare or a moment that is none, is refused
naming `after`, never answered as an internal error."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable

import pytest

from tests.api.test_isolation_same_tenant import Alpine, alpine
from tests.support.graphql_client import GraphQLClient

ClientFor = Callable[[str], GraphQLClient]
__all__ = ["alpine"]  # the fixture
MEMBER = "member@muller.example"


def cursor(*parts: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(parts)).encode()).decode()


@pytest.mark.parametrize(
    ("field", "after"),
    [
        ("risks(organisationId: $org, orderBy: LEVEL, after: $after) { totalCount }",
         cursor("level", 10**30, "x", "00000000-0000-4000-8000-000000000001")),
        ("soaControls(organisationId: $org, orderBy: STATUS, after: $after) { totalCount }",
         cursor("status", 1, 10**30)),
        ("""libraryItems(kind: "threat", orderBy: CHANGED, after: $after) { totalCount }
            organisation(id: $org) { __typename }""",
         cursor("library", "changed", "x", "00000000-0000-4000-8000-000000000001")),
        ("metrics(organisationId: $org, after: $after) { totalCount }",
         base64.urlsafe_b64encode(b"[" * 20_000).decode()),
        ("incidents(organisationId: $org, after: $after) { pageInfo { hasNextPage } }",
         base64.urlsafe_b64encode(b"[" * 20_000).decode()),
        ("auditBundles(organisationId: $org, after: $after) { pageInfo { hasNextPage } }",
         cursor(str(10**30), "00000000-0000-4000-8000-000000000001")),
        ("auditBundles(organisationId: $org, after: $after) { pageInfo { hasNextPage } }", cursor(1, 1.5)),
        ("""clusters(after: $after) { pageInfo { hasNextPage } } organisation(id: $org) { __typename }""",
         cursor("2026-01-01", 5)),
    ],
    ids=["risks by level", "controls by status", "library items by change", "nested too deep", "nested, incidents",
         "bundles by number", "a number for an id", "a number for an id, clusters"],
)  # fmt: skip
def test_a_made_up_cursor_is_refused_naming_after(
    client_for: ClientFor, alpine: Alpine, field: str, after: str
) -> None:
    answer = client_for(MEMBER).execute(f"query($org: ID!, $after: String) {{ {field} }}", {"org": alpine.muller,
                                                                                         "after": after})  # fmt: skip
    [error] = answer["errors"]
    assert (error["extensions"]["code"], error["extensions"]["field"]) == ("VALIDATION", "after"), error


def test_a_made_up_level_in_the_register_s_address_lists_every_level(client_for: ClientFor, alpine: Alpine) -> None:
    member = client_for(MEMBER).http
    for level in ("²", "9" * 5000):
        assert member.get(f"/organisations/{alpine.muller}/risks", params={"level": level}).status_code == 200
    assert member.get("/catalogues/iso27001-2022", params={"version": "²"}).status_code == 200
