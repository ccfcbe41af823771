"""GraphQL shapes of organisations and of their registration."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

import strawberry
from strawberry.types import Info

from backend.graphql.core.context import Context
from backend.graphql.core.errors import (
    NotFoundError,
    Refusal,
    ValidationError,
)
from backend.graphql.isms.queries import readiness_of
from backend.graphql.isms.types import Readiness
from domain.shared.public_holidays import place_name
from projections.queries import OrganisationRow


@strawberry.type
class Organisation:
    id: strawberry.ID
    name: str
    sector: str
    employee_count: int
    country: str | None = strawberry.field(description="ISO 3166-1 code, for the public holidays; null if unknown.")
    region: str | None
    listed_with: strawberry.Private[tuple[UUID, ...]] = ()
    """The organisations listed with it (a cluster's members): their readiness is read together."""

    @strawberry.field(description='Where its public holidays come from, e.g. "Germany (BY)"; null if unknown.')
    def place(self) -> str | None:
        return None if self.country is None else place_name(self.country, self.region)

    @strawberry.field(
        description="How ready its ISMS is for a certification audit; null where its registers are out of view "
        "(another member of the same cluster sees its name, never its readiness)."
    )
    def readiness(self, info: Info[Context, None]) -> Readiness | None:
        return readiness_of(info, UUID(str(self.id)), self.listed_with)

    @classmethod
    def from_row(cls, row: OrganisationRow, listed_with: tuple[UUID, ...] = ()) -> Organisation:
        return cls(
            listed_with=listed_with,
            id=strawberry.ID(str(row.organisation_id)),
            name=row.name,
            sector=row.sector,
            employee_count=row.employee_count,
            country=row.country,
            region=row.region,
        )


@strawberry.type(description="A country with a public-holiday calendar.")
class Country:
    code: str
    name: str
    regions: list[str] = strawberry.field(description="Its regions whose holidays differ, if any.")


@strawberry.type
class OrganisationChange:
    organisation: Organisation


OrganisationResult = Annotated[Organisation | NotFoundError | ValidationError, strawberry.union("OrganisationResult")]


OrganisationChangeResult = Annotated[OrganisationChange | Refusal, strawberry.union("OrganisationChangeResult")]
