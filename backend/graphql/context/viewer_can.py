"""What the viewer may do with an organisation's context."""

from __future__ import annotations

from uuid import UUID

import strawberry
from strawberry.types import Info

from backend.graphql.context.actions import EDIT_CONTEXT
from backend.graphql.core.context import Context
from backend.policy import may
from domain.context.rules import can_change


@strawberry.type(description="What the viewer may do to the organisation's context.")
class ContextViewerCan:
    edit: bool = strawberry.field(
        description="Raise issues, identify parties, state the scope, define roles, record the commitment."
    )


@strawberry.type(description="What the viewer may do to an issue, a party or a role now.")
class ItemViewerCan:
    change: bool = strawberry.field(description="Change it (an issue or role), answer or list requirements (a party).")
    retire: bool


def on_context(info: Info[Context, None], organisation_id: UUID) -> ContextViewerCan:
    return ContextViewerCan(edit=may(info.context.signed_in, EDIT_CONTEXT, organisation_id))


def on_item(info: Info[Context, None], organisation_id: str, status: str) -> ItemViewerCan:
    allowed = may(info.context.signed_in, EDIT_CONTEXT, UUID(organisation_id)) and can_change(status == "retired")
    return ItemViewerCan(change=allowed, retire=allowed)
