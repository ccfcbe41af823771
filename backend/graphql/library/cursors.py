"""A library item's place in a page, as an opaque cursor: its sort value and id, in the order asked for."""

from __future__ import annotations

import base64
import binascii
import json
from datetime import datetime
from uuid import UUID

from domain.shared.errors import ValidationFailed
from projections.library.queries import BY_TITLE, LibraryKey

_KIND = "library"


def item_cursor(key: LibraryKey, order: str) -> str:
    return base64.urlsafe_b64encode(json.dumps([_KIND, order, key.sort_value, str(key.item_id)]).encode()).decode()


def item_after(cursor: str | None, order: str) -> LibraryKey | None:
    """The key a cursor stands for; one this API did not give for this order is refused, naming `after`."""
    if cursor is None:
        return None
    try:
        kind, given_order, value, item_id = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        key = LibraryKey(str(value), UUID(str(item_id)))
        if given_order != BY_TITLE:
            datetime.fromisoformat(key.sort_value)  # a changed-at cursor carries a moment
    except (ValueError, TypeError, binascii.Error):
        kind, given_order, key = None, None, None
    if kind != _KIND or given_order != order or key is None:
        raise ValidationFailed("after", "This is not a cursor given by this API for this order.")
    return key
