"""What an organisation's mutation answers."""

from __future__ import annotations

from strawberry.types import Info

from backend.graphql.core.context import Context
from backend.graphql.core.errors import Refusal, user_error
from backend.graphql.organisations.types import Organisation, OrganisationChange
from domain.application import Saved
from domain.shared.errors import NotFound


def organisation_changed(
    info: Info[Context, None], done: tuple[object, Saved] | Refusal
) -> OrganisationChange | Refusal:
    if not isinstance(done, tuple):
        return done
    row = info.context.services.queries.organisations.organisation(info.context.scope, done[1].aggregate_id)
    if row is None:
        return user_error(NotFound("The organisation is saved but is not in your view.", "id"))
    return OrganisationChange(organisation=Organisation.from_row(row))
