"""The trail's reads: an item's trail, in view exactly when the item is, and the whole trail for the admins."""

from __future__ import annotations

from datetime import date

import strawberry
from strawberry.types import Info

from backend.graphql.core.context import Context
from backend.graphql.core.errors import (
    ErrorCode,
    ForbiddenError,
    ValidationError,
    lookup_refusal,
    parse_id,
    user_error,
)
from backend.graphql.core.pagination import PageInfo, check_page_size
from backend.graphql.core.permissions import IsAuthenticated
from backend.graphql.trail.actions import READ_WHOLE_TRAIL
from backend.graphql.trail.cursors import trail_after, trail_cursor
from backend.graphql.trail.types import (
    AuditTrailFilter,
    AuditTrailResult,
    ItemTrailResult,
    TrailEvent,
    TrailEventConnection,
    TrailEventEdge,
)
from backend.policy import may
from domain.shared.errors import DomainError, NotFound, ValidationFailed
from projections.trail.events import REGISTERS
from projections.trail.queries import TrailFilter
from projections.trail.rows import TrailPage


@strawberry.type
class TrailQuery:
    @strawberry.field(
        permission_classes=[IsAuthenticated],
        description="An item's recorded events, newest first: in view exactly when the item is.",
    )
    def item_trail(
        self, info: Info[Context, None], id: strawberry.ID, first: int = 20, after: str | None = None
    ) -> ItemTrailResult:
        try:
            item_id, size, position = parse_id(id, "id"), check_page_size(first), trail_after(after)
            queries, admin = info.context.services.queries.trail, may(info.context.signed_in, READ_WHOLE_TRAIL)
            found = queries.item_trail(info.context.scope, item_id, size, position, with_accounts=admin)
            if not found.rows and position is None:
                raise NotFound("No item with this id.", "id")
        except DomainError as error:
            return lookup_refusal(error)
        return _connection(found)

    @strawberry.field(
        permission_classes=[IsAuthenticated],
        description="The consultancy's whole trail, newest first, by person, register and period (admins).",
    )
    def audit_trail(
        self,
        info: Info[Context, None],
        filter: AuditTrailFilter | None = None,
        first: int = 25,
        after: str | None = None,
    ) -> AuditTrailResult:
        if not may(info.context.signed_in, READ_WHOLE_TRAIL):
            refused = f"You may not {READ_WHOLE_TRAIL.description}."
            return ForbiddenError(code=ErrorCode.FORBIDDEN, message=refused, field=None)
        try:
            given, size, position = _filter(filter or AuditTrailFilter()), check_page_size(first), trail_after(after)
        except DomainError as error:
            return _refused_filter(error)
        found = info.context.services.queries.trail.trail(info.context.scope, size, position, given, with_accounts=True)
        return _connection(found)

    @strawberry.field(permission_classes=[IsAuthenticated], description="The registers the trail can be filtered by.")
    def audit_trail_registers(self) -> list[str]:
        return list(REGISTERS)


def _filter(given: AuditTrailFilter) -> TrailFilter:
    account_id = None if not given.account_id else parse_id(given.account_id, "filter.accountId")
    if given.register and given.register not in REGISTERS:
        raise ValidationFailed("filter.register", f"Choose one of: {', '.join(REGISTERS)}.")
    _check_period(given.from_, given.to)
    return TrailFilter(account_id, given.register or None, given.from_, given.to)


def _refused_filter(error: DomainError) -> ValidationError:
    refusal = user_error(error)
    if isinstance(refusal, ValidationError):
        return refusal
    raise error


def _check_period(start: date | None, end: date | None) -> None:
    if start is not None and end is not None and start > end:
        raise ValidationFailed("filter.to", "The period ends before it starts: give a last day on or after the first.")


def _connection(found: TrailPage) -> TrailEventConnection:
    edges = [TrailEventEdge(cursor=trail_cursor(row.position), node=TrailEvent.from_row(row)) for row in found.rows]
    end = edges[-1].cursor if edges else None
    return TrailEventConnection(edges=edges, page_info=PageInfo(has_next_page=found.has_next_page, end_cursor=end))
