"""The monitoring and measurement register's read tables, each with its `organisation_id` for the one visibility
filter."""

from __future__ import annotations

from sqlalchemy import Column, Date, DateTime, Float, Index, Integer, String, Text, Uuid

from projections.core.tables import TableFactory


def define_tables(table: TableFactory) -> None:
    metrics = table(
        "metrics",
        Column("tenant_id", Uuid, nullable=False),
        Column("metric_id", Uuid, nullable=False),
        Column("organisation_id", Uuid, nullable=False),
        Column("name", String(200), nullable=False),
        Column("sort_name", String(200), nullable=False),
        Column("method", Text, nullable=False),
        Column("frequency", String(20), nullable=False),
        Column("target", Float, nullable=False),
        Column("direction", String(10), nullable=False),
        Column("unit", String(30), nullable=False),
        Column("reference", String(20)),
        Column("owner_id", Uuid, nullable=False),
        Column("evaluator_id", Uuid),
        Column("status", String(10), nullable=False),
        Column("retired_reason", Text),
        Column("defined_on", Date, nullable=False),
        Column("measurements", Integer, nullable=False),
        Column("last_measured_on", Date),
        Column("last_value", Float),
        Column("last_met", Integer),
        # 1 when the latest measurement met the target it was judged against, 0 when it missed, NULL before any
        Column("next_due_on", Date, nullable=False),
        # the latest measurement (or the definition) plus the frequency: overdue before today
        Column("defined_by", Uuid, nullable=False),
        Column("defined_at", DateTime(timezone=True), nullable=False),
        key=("tenant_id", "metric_id"),
    )
    Index(
        f"{table.prefix}metrics_by_name",
        metrics.c.tenant_id,
        metrics.c.organisation_id,
        metrics.c.sort_name,
        metrics.c.metric_id,
    )
    table(
        "metric_measurements",
        Column("tenant_id", Uuid, nullable=False),
        Column("measurement_id", Uuid, nullable=False),
        Column("metric_id", Uuid, nullable=False),
        Column("organisation_id", Uuid, nullable=False),
        Column("measured_on", Date, nullable=False),
        Column("value", Float, nullable=False),
        Column("note", Text, nullable=False),
        Column("target", Float, nullable=False),
        Column("direction", String(10), nullable=False),
        Column("met", Integer, nullable=False),
        Column("corrections", Integer, nullable=False),
        Column("recorded_by", Uuid, nullable=False),
        Column("recorded_at", DateTime(timezone=True), nullable=False),
        key=("tenant_id", "measurement_id"),
    )
    table(
        "metric_history",
        Column("tenant_id", Uuid, nullable=False),
        Column("metric_id", Uuid, nullable=False),
        Column("version", Integer, nullable=False),
        Column("organisation_id", Uuid, nullable=False),
        Column("action", String(30), nullable=False),
        Column("details", Text, nullable=False),
        Column("acted_by", Uuid, nullable=False),
        Column("acted_at", DateTime(timezone=True), nullable=False),
        key=("tenant_id", "metric_id", "version"),
    )
