"""GraphQL shapes of the consultancy's library: an item with its kind's fields, its history, and a page of items."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Annotated, Any
from uuid import UUID

import strawberry
from strawberry.types import Info

from backend.graphql.core.context import Context
from backend.graphql.core.errors import NotFoundError, Refusal, ValidationError
from backend.graphql.core.pagination import PageInfo
from backend.graphql.library.actions import KEEP_LIBRARY
from backend.policy import may
from domain.library.rules import can_change_item, can_copy
from projections.library.rows import LibraryEventRow, LibraryItemRow


@strawberry.enum(description="How a page of the library is sorted.")
class LibraryOrder(Enum):
    TITLE = "title"
    CHANGED = "changed"


@strawberry.type(description="An asset template: what a copy registers.")
class AssetTemplate:
    asset_kind: str
    confidentiality: int | None = strawberry.field(
        description="Suggested; a copy is classified with all three where the scales have them."
    )
    integrity: int | None
    availability: int | None


@strawberry.type(description="A risk scenario: a threat meeting a vulnerability.")
class RiskScenario:
    threat: str
    vulnerability: str
    likelihood: str | None
    impact: str | None


@strawberry.type(description="A document skeleton: what a copy's first draft holds.")
class DocumentSkeleton:
    document_kind: str
    text: str


@strawberry.type(description="What the viewer may do to a library item now.")
class LibraryItemViewerCan:
    revise: bool
    retire: bool
    copy: bool = strawberry.field(description="Copy it into an organisation's register (asset templates, skeletons).")


@strawberry.type(description="A version of the item (added, each revision) or its retirement.")
class LibraryItemEvent:
    action: str
    version: int
    title: str
    reason: str | None
    acted_by: str | None
    acted_at: datetime

    @classmethod
    def from_row(cls, row: LibraryEventRow) -> LibraryItemEvent:
        return cls(
            action=row.action, version=row.item_version, title=row.title, reason=row.reason, acted_by=row.acted_by,
            acted_at=row.acted_at,
        )  # fmt: skip


@strawberry.type(description="A reusable item of the consultancy's library, versioned, retired never deleted.")
class LibraryItem:
    id: strawberry.ID
    kind: str
    title: str
    version: int = strawberry.field(description="1 when added; each revision adds 1. A copy records it.")
    description: str | None
    retired: bool
    retired_reason: str | None
    added_at: datetime
    changed_at: datetime
    asset_template: AssetTemplate | None
    risk_scenario: RiskScenario | None
    document_skeleton: DocumentSkeleton | None

    @strawberry.field(description="Oldest first.")
    def history(self, info: Info[Context, None]) -> list[LibraryItemEvent]:
        rows = info.context.services.queries.library.history(info.context.scope, _uuid(self.id))
        return [LibraryItemEvent.from_row(row) for row in rows]

    @strawberry.field
    def viewer_can(self, info: Info[Context, None]) -> LibraryItemViewerCan:
        keeper, active = may(info.context.signed_in, KEEP_LIBRARY), can_change_item(self.retired)
        return LibraryItemViewerCan(
            revise=keeper and active, retire=keeper and active, copy=can_copy(self.kind, self.retired)
        )

    @classmethod
    def from_row(cls, row: LibraryItemRow) -> LibraryItem:
        f: dict[str, Any] = row.fields
        return cls(
            id=strawberry.ID(str(row.item_id)),
            kind=row.kind,
            title=row.title,
            version=row.version,
            description=f.get("description"),
            retired=row.retired,
            retired_reason=row.retired_reason,
            added_at=row.added_at,
            changed_at=row.changed_at,
            asset_template=_asset_template(row),
            risk_scenario=_risk_scenario(row),
            document_skeleton=_document_skeleton(row),
        )


@strawberry.type
class LibraryItemEdge:
    cursor: str
    node: LibraryItem


@strawberry.type
class LibraryItemConnection:
    edges: list[LibraryItemEdge]
    page_info: PageInfo
    total_count: int = strawberry.field(description="Items that match the filters, on every page.")


@strawberry.type(description="Items in use, by kind.")
class LibraryKindCount:
    kind: str
    count: int


@strawberry.type(description="What the viewer may do with the library.")
class LibraryViewerCan:
    add: bool


@strawberry.type
class LibraryItemChange:
    item: LibraryItem


def _asset_template(row: LibraryItemRow) -> AssetTemplate | None:
    if row.kind != "asset_template":
        return None
    f = row.fields
    levels = {name: f.get(name) for name in ("confidentiality", "integrity", "availability")}
    return AssetTemplate(asset_kind=f["asset_kind"], **levels)


def _risk_scenario(row: LibraryItemRow) -> RiskScenario | None:
    if row.kind != "risk_scenario":
        return None
    f = row.fields
    return RiskScenario(
        threat=f["threat"], vulnerability=f["vulnerability"], likelihood=f.get("likelihood"), impact=f.get("impact")
    )


def _document_skeleton(row: LibraryItemRow) -> DocumentSkeleton | None:
    if row.kind != "document_skeleton":
        return None
    return DocumentSkeleton(document_kind=row.fields["document_kind"], text=row.fields["text"])


def _uuid(value: str) -> UUID:
    return UUID(str(value))


LibraryItemResult = Annotated[LibraryItem | NotFoundError | ValidationError, strawberry.union("LibraryItemResult")]
LibraryItemChangeResult = Annotated[LibraryItemChange | Refusal, strawberry.union("LibraryItemChangeResult")]
