"""The ITIL feature's reads."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

import strawberry
from graphql import GraphQLError
from strawberry.types import Info

from backend.graphql.core.context import Context
from backend.graphql.core.errors import NotFoundError, ValidationError, lookup_refusal, parse_id, user_error
from backend.graphql.core.permissions import IsAuthenticated
from backend.graphql.itil.practices import ItilPractices
from backend.graphql.itil.types import SoaProposal
from domain.shared.errors import DomainError, NotFound, ValidationFailed

ItilPracticesResult = Annotated[
    ItilPractices | NotFoundError | ValidationError, strawberry.union("ItilPracticesResult")
]
NO_ORGANISATION = "No organisation with this id."


def itil_practices(info: Info[Context, None], organisation_id: str, field: str) -> ItilPractices:
    """The ITIL declarations of an organisation in view; another is not found, like a missing one."""
    row = info.context.services.queries.organisations.with_registers(
        info.context.scope, parse_id(organisation_id, field)
    )
    if row is None:
        raise NotFound(NO_ORGANISATION, field)
    return ItilPractices(organisation_id=strawberry.ID(str(row.organisation_id)), organisation_name=row.name)


@strawberry.type
class ItilQuery:
    @strawberry.field(permission_classes=[IsAuthenticated], description="An organisation's ITIL declarations.")
    def itil_practices(self, info: Info[Context, None], organisation_id: strawberry.ID) -> ItilPracticesResult:
        try:
            return itil_practices(info, organisation_id, "organisation_id")
        except DomainError as error:
            return lookup_refusal(error)

    @strawberry.field(
        permission_classes=[IsAuthenticated],
        description="The Statement of Applicability statuses an organisation's ITIL declarations propose.",
    )
    def itil_soa_proposals(self, info: Info[Context, None], organisation_id: strawberry.ID) -> list[SoaProposal]:
        try:
            found = _organisation_in_view(info, organisation_id)
        except DomainError as error:
            raise GraphQLError(
                error.message, extensions={"code": error.code, "field": user_error(error).field}
            ) from None
        rows = info.context.services.queries.itil.soa_proposals(info.context.scope, found)
        return [SoaProposal.from_row(row) for row in rows]


def _organisation_in_view(info: Info[Context, None], organisation_id: str) -> UUID:
    found = parse_id(organisation_id, "organisation_id")
    if info.context.services.queries.organisations.with_registers(info.context.scope, found) is None:
        raise ValidationFailed("organisation_id", NO_ORGANISATION)  # a list answers no NOT_FOUND: it has no node
    return found
