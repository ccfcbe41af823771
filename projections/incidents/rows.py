"""What the incident register's queries answer: read rows, not aggregates and not API types."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID


@dataclass(frozen=True)
class IncidentRow:
    incident_id: UUID
    organisation_id: UUID
    title: str
    service: str
    severity: str
    severity_rank: int
    description: str
    status: str
    level: str | None
    handled_by: str | None
    monitor_key: str | None
    service_levels_version: int | None
    reported_by: UUID
    reported_at: datetime
    reaction_due_at: datetime | None
    escalation_due_at: datetime | None
    recovery_due_at: datetime | None
    reaction_met_at: datetime | None
    escalation_met_at: datetime | None
    recovery_met_at: datetime | None
    closed_at: datetime | None
    lessons_learned: str | None
    sort_title: str
    breached: tuple[str, ...]
    """The targets missed, as of the moment the query was asked: met late, or due and still not met."""


@dataclass(frozen=True)
class IncidentStepRow:
    position: int
    step: str
    level: str | None
    handled_by: str | None
    at: datetime
    note: str | None
    actor_id: UUID
    recorded_at: datetime | None = None
    """When the step was recorded in Cordee, which may be long after `at`."""


@dataclass(frozen=True)
class IncidentPageRows:
    rows: list[IncidentRow]
    has_next: bool


@dataclass(frozen=True)
class IncidentDetailRows:
    incident: IncidentRow
    steps: list[IncidentStepRow]
    asset_ids: list[UUID]
    risk_ids: list[UUID]


@dataclass(frozen=True)
class TargetsRow:
    severity: str
    reaction_minutes: int
    escalation_minutes: int
    recovery_minutes: int


@dataclass(frozen=True)
class ServiceLevelsRow:
    organisation_id: UUID
    version: int
    agreed_by: UUID
    agreed_at: datetime
    reason: str | None
    targets: list[TargetsRow]


@dataclass(frozen=True)
class SeverityCount:
    severity: str
    incidents: int
    missed: int


@dataclass(frozen=True)
class ServiceReportRow:
    """One service's month: its availability, its incidents by severity and the targets they missed."""

    organisation_id: UUID
    service: str
    month_start: datetime
    month_end: datetime
    availability_percent: float
    outage_minutes: float
    by_severity: list[SeverityCount]
    missed_targets: int
    incidents: list[IncidentRow]


@dataclass(frozen=True)
class MonitoringTokenRow:
    """A token, never its secret: the secret is shown once, when issued, and only its hash is kept."""

    token_id: UUID
    organisation_id: UUID
    label: str
    issued_by: UUID
    issued_at: datetime
    revoked_by: UUID | None
    revoked_at: datetime | None


@dataclass(frozen=True)
class MonitoringSender:
    """Whose monitoring sent an alert: the tenant, the organisation and the token, from the token's hash only."""

    tenant_id: UUID
    organisation_id: UUID
    token_id: UUID
