"""The library's command handlers: load, call one aggregate method, save."""

from __future__ import annotations

import dataclasses
import uuid
from uuid import UUID

from domain.library.commands import AddLibraryItem, RetireLibraryItem, ReviseLibraryItem
from domain.library.content import Content, ItemFields
from domain.library.item import LibraryItem
from domain.shared.ports import Handler, LibraryCopy, Store
from domain.shared.service import Saved


def add_library_item(app: Store, cmd: AddLibraryItem) -> Saved:
    content = Content.checked(cmd.kind, cmd.title, _given(cmd.fields))
    return app.save_changes(LibraryItem.add(cmd.tenant_id, cmd.actor_id, uuid.uuid4(), cmd.kind, content))


def revise_library_item(app: Store, cmd: ReviseLibraryItem) -> Saved:
    item = app.get(LibraryItem, cmd.tenant_id, cmd.library_item_id, "library_item_id")
    item.revise(cmd.actor_id, Content.checked(item.kind, cmd.title, _given(cmd.fields)))
    return app.save_changes(item)


def retire_library_item(app: Store, cmd: RetireLibraryItem) -> Saved:
    item = app.get(LibraryItem, cmd.tenant_id, cmd.library_item_id, "library_item_id")
    item.retire(cmd.actor_id, cmd.reason)
    return app.save_changes(item)


def library_copy(app: Store, tenant_id: UUID, item_id: UUID, field: str) -> LibraryCopy:
    """What a register copies of an item: its kind, version and content (NotFound for another tenant's)."""
    item = app.get(LibraryItem, tenant_id, item_id, field)
    return LibraryCopy(
        item.id, item.kind, item.item_version, item.content.title, dict(item.content.fields), item.retired
    )


def _given(fields: ItemFields) -> dict[str, object]:
    return {field.name: getattr(fields, field.name) for field in dataclasses.fields(fields)}


HANDLERS: dict[type, Handler] = {
    AddLibraryItem: add_library_item,
    ReviseLibraryItem: revise_library_item,
    RetireLibraryItem: retire_library_item,
}
