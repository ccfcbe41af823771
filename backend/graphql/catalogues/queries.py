"""The catalogues feature's reads: the shipped catalogues, the same for everyone, and those the viewer's consultancy
imported, which only its own people read."""

from __future__ import annotations

from typing import Annotated

import strawberry
from graphql import GraphQLError
from strawberry.types import Info

from backend.graphql.catalogues.listing import (
    SEARCH_MAX_LENGTH,
    CatalogueConnection,
    CatalogueOrigin,
    catalogue_after,
    catalogue_page,
)
from backend.graphql.catalogues.lookup import NO_CATALOGUE, find_catalogue
from backend.graphql.catalogues.types import (
    Catalogue,
    CatalogueResult,
    CataloguesViewerCan,
    Correspondence,
    CorrespondenceResult,
    catalogues_viewer_can,
)
from backend.graphql.core.context import Context
from backend.graphql.core.errors import lookup_refusal, user_error
from backend.graphql.core.pagination import check_page_size
from backend.graphql.core.permissions import IsAuthenticated
from domain.catalogues.library import shipped
from domain.shared.errors import DomainError, NotFound
from domain.shared.text import single_line


@strawberry.type
class CataloguesQuery:
    @strawberry.field(
        permission_classes=[IsAuthenticated],
        description="The shipped catalogues, newest first, then those the consultancy imported (current versions), by "
        "edition; `search` finds words in a catalogue's id, edition or title.",
    )
    def catalogues(
        self,
        info: Info[Context, None],
        first: int = 25,
        after: str | None = None,
        origin: CatalogueOrigin | None = None,
        search: str | None = None,
    ) -> CatalogueConnection:
        try:
            size, key = check_page_size(first), catalogue_after(after)
            words = single_line("search", search, SEARCH_MAX_LENGTH, required=False) or None
        except DomainError as error:
            raise GraphQLError(
                error.message, extensions={"code": error.code, "field": user_error(error).field}
            ) from None
        return catalogue_page(info, size, key, origin, words)

    @strawberry.field(
        permission_classes=[IsAuthenticated],
        description="A catalogue; of an imported one, its current version unless `version` names an earlier one.",
    )
    def catalogue(self, info: Info[Context, None], id: strawberry.ID, version: int | None = None) -> CatalogueResult:
        try:
            return find_catalogue(info, str(id), "id", version)
        except DomainError as error:
            return lookup_refusal(error)

    @strawberry.field(permission_classes=[IsAuthenticated])
    def catalogues_viewer_can(self, info: Info[Context, None]) -> CataloguesViewerCan:
        return catalogues_viewer_can(info)

    @strawberry.field(
        permission_classes=[IsAuthenticated],
        description="Our own table from the controls of one shipped catalogue to those of another.",
    )
    def correspondence(
        self, from_: Annotated[strawberry.ID, strawberry.argument(name="from")], to: strawberry.ID
    ) -> CorrespondenceResult:
        try:
            source, target = _shipped(from_, "from"), _shipped(to, "to")
            table = shipped().correspondence(source.id, target.id)
            if table is None:
                raise NotFound(f"We keep no table from {source.edition} to {target.edition}.", "to")
        except DomainError as error:
            return lookup_refusal(error)
        return Correspondence.of(table, source.source, target.source)


def _shipped(identifier: str, field: str) -> Catalogue:
    found = shipped().catalogue(str(identifier))
    if found is None:
        raise NotFound(NO_CATALOGUE, field)
    return Catalogue.of(found)
