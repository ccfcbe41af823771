"""The organisations feature's reads."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from backend.graphql.core.context import Context
from backend.graphql.core.errors import lookup_refusal, parse_id
from backend.graphql.core.permissions import IsAuthenticated
from backend.graphql.organisations.types import Country, Organisation, OrganisationResult
from domain.shared.errors import DomainError, NotFound
from domain.shared.public_holidays import countries, regions


@strawberry.type
class OrganisationsQuery:
    @strawberry.field(permission_classes=[IsAuthenticated])
    def organisations(self, info: Info[Context, None]) -> list[Organisation]:
        return [
            Organisation.from_row(row)
            for row in info.context.services.queries.organisations.organisations(info.context.scope)
        ]

    @strawberry.field(permission_classes=[IsAuthenticated])
    def organisation(self, info: Info[Context, None], id: strawberry.ID) -> OrganisationResult:
        try:
            row = info.context.services.queries.organisations.organisation(info.context.scope, parse_id(id, "id"))
            if row is None:
                raise NotFound("No organisation with this id.", "id")
        except DomainError as error:
            return lookup_refusal(error)
        return Organisation.from_row(row)

    @strawberry.field(description="The countries whose public holidays an organisation can keep, by name.")
    def countries(self) -> list[Country]:
        return [Country(code=code, name=name, regions=list(regions(code))) for code, name in countries().items()]
