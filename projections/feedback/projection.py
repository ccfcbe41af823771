"""Feedback items: who wrote them is kept for their own organisation only; the signature is the author's choice."""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, insert, select, update

from domain.feedback.feedback_item import FeedbackItem
from projections.core.projection import Projection
from projections.core.tables import ReadTables
from projections.core.writer import GroupedWriter


class FeedbackProjection(Projection):
    name = "feedback"
    handles = {
        (FeedbackItem, "Shared"): "shared",
        (FeedbackItem, "Withdrawn"): "withdrawn",
        (FeedbackItem, "Hidden"): "hidden",
        (FeedbackItem, "Unhidden"): "unhidden",
    }

    def __init__(self, tables: ReadTables) -> None:
        super().__init__(tables)
        items = tables.feedback_items
        the_item = (items.c.tenant_id == bindparam("t"), items.c.item_id == bindparam("i"))
        self._insert = insert(items)
        self._withdraw = update(items).where(*the_item).values(status="withdrawn")
        self._hide = update(items).where(*the_item).values(status="hidden", hidden_reason=bindparam("reason"))
        self._unhide = update(items).where(*the_item).values(status="visible", hidden_reason=None)
        self._insert_history = insert(tables.feedback_history)
        self._item = select(items.c.cluster_id, items.c.organisation_id).where(*the_item)

    def shared(self, writer: GroupedWriter, event: Any) -> None:
        writer.write(
            self._insert,
            {
                "tenant_id": event.tenant_id,
                "item_id": event.originator_id,
                "cluster_id": event.cluster_id,
                "session_key": event.session_key,
                "organisation_id": event.organisation_id,
                "kind": event.kind,
                "text": event.text,
                "signed_by": event.signed_by,
                "status": "visible",
                "shared_at": event.timestamp,
            },
        )

    def withdrawn(self, writer: GroupedWriter, event: Any) -> None:
        writer.write(self._withdraw, {"t": event.tenant_id, "i": event.originator_id})

    def hidden(self, writer: GroupedWriter, event: Any) -> None:
        writer.write(self._hide, {"t": event.tenant_id, "i": event.originator_id, "reason": event.reason})
        self._record(writer, event, "hidden")

    def unhidden(self, writer: GroupedWriter, event: Any) -> None:
        writer.write(self._unhide, {"t": event.tenant_id, "i": event.originator_id})
        self._record(writer, event, "shown_again")

    def _record(self, writer: GroupedWriter, event: Any, action: str) -> None:
        item = writer.read(self._item, {"t": event.tenant_id, "i": event.originator_id}).one()
        writer.write(
            self._insert_history,
            {
                "tenant_id": event.tenant_id,
                "item_id": event.originator_id,
                "version": event.originator_version,
                "cluster_id": item.cluster_id,
                "organisation_id": item.organisation_id,
                "action": action,
                "reason": event.reason,
                "acted_by": event.actor_id,
                "acted_at": event.timestamp,
            },
        )
