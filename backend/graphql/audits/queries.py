"""The internal audits' reads."""

from __future__ import annotations

import base64
import json
from datetime import date
from uuid import UUID

import strawberry
from graphql import GraphQLError
from strawberry.types import Info

from backend.graphql.audits.types import (
    Audit,
    AuditConnection,
    AuditEdge,
    AuditOrder,
    AuditProgramme,
    AuditProgrammeResult,
    AuditResult,
    IsmsPerson,
)
from backend.graphql.audits.viewer_can import on_audits
from backend.graphql.core.context import Context
from backend.graphql.core.errors import lookup_refusal, parse_id, user_error
from backend.graphql.core.pagination import PageInfo, check_page_size
from backend.graphql.core.permissions import IsAuthenticated
from domain.shared.errors import DomainError, NotFound, ValidationFailed
from domain.shared.text import single_line
from projections.audits.queries import AuditFilter, AuditKey

SEARCH_MAX_LENGTH = 100
STATUSES = ("planned", "completed")


@strawberry.type
class AuditsQuery:
    @strawberry.field(permission_classes=[IsAuthenticated], description="An organisation's audits, by page.")
    def audits(
        self,
        info: Info[Context, None],
        organisation_id: strawberry.ID,
        first: int = 25,
        after: str | None = None,
        year: int | None = None,
        status: str | None = None,
        search: str | None = None,
        order_by: AuditOrder = AuditOrder.DATE,
    ) -> AuditConnection:
        try:
            organisation = organisation_in_view(info, organisation_id)
            size, keyset = check_page_size(first), _decode(after, order_by)
            if status is not None and status not in STATUSES:
                raise ValidationFailed("status", f"Choose one of: {', '.join(STATUSES)}.")
            searched = single_line("search", search, SEARCH_MAX_LENGTH, required=False) or None
        except DomainError as error:
            raise refused(error) from None
        queries, scope = info.context.services.queries.audits, info.context.scope
        found = queries.audits(scope, organisation, size, keyset, AuditFilter(year, status, searched, order_by.value))
        edges = [
            AuditEdge(cursor=_encode(queries.key_of(row, order_by.value), order_by), node=Audit.from_row(row))
            for row in found.rows
        ]
        return AuditConnection(
            edges=edges,
            page_info=PageInfo(has_next_page=found.has_next_page, end_cursor=edges[-1].cursor if edges else None),
            total_count=found.total,
            programmes=[AuditProgramme.from_row(row) for row in queries.programmes(scope, organisation)],
            viewer_can=on_audits(info, organisation),
        )

    @strawberry.field(
        permission_classes=[IsAuthenticated],
        description="Who may own an area, audit it or own a corrective action: the organisation's active member "
        "accounts, the coach of a cluster it belongs to and the consultancy's active admins.",
    )
    def isms_people(self, info: Info[Context, None], organisation_id: strawberry.ID) -> list[IsmsPerson]:
        try:
            organisation = organisation_in_view(info, organisation_id)
        except DomainError as error:
            raise refused(error) from None
        rows = info.context.services.queries.audits.people(info.context.scope, organisation)
        return [IsmsPerson(id=strawberry.ID(str(account)), name=name) for account, name in rows]

    @strawberry.field(permission_classes=[IsAuthenticated])
    def audit(self, info: Info[Context, None], id: strawberry.ID) -> AuditResult:
        try:
            row = info.context.services.queries.audits.audit(info.context.scope, parse_id(id, "id"))
            if row is None:
                raise NotFound("No audit with this id.", "id")
        except DomainError as error:
            return lookup_refusal(error)
        return Audit.from_row(row)

    @strawberry.field(permission_classes=[IsAuthenticated])
    def audit_programme(self, info: Info[Context, None], id: strawberry.ID) -> AuditProgrammeResult:
        try:
            row = info.context.services.queries.audits.programme(info.context.scope, parse_id(id, "id"))
            if row is None:
                raise NotFound("No audit programme with this id.", "id")
        except DomainError as error:
            return lookup_refusal(error)
        return AuditProgramme.from_row(row)


def refused(error: DomainError) -> GraphQLError:
    """A list's refused argument, named as the client spelled it."""
    return GraphQLError(error.message, extensions={"code": error.code, "field": user_error(error).field})


def organisation_in_view(info: Info[Context, None], organisation_id: str) -> UUID:
    found = parse_id(organisation_id, "organisation_id")
    if info.context.services.queries.organisations.with_registers(info.context.scope, found) is None:
        raise ValidationFailed("organisation_id", "No organisation with this id.")
    return found


def _encode(key: AuditKey, order: AuditOrder) -> str:
    return base64.urlsafe_b64encode(json.dumps([order.value, key.value, str(key.audit_id)]).encode()).decode()


def _decode(cursor: str | None, order: AuditOrder) -> AuditKey | None:
    if cursor is None:
        return None
    try:
        name, value, audit_id = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        if name != order.value or not isinstance(value, str) or len(value) > 200:
            raise ValueError(name)
        if order == AuditOrder.DATE:
            date.fromisoformat(value)
        return AuditKey(value, UUID(audit_id))
    except (ValueError, TypeError, RecursionError):
        raise ValidationFailed("after", "This is not a cursor given by this API for this order.") from None
