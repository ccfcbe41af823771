"""Input a second reader tried on the label tracks: each refused by its field, never an unexpected error."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable

import pytest

from tests.api.labels.test_label_tracks import REGISTRAR
from tests.support.graphql_client import GraphQLClient

PAGE = """query($after: String) { t: labelTracks(first: 5, after: $after) { __typename
    ... on UserError { code field } } }"""


def cursor(value: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode()


MADE_UP_CURSORS = [cursor([1, 2]), cursor(["Tom Keller", 7]), cursor([None, None]), cursor([["a"], "b"])]


@pytest.mark.parametrize("after", MADE_UP_CURSORS, ids=[f"cursor-{n}" for n in range(len(MADE_UP_CURSORS))])
def test_a_made_up_cursor_is_refused_on_after(client_for: Callable[[str], GraphQLClient], after: str) -> None:
    body = client_for(REGISTRAR).execute(PAGE, {"after": after})
    assert not body.get("errors"), body
    assert body["data"]["t"] == {"__typename": "ValidationError", "code": "VALIDATION", "field": "after"}
