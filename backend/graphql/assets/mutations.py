"""The asset inventory's commands."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from backend.graphql.assets.actions import (
    CHANGE_ASSET,
    CLASSIFY_ASSET,
    COPY_ASSET_TEMPLATE,
    IMPORT_ASSETS,
    LINK_ASSETS,
    REGISTER_ASSET,
    RETIRE_ASSET,
    SET_CLASSIFICATION_SCALES,
)
from backend.graphql.assets.importing import read_and_check, report
from backend.graphql.assets.inputs import (
    AssetDependencyInput,
    ChangeAssetInput,
    ClassifyAssetInput,
    CopyAssetTemplateInput,
    ImportAssetsInput,
    RegisterAssetInput,
    RemoveAssetDependencyInput,
    RetireAssetInput,
    ScaleLevelInput,
    SetClassificationScalesInput,
)
from backend.graphql.assets.payloads import asset_changed, scales_changed
from backend.graphql.assets.types import AssetChangeResult, AssetImportResult, ScalesChangeResult
from backend.graphql.core.commands import change
from backend.graphql.core.context import Context
from backend.graphql.core.errors import user_error
from backend.graphql.core.permissions import AUTHENTICATED
from domain.assets.commands import (
    AddAssetDependency,
    ClassifyAsset,
    CopyAssetTemplate,
    DescribeAsset,
    ImportAssets,
    RegisterAsset,
    RemoveAssetDependency,
    RetireAsset,
    SetClassificationScales,
)
from domain.shared.errors import DomainError


@strawberry.type
class AssetsMutation:
    @strawberry.mutation(permission_classes=AUTHENTICATED, description="Registers an asset, unclassified.")
    async def register_asset(self, info: Info[Context, None], input: RegisterAssetInput) -> AssetChangeResult:
        done = await change(
            info,
            REGISTER_ASSET,
            RegisterAsset,
            organisation_id=input.organisation_id,
            name=input.name,
            kind=input.kind,
            owner=input.owner,
            location=input.location,
            description=input.description,
        )
        return asset_changed(info, done)

    @strawberry.mutation(
        permission_classes=AUTHENTICATED,
        description="Registers an asset from a library template, recording the template and its version.",
    )
    async def copy_asset_template(self, info: Info[Context, None], input: CopyAssetTemplateInput) -> AssetChangeResult:
        done = await change(
            info, COPY_ASSET_TEMPLATE, CopyAssetTemplate, organisation_id=input.organisation_id,
            library_item_id=input.library_item_id, owner=input.owner,
        )  # fmt: skip
        return asset_changed(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def change_asset(self, info: Info[Context, None], input: ChangeAssetInput) -> AssetChangeResult:
        done = await change(
            info,
            CHANGE_ASSET,
            DescribeAsset,
            asset_id=input.asset_id,
            name=input.name,
            kind=input.kind,
            owner=input.owner,
            location=input.location,
            description=input.description,
        )
        return asset_changed(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="A reclassification says why.")
    async def classify_asset(self, info: Info[Context, None], input: ClassifyAssetInput) -> AssetChangeResult:
        done = await change(
            info,
            CLASSIFY_ASSET,
            ClassifyAsset,
            asset_id=input.asset_id,
            confidentiality=input.confidentiality,
            integrity=input.integrity,
            availability=input.availability,
            reason=input.reason,
        )
        return asset_changed(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="No self-link, no loop.")
    async def add_asset_dependency(self, info: Info[Context, None], input: AssetDependencyInput) -> AssetChangeResult:
        done = await change(
            info, LINK_ASSETS, AddAssetDependency, asset_id=input.asset_id, depends_on_id=input.depends_on_id
        )
        return asset_changed(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED)
    async def remove_asset_dependency(
        self, info: Info[Context, None], input: RemoveAssetDependencyInput
    ) -> AssetChangeResult:
        done = await change(
            info,
            LINK_ASSETS,
            RemoveAssetDependency,
            asset_id=input.asset_id,
            depends_on_id=input.depends_on_id,
            reason=input.reason,
        )
        return asset_changed(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="A correction with a reason: never deleted.")
    async def retire_asset(self, info: Info[Context, None], input: RetireAssetInput) -> AssetChangeResult:
        done = await change(info, RETIRE_ASSET, RetireAsset, asset_id=input.asset_id, reason=input.reason)
        return asset_changed(info, done)

    @strawberry.mutation(
        permission_classes=AUTHENTICATED,
        description="Checks a file (dry run: every error by line) or imports all its rows, or none if any is wrong.",
    )
    async def import_assets(self, info: Info[Context, None], input: ImportAssetsInput) -> AssetImportResult:
        try:
            found = await read_and_check(info, input.organisation_id, input.file_name, input.content)
        except DomainError as error:
            return user_error(error)
        if input.dry_run or found.error_count:
            return report(found, input.dry_run)
        done = await change(
            info, IMPORT_ASSETS, ImportAssets, organisation_id=input.organisation_id, rows=tuple(found.rows)
        )
        return done if not isinstance(done, tuple) else report(found, False, len(found.checked.rows))

    @strawberry.mutation(
        permission_classes=AUTHENTICATED, description="A new version; past classifications keep theirs."
    )
    async def set_classification_scales(
        self, info: Info[Context, None], input: SetClassificationScalesInput
    ) -> ScalesChangeResult:
        done = await change(
            info,
            SET_CLASSIFICATION_SCALES,
            SetClassificationScales,
            confidentiality=_levels(input.confidentiality),
            integrity=_levels(input.integrity),
            availability=_levels(input.availability),
        )
        return scales_changed(info, done)


def _levels(given: list[ScaleLevelInput]) -> tuple[tuple[int, str, str], ...]:
    return tuple((level.value, level.label, level.description) for level in given)
