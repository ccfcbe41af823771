"""What the viewer may do with an organisation's inventory and with one of its assets."""

from __future__ import annotations

from uuid import UUID

import strawberry
from strawberry.types import Info

from backend.graphql.assets.actions import (
    CHANGE_ASSET,
    CLASSIFY_ASSET,
    IMPORT_ASSETS,
    LINK_ASSETS,
    REGISTER_ASSET,
    RETIRE_ASSET,
)
from backend.graphql.core.context import Context
from backend.policy import may
from domain.assets.rules import can_change_asset


@strawberry.type(description="What the viewer may do to an asset now.")
class AssetViewerCan:
    change: bool
    classify: bool
    link: bool = strawberry.field(description="Add or remove what it depends on.")
    retire: bool


def on_asset(info: Info[Context, None], organisation_id: UUID, retired: bool) -> AssetViewerCan:
    p, active = info.context.signed_in, can_change_asset(retired)
    return AssetViewerCan(
        change=may(p, CHANGE_ASSET, organisation_id) and active,
        classify=may(p, CLASSIFY_ASSET, organisation_id) and active,
        link=may(p, LINK_ASSETS, organisation_id) and active,
        retire=may(p, RETIRE_ASSET, organisation_id) and active,
    )


def on_inventory(info: Info[Context, None], organisation_id: UUID) -> tuple[bool, bool]:
    p = info.context.signed_in
    return may(p, REGISTER_ASSET, organisation_id), may(p, IMPORT_ASSETS, organisation_id)
