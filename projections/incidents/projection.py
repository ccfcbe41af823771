"""The incident register: one row per incident with its due and met times, one row per step of its timeline, its
links, and every version of the service levels."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import bindparam, delete, func, insert, select, update

from domain.incidents.incident import Incident
from domain.incidents.monitoring_tokens import MonitoringToken
from domain.incidents.rules import SEVERITIES
from domain.incidents.service_levels import ServiceLevels
from projections.core.projection import Projection
from projections.core.tables import ReadTables
from projections.core.writer import GroupedWriter


class IncidentProjection(Projection):
    name = "incidents"
    handles = {
        (Incident, "Reported"): "reported",
        (Incident, "Acknowledged"): "acknowledged",
        (Incident, "Escalated"): "escalated",
        (Incident, "AlertRepeated"): "alert_repeated",
        (Incident, "Restored"): "restored",
        (Incident, "Closed"): "closed",
        (Incident, "Linked"): "linked",
        (ServiceLevels, "Agreed"): "service_levels",
        (ServiceLevels, "Revised"): "service_levels",
        (MonitoringToken, "Issued"): "token_issued",
        (MonitoringToken, "Revoked"): "token_revoked",
    }

    def __init__(self, tables: ReadTables) -> None:
        super().__init__(tables)
        incidents = self._incidents = tables.incidents
        self._insert = insert(incidents)
        key = (incidents.c.tenant_id == bindparam("t"), incidents.c.incident_id == bindparam("k"))
        met = {
            f"{target}_met_at": func.coalesce(incidents.c[f"{target}_met_at"], bindparam("at"))
            for target in ("reaction", "escalation", "recovery")
        }
        self._ack = update(incidents).where(*key).values(status="acknowledged", reaction_met_at=met["reaction_met_at"])
        self._escalate = (
            update(incidents)
            .where(*key)
            .values(
                level=bindparam("b_level"),
                handled_by=bindparam("b_handled_by"),
                reaction_met_at=met["reaction_met_at"],
                escalation_met_at=met["escalation_met_at"],
            )
        )
        self._restore = update(incidents).where(*key).values(status="restored", open=0, **met)
        self._close = (
            update(incidents)
            .where(*key)
            .values(status="closed", closed_at=bindparam("at"), lessons_learned=bindparam("b_lessons"))
        )
        self._organisation = select(incidents.c.organisation_id).where(*key)
        self._step = insert(tables.incident_steps)
        links = tables.incident_links
        self._link = insert(links)
        self._unlink = delete(links).where(links.c.tenant_id == bindparam("t"), links.c.incident_id == bindparam("k"))
        self._levels = insert(tables.service_levels)
        tokens = tables.monitoring_tokens
        self._token = insert(tokens)
        self._revoke = (
            update(tokens)
            .where(tokens.c.tenant_id == bindparam("t"), tokens.c.token_id == bindparam("k"))
            .values(revoked_by=bindparam("by"), revoked_at=bindparam("at"))
        )

    def reported(self, writer: GroupedWriter, event: Any) -> None:
        at = event.reported_at

        def due(minutes: int | None) -> Any:
            return None if minutes is None else at + timedelta(minutes=minutes)

        row = {
            "tenant_id": event.tenant_id,
            "incident_id": event.originator_id,
            "organisation_id": event.organisation_id,
            "title": event.title,
            "sort_title": event.title.casefold(),
            "service": event.service,
            "severity": event.severity,
            "severity_rank": SEVERITIES.index(event.severity),
            "description": event.description,
            "status": "reported",
            "open": 1,
            "level": None,
            "handled_by": None,
            "monitor_key": event.monitor_key,
            "service_levels_version": event.service_levels_version,
            "reported_by": event.actor_id,
            "reported_at": at,
            "reaction_due_at": due(event.reaction_minutes),
            "escalation_due_at": due(event.escalation_minutes),
            "recovery_due_at": due(event.recovery_minutes),
            "reaction_met_at": None,
            "escalation_met_at": None,
            "recovery_met_at": None,
            "closed_at": None,
            "lessons_learned": None,
        }
        writer.write(self._insert, row)
        self._record(writer, event, event.organisation_id, "reported", at, event.description or None)

    def acknowledged(self, writer: GroupedWriter, event: Any) -> None:
        organisation_id = self._organisation_of(writer, event)
        writer.write(self._ack, {"t": event.tenant_id, "k": event.originator_id, "at": event.at})
        self._record(writer, event, organisation_id, "acknowledged", event.at, event.note)

    def escalated(self, writer: GroupedWriter, event: Any) -> None:
        organisation_id = self._organisation_of(writer, event)
        values = {"b_level": event.level, "b_handled_by": event.handled_by, "at": event.at}
        writer.write(self._escalate, {"t": event.tenant_id, "k": event.originator_id} | values)
        self._record(writer, event, organisation_id, "escalated", event.at, event.note, event.level, event.handled_by)

    def alert_repeated(self, writer: GroupedWriter, event: Any) -> None:
        organisation_id = self._organisation_of(writer, event)
        note = f"{event.state}: {event.output}" if event.output else event.state
        self._record(writer, event, organisation_id, "alert", event.at, note)

    def restored(self, writer: GroupedWriter, event: Any) -> None:
        organisation_id = self._organisation_of(writer, event)
        writer.write(self._restore, {"t": event.tenant_id, "k": event.originator_id, "at": event.at})
        self._record(writer, event, organisation_id, "restored", event.at, event.note)

    def closed(self, writer: GroupedWriter, event: Any) -> None:
        organisation_id = self._organisation_of(writer, event)
        values = {"at": event.at, "b_lessons": event.lessons_learned}
        writer.write(self._close, {"t": event.tenant_id, "k": event.originator_id} | values)
        self._record(writer, event, organisation_id, "closed", event.at, event.lessons_learned)

    def linked(self, writer: GroupedWriter, event: Any) -> None:
        organisation_id = self._organisation_of(writer, event)
        writer.write(self._unlink, {"t": event.tenant_id, "k": event.originator_id})
        for kind, ids in (("asset", event.asset_ids), ("risk", event.risk_ids)):
            for linked_id in ids:
                row = {
                    "tenant_id": event.tenant_id,
                    "incident_id": event.originator_id,
                    "kind": kind,
                    "linked_id": linked_id,
                    "organisation_id": organisation_id,
                }
                writer.write(self._link, row)

    def service_levels(self, writer: GroupedWriter, event: Any) -> None:
        for severity, minutes in event.targets.items():
            row = {
                "tenant_id": event.tenant_id,
                "organisation_id": event.organisation_id,
                "version": getattr(event, "number", 1),
                "severity": severity,
                "reaction_minutes": minutes["reaction"],
                "escalation_minutes": minutes["escalation"],
                "recovery_minutes": minutes["recovery"],
                "agreed_by": event.actor_id,
                "agreed_at": event.timestamp,
                "reason": getattr(event, "reason", None),
            }
            writer.write(self._levels, row)

    def token_issued(self, writer: GroupedWriter, event: Any) -> None:
        row = {
            "tenant_id": event.tenant_id,
            "token_id": event.originator_id,
            "organisation_id": event.organisation_id,
            "key_hash": event.key_hash,
            "label": event.label,
            "issued_by": event.actor_id,
            "issued_at": event.timestamp,
        }
        writer.write(self._token, row)

    def token_revoked(self, writer: GroupedWriter, event: Any) -> None:
        values = {"t": event.tenant_id, "k": event.originator_id, "by": event.actor_id, "at": event.timestamp}
        writer.write(self._revoke, values)

    def _organisation_of(self, writer: GroupedWriter, event: Any) -> Any:
        return writer.read(self._organisation, {"t": event.tenant_id, "k": event.originator_id}).scalar_one()

    def _record(
        self,
        writer: GroupedWriter,
        event: Any,
        organisation_id: Any,
        step: str,
        at: Any,
        note: str | None,
        level: str | None = None,
        handled_by: str | None = None,
    ) -> None:
        row = {
            "tenant_id": event.tenant_id,
            "incident_id": event.originator_id,
            "position": event.originator_version,
            "organisation_id": organisation_id,
            "step": step,
            "level": level,
            "handled_by": handled_by,
            "at": at,
            "note": note,
            "actor_id": event.actor_id,
            "recorded_at": event.timestamp,
        }
        writer.write(self._step, row)
