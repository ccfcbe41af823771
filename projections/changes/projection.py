"""The change log as rows: a filing adds the change's row in the paper's columns; each later step updates it and
goes to the change's history. The board and the catalogue of standard changes are rows of their own."""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, delete, insert, select, update

from domain.changes.change import Change
from domain.changes.log_book import ChangeLogBook
from domain.changes.rules import status_of
from projections.core.projection import Projection
from projections.core.tables import ReadTables
from projections.core.writer import GroupedWriter

STATE = ("organisation_id", "approved_on", "scheduled_for", "succeeded", "consent_count")


class ChangeProjection(Projection):
    name = "changes"
    handles = {
        (Change, "Filed"): "filed",
        (Change, "Approved"): "approved",
        (Change, "Consented"): "consented",
        (Change, "Scheduled"): "scheduled",
        (Change, "Executed"): "executed",
        (ChangeLogBook, "BoardNamed"): "board_named",
        (ChangeLogBook, "StandardChangeDefined"): "standard_change_defined",
    }

    def __init__(self, tables: ReadTables) -> None:
        super().__init__(tables)
        changes = tables.changes
        self._insert = insert(changes)
        self._state = select(*(changes.c[name] for name in STATE)).where(
            changes.c.tenant_id == bindparam("t"), changes.c.change_id == bindparam("k")
        )
        self._approve = _update(changes, "approver_id", "approved_on", "status")
        self._consent_count = _update(changes, "consent_count")
        self._schedule = _update(changes, "scheduled_for", "fallback", "status")
        self._execute = _update(changes, "executed_on", "succeeded", "execution_notes", "status")
        self._history = insert(tables.change_history)
        self._consent = insert(tables.change_consents)
        board = tables.change_board_members
        self._clear_board = delete(board).where(
            board.c.tenant_id == bindparam("t"), board.c.organisation_id == bindparam("o")
        )
        self._board_member = insert(board)
        self._standard = insert(tables.standard_changes)

    def filed(self, writer: GroupedWriter, event: Any) -> None:
        standard = event.category == "standard"
        row = {
            "tenant_id": event.tenant_id,
            "change_id": event.originator_id,
            "organisation_id": event.organisation_id,
            "number": event.number,
            "owner_id": event.owner_id,
            "initiator": event.initiator,
            "cause": event.cause,
            "ticket": event.ticket,
            "hostname": event.hostname,
            "description": event.description,
            "configuration": event.configuration,
            "category": event.category,
            "risk": event.risk,
            "standard_change_id": event.standard_change_id,
            "standard_change_title": event.standard_change_title,
            "approver_id": None,
            "approved_on": event.filed_on if standard else None,
            "scheduled_for": None,
            "fallback": None,
            "executed_on": None,
            "succeeded": None,
            "execution_notes": None,
            "status": status_of(standard, False, None).value,
            "consent_count": 0,
            "filed_by": event.actor_id,
            "filed_on": event.filed_on,
        }
        writer.write(self._insert, row)
        details = f"No. {event.number}, {event.category}, risk {event.risk}, on {event.hostname}"
        self._record(writer, event, "filed", details, event.organisation_id)

    def approved(self, writer: GroupedWriter, event: Any) -> None:
        state = self._state_of(writer, event)
        status = status_of(True, state["scheduled_for"] is not None, None)
        values = {"approver_id": event.actor_id, "approved_on": event.approved_on, "status": status.value}
        writer.write(self._approve, _key(event) | _bound(values))
        self._record(writer, event, "approved", f"on {event.approved_on.isoformat()}", state["organisation_id"])

    def consented(self, writer: GroupedWriter, event: Any) -> None:
        state = self._state_of(writer, event)
        row = {
            "tenant_id": event.tenant_id,
            "change_id": event.originator_id,
            "member_id": event.actor_id,
            "organisation_id": state["organisation_id"],
            "consented_on": event.consented_on,
        }
        writer.write(self._consent, row)
        writer.write(self._consent_count, _key(event) | _bound({"consent_count": state["consent_count"] + 1}))
        self._record(writer, event, "consented", "for the Change Advisory Board", state["organisation_id"])

    def scheduled(self, writer: GroupedWriter, event: Any) -> None:
        state = self._state_of(writer, event)
        status = status_of(state["approved_on"] is not None, True, None)
        values = {"scheduled_for": event.scheduled_for, "fallback": event.fallback, "status": status.value}
        writer.write(self._schedule, _key(event) | _bound(values))
        self._record(writer, event, "scheduled", f"for {event.scheduled_for.isoformat()}", state["organisation_id"])

    def executed(self, writer: GroupedWriter, event: Any) -> None:
        state = self._state_of(writer, event)
        status = status_of(True, True, event.succeeded)
        values = {
            "executed_on": event.executed_on,
            "succeeded": event.succeeded,
            "execution_notes": event.notes,
            "status": status.value,
        }
        writer.write(self._execute, _key(event) | _bound(values))
        details = f"on {event.executed_on.isoformat()}: {status.value}"
        self._record(writer, event, "executed", details, state["organisation_id"])

    def board_named(self, writer: GroupedWriter, event: Any) -> None:
        writer.write(self._clear_board, {"t": event.tenant_id, "o": event.organisation_id})
        for member_id in event.member_ids:
            row = {"tenant_id": event.tenant_id, "organisation_id": event.organisation_id, "member_id": member_id}
            writer.write(self._board_member, row)

    def standard_change_defined(self, writer: GroupedWriter, event: Any) -> None:
        row = {
            "tenant_id": event.tenant_id,
            "organisation_id": event.organisation_id,
            "standard_change_id": event.standard_change_id,
            "title": event.title,
            "procedure": event.procedure,
            "defined_at": event.timestamp,
        }
        writer.write(self._standard, row)

    def _state_of(self, writer: GroupedWriter, event: Any) -> dict[str, Any]:
        return dict(writer.read(self._state, {"t": event.tenant_id, "k": event.originator_id}).mappings().one())

    def _record(self, writer: GroupedWriter, event: Any, action: str, details: str, organisation_id: Any) -> None:
        row = {
            "tenant_id": event.tenant_id,
            "change_id": event.originator_id,
            "version": event.originator_version,
            "organisation_id": organisation_id,
            "action": action,
            "details": details,
            "acted_by": event.actor_id,
            "acted_at": event.timestamp,
        }
        writer.write(self._history, row)


def _update(table: Any, *columns: str) -> Any:
    return (
        update(table)
        .where(table.c.tenant_id == bindparam("t"), table.c.change_id == bindparam("k"))
        .values({column: bindparam(f"b_{column}") for column in columns})
    )


def _key(event: Any) -> dict[str, Any]:
    return {"t": event.tenant_id, "k": event.originator_id}


def _bound(values: dict[str, Any]) -> dict[str, Any]:
    return {f"b_{column}": value for column, value in values.items()}
