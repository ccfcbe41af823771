"""A trail event's place in a page, as an opaque cursor: its position in the log."""

from __future__ import annotations

import base64
import binascii
import json

from backend.graphql.core.pagination import cursor_number
from domain.shared.errors import ValidationFailed

_KIND = "trail"


def trail_cursor(position: int) -> str:
    return base64.urlsafe_b64encode(json.dumps([_KIND, position]).encode()).decode()


def trail_after(cursor: str | None) -> int | None:
    """The position a cursor stands for; one this API did not give is refused, naming `after`."""
    if cursor is None:
        return None
    try:
        kind, position = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        if kind == _KIND and not isinstance(position, bool):
            return cursor_number(position)
    except (ValueError, TypeError, binascii.Error):
        pass
    raise ValidationFailed("after", "This is not a cursor given by this API for the audit trail.")
