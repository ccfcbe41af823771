"""The credentials, from their issuing events, and their status from the track's: a suspension, a reinstatement or
a revocation changes the status of the credential of the track's current cycle. Each row is written in the body's
tenant and in the professionals' realm, so that each side reads its own tenant only."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from sqlalchemy import bindparam, insert, or_, update

from domain.labels.body import PROFESSIONALS, LabellingBody
from domain.labels.credential import LabelCredential
from domain.labels.track import LabelTrack, track_id
from projections.core.projection import Projection
from projections.core.tables import ReadTables
from projections.core.writer import GroupedWriter

VALID, SUSPENDED, REVOKED = "valid", "suspended", "revoked"


class CredentialProjection(Projection):
    name = "label_credentials"
    handles = {
        (LabellingBody, "Created"): "body_created",
        (LabelCredential, "Issued"): "issued",
        (LabelCredential, "Reissued"): "reissued",
        (LabelTrack, "Suspended"): "suspended",
        (LabelTrack, "Reinstated"): "reinstated",
        (LabelTrack, "Revoked"): "revoked",
    }

    def __init__(self, tables: ReadTables) -> None:
        super().__init__(tables)
        rows = tables.label_credentials
        both = or_(rows.c.tenant_id == bindparam("b"), rows.c.tenant_id == bindparam("r"))
        self._insert = insert(rows)
        self._insert_body = insert(tables.label_credential_bodies)
        self._insert_mission = insert(tables.label_credential_missions)
        self._superseded = update(rows).where(both, rows.c.track_id == bindparam("k")).values(current=False)
        self._of_track = update(rows).where(both, rows.c.track_id == bindparam("k"), rows.c.current.is_(True))
        self._reissued = update(rows).where(both, rows.c.record_id == bindparam("c"))

    def body_created(self, writer: GroupedWriter, event: Any) -> None:
        body = {"body_id": event.tenant_id, "slug": event.slug, "name": event.name}
        for tenant in (event.tenant_id, PROFESSIONALS):
            writer.write(self._insert_body, {**body, "tenant_id": tenant})

    def issued(self, writer: GroupedWriter, event: Any) -> None:
        track = track_id(event.tenant_id, event.professional_id)
        writer.write(self._superseded, {"b": event.tenant_id, "r": PROFESSIONALS, "k": track})
        row = {
            "credential_id": event.credential_id,
            "record_id": event.originator_id,
            "body_id": event.tenant_id,
            "track_id": track,
            "cycle": event.cycle,
            "current": True,
            "professional_id": event.professional_id,
            "name": event.name,
            "scheme_version": event.scheme_version,
            "training_title": event.training_title,
            "training_provider": event.training_provider,
            "trained_on": event.trained_on,
            "exam_passed_on": event.exam_passed_on,
            "evaluated_on": event.evaluated_on,
            "results": dict(event.results),
            "awarded_on": event.awarded_on,
            "valid_from": event.valid_from,
            "valid_until": event.valid_until,
            "status_list": event.status_list,
            "status_index": event.status_index,
            "status": VALID,
            "status_changed_at": event.timestamp,
        }
        for tenant in (event.tenant_id, PROFESSIONALS):
            writer.write(self._insert, {**row, "tenant_id": tenant})

    def reissued(self, writer: GroupedWriter, event: Any) -> None:
        record = event.originator_id
        values = {"valid_from": event.valid_from, "valid_until": event.valid_until}
        writer.write(self._reissued.values(**values), {"b": event.tenant_id, "r": PROFESSIONALS, "c": record})
        for mission_id, ended_on, days in event.missions:
            mission = {
                "record_id": record,
                "mission_id": UUID(mission_id),
                "ended_on": date.fromisoformat(ended_on),
                "coaching_days": float(days),
            }
            for tenant in (event.tenant_id, PROFESSIONALS):
                writer.write(self._insert_mission, {**mission, "tenant_id": tenant})

    def suspended(self, writer: GroupedWriter, event: Any) -> None:
        self._status(writer, event, SUSPENDED)

    def reinstated(self, writer: GroupedWriter, event: Any) -> None:
        self._status(writer, event, VALID)

    def revoked(self, writer: GroupedWriter, event: Any) -> None:
        self._status(writer, event, REVOKED)

    def _status(self, writer: GroupedWriter, event: Any, status: str) -> None:
        keys = {"b": event.tenant_id, "r": PROFESSIONALS, "k": event.originator_id}
        writer.write(self._of_track.values(status=status, status_changed_at=event.timestamp), keys)
