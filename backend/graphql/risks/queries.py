"""The risk register's reads."""

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
from backend.graphql.core.pagination import PageInfo, check_page_size, cursor_number
from backend.graphql.core.permissions import IsAuthenticated
from backend.graphql.risks import build
from backend.graphql.risks.types import (
    RiskConnection,
    RiskEdge,
    RiskHeatMap,
    RiskMethod,
    RiskOrder,
    RiskOwner,
    RiskResult,
    RiskReview,
    SecurityObjectiveConnection,
    SecurityObjectiveEdge,
    SinceReview,
    TreatmentActionConnection,
    TreatmentActionEdge,
)
from backend.graphql.risks.viewer_can import on_register
from domain.risks.method import DEFAULT_METHOD
from domain.risks.rules import OBJECTIVE_STATUSES, OPTIONS, PROGRESS, STATUSES
from domain.shared.errors import DomainError, NotFound, ValidationFailed
from domain.shared.text import single_line
from projections.risks.queries import DueKey, RiskFilter, RiskKey
from projections.risks.rows import RiskPageRows

SEARCH_MAX_LENGTH = 100
NO_ORGANISATION = "No organisation with this id."
NO_RISK = "No risk with this id."


@strawberry.type
class RisksQuery:
    @strawberry.field(permission_classes=[IsAuthenticated], description="An organisation's risk register, by page.")
    def risks(
        self,
        info: Info[Context, None],
        organisation_id: strawberry.ID,
        first: int = 25,
        after: str | None = None,
        level: int | None = None,
        status: str | None = None,
        owner_id: strawberry.ID | None = None,
        option: str | None = None,
        search: str | None = None,
        order_by: RiskOrder = RiskOrder.TITLE,
    ) -> RiskConnection:
        try:
            organisation = _organisation_in_view(info, organisation_id)
            size, keyset = check_page_size(first), _decode(after, order_by.value)
            owner = parse_id(owner_id, "owner_id") if owner_id else None
            wanted = (_choice("status", status, STATUSES), owner, _choice("option", option, OPTIONS))
            given = RiskFilter(level, *wanted, _search(search), order_by.value)
        except DomainError as error:
            raise _refused(error) from None
        found = info.context.services.queries.risks.risks(info.context.scope, organisation, size, keyset, given)
        return _connection(info, organisation, found, order_by.value)

    @strawberry.field(permission_classes=[IsAuthenticated])
    def risk(self, info: Info[Context, None], id: strawberry.ID) -> RiskResult:
        try:
            row = info.context.services.queries.risks.risk(info.context.scope, parse_id(id, "id"))
            if row is None:
                raise NotFound(NO_RISK, "id")
        except DomainError as error:
            return lookup_refusal(error)
        return build.risks(info, [row])[0]

    @strawberry.field(
        permission_classes=[IsAuthenticated],
        description="The consultancy's risk method: the current version, or the one asked for.",
    )
    def risk_method(self, info: Info[Context, None], version: int | None = None) -> RiskMethod:
        method = info.context.services.queries.risks.method(info.context.scope, version)
        if method is None:
            raise GraphQLError("No method of this version.", extensions={"code": "VALIDATION", "field": "version"})
        return RiskMethod.from_method(method)

    @strawberry.field(permission_classes=[IsAuthenticated], description="Open risks on the current method's matrix.")
    def risk_heat_map(self, info: Info[Context, None], organisation_id: strawberry.ID) -> RiskHeatMap:
        try:
            organisation = _organisation_in_view(info, organisation_id)
        except DomainError as error:
            raise _refused(error) from None
        queries, scope = info.context.services.queries.risks, info.context.scope
        return build.heat_map(queries.method(scope) or DEFAULT_METHOD, queries.heat_map(scope, organisation))

    @strawberry.field(permission_classes=[IsAuthenticated], description="The accounts that may own its risks.")
    def risk_owners(self, info: Info[Context, None], organisation_id: strawberry.ID) -> list[RiskOwner]:
        try:
            organisation = _organisation_in_view(info, organisation_id)
        except DomainError as error:
            raise _refused(error) from None
        rows = info.context.services.queries.risks.owners(info.context.scope, organisation)
        return [RiskOwner(id=strawberry.ID(str(row.account_id)), name=row.name) for row in rows]

    @strawberry.field(permission_classes=[IsAuthenticated], description="The treatment plan's actions, by due date.")
    def treatment_actions(
        self,
        info: Info[Context, None],
        organisation_id: strawberry.ID,
        first: int = 25,
        after: str | None = None,
        status: str | None = None,
    ) -> TreatmentActionConnection:
        try:
            organisation = _organisation_in_view(info, organisation_id)
            size, keyset, wanted = check_page_size(first), _decode_due(after), _choice("status", status, PROGRESS)
        except DomainError as error:
            raise _refused(error) from None
        rows, more = info.context.services.queries.risks.actions(info.context.scope, organisation, size, keyset, wanted)
        nodes = build.actions(info, rows)
        edges = [
            TreatmentActionEdge(cursor=_encode_due(r.due_on, r.action_id), node=n)
            for r, n in zip(rows, nodes, strict=True)
        ]
        return TreatmentActionConnection(
            edges=edges,
            page_info=PageInfo(has_next_page=more, end_cursor=edges[-1].cursor if edges else None),
            overdue_count=sum(1 for node in nodes if node.overdue),
            viewer_can=on_register(info, organisation),
        )

    @strawberry.field(permission_classes=[IsAuthenticated], description="The security objectives, by due date.")
    def security_objectives(
        self,
        info: Info[Context, None],
        organisation_id: strawberry.ID,
        first: int = 25,
        after: str | None = None,
        status: str | None = None,
    ) -> SecurityObjectiveConnection:
        try:
            organisation = _organisation_in_view(info, organisation_id)
            size, keyset = check_page_size(first), _decode_due(after)
            wanted = _choice("status", status, OBJECTIVE_STATUSES)
        except DomainError as error:
            raise _refused(error) from None
        queries = info.context.services.queries.risks
        rows, more = queries.objectives(info.context.scope, organisation, size, keyset, wanted)
        edges = [
            SecurityObjectiveEdge(cursor=_encode_due(r.due_on, r.objective_id), node=build.objective(info, r))
            for r in rows
        ]
        return SecurityObjectiveConnection(
            edges=edges,
            page_info=PageInfo(has_next_page=more, end_cursor=edges[-1].cursor if edges else None),
            viewer_can=on_register(info, organisation),
        )


def _connection(info: Info[Context, None], organisation: UUID, found: RiskPageRows, order: str) -> RiskConnection:
    key_of = info.context.services.queries.risks.key_of
    nodes = build.risks(info, found.rows)
    edges = [RiskEdge(cursor=_encode(key_of(r, order), order), node=n) for r, n in zip(found.rows, nodes, strict=True)]
    review = found.last_review
    last = RiskReview(held_on=review.held_on, notes=review.notes, held_by=review.held_by) if review else None
    return RiskConnection(
        edges=edges,
        page_info=PageInfo(has_next_page=found.has_next_page, end_cursor=edges[-1].cursor if edges else None),
        total_count=found.total,
        register_count=found.register,
        since_review=SinceReview(
            last_review=last,
            new_count=found.new,
            changed_count=found.changed,
            closed_count=found.closed,
        ),
        viewer_can=on_register(info, organisation),
    )


def _refused(error: DomainError) -> GraphQLError:
    """A list's refused argument, named as the client spelled it."""
    return GraphQLError(error.message, extensions={"code": error.code, "field": user_error(error).field})


def _organisation_in_view(info: Info[Context, None], organisation_id: str) -> UUID:
    found = parse_id(organisation_id, "organisation_id")
    if info.context.services.queries.organisations.with_registers(info.context.scope, found) is None:
        raise ValidationFailed("organisation_id", NO_ORGANISATION)  # a list answers no NOT_FOUND: it has no node
    return found


def _choice(field: str, value: str | None, allowed: tuple[str, ...]) -> str | None:
    if value is not None and value not in allowed:
        raise ValidationFailed(field, f"Choose one of: {', '.join(allowed)}.")
    return value


def _search(search: str | None) -> str | None:
    return single_line("search", search, SEARCH_MAX_LENGTH, required=False) or None


def _encode(key: RiskKey, order: str) -> str:
    parts = [order, key.rank, key.sort_title, str(key.risk_id)]
    return base64.urlsafe_b64encode(json.dumps(parts).encode()).decode()


def _decode(cursor: str | None, order: str) -> RiskKey | None:
    if cursor is None:
        return None
    try:
        name, rank, sort_title, risk_id = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        if name != order:
            raise ValueError(name)
        return RiskKey(cursor_number(rank), str(sort_title), UUID(risk_id))
    except (ValueError, TypeError, RecursionError):
        raise ValidationFailed("after", "This is not a cursor given by this API for this order.") from None


def _encode_due(due_on: date, item_id: UUID) -> str:
    return base64.urlsafe_b64encode(json.dumps([due_on.isoformat(), str(item_id)]).encode()).decode()


def _decode_due(cursor: str | None) -> DueKey | None:
    if cursor is None:
        return None
    try:
        due_on, item_id = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        return DueKey(date.fromisoformat(due_on), UUID(item_id))
    except (ValueError, TypeError, RecursionError):
        raise ValidationFailed("after", "This is not a cursor given by this API.") from None
