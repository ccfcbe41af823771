"""The plan as it stands: sessions (moved, held, cancelled), attendance, and unavailability periods."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from sqlalchemy import bindparam, delete, insert, update

from domain.clusters.cluster import Cluster
from domain.clusters.rules import session_title
from domain.engagement.engagement import Engagement
from projections.core.projection import Projection
from projections.core.statements import keyed, keyed_select, keyed_update
from projections.core.tables import ReadTables
from projections.core.writer import GroupedWriter

__all__ = ["PlanningProjection", "session_title"]
"""`session_title` is the domain's; it stays importable here until the API imports it from the domain."""


class PlanningProjection(Projection):
    name = "planning"
    handles = {
        (Cluster, "PlanAccepted"): "plan_accepted",
        (Cluster, "SessionMoved"): "session_moved",
        (Cluster, "SessionHeld"): "session_held",
        (Cluster, "SessionCancelled"): "session_cancelled",
        (Cluster, "SessionHeldUndone"): "session_held_undone",
        (Cluster, "SessionRestored"): "session_restored",
        (Cluster, "CoachingHalfDayLogged"): "coaching_half_day_logged",
        (Engagement, "CoachingHalfDayLogged"): "coaching_half_day_logged",
        (Engagement, "CoachingEntryCorrected"): "coaching_entry_corrected",
        (Engagement, "CoachingEntryVoided"): "coaching_entry_voided",
        (Cluster, "UnavailabilityDeclared"): "unavailability_declared",
        (Cluster, "UnavailabilityRetracted"): "unavailability_retracted",
    }

    def __init__(self, tables: ReadTables) -> None:
        super().__init__(tables)
        sessions = tables.sessions
        self._insert_session = insert(sessions)
        self._insert_move = insert(tables.session_moves)
        self._insert_attendance = insert(tables.attendance)
        self._insert_unavailability = insert(tables.unavailability)
        moved: dict[str, Any] = {"scheduled_on": bindparam("to_on"), "half_day": bindparam("to_half_day")}
        self._move = keyed_update(sessions, "tck", **moved)
        held: dict[str, Any] = {"status": "held", "held_on": bindparam("on")}
        self._hold = keyed_update(sessions, "tck", **held, held_half_days=bindparam("length"))
        self._cancel = keyed_update(sessions, "tck", status="cancelled", cancellation_reason=bindparam("reason"))
        scheduled = sessions.c.status == "scheduled"
        self._coaching_done = (
            update(sessions).where(*keyed(sessions, "tck"), scheduled).values(**held, held_half_days=1)
        )
        self._scheduled_on = keyed_select(sessions, "tck", "scheduled_on")
        self._prepare_corrections(tables)

    def _prepare_corrections(self, tables: ReadTables) -> None:
        sessions, attendance, periods = tables.sessions, tables.attendance, tables.unavailability
        planned: dict[str, Any] = {"status": "scheduled", "held_on": None, "held_half_days": None}
        self._plan_again = keyed_update(sessions, "tck", **planned, cancellation_reason=None)
        self._forget_attendance = delete(attendance).where(*keyed(attendance, "tck"))
        self._retract = delete(periods).where(*keyed(periods, "tco"), periods.c.starts_on == bindparam("starts_on"))
        self._insert_retraction = insert(tables.unavailability_retractions)
        coached = sessions.c.status == "held"
        self._coaching_redated = (
            update(sessions).where(*keyed(sessions, "tck"), coached).values(held_on=bindparam("on"))
        )
        self._coaching_undone = update(sessions).where(*keyed(sessions, "tck"), coached).values(**planned)

    def plan_accepted(self, writer: GroupedWriter, event: Any) -> None:
        modules = event.template["modules"]
        for record in event.sessions:
            writer.write(
                self._insert_session,
                {
                    "tenant_id": event.tenant_id,
                    "cluster_id": event.originator_id,
                    "session_key": record["key"],
                    "kind": record["kind"],
                    "title": session_title(record["kind"], record["module_number"], modules),
                    "module_number": record["module_number"],
                    "organisation_id": _uuid(record["organisation_id"]),
                    "scheduled_on": _date(record["on"]),
                    "half_day": record["half_day"],
                    "half_days": record["half_days"],
                    "status": "scheduled",
                },
            )

    def session_moved(self, writer: GroupedWriter, event: Any) -> None:
        key = {"t": event.tenant_id, "c": event.originator_id, "k": event.session_key}
        previous = writer.read(self._scheduled_on, key).scalar_one()
        writer.write(
            self._insert_move,
            {
                "tenant_id": event.tenant_id,
                "cluster_id": event.originator_id,
                "session_key": event.session_key,
                "moved_at": event.timestamp,
                "from_on": previous,
                "to_on": event.on,
                "reason": event.reason,
                "moved_by": event.actor_id,
            },
        )
        writer.write(self._move, {**key, "to_on": event.on, "to_half_day": event.half_day})

    def session_held(self, writer: GroupedWriter, event: Any) -> None:
        key = {"t": event.tenant_id, "c": event.originator_id, "k": event.session_key}
        writer.write(self._hold, {**key, "on": event.held_on, "length": event.half_days})
        for organisation_id, attendees in event.attendance.items():
            writer.write(
                self._insert_attendance,
                {
                    "tenant_id": event.tenant_id,
                    "cluster_id": event.originator_id,
                    "session_key": event.session_key,
                    "organisation_id": _uuid(organisation_id),
                    "attendees": attendees,
                    "attendee_count": len(attendees),
                },
            )

    def session_cancelled(self, writer: GroupedWriter, event: Any) -> None:
        key = {"t": event.tenant_id, "c": event.originator_id, "k": event.session_key}
        writer.write(self._cancel, {**key, "reason": event.reason})

    def session_held_undone(self, writer: GroupedWriter, event: Any) -> None:
        """The session is planned again at its date, and who came is no longer recorded (the event keeps it)."""
        key = {"t": event.tenant_id, "c": event.originator_id, "k": event.session_key}
        writer.write(self._plan_again, key)
        writer.write(self._forget_attendance, key)

    def session_restored(self, writer: GroupedWriter, event: Any) -> None:
        writer.write(self._plan_again, {"t": event.tenant_id, "c": event.originator_id, "k": event.session_key})

    def coaching_half_day_logged(self, writer: GroupedWriter, event: Any) -> None:
        """A logged half-day that follows up a module fulfils the planned coaching slot, as in the aggregate."""
        if event.module_number is None:
            return
        key = f"coaching:{event.module_number}:{event.organisation_id}"
        writer.write(
            self._coaching_done, {"t": event.tenant_id, "c": _cluster_of(event), "k": key, "on": event.held_on}
        )

    def coaching_entry_corrected(self, writer: GroupedWriter, event: Any) -> None:
        """A corrected date of the entry that holds a coaching slot is the slot's date of holding too."""
        if event.module_number is not None:
            slot = _slot(event, event.module_number)
            writer.write(self._coaching_redated, {**slot, "on": event.held_on})

    def coaching_entry_voided(self, writer: GroupedWriter, event: Any) -> None:
        """A slot no entry holds any more, once the one that did is void, is planned again."""
        if event.released_module is not None:
            writer.write(self._coaching_undone, _slot(event, event.released_module))

    def unavailability_declared(self, writer: GroupedWriter, event: Any) -> None:
        writer.write(
            self._insert_unavailability,
            {
                "tenant_id": event.tenant_id,
                "cluster_id": event.originator_id,
                "organisation_id": event.organisation_id,
                "starts_on": event.starts_on,
                "ends_on": event.ends_on,
                "reason": event.reason,
            },
        )

    def unavailability_retracted(self, writer: GroupedWriter, event: Any) -> None:
        """The period leaves the plan's unavailability (clashes, bands, the planner) and joins the retractions."""
        member = {"t": event.tenant_id, "c": event.originator_id, "o": event.organisation_id}
        writer.write(self._retract, {**member, "starts_on": event.starts_on})
        writer.write(
            self._insert_retraction,
            {
                "tenant_id": event.tenant_id,
                "cluster_id": event.originator_id,
                "version": event.originator_version,
                "organisation_id": event.organisation_id,
                "starts_on": event.starts_on,
                "ends_on": event.ends_on,
                "reason": event.reason,
                "retracted_by": event.actor_id,
                "retracted_at": event.timestamp,
            },
        )


def _slot(event: Any, module_number: int) -> dict[str, Any]:
    """The keys of a member's coaching slot after a module."""
    key = f"coaching:{module_number}:{event.organisation_id}"
    return {"t": event.tenant_id, "c": event.cluster_id, "k": key}


def _uuid(value: str | None) -> UUID | None:
    return UUID(value) if value else None


def _date(value: str) -> date:
    return date.fromisoformat(value)


def _cluster_of(event: Any) -> Any:
    """The cluster of an engagement's event, or of a `Cluster` event written before the split."""
    return getattr(event, "cluster_id", event.originator_id)
