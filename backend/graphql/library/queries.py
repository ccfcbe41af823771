"""The library's reads: everyone signed in to the consultancy reads its library."""

from __future__ import annotations

import strawberry
from graphql import GraphQLError
from strawberry.types import Info

from backend.graphql.core.context import Context
from backend.graphql.core.errors import lookup_refusal, parse_id
from backend.graphql.core.pagination import PageInfo, check_page_size
from backend.graphql.core.permissions import IsAuthenticated
from backend.graphql.library.actions import KEEP_LIBRARY
from backend.graphql.library.cursors import item_after, item_cursor
from backend.graphql.library.types import (
    LibraryItem,
    LibraryItemConnection,
    LibraryItemEdge,
    LibraryItemResult,
    LibraryKindCount,
    LibraryOrder,
    LibraryViewerCan,
)
from backend.policy import may
from domain.library.rules import KINDS
from domain.shared.errors import DomainError, NotFound, ValidationFailed
from domain.shared.text import single_line
from projections.library.queries import LibraryFilter
from projections.library.rows import LibraryPageRows

SEARCH_MAX_LENGTH = 100


@strawberry.type
class LibraryQuery:
    @strawberry.field(permission_classes=[IsAuthenticated], description="A kind's items of the library, by page.")
    def library_items(
        self,
        info: Info[Context, None],
        kind: str,
        first: int = 25,
        after: str | None = None,
        retired: bool = False,
        search: str | None = None,
        order_by: LibraryOrder = LibraryOrder.TITLE,
    ) -> LibraryItemConnection:
        return _items(info, kind, first, after, retired, search, order_by)

    @strawberry.field(
        permission_classes=[IsAuthenticated],
        description="The risk scenarios in use, by title: what the risk register copies from (recording each one's "
        "id and version as its source).",
    )
    def library_risk_scenarios(
        self, info: Info[Context, None], first: int = 25, after: str | None = None
    ) -> LibraryItemConnection:
        return _items(info, "risk_scenario", first, after, False, None, LibraryOrder.TITLE)

    @strawberry.field(permission_classes=[IsAuthenticated])
    def library_item(self, info: Info[Context, None], id: strawberry.ID) -> LibraryItemResult:
        try:
            row = info.context.services.queries.library.item(info.context.scope, parse_id(id, "id"))
            if row is None:
                raise NotFound("No library item with this id.", "id")
        except DomainError as error:
            return lookup_refusal(error)
        return LibraryItem.from_row(row)

    @strawberry.field(permission_classes=[IsAuthenticated], description="Items in use, by kind, every kind listed.")
    def library_counts(self, info: Info[Context, None]) -> list[LibraryKindCount]:
        counts = info.context.services.queries.library.counts(info.context.scope)
        return [LibraryKindCount(kind=kind, count=counts.get(kind, 0)) for kind in KINDS]

    @strawberry.field(permission_classes=[IsAuthenticated])
    def library_viewer_can(self, info: Info[Context, None]) -> LibraryViewerCan:
        return LibraryViewerCan(add=may(info.context.signed_in, KEEP_LIBRARY))


def _items(
    info: Info[Context, None], kind: str, first: int, after: str | None, retired: bool, search: str | None,
    order_by: LibraryOrder,
) -> LibraryItemConnection:  # fmt: skip
    try:
        given = LibraryFilter(_kind(kind), retired, _search(search), order_by.value)
        size, keyset = check_page_size(first), item_after(after, order_by.value)
    except DomainError as error:
        raise GraphQLError(error.message, extensions={"code": error.code, "field": error.field}) from None
    found = info.context.services.queries.library.items(info.context.scope, size, keyset, given)
    return _connection(info, found, order_by.value)


def _connection(info: Info[Context, None], found: LibraryPageRows, order: str) -> LibraryItemConnection:
    queries = info.context.services.queries.library
    edges = [
        LibraryItemEdge(cursor=item_cursor(queries.key_of(row, order), order), node=LibraryItem.from_row(row))
        for row in found.rows
    ]
    end = edges[-1].cursor if edges else None
    return LibraryItemConnection(
        edges=edges, page_info=PageInfo(has_next_page=found.has_next_page, end_cursor=end), total_count=found.total
    )


def _kind(kind: str) -> str:
    if kind not in KINDS:
        raise ValidationFailed("kind", f"Choose one of: {', '.join(KINDS)}.")
    return kind


def _search(search: str | None) -> str | None:
    return single_line("search", search, SEARCH_MAX_LENGTH, required=False) or None
