"""What a mutation of the context answers: the organisation's context as it now stands, and the item acted on."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from backend.graphql.context.organisation_context import OrganisationContext
from backend.graphql.context.queries import organisation_context
from backend.graphql.core.context import Context
from backend.graphql.core.errors import Refusal, user_error
from domain.application import Saved
from domain.shared.errors import DomainError


@strawberry.type(description="The context after the change.")
class ContextChange:
    organisation_context: OrganisationContext
    item_id: strawberry.ID | None = strawberry.field(description="The issue, party or role acted on, if any.")


ContextChangeResult = Annotated[ContextChange | Refusal, strawberry.union("ContextChangeResult")]


def context_changed(
    info: Info[Context, None], done: tuple[Any, Saved] | Refusal, item: bool = True
) -> ContextChange | Refusal:
    if not isinstance(done, tuple):
        return done
    command, saved = done
    try:
        context = organisation_context(info, str(command.organisation_id), "organisation_id")
    except DomainError as error:
        return user_error(error)
    return ContextChange(organisation_context=context, item_id=strawberry.ID(str(saved.aggregate_id)) if item else None)
