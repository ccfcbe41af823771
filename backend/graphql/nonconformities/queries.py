"""The nonconformity register's reads."""

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
from backend.graphql.nonconformities.types import (
    Nonconformity,
    NonconformityConnection,
    NonconformityEdge,
    NonconformityOrder,
    NonconformityResult,
)
from backend.graphql.nonconformities.viewer_can import on_register
from domain.nonconformities.rules import SEVERITIES, SOURCE_KINDS
from domain.shared.errors import DomainError, NotFound, ValidationFailed
from projections.nonconformities.queries import NonconformityFilter, NonconformityKey

STATUSES = ("open", "analysed", "closed")


@strawberry.type
class NonconformitiesQuery:
    @strawberry.field(permission_classes=[IsAuthenticated], description="An organisation's nonconformities, by page.")
    def nonconformities(
        self,
        info: Info[Context, None],
        organisation_id: strawberry.ID,
        first: int = 25,
        after: str | None = None,
        status: str | None = None,
        severity: str | None = None,
        source_kind: str | None = None,
        overdue: bool = False,
        order_by: NonconformityOrder = NonconformityOrder.TITLE,
    ) -> NonconformityConnection:
        today = info.context.services.app.today()
        try:
            organisation = _organisation_in_view(info, organisation_id)
            size, keyset = check_page_size(first), _decode(after, order_by)
            given = NonconformityFilter(
                _one_of("status", status, STATUSES),
                _one_of("severity", severity, SEVERITIES),
                _one_of("source_kind", source_kind, SOURCE_KINDS),
                today if overdue else None,
                order_by.value,
            )
        except DomainError as error:
            raise GraphQLError(
                error.message, extensions={"code": error.code, "field": user_error(error).field}
            ) from None
        queries = info.context.services.queries.nonconformities
        found = queries.nonconformities(info.context.scope, organisation, size, keyset, given)
        edges = [
            NonconformityEdge(
                cursor=_encode(queries.key_of(row, order_by.value), order_by), node=Nonconformity.from_row(row, today)
            )
            for row in found.rows
        ]
        return NonconformityConnection(
            edges=edges,
            page_info=PageInfo(has_next_page=found.has_next_page, end_cursor=edges[-1].cursor if edges else None),
            total_count=found.total,
            viewer_can=on_register(info, organisation),
        )

    @strawberry.field(permission_classes=[IsAuthenticated])
    def nonconformity(self, info: Info[Context, None], id: strawberry.ID) -> NonconformityResult:
        try:
            row = info.context.services.queries.nonconformities.nonconformity(info.context.scope, parse_id(id, "id"))
            if row is None:
                raise NotFound("No nonconformity with this id.", "id")
        except DomainError as error:
            return lookup_refusal(error)
        return Nonconformity.from_row(row, info.context.services.app.today())


def _organisation_in_view(info: Info[Context, None], organisation_id: str) -> UUID:
    found = parse_id(organisation_id, "organisation_id")
    if info.context.services.queries.organisations.with_registers(info.context.scope, found) is None:
        raise ValidationFailed("organisation_id", "No organisation with this id.")
    return found


def _one_of(field: str, value: str | None, allowed: tuple[str, ...]) -> str | None:
    if value is not None and value not in allowed:
        raise ValidationFailed(field, f"Choose one of: {', '.join(allowed)}.")
    return value


def _encode(key: NonconformityKey, order: NonconformityOrder) -> str:
    parts = [order.value, key.value, str(key.nonconformity_id)]
    return base64.urlsafe_b64encode(json.dumps(parts).encode()).decode()


def _decode(cursor: str | None, order: NonconformityOrder) -> NonconformityKey | None:
    if cursor is None:
        return None
    try:
        name, value, identifier = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        if name != order.value or not isinstance(value, str) or len(value) > 200:
            raise ValueError(name)
        if order == NonconformityOrder.DUE:
            date.fromisoformat(value)
        return NonconformityKey(value, UUID(identifier))
    except (ValueError, TypeError, RecursionError):
        raise ValidationFailed("after", "This is not a cursor given by this API for this order.") from None
