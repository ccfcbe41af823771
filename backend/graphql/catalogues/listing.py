"""The catalogues a consultancy's people read, by page: the shipped editions first (newest first), then those the
consultancy imported (current versions), by edition. A cursor names a catalogue's place in that order."""

from __future__ import annotations

import base64
import binascii
import json
from enum import Enum

import strawberry
from strawberry.types import Info

from backend.graphql.catalogues.types import Catalogue
from backend.graphql.core.context import Context
from backend.graphql.core.pagination import PageInfo
from domain.catalogues import catalogue as model
from domain.catalogues.library import shipped
from domain.catalogues.loading import read_catalogue
from domain.shared.errors import ValidationFailed

SEARCH_MAX_LENGTH = 100
_KIND = "catalogue"
_SHIPPED, _IMPORTED = 0, 1


@strawberry.enum(description="Where a catalogue comes from: shipped with Cordee, or imported by the consultancy.")
class CatalogueOrigin(Enum):
    SHIPPED = "shipped"
    IMPORTED = "imported"


@strawberry.type
class CatalogueEdge:
    cursor: str
    node: Catalogue


@strawberry.type(
    description="A page of the catalogues: shipped first, newest first, then the imported ones by edition."
)
class CatalogueConnection:
    edges: list[CatalogueEdge]
    page_info: PageInfo
    total_count: int = strawberry.field(description="Catalogues the filters match.")


Key = tuple[int, str, str]
"""A catalogue's place: shipped or imported, then its position (a shipped one) or its edition, then its id."""


def catalogue_after(cursor: str | None) -> Key | None:
    """The place a cursor stands for; one this API did not give is refused, naming `after`."""
    if cursor is None:
        return None
    try:
        kind, origin, place, identifier = json.loads(base64.urlsafe_b64decode(cursor.encode()))
    except (ValueError, TypeError, binascii.Error):
        kind, origin, place, identifier = None, None, None, None
    if (
        kind != _KIND
        or origin not in (_SHIPPED, _IMPORTED)
        or not isinstance(place, str)
        or not isinstance(identifier, str)
    ):
        raise ValidationFailed("after", "This is not a cursor given by this API for the catalogues.")
    return origin, place, identifier


def _cursor(key: Key) -> str:
    return base64.urlsafe_b64encode(json.dumps([_KIND, *key]).encode()).decode()


def _matches(catalogue: model.Catalogue, search: str | None) -> bool:
    if search is None:
        return True
    words = search.casefold()
    return any(words in text.casefold() for text in (catalogue.id, catalogue.edition, catalogue.title))


def catalogue_page(
    info: Info[Context, None], size: int, after: Key | None, origin: CatalogueOrigin | None, search: str | None
) -> CatalogueConnection:
    found: list[tuple[Key, Catalogue]] = []
    total = 0
    if origin in (None, CatalogueOrigin.SHIPPED):
        listed = [(i, c) for i, c in enumerate(shipped().catalogues) if _matches(c, search)]
        total += len(listed)
        for position, catalogue in listed:
            key = (_SHIPPED, f"{position:04d}", catalogue.id)
            if after is None or key > after:
                found.append((key, Catalogue.of(catalogue)))
    if origin in (None, CatalogueOrigin.IMPORTED):
        since = (after[1], after[2]) if after is not None and after[0] == _IMPORTED else None
        wanted = max(size + 1 - len(found), 1)
        rows, imported = info.context.services.queries.catalogues.imported_page(
            info.context.scope, wanted, since, search
        )
        total += imported
        for row in rows:
            found.append(
                ((_IMPORTED, row.edition, row.catalogue_id), Catalogue.of(read_catalogue(row.content), row.version))
            )
    page = found[:size]
    edges = [CatalogueEdge(cursor=_cursor(key), node=node) for key, node in page]
    end = edges[-1].cursor if edges else None
    return CatalogueConnection(
        edges=edges, page_info=PageInfo(has_next_page=len(found) > size, end_cursor=end), total_count=total
    )
