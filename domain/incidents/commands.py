"""Commands on an organisation's incidents and service levels."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID


@dataclass(frozen=True)
class AgreeServiceLevels:
    """Sets, per severity, the minutes allowed for reaction, escalation and recovery: a first or a new version."""

    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    targets: Mapping[str, Mapping[str, int]]
    reason: str | None = None


@dataclass(frozen=True)
class ReportIncident:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    title: str
    service: str
    severity: str
    reported_at: datetime
    description: str | None = None
    asset_ids: tuple[UUID, ...] = ()
    risk_ids: tuple[UUID, ...] = ()


@dataclass(frozen=True)
class AcknowledgeIncident:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    incident_id: UUID
    at: datetime
    note: str | None = None


@dataclass(frozen=True)
class EscalateIncident:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    incident_id: UUID
    level: str
    handled_by: str
    at: datetime
    note: str | None = None


@dataclass(frozen=True)
class RestoreIncident:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    incident_id: UUID
    at: datetime
    note: str | None = None


@dataclass(frozen=True)
class CloseIncident:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    incident_id: UUID
    at: datetime
    lessons_learned: str


@dataclass(frozen=True)
class RaiseNonconformityFromIncident:
    """The lessons of a closed incident open a nonconformity of the register, its source the incident; an empty
    description is the lessons learned."""

    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    incident_id: UUID
    title: str
    severity: str
    description: str | None = None


@dataclass(frozen=True)
class LinkIncident:
    """Names the assets and risks of the organisation the incident concerns (replacing the earlier list)."""

    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    incident_id: UUID
    asset_ids: tuple[UUID, ...] = field(default=())
    risk_ids: tuple[UUID, ...] = field(default=())


@dataclass(frozen=True)
class ReceiveMonitoringAlert:
    """A monitoring alert (Nagios-style): a problem state opens an incident, or notes a repeat on the open incident
    of the same host and service; OK restores that incident. `open_incident_id` is the open incident of this host
    and service, as the read side knows it."""

    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    host: str
    service: str
    state: str
    output: str
    timestamp: datetime
    open_incident_id: UUID | None = None


@dataclass(frozen=True)
class IssueMonitoringToken:
    """A new token for the organisation's monitoring, given as the SHA-256 hash of its secret."""

    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    key_hash: str
    label: str


@dataclass(frozen=True)
class RevokeMonitoringToken:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    token_id: UUID
