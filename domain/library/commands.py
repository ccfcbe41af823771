"""Commands on the consultancy's library. Each kind uses its own fields (`ItemFields`); another kind's is refused."""

from __future__ import annotations

from dataclasses import dataclass, field
from uuid import UUID

from domain.library.content import ItemFields


@dataclass(frozen=True)
class AddLibraryItem:
    tenant_id: UUID
    actor_id: UUID
    kind: str
    title: str
    fields: ItemFields = field(default_factory=ItemFields)


@dataclass(frozen=True)
class ReviseLibraryItem:
    """The item as it is to be: its next version."""

    tenant_id: UUID
    actor_id: UUID
    library_item_id: UUID
    title: str
    fields: ItemFields = field(default_factory=ItemFields)


@dataclass(frozen=True)
class RetireLibraryItem:
    tenant_id: UUID
    actor_id: UUID
    library_item_id: UUID
    reason: str
