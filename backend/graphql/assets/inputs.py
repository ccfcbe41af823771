"""The inputs of the asset inventory's mutations."""

from __future__ import annotations

import strawberry

KINDS = (
    "information, software, hardware, service, people, site; and from the cloud pattern: pool_resource, iaas, "
    "paas, saas."
)


@strawberry.input
class RegisterAssetInput:
    organisation_id: strawberry.ID = strawberry.field(description="Your own organisation.")
    name: str
    kind: str = strawberry.field(description=KINDS)
    owner: str = strawberry.field(description="A person's name or a role.")
    location: str | None = strawberry.field(default=None, description="Its host or location.")
    description: str | None = None


@strawberry.input(description="A new asset from an asset template of the consultancy's library.")
class CopyAssetTemplateInput:
    organisation_id: strawberry.ID
    library_item_id: strawberry.ID
    owner: str = strawberry.field(description="A person's name or a role.")


@strawberry.input(description="What an asset is; every field is given, as it is to be.")
class ChangeAssetInput:
    asset_id: strawberry.ID
    name: str
    kind: str = strawberry.field(description=KINDS)
    owner: str
    location: str | None = None
    description: str | None = None


@strawberry.input(description="Levels on the consultancy's current scales.")
class ClassifyAssetInput:
    asset_id: strawberry.ID
    confidentiality: int
    integrity: int
    availability: int
    reason: str | None = strawberry.field(default=None, description="Required when the asset is already classified.")


@strawberry.input(description="`assetId` depends on `dependsOnId` (a service runs on a server).")
class AssetDependencyInput:
    asset_id: strawberry.ID
    depends_on_id: strawberry.ID


@strawberry.input
class RemoveAssetDependencyInput:
    asset_id: strawberry.ID
    depends_on_id: strawberry.ID
    reason: str | None = None


@strawberry.input(description="Takes the asset out of the inventory, saying why; its history stays.")
class RetireAssetInput:
    asset_id: strawberry.ID
    reason: str


@strawberry.input(
    description="A CSV or XLSX file with the headings name, kind, owner, location, description, "
    "confidentiality, integrity, availability."
)
class ImportAssetsInput:
    organisation_id: strawberry.ID
    file_name: str = strawberry.field(description="Ends in .csv or .xlsx.")
    content: str = strawberry.field(description="The file, base64-encoded.")
    dry_run: bool = strawberry.field(
        default=True, description="Only check: every error by line, nothing written. Otherwise all rows or none."
    )


@strawberry.input
class ScaleLevelInput:
    value: int = strawberry.field(description="1, 2, 3, … in order.")
    label: str
    description: str


@strawberry.input(description="A new version of the scales; assets keep the version they were classified with.")
class SetClassificationScalesInput:
    confidentiality: list[ScaleLevelInput]
    integrity: list[ScaleLevelInput]
    availability: list[ScaleLevelInput]
