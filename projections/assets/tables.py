"""The asset inventory's read tables, indexed for an inventory of 10,000 assets: paged by name or by highest
classification, filtered by kind, always within one organisation."""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Index, Integer, String, Text, Uuid

from projections.core.tables import TableFactory


def define_tables(table: TableFactory) -> None:
    _assets(table)
    _asset_dependencies(table)
    _asset_history(table)
    _asset_scales(table)
    _asset_sources(table)


def _asset_sources(table: TableFactory) -> None:
    """Where an asset copied from the consultancy's library came from: the template and its version."""
    table(
        "asset_sources",
        Column("tenant_id", Uuid, nullable=False),
        Column("asset_id", Uuid, nullable=False),
        Column("organisation_id", Uuid, nullable=False),
        Column("library_item_id", String(36), nullable=False),
        Column("library_version", Integer, nullable=False),
        key=("tenant_id", "asset_id"),
    )


def _assets(table: TableFactory) -> None:
    assets = table(
        "assets",
        Column("tenant_id", Uuid, nullable=False),
        Column("asset_id", Uuid, nullable=False),
        Column("organisation_id", Uuid, nullable=False),
        Column("name", String(200), nullable=False),
        Column("sort_name", String(200), nullable=False),
        Column("kind", String(20), nullable=False),
        Column("owner", String(200), nullable=False),
        Column("location", String(200), nullable=False),
        Column("description", Text, nullable=False),
        Column("search_text", Text, nullable=False),
        Column("confidentiality", Integer),
        Column("integrity", Integer),
        Column("availability", Integer),
        Column("scale_version", Integer),
        Column("highest", Integer, nullable=False),
        Column("rank", Integer, nullable=False),
        # minus `highest`: the highest classifications first, in the index's own (ascending) order
        Column("retired", Integer, nullable=False),
        Column("retired_reason", Text),
        Column("registered_by", Uuid, nullable=False),
        Column("registered_at", DateTime(timezone=True), nullable=False),
        key=("tenant_id", "asset_id"),
    )
    prefix = table.prefix
    Index(
        f"{prefix}assets_by_name",
        assets.c.tenant_id,
        assets.c.organisation_id,
        assets.c.retired,
        assets.c.sort_name,
        assets.c.asset_id,
    )
    Index(
        f"{prefix}assets_by_highest",
        assets.c.tenant_id,
        assets.c.organisation_id,
        assets.c.retired,
        assets.c.rank,
        assets.c.sort_name,
        assets.c.asset_id,
    )
    Index(
        f"{prefix}assets_by_kind",
        assets.c.tenant_id,
        assets.c.organisation_id,
        assets.c.retired,
        assets.c.kind,
        assets.c.sort_name,
        assets.c.asset_id,
    )


def _asset_dependencies(table: TableFactory) -> None:
    """`asset_id` depends on `depends_on_id`; both of the same organisation."""
    dependencies = table(
        "asset_dependencies",
        Column("tenant_id", Uuid, nullable=False),
        Column("asset_id", Uuid, nullable=False),
        Column("depends_on_id", Uuid, nullable=False),
        Column("organisation_id", Uuid, nullable=False),
        key=("tenant_id", "asset_id", "depends_on_id"),
    )
    Index(f"{table.prefix}asset_dependants", dependencies.c.tenant_id, dependencies.c.depends_on_id)


def _asset_history(table: TableFactory) -> None:
    """What was done to an asset after its registration (which the asset's own row tells), with who, when, why."""
    table(
        "asset_history",
        Column("tenant_id", Uuid, nullable=False),
        Column("asset_id", Uuid, nullable=False),
        Column("version", Integer, nullable=False),
        Column("organisation_id", Uuid, nullable=False),
        Column("action", String(30), nullable=False),
        Column("details", Text, nullable=False),
        Column("other_asset_id", Uuid),
        # the asset a dependency added or removed links to
        Column("reason", Text),
        Column("acted_by", Uuid, nullable=False),
        Column("acted_at", DateTime(timezone=True), nullable=False),
        key=("tenant_id", "asset_id", "version"),
    )


def _asset_scales(table: TableFactory) -> None:
    """The consultancy's scale versions it set (version 1, the default, is not stored); every level of each."""
    table(
        "asset_scale_levels",
        Column("tenant_id", Uuid, nullable=False),
        Column("version", Integer, nullable=False),
        Column("dimension", String(20), nullable=False),
        Column("value", Integer, nullable=False),
        Column("label", String(50), nullable=False),
        Column("description", Text, nullable=False),
        Column("set_at", DateTime(timezone=True), nullable=False),
        key=("tenant_id", "version", "dimension", "value"),
    )
