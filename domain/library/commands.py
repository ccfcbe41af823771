"""Commands on the consultancy's library. Each kind uses its own fields; a field of another kind is refused."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID


@dataclass(frozen=True)
class ItemFields:
    """What an item holds besides its kind and title; which apply depends on the kind (`rules.FIELDS`)."""

    description: str | None = None
    asset_kind: str | None = None
    confidentiality: int | None = None
    integrity: int | None = None
    availability: int | None = None
    threat: str | None = None
    vulnerability: str | None = None
    likelihood: str | None = None
    impact: str | None = None
    document_kind: str | None = None
    text: str | None = None


@dataclass(frozen=True)
class AddLibraryItem:
    tenant_id: UUID
    actor_id: UUID
    kind: str
    title: str
    fields: ItemFields = ItemFields()


@dataclass(frozen=True)
class ReviseLibraryItem:
    """The item as it is to be: its next version."""

    tenant_id: UUID
    actor_id: UUID
    library_item_id: UUID
    title: str
    fields: ItemFields = ItemFields()


@dataclass(frozen=True)
class RetireLibraryItem:
    tenant_id: UUID
    actor_id: UUID
    library_item_id: UUID
    reason: str
