"""The internal audits' command handlers: load, call one aggregate method, save."""

from __future__ import annotations

import uuid
from typing import Protocol
from uuid import UUID

from domain.audits.audit import Audit, AuditPlan
from domain.audits.commands import (
    CompleteAudit,
    PlanAudit,
    PlanAuditProgramme,
    RaiseNonconformityFromFinding,
    RecordAuditFinding,
    ReviseAuditProgramme,
)
from domain.audits.programme import AuditProgramme, checked_areas
from domain.audits.rules import FindingKind
from domain.nonconformities.nonconformity import Found, Nonconformity
from domain.nonconformities.rules import SourceKind
from domain.shared.calendar import business_date, past_date
from domain.shared.errors import NotFound
from domain.shared.ports import Handler, OrganisationCatalogue, OrganisationPeople, Organisations, Store
from domain.shared.service import Saved


class AuditPorts(Store, Organisations, OrganisationPeople, OrganisationCatalogue, Protocol):
    """Audits name the organisation's people and check clauses and controls against its catalogue."""


def plan_audit_programme(app: AuditPorts, cmd: PlanAuditProgramme) -> Saved:
    app.check_organisation(cmd.tenant_id, cmd.organisation_id)
    areas = checked_areas(cmd.areas, app.organisation_catalogue(cmd.tenant_id, cmd.organisation_id))
    for area in areas:
        app.check_person_of(cmd.tenant_id, cmd.organisation_id, area.owner_id, "areas.owner_id")
    programme = AuditProgramme.plan(cmd.tenant_id, cmd.actor_id, cmd.organisation_id, cmd.year, areas, cmd.objectives)
    return app.save_new(programme, "year", f"The organisation already has a programme for {cmd.year}.")


def revise_audit_programme(app: AuditPorts, cmd: ReviseAuditProgramme) -> Saved:
    programme = load_programme(app, cmd.tenant_id, cmd.organisation_id, cmd.programme_id)
    areas = checked_areas(cmd.areas, app.organisation_catalogue(cmd.tenant_id, cmd.organisation_id))
    for area in areas:
        app.check_person_of(cmd.tenant_id, cmd.organisation_id, area.owner_id, "areas.owner_id")
    programme.revise(cmd.actor_id, areas, cmd.objectives, cmd.reason)
    return app.save_changes(programme)


def plan_audit(app: AuditPorts, cmd: PlanAudit) -> Saved:
    business_date("planned_on", cmd.planned_on)  # refused as any date is, before the programme is looked for
    programme = load_programme(app, cmd.tenant_id, cmd.organisation_id, cmd.programme_id)
    app.check_person_of(cmd.tenant_id, cmd.organisation_id, cmd.auditor_id, "auditor_id")
    planned = AuditPlan.checked(programme, cmd.title, cmd.scope, cmd.criteria, cmd.planned_on, cmd.auditor_id)
    return app.save_changes(Audit.plan(cmd.tenant_id, cmd.actor_id, uuid.uuid4(), programme, planned))


def record_audit_finding(app: AuditPorts, cmd: RecordAuditFinding) -> Saved:
    audit = load_audit(app, cmd.tenant_id, cmd.organisation_id, cmd.audit_id)
    catalogue = app.organisation_catalogue(cmd.tenant_id, cmd.organisation_id)
    audit.record_finding(cmd.actor_id, uuid.uuid4(), cmd.kind, cmd.reference, cmd.statement, cmd.evidence, catalogue)
    return app.save_changes(audit)


def raise_nonconformity_from_finding(app: AuditPorts, cmd: RaiseNonconformityFromFinding) -> Saved:
    """The nonconformity and the finding's link to it, saved together: both or neither."""
    audit = load_audit(app, cmd.tenant_id, cmd.organisation_id, cmd.audit_id)
    nonconformity_id = uuid.uuid4()
    finding = audit.note_nonconformity_raised(cmd.actor_id, cmd.finding_id, nonconformity_id)
    severity = "major" if finding.kind == FindingKind.MAJOR_NONCONFORMITY else "minor"
    description = f"{finding.reference}: {finding.statement}"
    found = Found.checked(cmd.title, description, severity, SourceKind.AUDIT, str(audit.id))
    raised = Nonconformity.raise_(cmd.tenant_id, cmd.actor_id, nonconformity_id, cmd.organisation_id, found)
    return app.save_changes(raised, audit)


def complete_audit(app: AuditPorts, cmd: CompleteAudit) -> Saved:
    past_date("held_on", cmd.held_on)  # refused as any date is, before the audit is looked for
    audit = load_audit(app, cmd.tenant_id, cmd.organisation_id, cmd.audit_id)
    audit.complete(cmd.actor_id, cmd.held_on, cmd.conclusion)
    return app.save_changes(audit)


def load_programme(app: Store, tenant_id: UUID, organisation_id: UUID, programme_id: UUID) -> AuditProgramme:
    programme = app.get(AuditProgramme, tenant_id, programme_id, "programme_id")
    if programme.organisation_id != organisation_id:
        raise NotFound("No audit programme with this id.", "programme_id")
    return programme


def load_audit(app: Store, tenant_id: UUID, organisation_id: UUID, audit_id: UUID) -> Audit:
    audit = app.get(Audit, tenant_id, audit_id, "audit_id")
    if audit.organisation_id != organisation_id:
        raise NotFound("No audit with this id.", "audit_id")
    return audit


HANDLERS: dict[type, Handler] = {
    PlanAuditProgramme: plan_audit_programme,
    ReviseAuditProgramme: revise_audit_programme,
    PlanAudit: plan_audit,
    RecordAuditFinding: record_audit_finding,
    RaiseNonconformityFromFinding: raise_nonconformity_from_finding,
    CompleteAudit: complete_audit,
}
