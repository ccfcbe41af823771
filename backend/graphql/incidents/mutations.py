"""The incident register's commands. A time left out is the moment the command is received."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import UUID

import strawberry
from strawberry.types import Info

from backend.graphql.core.commands import change, role_refusal
from backend.graphql.core.context import Context
from backend.graphql.core.errors import Refusal, parse_id, user_error
from backend.graphql.core.permissions import AUTHENTICATED
from backend.graphql.incidents.actions import (
    AGREE_SERVICE_LEVELS,
    CLOSE_INCIDENT,
    HANDLE_INCIDENT,
    MANAGE_MONITORING_TOKENS,
    RAISE_NONCONFORMITY_FROM_INCIDENT,
    REPORT_INCIDENT,
)
from backend.graphql.incidents.inputs import (
    AgreeServiceLevelsInput,
    CloseIncidentInput,
    EscalateIncidentInput,
    IncidentStepInput,
    IssueMonitoringTokenInput,
    LinkIncidentInput,
    RaiseNonconformityFromIncidentInput,
    ReportIncidentInput,
    RevokeMonitoringTokenInput,
)
from backend.graphql.incidents.monitoring import new_secret, secret_hash
from backend.graphql.incidents.types import (
    Incident,
    IncidentChange,
    IncidentChangeResult,
    MonitoringToken,
    MonitoringTokenIssued,
    MonitoringTokenIssuedResult,
    MonitoringTokenRevoked,
    MonitoringTokenRevokedResult,
    ServiceLevels,
    ServiceLevelsChange,
    ServiceLevelsChangeResult,
)
from backend.graphql.nonconformities.types import Nonconformity, NonconformityChange, NonconformityChangeResult
from domain.application import Saved
from domain.incidents.commands import (
    AcknowledgeIncident,
    AgreeServiceLevels,
    CloseIncident,
    EscalateIncident,
    IssueMonitoringToken,
    LinkIncident,
    RaiseNonconformityFromIncident,
    ReportIncident,
    RestoreIncident,
    RevokeMonitoringToken,
)
from domain.shared.errors import DomainError, NotFound, ValidationFailed


@strawberry.type
class IncidentsMutation:
    @strawberry.mutation(permission_classes=AUTHENTICATED, description="A new version of the service levels.")
    async def agree_service_levels(
        self, info: Info[Context, None], input: AgreeServiceLevelsInput
    ) -> ServiceLevelsChangeResult:
        try:
            targets = _targets(input)
        except DomainError as error:
            return user_error(error)
        done = await change(
            info, AGREE_SERVICE_LEVELS, AgreeServiceLevels, organisation_id=input.organisation_id,
            targets=targets, reason=input.reason,
        )  # fmt: skip
        if not isinstance(done, tuple):
            return done
        row = info.context.services.queries.incidents.service_levels(info.context.scope, done[0].organisation_id)
        if row is None:
            return user_error(NotFound("The service levels are saved but are not in your view.", "organisation_id"))
        return ServiceLevelsChange(service_levels=ServiceLevels.from_row(row))

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="Reports an incident of your organisation.")
    async def report_incident(self, info: Info[Context, None], input: ReportIncidentInput) -> IncidentChangeResult:
        try:
            links = _ids(input.asset_ids, "asset_ids"), _ids(input.risk_ids, "risk_ids")
        except DomainError as error:
            return user_error(error)
        done = await change(
            info, REPORT_INCIDENT, ReportIncident, organisation_id=input.organisation_id, title=input.title,
            service=input.service, severity=input.severity, reported_at=_now(input.reported_at),
            description=input.description, asset_ids=links[0], risk_ids=links[1],
        )  # fmt: skip
        return _changed(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def acknowledge_incident(self, info: Info[Context, None], input: IncidentStepInput) -> IncidentChangeResult:
        done = await change(
            info, HANDLE_INCIDENT, AcknowledgeIncident, incident_id=input.incident_id, at=_now(input.at),
            note=input.note,
        )  # fmt: skip
        return _changed(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="One level up at a time.")
    async def escalate_incident(self, info: Info[Context, None], input: EscalateIncidentInput) -> IncidentChangeResult:
        done = await change(
            info, HANDLE_INCIDENT, EscalateIncident, incident_id=input.incident_id, level=input.level,
            handled_by=input.handled_by, at=_now(input.at), note=input.note,
        )  # fmt: skip
        return _changed(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="The service works again.")
    async def restore_incident(self, info: Info[Context, None], input: IncidentStepInput) -> IncidentChangeResult:
        done = await change(
            info, HANDLE_INCIDENT, RestoreIncident, incident_id=input.incident_id, at=_now(input.at),
            note=input.note,
        )  # fmt: skip
        return _changed(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="Closes a restored incident with its lessons.")
    async def close_incident(self, info: Info[Context, None], input: CloseIncidentInput) -> IncidentChangeResult:
        done = await change(
            info, CLOSE_INCIDENT, CloseIncident, incident_id=input.incident_id, at=_now(input.at),
            lessons_learned=input.lessons_learned,
        )  # fmt: skip
        return _changed(info, done)

    @strawberry.mutation(
        permission_classes=AUTHENTICATED,
        description="A closed incident's lessons open a nonconformity of the register, its source the incident.",
    )
    async def raise_nonconformity_from_incident(
        self, info: Info[Context, None], input: RaiseNonconformityFromIncidentInput
    ) -> NonconformityChangeResult:
        """For the organisation the incident belongs to, as the viewer's scope shows it: one out of view is answered
        as a missing one."""
        if (refusal := role_refusal(info, RAISE_NONCONFORMITY_FROM_INCIDENT)) is not None:
            return refusal
        try:
            incident_id = parse_id(input.incident_id, "incident_id")
            found = info.context.services.queries.incidents.incident(info.context.scope, incident_id, datetime.now(UTC))
            if found is None:
                raise NotFound("No incident with this id.", "incident_id")
        except DomainError as error:
            return user_error(error)
        done = await change(
            info, RAISE_NONCONFORMITY_FROM_INCIDENT, RaiseNonconformityFromIncident,
            organisation_id=str(found.incident.organisation_id), incident_id=input.incident_id, title=input.title,
            severity=input.severity, description=input.description,
        )  # fmt: skip
        if not isinstance(done, tuple):
            return done
        row = info.context.services.queries.nonconformities.nonconformity(info.context.scope, done[1].aggregate_id)
        if row is None:
            return user_error(NotFound("The nonconformity is saved but is not in your view.", "id"))
        return NonconformityChange(nonconformity=Nonconformity.from_row(row, info.context.services.app.today()))

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="The assets and risks it concerns.")
    async def link_incident(self, info: Info[Context, None], input: LinkIncidentInput) -> IncidentChangeResult:
        try:
            links = _ids(input.asset_ids, "asset_ids"), _ids(input.risk_ids, "risk_ids")
        except DomainError as error:
            return user_error(error)
        done = await change(
            info, HANDLE_INCIDENT, LinkIncident, incident_id=input.incident_id, asset_ids=links[0],
            risk_ids=links[1],
        )  # fmt: skip
        return _changed(info, done)

    @strawberry.mutation(
        permission_classes=AUTHENTICATED,
        description="A new token for the organisation's monitoring; its secret is answered this once.",
    )
    async def issue_monitoring_token(
        self, info: Info[Context, None], input: IssueMonitoringTokenInput
    ) -> MonitoringTokenIssuedResult:
        secret = new_secret()
        done = await change(
            info, MANAGE_MONITORING_TOKENS, IssueMonitoringToken, organisation_id=input.organisation_id,
            key_hash=secret_hash(secret), label=input.label,
        )  # fmt: skip
        if not isinstance(done, tuple):
            return done
        token = _token(info, done[0].organisation_id, done[1].aggregate_id)
        if token is None:
            return user_error(NotFound("The token is saved but is not in your view.", "organisation_id"))
        return MonitoringTokenIssued(monitoring_token=token, secret=secret)

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="The token stops working at once.")
    async def revoke_monitoring_token(
        self, info: Info[Context, None], input: RevokeMonitoringTokenInput
    ) -> MonitoringTokenRevokedResult:
        done = await change(
            info, MANAGE_MONITORING_TOKENS, RevokeMonitoringToken, organisation_id=input.organisation_id,
            token_id=input.token_id,
        )  # fmt: skip
        if not isinstance(done, tuple):
            return done
        token = _token(info, done[0].organisation_id, done[1].aggregate_id)
        if token is None:
            return user_error(NotFound("The token is saved but is not in your view.", "token_id"))
        return MonitoringTokenRevoked(monitoring_token=token)


def _token(info: Info[Context, None], organisation_id: UUID, token_id: UUID) -> MonitoringToken | None:
    rows = info.context.services.queries.incidents.monitoring_tokens(info.context.scope, organisation_id)
    return next((MonitoringToken.from_row(r) for r in rows if r.token_id == token_id), None)


def _changed(info: Info[Context, None], done: tuple[Any, Saved] | Refusal) -> IncidentChangeResult:
    if not isinstance(done, tuple):
        return done
    now = datetime.now(UTC)
    found = info.context.services.queries.incidents.incident(info.context.scope, done[1].aggregate_id, now)
    if found is None:
        return user_error(NotFound("The incident is saved but is not in your view.", "incident_id"))
    return IncidentChange(incident=Incident.from_row(info, found.incident, found))


def _now(at: datetime | None) -> datetime:
    return datetime.now(UTC) if at is None else at


def _ids(values: list[strawberry.ID], field: str) -> tuple[UUID, ...]:
    return tuple(parse_id(str(v), field) for v in values)


def _targets(input: AgreeServiceLevelsInput) -> dict[str, dict[str, int]]:
    table: dict[str, dict[str, int]] = {}
    for given in input.targets:
        if given.severity in table:
            raise ValidationFailed(f"{given.severity}.reaction", "Give each severity once.")
        table[given.severity] = {
            "reaction": given.reaction_minutes,
            "escalation": given.escalation_minutes,
            "recovery": given.recovery_minutes,
        }
    return table
