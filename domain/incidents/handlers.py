"""The incident register's command handlers: load, call one aggregate method, save."""

from __future__ import annotations

import uuid
from typing import Protocol
from uuid import UUID

from domain.incidents.commands import (
    AcknowledgeIncident,
    AgreeServiceLevels,
    CloseIncident,
    EscalateIncident,
    IssueMonitoringToken,
    LinkIncident,
    RaiseNonconformityFromIncident,
    ReceiveMonitoringAlert,
    ReportIncident,
    RestoreIncident,
    RevokeMonitoringToken,
)
from domain.incidents.incident import Incident, Report
from domain.incidents.monitoring import MonitoringAlert
from domain.incidents.monitoring_tokens import MonitoringToken
from domain.incidents.rules import Targets
from domain.incidents.service_levels import ServiceLevels, checked_targets, service_levels_id
from domain.nonconformities.nonconformity import Found, Nonconformity
from domain.nonconformities.rules import SourceKind
from domain.shared.errors import NotFound, ValidationFailed
from domain.shared.ports import Handler, OrganisationAssets, OrganisationRisks, Organisations, Store
from domain.shared.service import Saved

NO_INCIDENT = "No incident with this id."
"""The same answer as for an id that does not exist: another organisation's incident is not in view."""


class IncidentPorts(Store, Organisations, OrganisationAssets, OrganisationRisks, Protocol):
    """An incident's assets and risks are the organisation's own."""


def agree_service_levels(app: IncidentPorts, cmd: AgreeServiceLevels) -> Saved:
    app.check_organisation(cmd.tenant_id, cmd.organisation_id)
    targets = checked_targets(cmd.targets)
    found = service_levels_id(cmd.tenant_id, cmd.organisation_id)
    if not app.exists(ServiceLevels, cmd.tenant_id, found):
        return app.save_changes(ServiceLevels.agree(cmd.tenant_id, cmd.actor_id, cmd.organisation_id, targets))
    levels = app.get(ServiceLevels, cmd.tenant_id, found)
    levels.revise(cmd.actor_id, targets, cmd.reason)
    return app.save_changes(levels)


def targets_for(app: Store, tenant_id: UUID, organisation_id: UUID, severity: str) -> tuple[Targets | None, int | None]:
    """The targets in force for this severity and their version; none while no service levels are agreed."""
    found = service_levels_id(tenant_id, organisation_id)
    if not app.exists(ServiceLevels, tenant_id, found):
        return None, None
    levels = app.get(ServiceLevels, tenant_id, found)
    return levels.targets[severity], levels.number


def report_incident(app: IncidentPorts, cmd: ReportIncident) -> Saved:
    app.check_organisation(cmd.tenant_id, cmd.organisation_id)
    reported = Report.checked(cmd.title, cmd.service, cmd.severity, cmd.description)
    _check_links(app, cmd.tenant_id, cmd.organisation_id, cmd.asset_ids, cmd.risk_ids)
    targets, version = targets_for(app, cmd.tenant_id, cmd.organisation_id, reported.severity)
    incident = Incident.report(
        cmd.tenant_id, cmd.actor_id, uuid.uuid4(), cmd.organisation_id, reported, cmd.reported_at, targets, version
    )
    if cmd.asset_ids or cmd.risk_ids:
        incident.link(cmd.actor_id, cmd.asset_ids, cmd.risk_ids)
    return app.save_changes(incident)


def acknowledge_incident(app: Store, cmd: AcknowledgeIncident) -> Saved:
    incident = load_incident(app, cmd.tenant_id, cmd.organisation_id, cmd.incident_id)
    incident.acknowledge(cmd.actor_id, cmd.at, cmd.note)
    return app.save_changes(incident)


def escalate_incident(app: Store, cmd: EscalateIncident) -> Saved:
    incident = load_incident(app, cmd.tenant_id, cmd.organisation_id, cmd.incident_id)
    incident.escalate(cmd.actor_id, cmd.level, cmd.handled_by, cmd.at, cmd.note)
    return app.save_changes(incident)


def restore_incident(app: Store, cmd: RestoreIncident) -> Saved:
    incident = load_incident(app, cmd.tenant_id, cmd.organisation_id, cmd.incident_id)
    incident.restore(cmd.actor_id, cmd.at, cmd.note)
    return app.save_changes(incident)


def close_incident(app: Store, cmd: CloseIncident) -> Saved:
    incident = load_incident(app, cmd.tenant_id, cmd.organisation_id, cmd.incident_id)
    incident.close(cmd.actor_id, cmd.at, cmd.lessons_learned)
    return app.save_changes(incident)


def raise_nonconformity_from_incident(app: Store, cmd: RaiseNonconformityFromIncident) -> Saved:
    """A nonconformity of the register whose source is the incident; the incident itself is kept as it was."""
    incident = load_incident(app, cmd.tenant_id, cmd.organisation_id, cmd.incident_id)
    lessons = incident.lessons()
    description = cmd.description if cmd.description and cmd.description.strip() else lessons
    found = Found.checked(cmd.title, description, cmd.severity, SourceKind.INCIDENT, str(incident.id))
    raised = Nonconformity.raise_(cmd.tenant_id, cmd.actor_id, uuid.uuid4(), cmd.organisation_id, found)
    return app.save_changes(raised)


def link_incident(app: IncidentPorts, cmd: LinkIncident) -> Saved:
    incident = load_incident(app, cmd.tenant_id, cmd.organisation_id, cmd.incident_id)
    _check_links(app, cmd.tenant_id, cmd.organisation_id, cmd.asset_ids, cmd.risk_ids)
    incident.link(cmd.actor_id, cmd.asset_ids, cmd.risk_ids)
    return app.save_changes(incident)


def receive_monitoring_alert(app: IncidentPorts, cmd: ReceiveMonitoringAlert) -> Saved:
    """Opens, updates or restores the incident of the alert's host and service."""
    app.check_organisation(cmd.tenant_id, cmd.organisation_id)
    alert = MonitoringAlert.checked(cmd.host, cmd.service, cmd.state, cmd.output, cmd.timestamp)
    if cmd.open_incident_id is not None:
        incident = load_incident(app, cmd.tenant_id, cmd.organisation_id, cmd.open_incident_id)
        if incident.repeats(alert.state, None if alert.recovered else alert.severity, alert.timestamp):
            return app.save_changes(incident)  # a repeat: nothing new to note, and nothing written
        if alert.recovered:
            incident.restore(cmd.actor_id, alert.timestamp, alert.output or None)
        else:
            incident.record_alert(cmd.actor_id, alert.state, alert.output, alert.timestamp)
        return app.save_changes(incident)
    if alert.recovered:
        raise ValidationFailed("state", "No open incident of this host and service to restore.")
    targets, version = targets_for(app, cmd.tenant_id, cmd.organisation_id, alert.severity)
    incident = Incident.report(
        cmd.tenant_id,
        cmd.actor_id,
        uuid.uuid4(),
        cmd.organisation_id,
        alert.report(),
        alert.timestamp,
        targets,
        version,
        monitor_key=alert.key,
    )
    return app.save_changes(incident)


def issue_monitoring_token(app: IncidentPorts, cmd: IssueMonitoringToken) -> Saved:
    app.check_organisation(cmd.tenant_id, cmd.organisation_id)
    token = MonitoringToken.issue(
        cmd.tenant_id, cmd.actor_id, uuid.uuid4(), cmd.organisation_id, cmd.key_hash, cmd.label
    )
    return app.save_changes(token)


def revoke_monitoring_token(app: Store, cmd: RevokeMonitoringToken) -> Saved:
    token = app.get(MonitoringToken, cmd.tenant_id, cmd.token_id, "token_id")
    if token.organisation_id != cmd.organisation_id:
        raise NotFound("No monitoring token with this id.", "token_id")
    token.revoke(cmd.actor_id)
    return app.save_changes(token)


def _check_links(
    app: IncidentPorts, tenant_id: UUID, organisation_id: UUID, asset_ids: tuple[UUID, ...], risk_ids: tuple[UUID, ...]
) -> None:
    app.check_assets(tenant_id, organisation_id, asset_ids, "asset_ids")
    app.check_risks(tenant_id, organisation_id, risk_ids, "risk_ids")


def load_incident(
    app: Store, tenant_id: UUID, organisation_id: UUID, incident_id: UUID, field: str = "incident_id"
) -> Incident:
    """The organisation's incident; another organisation's is answered as a missing one."""
    incident = app.get(Incident, tenant_id, incident_id, field)
    if incident.organisation_id != organisation_id:
        raise NotFound(NO_INCIDENT, field)
    return incident


HANDLERS: dict[type, Handler] = {
    AgreeServiceLevels: agree_service_levels,
    ReportIncident: report_incident,
    AcknowledgeIncident: acknowledge_incident,
    EscalateIncident: escalate_incident,
    RestoreIncident: restore_incident,
    CloseIncident: close_incident,
    LinkIncident: link_incident,
    RaiseNonconformityFromIncident: raise_nonconformity_from_incident,
    ReceiveMonitoringAlert: receive_monitoring_alert,
    IssueMonitoringToken: issue_monitoring_token,
    RevokeMonitoringToken: revoke_monitoring_token,
}
