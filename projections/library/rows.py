"""What the library queries answer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID


@dataclass(frozen=True)
class LibraryItemRow:
    item_id: UUID
    kind: str
    title: str
    version: int
    fields: dict[str, Any]
    retired: bool
    retired_reason: str | None
    added_at: datetime
    changed_at: datetime


@dataclass(frozen=True)
class LibraryPageRows:
    rows: list[LibraryItemRow]
    has_next_page: bool
    total: int
    """Items of the kind that match the filters, on every page."""


@dataclass(frozen=True)
class LibraryEventRow:
    action: str
    item_version: int
    title: str
    fields: dict[str, Any]
    reason: str | None
    acted_by: str | None
    acted_at: datetime
