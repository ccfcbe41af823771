"""The inputs of the incident register's mutations. A time left out is now."""

from __future__ import annotations

from datetime import datetime

import strawberry

SEVERITIES = "critical, high, medium or low"


@strawberry.input(description="The minutes allowed for one severity, each counted from the report.")
class SeverityTargetsInput:
    severity: str = strawberry.field(description=SEVERITIES)
    reaction_minutes: int
    escalation_minutes: int
    recovery_minutes: int


@strawberry.input(description="Targets for every severity; a more severe incident never has a longer target.")
class AgreeServiceLevelsInput:
    organisation_id: strawberry.ID = strawberry.field(description="Your own organisation.")
    targets: list[SeverityTargetsInput]
    reason: str | None = None


@strawberry.input
class ReportIncidentInput:
    organisation_id: strawberry.ID = strawberry.field(description="Your own organisation.")
    title: str
    service: str = strawberry.field(description="The service concerned, by name: the monthly report groups by it.")
    severity: str = strawberry.field(description=SEVERITIES)
    reported_at: datetime | None = None
    description: str | None = None
    asset_ids: list[strawberry.ID] = strawberry.field(default_factory=list)
    risk_ids: list[strawberry.ID] = strawberry.field(default_factory=list)


@strawberry.input(description="A step of the incident's timeline: acknowledged, or restored.")
class IncidentStepInput:
    incident_id: strawberry.ID
    at: datetime | None = None
    note: str | None = None


@strawberry.input(description="Hands the incident one level up: first (service desk), second, third.")
class EscalateIncidentInput:
    incident_id: strawberry.ID
    level: str = strawberry.field(description="first, second or third: the next one.")
    handled_by: str = strawberry.field(description="The desk, provider, local IT, vendor or partner it goes to.")
    at: datetime | None = None
    note: str | None = None


@strawberry.input
class CloseIncidentInput:
    incident_id: strawberry.ID
    lessons_learned: str
    at: datetime | None = None


@strawberry.input(description="Opens a nonconformity of the register from a closed incident's lessons learned.")
class RaiseNonconformityFromIncidentInput:
    incident_id: strawberry.ID
    title: str
    severity: str = strawberry.field(description="major or minor.")
    description: str | None = strawberry.field(default=None, description="Left out or empty: the lessons learned.")


@strawberry.input(description="The assets and risks the incident concerns, as the list is to be.")
class LinkIncidentInput:
    incident_id: strawberry.ID
    asset_ids: list[strawberry.ID] = strawberry.field(default_factory=list)
    risk_ids: list[strawberry.ID] = strawberry.field(default_factory=list)


@strawberry.input(description="A new token for the organisation's monitoring.")
class IssueMonitoringTokenInput:
    organisation_id: strawberry.ID
    label: str = strawberry.field(description="Which monitoring sends with it, e.g. Nagios at the shop.")


@strawberry.input
class RevokeMonitoringTokenInput:
    organisation_id: strawberry.ID
    token_id: strawberry.ID
