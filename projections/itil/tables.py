"""The ITIL declarations' read tables: each organisation's current declarations, and their history."""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Integer, String, Text, Uuid

from projections.core.tables import TableFactory


def define_tables(table: TableFactory) -> None:
    table(
        "itil_declarations",
        Column("tenant_id", Uuid, nullable=False),
        Column("organisation_id", Uuid, nullable=False),
        Column("item", String(40), nullable=False),
        Column("evidence", Text, nullable=False),
        Column("document_id", Uuid),
        Column("declared_by", Uuid, nullable=False),
        Column("declared_at", DateTime(timezone=True), nullable=False),
        key=("tenant_id", "organisation_id", "item"),
    )
    table(
        "itil_history",
        Column("tenant_id", Uuid, nullable=False),
        Column("organisation_id", Uuid, nullable=False),
        Column("version", Integer, nullable=False),
        Column("item", String(40), nullable=False),
        Column("action", String(20), nullable=False),
        Column("text", Text, nullable=False),
        # the evidence declared, or the reason for the withdrawal
        Column("document_id", Uuid),
        Column("acted_by", Uuid, nullable=False),
        Column("acted_at", DateTime(timezone=True), nullable=False),
        key=("tenant_id", "organisation_id", "version"),
    )
