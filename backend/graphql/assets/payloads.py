"""What the asset inventory's mutations answer."""

from __future__ import annotations

from strawberry.types import Info

from backend.graphql.assets.types import Asset, AssetChange, ClassificationScales, ScalesChange
from backend.graphql.core.context import Context
from backend.graphql.core.errors import Refusal, user_error
from domain.application import Saved
from domain.shared.errors import NotFound


def asset_changed(info: Info[Context, None], done: tuple[object, Saved] | Refusal) -> AssetChange | Refusal:
    if not isinstance(done, tuple):
        return done
    row = info.context.services.queries.assets.asset(info.context.scope, done[1].aggregate_id)
    if row is None:
        return user_error(NotFound("The asset is saved but is not in your view.", "id"))
    return AssetChange(asset=Asset.from_row(row))


def scales_changed(info: Info[Context, None], done: tuple[object, Saved] | Refusal) -> ScalesChange | Refusal:
    if not isinstance(done, tuple):
        return done
    row = info.context.services.queries.assets.scales(info.context.scope)
    if row is None:
        return user_error(NotFound("The scales are saved but are not in your view.", "id"))
    return ScalesChange(scales=ClassificationScales.from_row(row))
