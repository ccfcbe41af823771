"""Comparing a register at two moments: both read models as of them, the same scope filter on each."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial
from typing import Annotated
from uuid import UUID

import anyio.to_thread
import strawberry
from strawberry.types import Info

from backend.graphql.core.context import Context
from backend.graphql.core.errors import lookup_refusal, parse_id
from backend.graphql.core.pagination import PageInfo, check_page_size
from backend.graphql.core.permissions import IsAuthenticated
from backend.graphql.history.types import (
    RegisterChanges,
    RegisterChangesResult,
    RegisterItemChange,
    RegisterItemChangeEdge,
    decode_cursor,
    encode_cursor,
)
from backend.history.as_of import check_past, moment_of
from backend.history.compare import ChangeKind, ItemChange, register_changes
from backend.services import Services
from domain.shared.errors import DomainError, NotFound, ValidationFailed, every_check
from projections.features import COMPARED_REGISTERS
from projections.queries import Scope

UNKNOWN_REGISTER = "Choose one of the registers: " + ", ".join(COMPARED_REGISTERS) + "."
FROM_AFTER_TO = "Give a from moment before the to moment."


@strawberry.type
class HistoryQuery:
    @strawberry.field(
        permission_classes=[IsAuthenticated],
        description="What changed in an organisation's register between two recorded moments: each item added, "
        "changed (field by field) or removed. Not found for an organisation whose registers are out of view.",
    )
    async def register_changes(
        self,
        info: Info[Context, None],
        organisation_id: strawberry.ID,
        register: str,
        from_: Annotated[datetime, strawberry.argument(name="from")],
        to: datetime,
        first: int = 50,
        after: str | None = None,
    ) -> RegisterChangesResult:
        context = info.context
        try:
            organisation, start, end, size, cursor = every_check(
                lambda: parse_id(organisation_id, "organisation_id"),
                lambda: _past(from_, "from"),
                lambda: _past(to, "to"),
                lambda: check_page_size(first),
                lambda: decode_cursor(after),
            )
            if register not in COMPARED_REGISTERS:
                raise ValidationFailed("register", UNKNOWN_REGISTER)
            if start >= end:
                raise ValidationFailed("from", FROM_AFTER_TO)
            if context.services.queries.organisations.with_registers(context.scope, organisation) is None:
                raise NotFound("No organisation with this id.", "organisation_id")
            compute = partial(_changes, context.live_services, context.scope, register, organisation, start, end)
            changes = await anyio.to_thread.run_sync(compute)
        except DomainError as error:
            return lookup_refusal(error)
        return _page(register, start, end, changes, size, cursor)


def _past(moment: datetime, field: str) -> datetime:
    exact = moment_of(moment)
    check_past(exact, datetime.now(UTC), field)
    return exact


def _changes(
    services: Services, scope: Scope, register: str, organisation: UUID, start: datetime, end: datetime
) -> list[ItemChange]:
    assert services.history is not None
    before = services.history.queries(scope.tenant_id, start)
    after = services.history.queries(scope.tenant_id, end)
    changes = register_changes(before, after, scope, register, organisation)
    return sorted(changes, key=lambda change: (change.table, change.key))


def _page(
    register: str,
    start: datetime,
    end: datetime,
    changes: list[ItemChange],
    size: int,
    cursor: tuple[str, str] | None,
) -> RegisterChanges:
    rest = [c for c in changes if cursor is None or (c.table, c.key) > cursor]
    shown = rest[:size]
    edges = [RegisterItemChangeEdge(cursor=encode_cursor(c), node=RegisterItemChange.of(c)) for c in shown]
    return RegisterChanges(
        register=register,
        from_=start,
        to=end,
        total_count=len(changes),
        added=sum(c.kind is ChangeKind.ADDED for c in changes),
        changed=sum(c.kind is ChangeKind.CHANGED for c in changes),
        removed=sum(c.kind is ChangeKind.REMOVED for c in changes),
        edges=edges,
        page_info=PageInfo(has_next_page=len(rest) > size, end_cursor=edges[-1].cursor if edges else None),
    )
