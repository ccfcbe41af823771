"""The monitoring and measurement register's reads."""

from __future__ import annotations

import base64
import json
from datetime import date
from uuid import UUID

import strawberry
from graphql import GraphQLError
from strawberry.types import Info

from backend.graphql.core.context import Context
from backend.graphql.core.errors import lookup_refusal, parse_id, user_error
from backend.graphql.core.pagination import PageInfo, check_page_size
from backend.graphql.core.permissions import IsAuthenticated
from backend.graphql.metrics.types import Metric, MetricConnection, MetricEdge, MetricOrder, MetricResult
from backend.graphql.metrics.viewer_can import on_register
from domain.shared.errors import DomainError, NotFound, ValidationFailed
from projections.metrics.queries import MetricFilter, MetricKey

STATUSES = ("active", "retired")


@strawberry.type
class MetricsQuery:
    @strawberry.field(permission_classes=[IsAuthenticated], description="An organisation's metrics, by page.")
    def metrics(
        self,
        info: Info[Context, None],
        organisation_id: strawberry.ID,
        first: int = 25,
        after: str | None = None,
        status: str | None = None,
        missed: bool = False,
        overdue: bool = False,
        owner_id: strawberry.ID | None = None,
        order_by: MetricOrder = MetricOrder.NAME,
    ) -> MetricConnection:
        today = info.context.services.app.today()
        try:
            organisation = _organisation_in_view(info, organisation_id)
            size, keyset = check_page_size(first), _decode(after, order_by)
            if status is not None and status not in STATUSES:
                raise ValidationFailed("status", f"Choose one of: {', '.join(STATUSES)}.")
            owner = None if owner_id is None else parse_id(owner_id, "owner_id")
            given = MetricFilter(status, missed, today if overdue else None, owner, order_by.value)
        except DomainError as error:
            raise GraphQLError(
                error.message, extensions={"code": error.code, "field": user_error(error).field}
            ) from None
        queries = info.context.services.queries.metrics
        found = queries.metrics(info.context.scope, organisation, size, keyset, given)
        edges = [
            MetricEdge(cursor=_encode(queries.key_of(row, order_by.value), order_by), node=Metric.from_row(row, today))
            for row in found.rows
        ]
        return MetricConnection(
            edges=edges,
            page_info=PageInfo(has_next_page=found.has_next_page, end_cursor=edges[-1].cursor if edges else None),
            total_count=found.total,
            viewer_can=on_register(info, organisation),
        )

    @strawberry.field(permission_classes=[IsAuthenticated])
    def metric(self, info: Info[Context, None], id: strawberry.ID) -> MetricResult:
        try:
            row = info.context.services.queries.metrics.metric(info.context.scope, parse_id(id, "id"))
            if row is None:
                raise NotFound("No metric with this id.", "id")
        except DomainError as error:
            return lookup_refusal(error)
        return Metric.from_row(row, info.context.services.app.today())


def _organisation_in_view(info: Info[Context, None], organisation_id: str) -> UUID:
    found = parse_id(organisation_id, "organisation_id")
    if info.context.services.queries.organisations.with_registers(info.context.scope, found) is None:
        raise ValidationFailed("organisation_id", "No organisation with this id.")
    return found


def _encode(key: MetricKey, order: MetricOrder) -> str:
    parts = [order.value, key.value, str(key.metric_id)]
    return base64.urlsafe_b64encode(json.dumps(parts).encode()).decode()


def _decode(cursor: str | None, order: MetricOrder) -> MetricKey | None:
    if cursor is None:
        return None
    try:
        name, value, identifier = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        if name != order.value or not isinstance(value, str) or len(value) > 200:
            raise ValueError(name)
        if order == MetricOrder.DUE:
            date.fromisoformat(value)
        return MetricKey(value, UUID(identifier))
    except (ValueError, TypeError, RecursionError):
        raise ValidationFailed("after", "This is not a cursor given by this API for this order.") from None
