"""Each session's history: planned, moved, held, held undone, cancelled, restored, with who, when and why.

A projection of its own, so that on an existing store it replays the whole history from the first event. It reads
only its own rows: the session's member comes from the row its planning wrote.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from sqlalchemy import insert, select

from domain.clusters.cluster import Cluster
from projections.core.projection import Projection
from projections.core.statements import keyed
from projections.core.tables import ReadTables
from projections.core.writer import GroupedWriter


class SessionHistoryProjection(Projection):
    name = "session_history"
    handles = {
        (Cluster, "PlanAccepted"): "plan_accepted",
        (Cluster, "SessionMoved"): "session_moved",
        (Cluster, "SessionHeld"): "session_held",
        (Cluster, "SessionHeldUndone"): "session_held_undone",
        (Cluster, "SessionCancelled"): "session_cancelled",
        (Cluster, "SessionRestored"): "session_restored",
    }

    def __init__(self, tables: ReadTables) -> None:
        super().__init__(tables)
        history = tables.session_history
        self._insert = insert(history)
        planned = history.c.action == "planned"
        self._planned = select(history.c.organisation_id, history.c.on).where(*keyed(history, "tck"), planned)

    def plan_accepted(self, writer: GroupedWriter, event: Any) -> None:
        for record in event.sessions:
            organisation = UUID(record["organisation_id"]) if record["organisation_id"] else None
            on = date.fromisoformat(record["on"])
            self._write(writer, event, record["key"], organisation, "planned", on, None)

    def session_moved(self, writer: GroupedWriter, event: Any) -> None:
        self._record(writer, event, "moved", event.on, event.reason)

    def session_held(self, writer: GroupedWriter, event: Any) -> None:
        self._record(writer, event, "held", event.held_on, None)

    def session_held_undone(self, writer: GroupedWriter, event: Any) -> None:
        self._record(writer, event, "held_undone", event.held_on, event.reason)

    def session_cancelled(self, writer: GroupedWriter, event: Any) -> None:
        self._record(writer, event, "cancelled", None, event.reason)

    def session_restored(self, writer: GroupedWriter, event: Any) -> None:
        self._record(writer, event, "restored", None, event.reason)

    def _record(self, writer: GroupedWriter, event: Any, action: str, on: date | None, reason: str | None) -> None:
        key = {"t": event.tenant_id, "c": event.originator_id, "k": event.session_key}
        planned = writer.read(self._planned, key).one()
        self._write(writer, event, event.session_key, planned.organisation_id, action, on, reason)

    def _write(
        self,
        writer: GroupedWriter,
        event: Any,
        session_key: str,
        organisation_id: UUID | None,
        action: str,
        on: date | None,
        reason: str | None,
    ) -> None:
        writer.write(
            self._insert,
            {
                "tenant_id": event.tenant_id,
                "cluster_id": event.originator_id,
                "session_key": session_key,
                "version": event.originator_version,
                "organisation_id": organisation_id,
                "action": action,
                "on": on,
                "reason": reason,
                "acted_by": event.actor_id,
                "acted_at": event.timestamp,
            },
        )
