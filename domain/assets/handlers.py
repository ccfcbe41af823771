"""The asset inventory's command handlers: load, call one aggregate method, save."""

from __future__ import annotations

import uuid
from typing import Protocol
from uuid import UUID

from domain.assets.asset import Asset, Classification, Description
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
from domain.assets.importing import check_file, refused
from domain.assets.rules import creates_cycle
from domain.assets.scales import DEFAULT_SCALES, ClassificationScales, ScaleSet, scales_id
from domain.shared.aggregate import TenantAggregate
from domain.shared.errors import NotFound, ValidationFailed
from domain.shared.ports import Handler, LibraryCopy, LibraryItems, Organisations, Store
from domain.shared.service import Saved

NO_ASSET = "No asset with this id."
"""The same answer as for an id that does not exist: another organisation's asset is not in view."""


class AssetPorts(Store, Organisations, Protocol):
    """The inventory needs the organisation to exist, and saves an imported file in one transaction."""

    def save_all(self, aggregates: list[TenantAggregate]) -> Saved: ...


def register_asset(app: AssetPorts, cmd: RegisterAsset) -> Saved:
    app.check_organisation(cmd.tenant_id, cmd.organisation_id)
    described = Description.checked(cmd.name, cmd.kind, cmd.owner, cmd.location, cmd.description)
    asset = Asset.register(cmd.tenant_id, cmd.actor_id, uuid.uuid4(), cmd.organisation_id, described)
    return app.save_changes(asset)


class CopyPorts(Store, Organisations, LibraryItems, Protocol):
    """A copy reads the consultancy's library item through the application."""


def copy_asset_template(app: CopyPorts, cmd: CopyAssetTemplate) -> Saved:
    app.check_organisation(cmd.tenant_id, cmd.organisation_id)
    item = app.library_item(cmd.tenant_id, cmd.library_item_id, "library_item_id")
    if item.kind != "asset_template" or item.retired:
        raise ValidationFailed("library_item_id", "Copy an asset template of the library that is not retired.")
    fields = item.fields
    described = Description.checked(item.title, fields["asset_kind"], cmd.owner, None, fields.get("description"))
    levels = suggested(current_scales(app, cmd.tenant_id), item)
    asset = Asset.register(
        cmd.tenant_id, cmd.actor_id, uuid.uuid4(), cmd.organisation_id, described, levels, (item.item_id, item.version)
    )
    return app.save_changes(asset)


def suggested(scales: ScaleSet, item: LibraryCopy) -> Classification | None:
    """The template's suggested levels, where all three are given and the current scales have them."""
    levels = [item.fields.get(dimension) for dimension in ("confidentiality", "integrity", "availability")]
    if any(level is None for level in levels):
        return None
    try:
        return Classification.checked(scales, *levels)  # type: ignore[arg-type]
    except ValidationFailed:
        return None


def describe_asset(app: Store, cmd: DescribeAsset) -> Saved:
    described = Description.checked(cmd.name, cmd.kind, cmd.owner, cmd.location, cmd.description)
    asset = load_asset(app, cmd.tenant_id, cmd.organisation_id, cmd.asset_id)
    asset.describe(cmd.actor_id, described)
    return app.save_changes(asset)


def classify_asset(app: Store, cmd: ClassifyAsset) -> Saved:
    asset = load_asset(app, cmd.tenant_id, cmd.organisation_id, cmd.asset_id)
    scales = current_scales(app, cmd.tenant_id)
    asset.classify(
        cmd.actor_id, Classification.checked(scales, cmd.confidentiality, cmd.integrity, cmd.availability), cmd.reason
    )
    return app.save_changes(asset)


def add_asset_dependency(app: Store, cmd: AddAssetDependency) -> Saved:
    asset = load_asset(app, cmd.tenant_id, cmd.organisation_id, cmd.asset_id)
    target = load_asset(app, cmd.tenant_id, cmd.organisation_id, cmd.depends_on_id, "depends_on_id")
    loop = creates_cycle(asset.id, target.id, lambda found: app.get(Asset, cmd.tenant_id, found).depends_on)
    asset.add_dependency(cmd.actor_id, target, loop)
    return app.save_changes(asset)


def remove_asset_dependency(app: Store, cmd: RemoveAssetDependency) -> Saved:
    asset = load_asset(app, cmd.tenant_id, cmd.organisation_id, cmd.asset_id)
    asset.remove_dependency(cmd.actor_id, cmd.depends_on_id, cmd.reason)
    return app.save_changes(asset)


def retire_asset(app: Store, cmd: RetireAsset) -> Saved:
    asset = load_asset(app, cmd.tenant_id, cmd.organisation_id, cmd.asset_id)
    asset.retire(cmd.actor_id, cmd.reason)
    return app.save_changes(asset)


def import_assets(app: AssetPorts, cmd: ImportAssets) -> Saved:
    """Every row registered in one transaction, or none: one aggregate per asset."""
    app.check_organisation(cmd.tenant_id, cmd.organisation_id)
    checked = check_file(cmd.rows, current_scales(app, cmd.tenant_id))
    refusal = refused(checked)
    if refusal is not None:
        raise refusal
    assets: list[TenantAggregate] = [
        Asset.register(
            cmd.tenant_id, cmd.actor_id, uuid.uuid4(), cmd.organisation_id, row.described, row.classification
        )
        for row in checked.rows
    ]
    return app.save_all(assets)


def set_classification_scales(app: Store, cmd: SetClassificationScales) -> Saved:
    given = {
        "confidentiality": list(cmd.confidentiality),
        "integrity": list(cmd.integrity),
        "availability": list(cmd.availability),
    }
    if not app.exists(ClassificationScales, cmd.tenant_id, scales_id(cmd.tenant_id)):
        return app.save_changes(ClassificationScales.set_first(cmd.tenant_id, cmd.actor_id, given))
    scales = app.get(ClassificationScales, cmd.tenant_id, scales_id(cmd.tenant_id))
    scales.revise(cmd.actor_id, given)
    return app.save_changes(scales)


def current_scales(app: Store, tenant_id: UUID) -> ScaleSet:
    if not app.exists(ClassificationScales, tenant_id, scales_id(tenant_id)):
        return DEFAULT_SCALES
    return app.get(ClassificationScales, tenant_id, scales_id(tenant_id)).current


def load_asset(app: Store, tenant_id: UUID, organisation_id: UUID, asset_id: UUID, field: str = "asset_id") -> Asset:
    """The organisation's asset; another organisation's is answered as a missing one."""
    asset = app.get(Asset, tenant_id, asset_id, field)
    if asset.organisation_id != organisation_id:
        raise NotFound(NO_ASSET, field)
    return asset


HANDLERS: dict[type, Handler] = {
    RegisterAsset: register_asset,
    CopyAssetTemplate: copy_asset_template,
    DescribeAsset: describe_asset,
    ClassifyAsset: classify_asset,
    AddAssetDependency: add_asset_dependency,
    RemoveAssetDependency: remove_asset_dependency,
    RetireAsset: retire_asset,
    ImportAssets: import_assets,
    SetClassificationScales: set_classification_scales,
}
