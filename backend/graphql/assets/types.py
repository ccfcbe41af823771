"""GraphQL shapes of an organisation's asset inventory and of the consultancy's classification scales."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Annotated
from uuid import UUID

import strawberry
from strawberry.types import Info

from backend.graphql.assets.actions import SET_CLASSIFICATION_SCALES
from backend.graphql.assets.viewer_can import AssetViewerCan, on_asset
from backend.graphql.core.context import Context
from backend.graphql.core.errors import NotFoundError, Refusal, ValidationError
from backend.graphql.core.pagination import PageInfo
from backend.graphql.core.sources import LibrarySource
from backend.policy import may
from projections.assets.rows import AssetEventRow, AssetLinkRow, AssetRow, ScaleLevelRow, ScalesRow


@strawberry.enum(description="How an inventory is sorted.")
class AssetOrder(Enum):
    NAME = "name"
    HIGHEST = "highest"
    """The highest of its three levels first (unclassified assets last), then by name."""


@strawberry.type(description="Levels of confidentiality, integrity and availability on one version of the scales.")
class AssetClassification:
    confidentiality: int
    integrity: int
    availability: int
    highest: int
    scale_version: int = strawberry.field(description="The version of the scales the asset was classified with.")


@strawberry.type(description="Another asset of the same organisation.")
class AssetLink:
    id: strawberry.ID
    name: str
    kind: str
    retired: bool

    @classmethod
    def from_row(cls, row: AssetLinkRow) -> AssetLink:
        return cls(id=strawberry.ID(str(row.asset_id)), name=row.name, kind=row.kind, retired=row.retired)


@strawberry.type(description="Something done to an asset, by whom (null: the system) and when.")
class AssetEvent:
    action: str = strawberry.field(
        description="registered, described, classified, dependency_added, dependency_removed or retired."
    )
    details: str
    reason: str | None
    acted_by: str | None
    acted_at: datetime

    @classmethod
    def from_row(cls, row: AssetEventRow) -> AssetEvent:
        return cls(
            action=row.action, details=row.details, reason=row.reason, acted_by=row.acted_by, acted_at=row.acted_at
        )


@strawberry.type
class Asset:
    id: strawberry.ID
    organisation_id: strawberry.ID
    name: str
    kind: str
    owner: str = strawberry.field(description="A person's name or a role.")
    location: str
    description: str
    classification: AssetClassification | None = strawberry.field(description="Null while unclassified.")
    retired: bool
    retired_reason: str | None
    registered_at: datetime

    @strawberry.field(description="The library template and version it was copied from; null when registered.")
    def copied_from(self, info: Info[Context, None]) -> LibrarySource | None:
        found = info.context.services.queries.assets.source(info.context.scope, UUID(str(self.id)))
        return None if found is None else LibrarySource.of(found.library_item_id, found.library_version)

    @strawberry.field(description="What this asset depends on (a service: the servers it runs on).")
    def dependencies(self, info: Info[Context, None]) -> list[AssetLink]:
        rows = info.context.services.queries.assets.dependencies(info.context.scope, _uuid(self.id))
        return [AssetLink.from_row(row) for row in rows]

    @strawberry.field(description="What depends on this asset.")
    def dependants(self, info: Info[Context, None]) -> list[AssetLink]:
        rows = info.context.services.queries.assets.dependants(info.context.scope, _uuid(self.id))
        return [AssetLink.from_row(row) for row in rows]

    @strawberry.field(description="Registered, then every change, oldest first.")
    def history(self, info: Info[Context, None]) -> list[AssetEvent]:
        rows = info.context.services.queries.assets.history(info.context.scope, _uuid(self.id))
        return [AssetEvent.from_row(row) for row in rows]

    @strawberry.field(description="What the viewer may do to this asset now.")
    def viewer_can(self, info: Info[Context, None]) -> AssetViewerCan:
        return on_asset(info, _uuid(self.organisation_id), self.retired)

    @classmethod
    def from_row(cls, row: AssetRow) -> Asset:
        classification = None
        if row.scale_version is not None:
            classification = AssetClassification(
                confidentiality=row.confidentiality or 0,
                integrity=row.integrity or 0,
                availability=row.availability or 0,
                highest=row.highest,
                scale_version=row.scale_version,
            )
        return cls(
            id=strawberry.ID(str(row.asset_id)),
            organisation_id=strawberry.ID(str(row.organisation_id)),
            name=row.name,
            kind=row.kind,
            owner=row.owner,
            location=row.location,
            description=row.description,
            classification=classification,
            retired=row.retired,
            retired_reason=row.retired_reason,
            registered_at=row.registered_at,
        )


@strawberry.type
class AssetEdge:
    cursor: str
    node: Asset


@strawberry.type(description="What the viewer may do with the organisation's inventory.")
class InventoryViewerCan:
    register: bool
    import_assets: bool = strawberry.field(name="import")


@strawberry.type(description="A page of an organisation's inventory (retired assets left out).")
class AssetConnection:
    edges: list[AssetEdge]
    page_info: PageInfo
    total_count: int = strawberry.field(description="Assets the filters match.")
    inventory_count: int = strawberry.field(description="Assets of the inventory, whatever the filters.")
    unclassified_count: int = strawberry.field(description="Of the inventory, whatever the filters.")
    viewer_can: InventoryViewerCan


@strawberry.type
class ScaleLevel:
    value: int
    label: str
    description: str

    @classmethod
    def from_row(cls, row: ScaleLevelRow) -> ScaleLevel:
        return cls(value=row.value, label=row.label, description=row.description)


@strawberry.type(description="What the viewer may do with the consultancy's scales.")
class ScalesViewerCan:
    set: bool = strawberry.field(description="Set a new version (the consultancy's admins).")


@strawberry.type(description="One version of the consultancy's scales; version 1 is the default.")
class ClassificationScales:
    version: int
    confidentiality: list[ScaleLevel]
    integrity: list[ScaleLevel]
    availability: list[ScaleLevel]

    @strawberry.field
    def viewer_can(self, info: Info[Context, None]) -> ScalesViewerCan:
        return ScalesViewerCan(set=may(info.context.signed_in, SET_CLASSIFICATION_SCALES))

    @classmethod
    def from_row(cls, row: ScalesRow) -> ClassificationScales:
        return cls(
            version=row.version,
            confidentiality=[ScaleLevel.from_row(level) for level in row.confidentiality],
            integrity=[ScaleLevel.from_row(level) for level in row.integrity],
            availability=[ScaleLevel.from_row(level) for level in row.availability],
        )


@strawberry.type(description="A line of an imported file that needs correcting.")
class ImportProblem:
    line: int = strawberry.field(description="The file's line; the heading row is line 1.")
    column: str | None = strawberry.field(description="The heading of the column at fault, if one is.")
    message: str


@strawberry.type
class AssetImport:
    dry_run: bool
    valid_rows: int = strawberry.field(description="Rows that would be, or were, imported.")
    imported: int = strawberry.field(description="Assets registered: 0 on a dry run or when any line is wrong.")
    error_count: int
    problems: list[ImportProblem] = strawberry.field(description="The first 500 errors, by line.")


@strawberry.type(description="A file to download.")
class AssetExport:
    file_name: str
    content_type: str
    content: str = strawberry.field(description="Base64-encoded.")


@strawberry.type
class AssetChange:
    asset: Asset


@strawberry.type
class ScalesChange:
    scales: ClassificationScales


AssetResult = Annotated[Asset | NotFoundError | ValidationError, strawberry.union("AssetResult")]
AssetChangeResult = Annotated[AssetChange | Refusal, strawberry.union("AssetChangeResult")]
AssetImportResult = Annotated[AssetImport | Refusal, strawberry.union("AssetImportResult")]
ScalesChangeResult = Annotated[ScalesChange | Refusal, strawberry.union("ScalesChangeResult")]


def _uuid(value: strawberry.ID) -> UUID:
    return UUID(str(value))
