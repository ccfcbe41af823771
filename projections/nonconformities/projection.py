"""The nonconformity register as read rows: one per nonconformity, one per corrective action, and their history."""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, func, insert, select, update

from domain.nonconformities.nonconformity import Nonconformity
from projections.core.projection import Projection
from projections.core.tables import ReadTables
from projections.core.writer import GroupedWriter


class NonconformityProjection(Projection):
    name = "nonconformities"
    handles = {
        (Nonconformity, "Raised"): "raised",
        (Nonconformity, "Analysed"): "analysed",
        (Nonconformity, "ActionPlanned"): "action_planned",
        (Nonconformity, "ActionCompleted"): "action_completed",
        (Nonconformity, "EffectivenessVerified"): "effectiveness_verified",
        (Nonconformity, "Closed"): "closed",
    }

    def __init__(self, tables: ReadTables) -> None:
        super().__init__(tables)
        ncs, actions = tables.nonconformities, tables.corrective_actions
        the_nc = (ncs.c.tenant_id == bindparam("t"), ncs.c.nonconformity_id == bindparam("n"))
        the_action = (actions.c.tenant_id == bindparam("t"), actions.c.action_id == bindparam("a"))
        self._insert = insert(ncs)
        self._analyse = (
            update(ncs)
            .where(*the_nc)
            .values(status="analysed", root_cause=bindparam("root_cause"), correction=bindparam("correction"))
        )
        self._due = update(ncs).where(*the_nc).values(actions=bindparam("count"), earliest_due_on=bindparam("due"))
        self._close = update(ncs).where(*the_nc).values(status="closed", closed_at=bindparam("at"))
        self._organisation = select(ncs.c.organisation_id, ncs.c.actions).where(*the_nc)
        self._action = insert(actions)
        self._complete = (
            update(actions).where(*the_action).values(completed_on=bindparam("on"), completion_note=bindparam("note"))
        )
        self._verify = (
            update(actions)
            .where(*the_action)
            .values(verified_by=bindparam("by"), effective=bindparam("effective"), verification_evidence=bindparam("e"))
        )
        self._earliest = select(func.min(actions.c.due_on)).where(
            actions.c.tenant_id == bindparam("t"),
            actions.c.nonconformity_id == bindparam("n"),
            actions.c.completed_on.is_(None),
        )
        self._history = insert(tables.nonconformity_history)

    def raised(self, writer: GroupedWriter, event: Any) -> None:
        row = {
            "tenant_id": event.tenant_id,
            "nonconformity_id": event.originator_id,
            "organisation_id": event.organisation_id,
            "title": event.title,
            "sort_title": event.title.casefold(),
            "description": event.description,
            "severity": event.severity,
            "source_kind": event.source_kind,
            "source_reference": event.source_reference,
            "status": "open",
            "root_cause": None,
            "correction": None,
            "actions": 0,
            "earliest_due_on": None,
            "raised_by": event.actor_id,
            "raised_at": event.timestamp,
            "closed_at": None,
        }
        writer.write(self._insert, row)
        self._record(writer, event, event.organisation_id, "raised", f"{event.severity}, from {event.source_kind}")

    def analysed(self, writer: GroupedWriter, event: Any) -> None:
        values = {"root_cause": event.root_cause, "correction": event.correction}
        writer.write(self._analyse, {"t": event.tenant_id, "n": event.originator_id, **values})
        self._record(writer, event, None, "analysed", event.root_cause)

    def action_planned(self, writer: GroupedWriter, event: Any) -> None:
        key = {"t": event.tenant_id, "n": event.originator_id}
        found = writer.read(self._organisation, key).one()
        row = {
            "tenant_id": event.tenant_id,
            "action_id": event.action_id,
            "nonconformity_id": event.originator_id,
            "organisation_id": found.organisation_id,
            "position": found.actions + 1,
            "description": event.description,
            "owner_id": event.owner_id,
            "due_on": event.due_on,
            "completed_on": None,
            "completion_note": None,
            "verified_by": None,
            "effective": None,
            "verification_evidence": None,
        }
        writer.write(self._action, row)
        self._refresh_due(writer, event, found.actions + 1)
        details = f"{event.description} (due {event.due_on.isoformat()})"
        self._record(writer, event, found.organisation_id, "action_planned", details)

    def action_completed(self, writer: GroupedWriter, event: Any) -> None:
        values = {"on": event.completed_on, "note": event.note}
        writer.write(self._complete, {"t": event.tenant_id, "a": event.action_id, **values})
        self._refresh_due(writer, event, None)
        self._record(writer, event, None, "action_completed", f"on {event.completed_on.isoformat()}")

    def effectiveness_verified(self, writer: GroupedWriter, event: Any) -> None:
        values = {"by": event.actor_id, "effective": 1 if event.effective else 0, "e": event.evidence}
        writer.write(self._verify, {"t": event.tenant_id, "a": event.action_id, **values})
        verdict = "effective" if event.effective else "not effective"
        self._record(writer, event, None, "effectiveness_verified", f"{verdict}: {event.evidence}")

    def closed(self, writer: GroupedWriter, event: Any) -> None:
        writer.write(self._close, {"t": event.tenant_id, "n": event.originator_id, "at": event.timestamp})
        self._record(writer, event, None, "closed", event.note)

    def _refresh_due(self, writer: GroupedWriter, event: Any, count: int | None) -> None:
        key = {"t": event.tenant_id, "n": event.originator_id}
        earliest = writer.read(self._earliest, key).scalar()
        if count is None:
            count = writer.read(self._organisation, key).one().actions
        writer.write(self._due, {**key, "count": count, "due": earliest})

    def _record(self, writer: GroupedWriter, event: Any, organisation_id: Any, action: str, details: str) -> None:
        if organisation_id is None:
            key = {"t": event.tenant_id, "n": event.originator_id}
            organisation_id = writer.read(self._organisation, key).one().organisation_id
        row = {
            "tenant_id": event.tenant_id,
            "nonconformity_id": event.originator_id,
            "version": event.originator_version,
            "organisation_id": organisation_id,
            "action": action,
            "details": details,
            "acted_by": event.actor_id,
            "acted_at": event.timestamp,
        }
        writer.write(self._history, row)
