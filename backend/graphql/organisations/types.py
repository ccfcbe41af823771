"""GraphQL shapes of organisations and of their registration."""

from __future__ import annotations

from typing import Annotated

import strawberry

from backend.graphql.core.errors import (
    NotFoundError,
    Refusal,
    ValidationError,
)
from projections.queries import OrganisationRow


@strawberry.type
class Organisation:
    id: strawberry.ID
    name: str
    sector: str
    employee_count: int

    @classmethod
    def from_row(cls, row: OrganisationRow) -> Organisation:
        return cls(
            id=strawberry.ID(str(row.organisation_id)),
            name=row.name,
            sector=row.sector,
            employee_count=row.employee_count,
        )


@strawberry.type
class OrganisationChange:
    organisation: Organisation


OrganisationResult = Annotated[Organisation | NotFoundError | ValidationError, strawberry.union("OrganisationResult")]


OrganisationChangeResult = Annotated[OrganisationChange | Refusal, strawberry.union("OrganisationChangeResult")]
