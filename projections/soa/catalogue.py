"""The catalogue a statement was made on, as the statement kept it: a shipped one, or the very import of the
consultancy's own catalogue it was started with (a later import changes nothing of it)."""

from __future__ import annotations

from domain.catalogues.catalogue import Catalogue
from domain.catalogues.library import shipped
from domain.catalogues.loading import read_catalogue
from projections.catalogues.queries import CatalogueQueries
from projections.core.scope import Scope


def kept_catalogue(catalogues: CatalogueQueries, scope: Scope, catalogue_id: str, version: str) -> Catalogue | None:
    """None when the viewer's consultancy has no such catalogue (another consultancy's is out of view)."""
    found = shipped().catalogue(catalogue_id)
    if found is not None:
        return found
    if not version.isdigit():
        return None
    imported = catalogues.imported_catalogue(scope, catalogue_id, int(version))
    return None if imported is None else read_catalogue(imported.content)
