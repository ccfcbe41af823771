"""Where a register's entry was copied from: an item of the consultancy's library and the version copied."""

from __future__ import annotations

import strawberry


@strawberry.type(description="The library item and the version of it a register's entry was copied from.")
class LibrarySource:
    library_item_id: strawberry.ID
    library_version: int

    @classmethod
    def of(cls, item_id: str, version: int) -> LibrarySource:
        return cls(library_item_id=strawberry.ID(item_id), library_version=version)
