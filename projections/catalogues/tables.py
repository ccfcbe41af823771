"""The catalogues' read tables: each consultancy's imported versions and its private control texts. They hold no
organisation: they are the consultancy's, and the one filter keeps them to it by `tenant_id`."""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Integer, String, Text, Uuid

from projections.core.tables import TableFactory


def define_tables(table: TableFactory) -> None:
    table(
        "imported_catalogues",
        Column("tenant_id", Uuid, nullable=False),
        Column("catalogue_id", String(64), nullable=False),
        Column("version", Integer, nullable=False),
        Column("edition", String(300), nullable=False),
        Column("title", String(300), nullable=False),
        Column("file_format", String(16), nullable=False),
        Column("content_hash", String(64), nullable=False),
        Column("content", Text, nullable=False),
        Column("group_count", Integer, nullable=False),
        Column("control_count", Integer, nullable=False),
        Column("imported_by", Uuid, nullable=False),
        Column("imported_at", DateTime(timezone=True), nullable=False),
        key=("tenant_id", "catalogue_id", "version"),
    )
    table(
        "control_texts",
        Column("tenant_id", Uuid, nullable=False),
        Column("catalogue_id", String(64), nullable=False),
        Column("control_id", String(64), nullable=False),
        Column("text_id", Uuid, nullable=False),
        Column("text", Text, nullable=False),
        Column("version", Integer, nullable=False),
        Column("written_by", Uuid, nullable=False),
        Column("written_at", DateTime(timezone=True), nullable=False),
        key=("tenant_id", "catalogue_id", "control_id"),
    )
