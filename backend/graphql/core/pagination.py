"""Keyset cursors: opaque to clients, stable under inserts."""

from __future__ import annotations

import base64
import json
from uuid import UUID

import strawberry

from domain.shared.errors import ValidationFailed

MAX_PAGE_SIZE = 100


def encode_cursor(name: str, identifier: UUID) -> str:
    return base64.urlsafe_b64encode(json.dumps([name, str(identifier)]).encode()).decode()


def decode_cursor(cursor: str | None) -> tuple[str, UUID] | None:
    if cursor is None:
        return None
    try:
        name, identifier = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        if not isinstance(name, str) or not isinstance(identifier, str):
            raise TypeError(cursor)  # a made-up cursor: a number where a name or an id was given, …
        return name, UUID(identifier)
    except (ValueError, TypeError, RecursionError):
        raise ValidationFailed("after", "This is not a cursor given by this API.") from None


def check_page_size(first: int) -> int:
    if not 1 <= first <= MAX_PAGE_SIZE:
        raise ValidationFailed("first", f"Ask for 1 to {MAX_PAGE_SIZE} items at a time.")
    return first


@strawberry.type
class PageInfo:
    has_next_page: bool
    end_cursor: str | None


def cursor_number(value: object) -> int:
    """A number a cursor carries, within what the database compares: a made-up one raises ValueError (the caller
    refuses the cursor, naming `after`), never reaching the database."""
    number = int(str(value))
    if not -(2**31) < number < 2**31:
        raise ValueError(number)
    return number
