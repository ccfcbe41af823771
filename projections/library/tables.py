"""The library's read tables. They hold no organisation: the library is the consultancy's, read by everyone signed
in to it (its client organisations' members too); the one filter keeps it from every other consultancy."""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Index, Integer, String, Text, Uuid

from projections.core.tables import TableFactory


def define_tables(table: TableFactory) -> None:
    items = table(
        "library_items",
        Column("tenant_id", Uuid, nullable=False),
        Column("item_id", Uuid, nullable=False),
        Column("kind", String(20), nullable=False),
        Column("title", String(200), nullable=False),
        Column("sort_title", String(200), nullable=False),
        Column("version", Integer, nullable=False),
        Column("fields", Text, nullable=False),
        Column("search_text", Text, nullable=False),
        Column("retired", Integer, nullable=False),
        Column("retired_reason", Text),
        Column("added_by", Uuid, nullable=False),
        Column("added_at", DateTime(timezone=True), nullable=False),
        Column("changed_at", DateTime(timezone=True), nullable=False),
        key=("tenant_id", "item_id"),
    )
    c = items.c
    Index(f"{items.name}_by_title", c.tenant_id, c.kind, c.retired, c.sort_title, c.item_id)
    Index(f"{items.name}_by_change", c.tenant_id, c.kind, c.retired, c.changed_at, c.item_id)
    table(
        "library_item_history",
        Column("tenant_id", Uuid, nullable=False),
        Column("item_id", Uuid, nullable=False),
        Column("event_version", Integer, nullable=False),
        Column("action", String(20), nullable=False),
        Column("item_version", Integer, nullable=False),
        Column("title", String(200), nullable=False),
        Column("fields", Text, nullable=False),
        Column("reason", Text),
        Column("acted_by", Uuid, nullable=False),
        Column("acted_at", DateTime(timezone=True), nullable=False),
        key=("tenant_id", "item_id", "event_version"),
    )
