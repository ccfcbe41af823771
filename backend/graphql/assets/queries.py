"""The asset inventory's reads."""

from __future__ import annotations

import base64
import json
from uuid import UUID

import strawberry
from graphql import GraphQLError
from strawberry.types import Info

from backend.graphql.assets.files import inventory_file
from backend.graphql.assets.types import (
    Asset,
    AssetConnection,
    AssetEdge,
    AssetExport,
    AssetOrder,
    AssetResult,
    ClassificationScales,
    InventoryViewerCan,
)
from backend.graphql.assets.viewer_can import on_inventory
from backend.graphql.core.context import Context
from backend.graphql.core.errors import lookup_refusal, parse_id, user_error
from backend.graphql.core.pagination import PageInfo, check_page_size
from backend.graphql.core.permissions import IsAuthenticated
from domain.assets.rules import KINDS
from domain.shared.errors import DomainError, NotFound, ValidationFailed
from domain.shared.text import single_line
from projections.assets.queries import AssetFilter, AssetKey
from projections.assets.rows import AssetPageRows

SEARCH_MAX_LENGTH = 100
NO_ORGANISATION = "No organisation with this id."


@strawberry.type
class AssetsQuery:
    @strawberry.field(permission_classes=[IsAuthenticated], description="An organisation's inventory, by page.")
    def assets(
        self,
        info: Info[Context, None],
        organisation_id: strawberry.ID,
        first: int = 25,
        after: str | None = None,
        kind: str | None = None,
        classified: bool | None = None,
        search: str | None = None,
        order_by: AssetOrder = AssetOrder.NAME,
    ) -> AssetConnection:
        try:
            organisation = _organisation_in_view(info, organisation_id)
            size, keyset = check_page_size(first), _decode(after, order_by)
            given = AssetFilter(_kind(kind), classified, _search(search), order_by.value)
        except DomainError as error:
            raise _refused(error) from None
        found = info.context.services.queries.assets.assets(info.context.scope, organisation, size, keyset, given)
        return _connection(info, organisation, found, order_by)

    @strawberry.field(permission_classes=[IsAuthenticated])
    def asset(self, info: Info[Context, None], id: strawberry.ID) -> AssetResult:
        try:
            row = info.context.services.queries.assets.asset(info.context.scope, parse_id(id, "id"))
            if row is None:
                raise NotFound("No asset with this id.", "id")
        except DomainError as error:
            return lookup_refusal(error)
        return Asset.from_row(row)

    @strawberry.field(
        permission_classes=[IsAuthenticated],
        description="The consultancy's classification scales: the current version, or the one asked for.",
    )
    def classification_scales(self, info: Info[Context, None], version: int | None = None) -> ClassificationScales:
        row = info.context.services.queries.assets.scales(info.context.scope, version)
        if row is None:
            raise GraphQLError("No scales of this version.", extensions={"code": "VALIDATION", "field": "version"})
        return ClassificationScales.from_row(row)

    @strawberry.field(permission_classes=[IsAuthenticated], description='The inventory as "csv" or "xlsx".')
    def asset_export(self, info: Info[Context, None], organisation_id: strawberry.ID, format: str) -> AssetExport:
        try:
            organisation = _organisation_in_view(info, organisation_id)
            if format not in ("csv", "xlsx"):
                raise ValidationFailed("format", 'Choose "csv" or "xlsx".')
        except DomainError as error:
            raise _refused(error) from None
        rows = info.context.services.queries.assets.export_rows(info.context.scope, organisation)
        data, content_type = inventory_file(rows, format)
        return AssetExport(
            file_name=f"assets.{format}", content_type=content_type, content=base64.b64encode(data).decode()
        )


def _connection(
    info: Info[Context, None], organisation: UUID, found: AssetPageRows, order_by: AssetOrder
) -> AssetConnection:
    key_of = info.context.services.queries.assets.key_of
    edges = [AssetEdge(cursor=_encode(key_of(r), order_by), node=Asset.from_row(r)) for r in found.rows]
    register, import_assets = on_inventory(info, organisation)
    return AssetConnection(
        edges=edges,
        page_info=PageInfo(has_next_page=found.has_next_page, end_cursor=edges[-1].cursor if edges else None),
        total_count=found.total,
        inventory_count=found.inventory,
        unclassified_count=found.unclassified,
        viewer_can=InventoryViewerCan(register=register, import_assets=import_assets),
    )


def _refused(error: DomainError) -> GraphQLError:
    """A list's refused argument, named as the client spelled it."""
    return GraphQLError(error.message, extensions={"code": error.code, "field": user_error(error).field})


def _organisation_in_view(info: Info[Context, None], organisation_id: str) -> UUID:
    found = parse_id(organisation_id, "organisation_id")
    if info.context.services.queries.organisations.with_registers(info.context.scope, found) is None:
        raise ValidationFailed("organisation_id", NO_ORGANISATION)  # a list answers no NOT_FOUND: it has no node
    return found


def _kind(kind: str | None) -> str | None:
    if kind is not None and kind not in KINDS:
        raise ValidationFailed("kind", f"Choose one of: {', '.join(KINDS)}.")
    return kind


def _search(search: str | None) -> str | None:
    return single_line("search", search, SEARCH_MAX_LENGTH, required=False) or None


def _encode(key: AssetKey, order: AssetOrder) -> str:
    parts = [order.value, key.rank, key.sort_name, str(key.asset_id)]
    return base64.urlsafe_b64encode(json.dumps(parts).encode()).decode()


def _decode(cursor: str | None, order: AssetOrder) -> AssetKey | None:
    if cursor is None:
        return None
    try:
        name, rank, sort_name, asset_id = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        if name != order.value:
            raise ValueError(name)
        return AssetKey(int(rank), str(sort_name), UUID(asset_id))
    except (ValueError, TypeError, RecursionError):
        raise ValidationFailed("after", "This is not a cursor given by this API for this order.") from None
