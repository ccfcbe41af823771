"""Finding a catalogue by its id: a shipped one, or a version of one the viewer's consultancy imported."""

from __future__ import annotations

from strawberry.types import Info

from backend.graphql.catalogues.types import Catalogue
from backend.graphql.core.context import Context
from domain.catalogues.importing import ID_MAX_LENGTH
from domain.catalogues.library import shipped
from domain.catalogues.loading import read_catalogue
from domain.shared.errors import NotFound, ValidationFailed

NO_CATALOGUE = "No catalogue with this id."


def find_catalogue(info: Info[Context, None], identifier: str, field: str, version: int | None) -> Catalogue:
    found = shipped().catalogue(identifier)
    if found is not None:
        if version is not None:
            raise ValidationFailed("version", "A shipped catalogue has no imported versions.")
        return Catalogue.of(found)
    row = info.context.services.queries.catalogues.imported_catalogue(
        info.context.scope, identifier[:ID_MAX_LENGTH], version
    )
    if row is None:
        raise NotFound(NO_CATALOGUE if version is None else "No such version of this catalogue.", field)
    return Catalogue.of(read_catalogue(row.content), row.version)
