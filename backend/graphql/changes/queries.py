"""The change log's reads."""

from __future__ import annotations

import base64
import json
from uuid import UUID

import strawberry
from graphql import GraphQLError
from strawberry.types import Info

from backend.graphql.changes.types import (
    Change,
    ChangeBoardMember,
    ChangeConnection,
    ChangeEdge,
    ChangeOrder,
    ChangeResult,
    ChangeRules,
    StandardChange,
    on_log,
)
from backend.graphql.core.context import Context
from backend.graphql.core.errors import lookup_refusal, parse_id, user_error
from backend.graphql.core.pagination import PageInfo, check_page_size, cursor_number
from backend.graphql.core.permissions import IsAuthenticated
from domain.changes.rules import CATEGORIES, RISKS, STATUSES
from domain.shared.errors import DomainError, NotFound, ValidationFailed
from projections.changes.queries import ChangeFilter

NO_ORGANISATION = "No organisation with this id."
NO_CHANGE = "No change with this id."


@strawberry.type
class ChangesQuery:
    @strawberry.field(permission_classes=[IsAuthenticated], description="An organisation's change log, by page.")
    def changes(
        self,
        info: Info[Context, None],
        organisation_id: strawberry.ID,
        first: int = 25,
        after: str | None = None,
        category: str | None = None,
        risk: str | None = None,
        status: str | None = None,
        order_by: ChangeOrder = ChangeOrder.NEWEST,
    ) -> ChangeConnection:
        try:
            organisation = organisation_in_view(info, organisation_id)
            size, keyset = check_page_size(first), _decode(after, order_by.value)
            given = ChangeFilter(
                _choice("category", category, CATEGORIES),
                _choice("risk", risk, RISKS),
                _choice("status", status, STATUSES),
                order_by.value,
            )
        except DomainError as error:
            raise _refused(error) from None
        found = info.context.services.queries.changes.changes(info.context.scope, organisation, size, keyset, given)
        edges = [ChangeEdge(cursor=_encode(r.number, order_by.value), node=Change.from_row(r)) for r in found.rows]
        return ChangeConnection(
            edges=edges,
            page_info=PageInfo(has_next_page=found.has_next_page, end_cursor=edges[-1].cursor if edges else None),
            total_count=found.total,
            viewer_can=on_log(info, organisation),
        )

    @strawberry.field(permission_classes=[IsAuthenticated])
    def change(self, info: Info[Context, None], id: strawberry.ID) -> ChangeResult:
        try:
            row = info.context.services.queries.changes.change(info.context.scope, parse_id(id, "id"))
            if row is None:
                raise NotFound(NO_CHANGE, "id")
        except DomainError as error:
            return lookup_refusal(error)
        return Change.from_row(row)

    @strawberry.field(
        permission_classes=[IsAuthenticated],
        description="The organisation's Change Advisory Board and its catalogue of standard changes.",
    )
    def change_rules(self, info: Info[Context, None], organisation_id: strawberry.ID) -> ChangeRules:
        try:
            organisation = organisation_in_view(info, organisation_id)
        except DomainError as error:
            raise _refused(error) from None
        return rules_of(info, organisation)


def rules_of(info: Info[Context, None], organisation: UUID) -> ChangeRules:
    queries, scope = info.context.services.queries.changes, info.context.scope
    return ChangeRules(
        board=[
            ChangeBoardMember(id=strawberry.ID(str(m.member_id)), name=m.name)
            for m in queries.board(scope, organisation)
        ],
        standard_changes=[
            StandardChange(id=strawberry.ID(s.standard_change_id), title=s.title, procedure=s.procedure)
            for s in queries.standard_changes(scope, organisation)
        ],
        viewer_can=on_log(info, organisation),
    )


def organisation_in_view(info: Info[Context, None], organisation_id: str) -> UUID:
    found = parse_id(organisation_id, "organisation_id")
    if info.context.services.queries.organisations.with_registers(info.context.scope, found) is None:
        raise ValidationFailed("organisation_id", NO_ORGANISATION)  # a list answers no NOT_FOUND: it has no node
    return found


def _refused(error: DomainError) -> GraphQLError:
    return GraphQLError(error.message, extensions={"code": error.code, "field": user_error(error).field})


def _choice(field: str, value: str | None, allowed: tuple[str, ...]) -> str | None:
    if value is not None and value not in allowed:
        raise ValidationFailed(field, f"Choose one of: {', '.join(allowed)}.")
    return value


def _encode(number: int, order: str) -> str:
    return base64.urlsafe_b64encode(json.dumps([order, number]).encode()).decode()


def _decode(cursor: str | None, order: str) -> int | None:
    if cursor is None:
        return None
    try:
        name, number = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        if name != order:
            raise ValueError(name)
        return cursor_number(number)
    except (ValueError, TypeError, RecursionError):
        raise ValidationFailed("after", "This is not a cursor given by this API for this order.") from None
