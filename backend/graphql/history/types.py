"""What comparing a register at two moments answers: per item, added, changed field by field, or removed."""

from __future__ import annotations

import base64
import json
from datetime import datetime
from enum import Enum
from typing import Annotated

import strawberry

from backend.graphql.core.errors import NotFoundError, ValidationError
from backend.graphql.core.pagination import PageInfo
from backend.history import compare
from domain.shared.errors import ValidationFailed


@strawberry.enum(description="How an item of a register differs between the two moments.")
class ItemChangeKind(Enum):
    ADDED = "ADDED"
    CHANGED = "CHANGED"
    REMOVED = "REMOVED"


@strawberry.type(description="One field of an item, before and after (as text; null when it had no value).")
class FieldChange:
    name: str
    before: str | None
    after: str | None


@strawberry.type(description="An item of the register that differs between the two moments.")
class RegisterItemChange:
    table: str = strawberry.field(description="The register's part the item is in (`assets`, `risk_assets`).")
    key: str = strawberry.field(description="The item's key in that part: its ids, joined by `/`.")
    label: str | None = strawberry.field(description="What names the item to a person (its name or title).")
    kind: ItemChangeKind
    fields: list[FieldChange] = strawberry.field(
        description="The fields that differ; an added item's as added, a removed one's as it was."
    )

    @classmethod
    def of(cls, change: compare.ItemChange) -> RegisterItemChange:
        return cls(
            table=change.table,
            key=change.key,
            label=change.label,
            kind=ItemChangeKind(change.kind.value),
            fields=[FieldChange(name=f.name, before=f.before, after=f.after) for f in change.fields],
        )


@strawberry.type
class RegisterItemChangeEdge:
    cursor: str
    node: RegisterItemChange


@strawberry.type(description="What changed in an organisation's register between two recorded moments.")
class RegisterChanges:
    register: str
    from_: datetime = strawberry.field(name="from")
    to: datetime
    total_count: int
    added: int
    changed: int
    removed: int
    edges: list[RegisterItemChangeEdge]
    page_info: PageInfo


RegisterChangesResult = Annotated[
    RegisterChanges | NotFoundError | ValidationError, strawberry.union("RegisterChangesResult")
]


def encode_cursor(change: compare.ItemChange) -> str:
    return base64.urlsafe_b64encode(json.dumps([change.table, change.key]).encode()).decode()


def decode_cursor(cursor: str | None) -> tuple[str, str] | None:
    if cursor is None:
        return None
    try:
        table, key = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        return str(table), str(key)
    except (ValueError, TypeError, RecursionError):
        raise ValidationFailed("after", "This is not a cursor given by this API.") from None
