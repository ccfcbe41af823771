"""What the asset queries answer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID


@dataclass(frozen=True)
class AssetRow:
    asset_id: UUID
    organisation_id: UUID
    name: str
    kind: str
    owner: str
    location: str
    description: str
    confidentiality: int | None
    integrity: int | None
    availability: int | None
    scale_version: int | None
    highest: int
    retired: bool
    retired_reason: str | None
    registered_at: datetime


@dataclass(frozen=True)
class CopySourceRow:
    """The consultancy's library item and version an asset was copied from."""

    library_item_id: str
    library_version: int


@dataclass(frozen=True)
class AssetPageRows:
    """One page of an inventory, the number of assets the filters match, and of the whole inventory."""

    rows: list[AssetRow]
    has_next_page: bool
    total: int
    unclassified: int
    """Of the whole inventory (retired assets left out), whatever the filters."""
    inventory: int


@dataclass(frozen=True)
class AssetLinkRow:
    asset_id: UUID
    name: str
    kind: str
    retired: bool


@dataclass(frozen=True)
class AssetEventRow:
    """Something done to an asset: `registered`, `described`, `classified`, `dependency_added`,
    `dependency_removed` or `retired`; who did it (null for the system), when and why."""

    action: str
    details: str
    reason: str | None
    acted_by: str | None
    acted_at: datetime


@dataclass(frozen=True)
class ScaleLevelRow:
    value: int
    label: str
    description: str


@dataclass(frozen=True)
class ScalesRow:
    version: int
    confidentiality: tuple[ScaleLevelRow, ...]
    integrity: tuple[ScaleLevelRow, ...]
    availability: tuple[ScaleLevelRow, ...]


@dataclass(frozen=True)
class AssetSummary:
    """An organisation's inventory in two figures, for its ISMS home (retired assets left out)."""

    assets: int
    unclassified: int
