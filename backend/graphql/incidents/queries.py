"""The incident register's reads. Breaches are measured against the moment the query is asked."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime
from uuid import UUID

import strawberry
from graphql import GraphQLError
from strawberry.types import Info

from backend.graphql.core.context import Context
from backend.graphql.core.errors import lookup_refusal, parse_id, user_error
from backend.graphql.core.pagination import PageInfo, check_page_size, cursor_number
from backend.graphql.core.permissions import IsAuthenticated
from backend.graphql.incidents.types import (
    Incident,
    IncidentConnection,
    IncidentEdge,
    IncidentOrder,
    IncidentResult,
    MonitoringToken,
    ServiceLevels,
    ServiceReport,
    on_register,
)
from domain.incidents.rules import SEVERITIES, STATUSES
from domain.shared.errors import DomainError, NotFound, ValidationFailed
from domain.shared.text import single_line
from projections.incidents.queries import IncidentFilter, IncidentKey
from projections.incidents.rows import IncidentRow

NO_ORGANISATION = "No organisation with this id."
SERVICE_MAX_LENGTH = 200


@strawberry.type
class IncidentsQuery:
    @strawberry.field(permission_classes=[IsAuthenticated], description="An organisation's incidents, by page.")
    def incidents(
        self,
        info: Info[Context, None],
        organisation_id: strawberry.ID,
        first: int = 25,
        after: str | None = None,
        severity: str | None = None,
        status: str | None = None,
        breached: bool | None = None,
        service: str | None = None,
        order_by: IncidentOrder = IncidentOrder.LATEST,
    ) -> IncidentConnection:
        try:
            organisation = _organisation_in_view(info, organisation_id)
            size, keyset = check_page_size(first), _decode(after, order_by)
            given = IncidentFilter(
                _one_of("severity", severity, SEVERITIES), _one_of("status", status, STATUSES), breached,
                _service(service), order_by.value,
            )  # fmt: skip
        except DomainError as error:
            raise _refused(error) from None
        now = datetime.now(UTC)
        found = info.context.services.queries.incidents.incidents(
            info.context.scope, organisation, now, size, keyset, given
        )
        edges = [IncidentEdge(cursor=_encode(r, order_by), node=Incident.from_row(info, r)) for r in found.rows]
        return IncidentConnection(
            edges=edges,
            page_info=PageInfo(has_next_page=found.has_next, end_cursor=edges[-1].cursor if edges else None),
            viewer_can=on_register(info, organisation),
        )

    @strawberry.field(permission_classes=[IsAuthenticated], description="One incident with its timeline.")
    def incident(self, info: Info[Context, None], id: strawberry.ID) -> IncidentResult:
        try:
            found = info.context.services.queries.incidents.incident(
                info.context.scope, parse_id(id, "id"), datetime.now(UTC)
            )
            if found is None:
                raise NotFound("No incident with this id.", "id")
        except DomainError as error:
            return lookup_refusal(error)
        return Incident.from_row(info, found.incident, found)

    @strawberry.field(permission_classes=[IsAuthenticated], description="Null while none are agreed.")
    def service_levels(self, info: Info[Context, None], organisation_id: strawberry.ID) -> ServiceLevels | None:
        try:
            organisation = _organisation_in_view(info, organisation_id)
        except DomainError as error:
            raise _refused(error) from None
        row = info.context.services.queries.incidents.service_levels(info.context.scope, organisation)
        return None if row is None else ServiceLevels.from_row(row)

    @strawberry.field(permission_classes=[IsAuthenticated], description="Its monitoring tokens, latest first.")
    def monitoring_tokens(self, info: Info[Context, None], organisation_id: strawberry.ID) -> list[MonitoringToken]:
        try:
            organisation = _organisation_in_view(info, organisation_id)
        except DomainError as error:
            raise _refused(error) from None
        rows = info.context.services.queries.incidents.monitoring_tokens(info.context.scope, organisation)
        return [MonitoringToken.from_row(r) for r in rows]

    @strawberry.field(permission_classes=[IsAuthenticated], description="The services named by its incidents.")
    def incident_services(self, info: Info[Context, None], organisation_id: strawberry.ID) -> list[str]:
        try:
            organisation = _organisation_in_view(info, organisation_id)
        except DomainError as error:
            raise _refused(error) from None
        return info.context.services.queries.incidents.services(info.context.scope, organisation)

    @strawberry.field(permission_classes=[IsAuthenticated], description="One service's month (YYYY-MM, UTC).")
    def service_report(
        self, info: Info[Context, None], organisation_id: strawberry.ID, service: str, month: str
    ) -> ServiceReport:
        try:
            organisation = _organisation_in_view(info, organisation_id)
            start, end = month_bounds(month)
            name = single_line("service", service, SERVICE_MAX_LENGTH)
        except DomainError as error:
            raise _refused(error) from None
        now = datetime.now(UTC)
        row = info.context.services.queries.incidents.monthly_figures(
            info.context.scope, organisation, name, start, end, now
        )
        return ServiceReport.from_row(row, now)


def month_bounds(month: str) -> tuple[datetime, datetime]:
    try:
        start = datetime.strptime(month, "%Y-%m").replace(tzinfo=UTC)
    except ValueError:
        raise ValidationFailed("month", "Give the month as YYYY-MM.") from None
    if not 2000 <= start.year <= 2199:
        raise ValidationFailed("month", "Give a month from 2000.")
    end = start.replace(year=start.year + 1, month=1) if start.month == 12 else start.replace(month=start.month + 1)
    return start, end


def _refused(error: DomainError) -> GraphQLError:
    return GraphQLError(error.message, extensions={"code": error.code, "field": user_error(error).field})


def _organisation_in_view(info: Info[Context, None], organisation_id: str) -> UUID:
    found = parse_id(organisation_id, "organisation_id")
    if info.context.services.queries.organisations.with_registers(info.context.scope, found) is None:
        raise ValidationFailed("organisation_id", NO_ORGANISATION)
    return found


def _one_of(field: str, value: str | None, allowed: tuple[str, ...]) -> str | None:
    if value is not None and value not in allowed:
        raise ValidationFailed(field, f"Choose one of: {', '.join(allowed)}.")
    return value


def _service(service: str | None) -> str | None:
    return single_line("service", service, SERVICE_MAX_LENGTH, required=False) or None


def _encode(row: IncidentRow, order: IncidentOrder) -> str:
    parts = [order.value, row.severity_rank, row.reported_at.isoformat(), row.sort_title, str(row.incident_id)]
    return base64.urlsafe_b64encode(json.dumps(parts).encode()).decode()


def _decode(cursor: str | None, order: IncidentOrder) -> IncidentKey | None:
    if cursor is None:
        return None
    try:
        name, rank, reported_at, sort_title, incident_id = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        if name != order.value:
            raise ValueError(name)
        at = datetime.fromisoformat(str(reported_at))
        return IncidentKey(cursor_number(rank), at, str(sort_title), UUID(str(incident_id)))
    except (ValueError, TypeError, RecursionError):
        raise ValidationFailed("after", "This is not a cursor given by this API for this order.") from None
