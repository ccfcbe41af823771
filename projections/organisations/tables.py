"""The organisations a consultancy registered: the read tables."""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Integer, String, Uuid

from projections.core.tables import TableFactory


def define_tables(table: TableFactory) -> None:
    _organisations(table)


def _organisations(table: TableFactory) -> None:
    table(
        "organisations",
        Column("tenant_id", Uuid, nullable=False),
        Column("organisation_id", Uuid, nullable=False),
        Column("name", String(200), nullable=False),
        Column("sector", String(200), nullable=False),
        Column("employee_count", Integer, nullable=False),
        Column("country", String(2), nullable=True),
        Column("region", String(100), nullable=True),
        Column("registered_at", DateTime(timezone=True), nullable=False),
        key=("tenant_id", "organisation_id"),
    )
