"""The catalogues feature's reads: every signed-in person reads the shipped catalogues alike."""

from __future__ import annotations

from typing import Annotated

import strawberry

from backend.graphql.catalogues.types import Catalogue, CatalogueResult, Correspondence, CorrespondenceResult
from backend.graphql.core.errors import lookup_refusal
from backend.graphql.core.permissions import IsAuthenticated
from domain.catalogues.catalogue import Catalogue as CatalogueModel
from domain.catalogues.library import shipped
from domain.shared.errors import DomainError, NotFound


@strawberry.type
class CataloguesQuery:
    @strawberry.field(permission_classes=[IsAuthenticated], description="The shipped catalogues, newest first.")
    def catalogues(self) -> list[Catalogue]:
        return [Catalogue.of(catalogue) for catalogue in shipped().catalogues]

    @strawberry.field(permission_classes=[IsAuthenticated])
    def catalogue(self, id: strawberry.ID) -> CatalogueResult:
        try:
            return Catalogue.of(_catalogue(id, "id"))
        except DomainError as error:
            return lookup_refusal(error)

    @strawberry.field(
        permission_classes=[IsAuthenticated],
        description="Our own table from the controls of one catalogue to those of another.",
    )
    def correspondence(
        self, from_: Annotated[strawberry.ID, strawberry.argument(name="from")], to: strawberry.ID
    ) -> CorrespondenceResult:
        try:
            source, target = _catalogue(from_, "from"), _catalogue(to, "to")
            table = shipped().correspondence(source.id, target.id)
            if table is None:
                raise NotFound(f"We keep no table from {source.edition} to {target.edition}.", "to")
        except DomainError as error:
            return lookup_refusal(error)
        return Correspondence.of(table, source, target)


def _catalogue(identifier: str, field: str) -> CatalogueModel:
    found = shipped().catalogue(str(identifier))
    if found is None:
        raise NotFound("No catalogue with this id.", field)
    return found
