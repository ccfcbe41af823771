"""The library's commands: admins and coaches add, revise and retire items."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from backend.graphql.core.commands import change
from backend.graphql.core.context import Context
from backend.graphql.core.errors import Refusal, user_error
from backend.graphql.core.permissions import AUTHENTICATED
from backend.graphql.library.actions import KEEP_LIBRARY
from backend.graphql.library.inputs import (
    AddLibraryItemInput,
    LibraryFieldsInput,
    RetireLibraryItemInput,
    ReviseLibraryItemInput,
)
from backend.graphql.library.types import LibraryItem, LibraryItemChange, LibraryItemChangeResult
from domain.application import Saved
from domain.library.commands import AddLibraryItem, RetireLibraryItem, ReviseLibraryItem
from domain.library.content import ItemFields
from domain.shared.errors import NotFound


@strawberry.type
class LibraryMutation:
    @strawberry.mutation(permission_classes=AUTHENTICATED, description="A new item, as its version 1.")
    async def add_library_item(self, info: Info[Context, None], input: AddLibraryItemInput) -> LibraryItemChangeResult:
        done = await change(
            info, KEEP_LIBRARY, AddLibraryItem, kind=input.kind, title=input.title, fields=_fields(input.fields)
        )
        return _changed(info, done)

    @strawberry.mutation(permission_classes=AUTHENTICATED, description="The item's next version.")
    async def revise_library_item(
        self, info: Info[Context, None], input: ReviseLibraryItemInput
    ) -> LibraryItemChangeResult:
        done = await change(
            info, KEEP_LIBRARY, ReviseLibraryItem, library_item_id=input.library_item_id, title=input.title,
            fields=_fields(input.fields),
        )  # fmt: skip
        return _changed(info, done)

    @strawberry.mutation(
        permission_classes=AUTHENTICATED, description="Kept as it was, with its history: never deleted."
    )
    async def retire_library_item(
        self, info: Info[Context, None], input: RetireLibraryItemInput
    ) -> LibraryItemChangeResult:
        done = await change(
            info, KEEP_LIBRARY, RetireLibraryItem, library_item_id=input.library_item_id, reason=input.reason
        )
        return _changed(info, done)


def _fields(given: LibraryFieldsInput) -> ItemFields:
    return ItemFields(
        description=given.description, asset_kind=given.asset_kind, confidentiality=given.confidentiality,
        integrity=given.integrity, availability=given.availability, threat=given.threat,
        vulnerability=given.vulnerability, likelihood=given.likelihood, impact=given.impact,
        document_kind=given.document_kind, text=given.text,
    )  # fmt: skip


def _changed(info: Info[Context, None], done: tuple[object, Saved] | Refusal) -> LibraryItemChange | Refusal:
    if not isinstance(done, tuple):
        return done
    row = info.context.services.queries.library.item(info.context.scope, done[1].aggregate_id)
    if row is None:
        return user_error(NotFound("The item is saved but is not in your view.", "id"))
    return LibraryItemChange(item=LibraryItem.from_row(row))
