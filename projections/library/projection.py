"""One row per library item as it now is, and one history row per event: added, each revision, retired."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import bindparam, insert, select, update

from domain.library.item import LibraryItem
from projections.core.projection import Projection
from projections.core.tables import ReadTables
from projections.core.writer import GroupedWriter


class LibraryProjection(Projection):
    name = "library"
    handles = {
        (LibraryItem, "Added"): "added",
        (LibraryItem, "Revised"): "revised",
        (LibraryItem, "Retired"): "retired",
    }

    def __init__(self, tables: ReadTables) -> None:
        super().__init__(tables)
        items = tables.library_items
        the_item = (items.c.tenant_id == bindparam("t"), items.c.item_id == bindparam("i"))
        self._insert = insert(items)
        self._revise = (
            update(items)
            .where(*the_item)
            .values(title=bindparam("title"), sort_title=bindparam("sort_title"), version=bindparam("v"))
            .values(fields=bindparam("fields"), search_text=bindparam("search_text"), changed_at=bindparam("at"))
        )
        self._retire = update(items).where(*the_item).values(retired=1, retired_reason=bindparam("reason"))
        self._retire_at = update(items).where(*the_item).values(changed_at=bindparam("at"))
        self._current = select(items.c.version, items.c.title, items.c.fields).where(*the_item)
        self._history = insert(tables.library_item_history)

    def added(self, writer: GroupedWriter, event: Any) -> None:
        row = {"tenant_id": event.tenant_id, "item_id": event.originator_id, "kind": event.kind, "version": 1}
        row |= _content(event.title, event.fields) | {"retired": 0, "retired_reason": None}
        added = {"added_by": event.actor_id, "added_at": event.timestamp, "changed_at": event.timestamp}
        writer.write(self._insert, row | added)
        self._record(writer, event, "added", 1, event.title, row["fields"], None)

    def revised(self, writer: GroupedWriter, event: Any) -> None:
        content = _content(event.title, event.fields)
        values = {"t": event.tenant_id, "i": event.originator_id, "v": event.version, "at": event.timestamp}
        writer.write(self._revise, values | content)
        self._record(writer, event, "revised", event.version, event.title, content["fields"], None)

    def retired(self, writer: GroupedWriter, event: Any) -> None:
        key = {"t": event.tenant_id, "i": event.originator_id}
        current = writer.read(self._current, key).one()
        writer.write(self._retire, key | {"reason": event.reason})
        writer.write(self._retire_at, key | {"at": event.timestamp})
        self._record(writer, event, "retired", current.version, current.title, current.fields, event.reason)

    def _record(
        self, writer: GroupedWriter, event: Any, action: str, version: int, title: str, fields: str, reason: str | None
    ) -> None:
        row = {"tenant_id": event.tenant_id, "item_id": event.originator_id, "event_version": event.originator_version}
        row |= {"action": action, "item_version": version, "title": title, "fields": fields, "reason": reason}
        writer.write(self._history, row | {"acted_by": event.actor_id, "acted_at": event.timestamp})


def _content(title: str, fields: dict[str, Any]) -> dict[str, Any]:
    words = [title, *(str(value) for name, value in fields.items() if name != "text" and value is not None)]
    return {
        "title": title,
        "sort_title": title.casefold(),
        "fields": json.dumps(fields, sort_keys=True, ensure_ascii=False),
        "search_text": " ".join(words).casefold(),
    }
