"""Internal audits as read rows: a programme and its areas, each audit with its findings, and their history."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import bindparam, delete, insert, select, update

from domain.audits.audit import Audit
from domain.audits.programme import AuditProgramme
from domain.audits.rules import NONCONFORMITY_KINDS
from projections.core.projection import Projection
from projections.core.tables import ReadTables
from projections.core.writer import GroupedWriter


class AuditProjection(Projection):
    name = "audits"
    handles = {
        (AuditProgramme, "Planned"): "programme_planned",
        (AuditProgramme, "Revised"): "programme_revised",
        (Audit, "Planned"): "audit_planned",
        (Audit, "FindingRecorded"): "finding_recorded",
        (Audit, "NonconformityRaised"): "nonconformity_raised",
        (Audit, "Completed"): "completed",
    }

    def __init__(self, tables: ReadTables) -> None:
        super().__init__(tables)
        programmes, areas, audits = tables.audit_programmes, tables.audit_programme_areas, tables.audits
        findings = tables.audit_findings
        self._programme = insert(programmes)
        self._objectives = (
            update(programmes)
            .where(programmes.c.tenant_id == bindparam("t"), programmes.c.programme_id == bindparam("p"))
            .values(objectives=bindparam("objectives"))
        )
        self._area = insert(areas)
        self._no_areas = delete(areas).where(
            areas.c.tenant_id == bindparam("t"), areas.c.programme_id == bindparam("p")
        )
        self._audit = insert(audits)
        the_audit = (audits.c.tenant_id == bindparam("t"), audits.c.audit_id == bindparam("a"))
        self._audit_organisation = select(audits.c.organisation_id, audits.c.findings).where(*the_audit)
        self._count = (
            update(audits)
            .where(*the_audit)
            .values(
                findings=audits.c.findings + 1,
                nonconformities=audits.c.nonconformities + bindparam("nc"),
            )
        )
        self._complete = (
            update(audits)
            .where(*the_audit)
            .values(status="completed", held_on=bindparam("held_on"), conclusion=bindparam("conclusion"))
        )
        self._finding = insert(findings)
        self._link = (
            update(findings)
            .where(findings.c.tenant_id == bindparam("t"), findings.c.finding_id == bindparam("f"))
            .values(nonconformity_id=bindparam("n"))
        )
        self._programme_organisation = select(programmes.c.organisation_id).where(
            programmes.c.tenant_id == bindparam("t"), programmes.c.programme_id == bindparam("p")
        )
        self._history = insert(tables.audit_history)

    def programme_planned(self, writer: GroupedWriter, event: Any) -> None:
        row = {
            "tenant_id": event.tenant_id,
            "programme_id": event.originator_id,
            "organisation_id": event.organisation_id,
            "year": event.year,
            "objectives": event.objectives,
            "planned_by": event.actor_id,
            "planned_at": event.timestamp,
        }
        writer.write(self._programme, row)
        self._areas(writer, event, event.organisation_id)
        self._record(writer, event, event.organisation_id, "planned", _areas_text(event.areas))

    def programme_revised(self, writer: GroupedWriter, event: Any) -> None:
        key = {"t": event.tenant_id, "p": event.originator_id}
        organisation_id = writer.read(self._programme_organisation, key).scalar_one()
        writer.write(self._objectives, {**key, "objectives": event.objectives})
        writer.write(self._no_areas, key)
        self._areas(writer, event, organisation_id)
        self._record(writer, event, organisation_id, "revised", f"{_areas_text(event.areas)}. {event.reason}")

    def audit_planned(self, writer: GroupedWriter, event: Any) -> None:
        row = {
            "tenant_id": event.tenant_id,
            "audit_id": event.originator_id,
            "organisation_id": event.organisation_id,
            "programme_id": event.programme_id,
            "year": event.year,
            "title": event.title,
            "sort_title": event.title.casefold(),
            "scope": ", ".join(event.scope),
            "criteria": event.criteria,
            "planned_on": event.planned_on,
            "auditor_id": event.auditor_id,
            "status": "planned",
            "held_on": None,
            "conclusion": None,
            "findings": 0,
            "nonconformities": 0,
            "planned_at": event.timestamp,
        }
        writer.write(self._audit, row)
        details = f"{event.title}: {', '.join(event.scope)} on {event.planned_on.isoformat()}"
        self._record(writer, event, event.organisation_id, "planned", details)

    def finding_recorded(self, writer: GroupedWriter, event: Any) -> None:
        key = {"t": event.tenant_id, "a": event.originator_id}
        found = writer.read(self._audit_organisation, key).one()
        row = {
            "tenant_id": event.tenant_id,
            "finding_id": event.finding_id,
            "audit_id": event.originator_id,
            "organisation_id": found.organisation_id,
            "position": found.findings + 1,
            "kind": event.kind,
            "reference": event.reference,
            "statement": event.statement,
            "evidence": event.evidence,
            "nonconformity_id": None,
            "recorded_by": event.actor_id,
            "recorded_at": event.timestamp,
        }
        writer.write(self._finding, row)
        writer.write(self._count, {**key, "nc": 1 if event.kind in NONCONFORMITY_KINDS else 0})
        details = f"{event.kind.replace('_', ' ')} on {event.reference}"
        self._record(writer, event, found.organisation_id, "finding_recorded", details)

    def nonconformity_raised(self, writer: GroupedWriter, event: Any) -> None:
        writer.write(self._link, {"t": event.tenant_id, "f": event.finding_id, "n": event.nonconformity_id})
        organisation_id = self._audit_organisation_of(writer, event)
        self._record(writer, event, organisation_id, "nonconformity_raised", "")

    def completed(self, writer: GroupedWriter, event: Any) -> None:
        values = {"held_on": event.held_on, "conclusion": event.conclusion}
        writer.write(self._complete, {"t": event.tenant_id, "a": event.originator_id, **values})
        organisation_id = self._audit_organisation_of(writer, event)
        self._record(writer, event, organisation_id, "completed", f"held on {event.held_on.isoformat()}")

    def _audit_organisation_of(self, writer: GroupedWriter, event: Any) -> Any:
        key = {"t": event.tenant_id, "a": event.originator_id}
        return writer.read(self._audit_organisation, key).one().organisation_id

    def _areas(self, writer: GroupedWriter, event: Any, organisation_id: Any) -> None:
        for position, (reference, owner) in enumerate(event.areas, start=1):
            area = {"reference": reference, "owner_id": UUID(owner), "position": position}
            key = {"tenant_id": event.tenant_id, "programme_id": event.originator_id}
            writer.write(self._area, {**key, "organisation_id": organisation_id, **area})

    def _record(self, writer: GroupedWriter, event: Any, organisation_id: Any, action: str, details: str) -> None:
        row = {
            "tenant_id": event.tenant_id,
            "subject_id": event.originator_id,
            "version": event.originator_version,
            "organisation_id": organisation_id,
            "action": action,
            "details": details,
            "acted_by": event.actor_id,
            "acted_at": event.timestamp,
        }
        writer.write(self._history, row)


def _areas_text(areas: list[list[str]]) -> str:
    return ", ".join(reference for reference, _ in areas)
