"""What the catalogue queries answer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class ImportedVersionRow:
    catalogue_id: str
    version: int
    edition: str
    title: str
    file_format: str
    content_hash: str
    group_count: int
    control_count: int
    imported_by: str | None
    """The display name of the account that imported it."""
    imported_at: datetime
    content: dict[str, Any]


@dataclass(frozen=True)
class ControlTextRow:
    catalogue_id: str
    control_id: str
    text: str
    version: int
    written_by: str | None
    written_at: datetime
