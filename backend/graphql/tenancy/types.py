"""GraphQL shapes of the viewer and the consultancy."""

from __future__ import annotations

from typing import Annotated

import strawberry

from backend.graphql.errors import ConflictError, ForbiddenError, ProjectionsBehindError, ValidationError


@strawberry.type
class Consultancy:
    name: str
    allows_clusters_above_standard_size: bool = strawberry.field(
        description="Whether clusters may have more than five members."
    )


@strawberry.type(description="The signed-in user.")
class Viewer:
    id: strawberry.ID
    display_name: str
    email: str
    roles: list[str]
    consultancy: Consultancy


ConsultancyChangeResult = Annotated[
    Consultancy | ValidationError | ConflictError | ForbiddenError | ProjectionsBehindError,
    strawberry.union("ConsultancyChangeResult"),
]
