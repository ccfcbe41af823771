"""Commands on an organisation's asset inventory and on the consultancy's classification scales."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from uuid import UUID

from domain.assets.importing import Cell


@dataclass(frozen=True)
class RegisterAsset:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    name: str
    kind: str
    owner: str
    location: str | None = None
    description: str | None = None


@dataclass(frozen=True)
class CopyAssetTemplate:
    """A new asset from an asset template of the consultancy's library: its name, kind, description and, where the
    current scales have them, its suggested levels; the asset records the item and version it came from."""

    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    library_item_id: UUID
    owner: str


@dataclass(frozen=True)
class DescribeAsset:
    """Changes what an asset is: its name, kind, owner, location and description."""

    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    asset_id: UUID
    name: str
    kind: str
    owner: str
    location: str | None = None
    description: str | None = None


@dataclass(frozen=True)
class ClassifyAsset:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    asset_id: UUID
    confidentiality: int
    integrity: int
    availability: int
    reason: str | None = None


@dataclass(frozen=True)
class AddAssetDependency:
    """`asset_id` depends on `depends_on_id` (a service runs on a server)."""

    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    asset_id: UUID
    depends_on_id: UUID


@dataclass(frozen=True)
class RemoveAssetDependency:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    asset_id: UUID
    depends_on_id: UUID
    reason: str | None = None


@dataclass(frozen=True)
class RetireAsset:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    asset_id: UUID
    reason: str


@dataclass(frozen=True)
class ImportAssets:
    """Registers every row of a file, or none: `rows` are (line, cells by heading)."""

    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    rows: tuple[tuple[int, Mapping[str, Cell]], ...] = field(repr=False)


@dataclass(frozen=True)
class SetClassificationScales:
    """A new version of the consultancy's scales; each level is (value, label, description)."""

    tenant_id: UUID
    actor_id: UUID
    confidentiality: tuple[tuple[int, str, str], ...]
    integrity: tuple[tuple[int, str, str], ...]
    availability: tuple[tuple[int, str, str], ...]
