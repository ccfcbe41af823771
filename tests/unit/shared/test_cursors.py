"""The keyset cursor every paginated field reads (clusters, the portfolio, missions, reviews, links, tracks, audit
bundles, practices): a cursor this API gave reads back; a made-up one, whatever JSON it holds, is refused on `after`
and never reaches the database."""

from __future__ import annotations

import base64
import uuid

import pytest

from backend.graphql.core.pagination import decode_cursor, encode_cursor
from domain.shared.errors import ValidationFailed

MADE_UP = ('["2026-01-01", 5]', "[1, 1.5]", '[1, "x"]', '["a", null]', '["a", ["b"]]', '[true, "x"]', "[[], {}]")


def test_a_cursor_given_reads_back() -> None:
    identifier = uuid.uuid4()
    assert decode_cursor(encode_cursor("2026-01-01", identifier)) == ("2026-01-01", identifier)
    assert decode_cursor(None) is None


@pytest.mark.parametrize("made_up", MADE_UP, ids=[f"cursor-{n}" for n in range(len(MADE_UP))])
def test_a_made_up_cursor_is_refused_on_after(made_up: str) -> None:
    with pytest.raises(ValidationFailed) as refused:
        decode_cursor(base64.urlsafe_b64encode(made_up.encode()).decode())
    assert refused.value.field == "after"
