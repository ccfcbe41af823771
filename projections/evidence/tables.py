"""The bundles exported for an organisation's auditors: one row per export, with its `organisation_id` so the one
visibility filter applies (its own member accounts, the coach of a cluster it belongs to, the admins)."""

from __future__ import annotations

from sqlalchemy import Column, Date, DateTime, Integer, Uuid

from projections.core.tables import TableFactory


def define_tables(table: TableFactory) -> None:
    table(
        "audit_bundles",
        Column("tenant_id", Uuid, nullable=False),
        Column("organisation_id", Uuid, nullable=False),
        Column("number", Integer, nullable=False),
        Column("window_from", Date, nullable=False),
        Column("window_to", Date, nullable=False),
        Column("exported_by", Uuid, nullable=False),
        Column("exported_at", DateTime(timezone=True), nullable=False),
        key=("tenant_id", "organisation_id", "number"),
    )
