"""The catalogues Cordee ships, read once and checked: the reference every consultancy shares."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from domain.catalogues.catalogue import Catalogue, Correspondence
from domain.catalogues.loading import (
    CATALOGUE_FORMAT,
    CORRESPONDENCE_FORMAT,
    read_catalogue,
    read_correspondence,
    shipped_files,
)


@dataclass(frozen=True)
class Library:
    catalogues: tuple[Catalogue, ...]
    correspondences: tuple[Correspondence, ...]

    def catalogue(self, identifier: str) -> Catalogue | None:
        return next((catalogue for catalogue in self.catalogues if catalogue.id == identifier), None)

    def correspondence(self, source: str, target: str) -> Correspondence | None:
        found = (c for c in self.correspondences if (c.source, c.target) == (source, target))
        return next(found, None)

    def correspondences_from(self, source: str) -> list[Correspondence]:
        return [correspondence for correspondence in self.correspondences if correspondence.source == source]


@cache
def shipped() -> Library:
    """The shipped catalogues, newest edition first, and the correspondences between them."""
    files = shipped_files()
    catalogues = [read_catalogue(data) for data in files if data.get("format") == CATALOGUE_FORMAT]
    by_id = {catalogue.id: catalogue for catalogue in catalogues}
    pairs = [read_correspondence(data, by_id) for data in files if data.get("format") == CORRESPONDENCE_FORMAT]
    newest_first = sorted(catalogues, key=lambda catalogue: catalogue.edition, reverse=True)
    return Library(tuple(newest_first), tuple(pairs))
