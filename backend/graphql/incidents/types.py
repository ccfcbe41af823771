"""GraphQL shapes of an organisation's incidents, its service levels and the monthly service report."""

from __future__ import annotations

import base64
import json
from datetime import datetime
from enum import Enum
from typing import Annotated
from uuid import UUID

import strawberry
from graphql import GraphQLError
from strawberry.types import Info

from backend.graphql.core.context import Context
from backend.graphql.core.errors import NotFoundError, Refusal, ValidationError, user_error
from backend.graphql.core.pagination import PageInfo, check_page_size
from backend.graphql.incidents.actions import (
    AGREE_SERVICE_LEVELS,
    CLOSE_INCIDENT,
    HANDLE_INCIDENT,
    MANAGE_MONITORING_TOKENS,
    RAISE_NONCONFORMITY_FROM_INCIDENT,
    REPORT_INCIDENT,
)
from backend.policy import may
from domain.incidents.rules import (
    can_acknowledge,
    can_close,
    can_escalate,
    can_link,
    can_open_nonconformity,
    can_restore,
)
from domain.shared.errors import DomainError, ValidationFailed
from projections.incidents.queries import MonthKey
from projections.incidents.rows import (
    IncidentDetailRows,
    IncidentRow,
    IncidentStepRow,
    MonitoringTokenRow,
    ServiceLevelsRow,
    ServiceReportRow,
)


@strawberry.enum(description="How the incidents are sorted.")
class IncidentOrder(Enum):
    LATEST = "latest"
    SEVERITY = "severity"
    """The most severe first, then the latest."""
    TITLE = "title"


@strawberry.type(description="What the viewer may do to an incident now.")
class IncidentViewerCan:
    acknowledge: bool
    escalate: bool
    restore: bool
    close: bool
    link: bool
    raise_nonconformity: bool = strawberry.field(description="Open a nonconformity from its lessons learned.")


@strawberry.type(description="A step of an incident's timeline, by whom and when.")
class IncidentStep:
    step: str = strawberry.field(description="reported, acknowledged, escalated, alert, restored or closed.")
    level: str | None = strawberry.field(description="For an escalation: first, second or third.")
    handled_by: str | None
    at: datetime
    note: str | None
    acted_by: strawberry.ID
    recorded_at: datetime | None = strawberry.field(
        default=None,
        description="When the step was recorded in Cordee, which may be long after `at`: history (`asOf`) goes by "
        "this moment.",
    )

    @classmethod
    def from_row(cls, row: IncidentStepRow) -> IncidentStep:
        return cls(
            step=row.step,
            level=row.level,
            handled_by=row.handled_by,
            at=row.at,
            note=row.note,
            acted_by=strawberry.ID(str(row.actor_id)),
            recorded_at=row.recorded_at,
        )


@strawberry.type(description="When a target falls due, when it was met, and whether it is missed as of now.")
class TargetTime:
    target: str = strawberry.field(description="reaction, escalation or recovery.")
    due_at: datetime | None = strawberry.field(description="Null while the organisation had agreed no targets.")
    met_at: datetime | None
    breached: bool


@strawberry.type
class Incident:
    id: strawberry.ID
    organisation_id: strawberry.ID
    title: str
    service: str
    severity: str
    description: str
    status: str = strawberry.field(description="reported, acknowledged, restored or closed.")
    level: str | None = strawberry.field(description="Null before the first escalation; first, second or third.")
    handled_by: str | None
    reported_at: datetime
    closed_at: datetime | None
    lessons_learned: str | None
    opened_by_monitoring: bool
    service_levels_version: int | None
    targets: list[TargetTime]
    breached: bool = strawberry.field(description="Some target is missed, as of now.")
    viewer_can: IncidentViewerCan
    steps: list[IncidentStep] = strawberry.field(description="The timeline; empty in lists.")
    asset_ids: list[strawberry.ID]
    risk_ids: list[strawberry.ID]

    @classmethod
    def from_row(
        cls, info: Info[Context, None], row: IncidentRow, detail: IncidentDetailRows | None = None
    ) -> Incident:
        p, o = info.context.signed_in, row.organisation_id
        viewer_can = IncidentViewerCan(
            acknowledge=may(p, HANDLE_INCIDENT, o) and can_acknowledge(row.status),
            escalate=may(p, HANDLE_INCIDENT, o) and can_escalate(row.status, row.level),
            restore=may(p, HANDLE_INCIDENT, o) and can_restore(row.status),
            close=may(p, CLOSE_INCIDENT, o) and can_close(row.status),
            link=may(p, HANDLE_INCIDENT, o) and can_link(row.status),
            raise_nonconformity=may(p, RAISE_NONCONFORMITY_FROM_INCIDENT, o)
            and can_open_nonconformity(row.status, row.lessons_learned),
        )
        targets = [
            TargetTime(
                target=t,
                due_at=getattr(row, f"{t}_due_at"),
                met_at=getattr(row, f"{t}_met_at"),
                breached=t in row.breached,
            )
            for t in ("reaction", "escalation", "recovery")
        ]
        return cls(
            id=strawberry.ID(str(row.incident_id)),
            organisation_id=strawberry.ID(str(o)),
            title=row.title,
            service=row.service,
            severity=row.severity,
            description=row.description,
            status=row.status,
            level=row.level,
            handled_by=row.handled_by,
            reported_at=row.reported_at,
            closed_at=row.closed_at,
            lessons_learned=row.lessons_learned,
            opened_by_monitoring=row.monitor_key is not None,
            service_levels_version=row.service_levels_version,
            targets=targets,
            breached=bool(row.breached),
            viewer_can=viewer_can,
            steps=[IncidentStep.from_row(s) for s in detail.steps] if detail else [],
            asset_ids=[strawberry.ID(str(a)) for a in detail.asset_ids] if detail else [],
            risk_ids=[strawberry.ID(str(r)) for r in detail.risk_ids] if detail else [],
        )


@strawberry.type
class IncidentEdge:
    cursor: str
    node: Incident


@strawberry.type(description="What the viewer may do with the organisation's incidents.")
class IncidentsViewerCan:
    report: bool
    agree_service_levels: bool
    manage_monitoring_tokens: bool


@strawberry.type(description="A page of an organisation's incidents.")
class IncidentConnection:
    edges: list[IncidentEdge]
    page_info: PageInfo
    viewer_can: IncidentsViewerCan


def on_register(info: Info[Context, None], organisation_id: UUID) -> IncidentsViewerCan:
    p = info.context.signed_in
    return IncidentsViewerCan(
        report=may(p, REPORT_INCIDENT, organisation_id),
        agree_service_levels=may(p, AGREE_SERVICE_LEVELS, organisation_id),
        manage_monitoring_tokens=may(p, MANAGE_MONITORING_TOKENS, organisation_id),
    )


@strawberry.type(description="The minutes allowed for one severity, each from the report.")
class SeverityTargets:
    severity: str
    reaction_minutes: int
    escalation_minutes: int
    recovery_minutes: int


@strawberry.type(description="The organisation's service levels, as agreed in their latest version.")
class ServiceLevels:
    organisation_id: strawberry.ID
    version: int
    agreed_by: strawberry.ID
    agreed_at: datetime
    reason: str | None
    targets: list[SeverityTargets]

    @classmethod
    def from_row(cls, row: ServiceLevelsRow) -> ServiceLevels:
        return cls(
            organisation_id=strawberry.ID(str(row.organisation_id)),
            version=row.version,
            agreed_by=strawberry.ID(str(row.agreed_by)),
            agreed_at=row.agreed_at,
            reason=row.reason,
            targets=[
                SeverityTargets(
                    severity=t.severity,
                    reaction_minutes=t.reaction_minutes,
                    escalation_minutes=t.escalation_minutes,
                    recovery_minutes=t.recovery_minutes,
                )
                for t in row.targets
            ],
        )


@strawberry.type
class SeverityFigures:
    severity: str
    incidents: int
    missed_targets: int


@strawberry.type(description="A page of the incidents of a service's month, oldest first.")
class ServiceReportIncidents:
    edges: list[IncidentEdge]
    page_info: PageInfo


@strawberry.type(description="One service's month: availability, incidents by severity, targets missed.")
class ServiceReport:
    service: str
    month: str = strawberry.field(description="YYYY-MM, in UTC.")
    availability_percent: float = strawberry.field(
        description="The share of the month (up to now, for the current month) the service was not in a critical or "
        "high incident."
    )
    outage_minutes: float
    by_severity: list[SeverityFigures]
    missed_targets: int
    row: strawberry.Private[ServiceReportRow]
    now: strawberry.Private[datetime]

    @strawberry.field(description="The incidents reported in the month, oldest first, by page.")
    def incidents(self, info: Info[Context, None], first: int = 50, after: str | None = None) -> ServiceReportIncidents:
        try:
            size, keyset = check_page_size(first), decode_month_cursor(after)
        except DomainError as error:
            raise GraphQLError(
                error.message, extensions={"code": error.code, "field": user_error(error).field}
            ) from None
        r = self.row
        found = info.context.services.queries.incidents.month_incidents(
            info.context.scope, r.organisation_id, r.service, r.month_start, r.month_end, self.now, size, keyset
        )
        edges = [IncidentEdge(cursor=encode_month_cursor(i), node=Incident.from_row(info, i)) for i in found.rows]
        end_cursor = edges[-1].cursor if edges else None
        return ServiceReportIncidents(
            edges=edges, page_info=PageInfo(has_next_page=found.has_next, end_cursor=end_cursor)
        )

    @classmethod
    def from_row(cls, row: ServiceReportRow, now: datetime) -> ServiceReport:
        return cls(
            service=row.service,
            month=row.month_start.strftime("%Y-%m"),
            availability_percent=row.availability_percent,
            outage_minutes=row.outage_minutes,
            by_severity=[
                SeverityFigures(severity=s.severity, incidents=s.incidents, missed_targets=s.missed)
                for s in row.by_severity
            ],
            missed_targets=row.missed_targets,
            row=row,
            now=now,
        )


def encode_month_cursor(row: IncidentRow) -> str:
    parts = ["month", row.reported_at.isoformat(), str(row.incident_id)]
    return base64.urlsafe_b64encode(json.dumps(parts).encode()).decode()


def decode_month_cursor(cursor: str | None) -> MonthKey | None:
    if cursor is None:
        return None
    try:
        name, reported_at, incident_id = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        at = datetime.fromisoformat(str(reported_at))
        if name != "month" or at.tzinfo is None:
            raise ValueError(name)
        return MonthKey(at, UUID(str(incident_id)))
    except (ValueError, TypeError, RecursionError):
        raise ValidationFailed("after", "This is not a cursor given by this API for a report's incidents.") from None


@strawberry.type
class IncidentChange:
    incident: Incident


@strawberry.type
class ServiceLevelsChange:
    service_levels: ServiceLevels


@strawberry.type(description="A token the organisation's monitoring sends its alerts with; never its secret.")
class MonitoringToken:
    id: strawberry.ID
    label: str
    issued_by: strawberry.ID
    issued_at: datetime
    revoked_at: datetime | None
    revoked_by: strawberry.ID | None

    @classmethod
    def from_row(cls, row: MonitoringTokenRow) -> MonitoringToken:
        return cls(
            id=strawberry.ID(str(row.token_id)),
            label=row.label,
            issued_by=strawberry.ID(str(row.issued_by)),
            issued_at=row.issued_at,
            revoked_at=row.revoked_at,
            revoked_by=None if row.revoked_by is None else strawberry.ID(str(row.revoked_by)),
        )


@strawberry.type(description="A new token, with its secret: shown this once, then only its hash is kept.")
class MonitoringTokenIssued:
    monitoring_token: MonitoringToken
    secret: str = strawberry.field(
        description="Send it as `Authorization: Bearer <secret>` (docs/monitoring-alerts.md)."
    )


@strawberry.type
class MonitoringTokenRevoked:
    monitoring_token: MonitoringToken


IncidentResult = Annotated[Incident | NotFoundError | ValidationError, strawberry.union("IncidentResult")]
IncidentChangeResult = Annotated[IncidentChange | Refusal, strawberry.union("IncidentChangeResult")]
ServiceLevelsChangeResult = Annotated[ServiceLevelsChange | Refusal, strawberry.union("ServiceLevelsChangeResult")]
MonitoringTokenIssuedResult = Annotated[
    MonitoringTokenIssued | Refusal, strawberry.union("MonitoringTokenIssuedResult")
]
MonitoringTokenRevokedResult = Annotated[
    MonitoringTokenRevoked | Refusal, strawberry.union("MonitoringTokenRevokedResult")
]
