"""The nonconformity register's read tables, each with its `organisation_id` for the one visibility filter."""

from __future__ import annotations

from sqlalchemy import Column, Date, DateTime, Index, Integer, String, Text, Uuid

from projections.core.tables import TableFactory


def define_tables(table: TableFactory) -> None:
    nonconformities = table(
        "nonconformities",
        Column("tenant_id", Uuid, nullable=False),
        Column("nonconformity_id", Uuid, nullable=False),
        Column("organisation_id", Uuid, nullable=False),
        Column("title", String(200), nullable=False),
        Column("sort_title", String(200), nullable=False),
        Column("description", Text, nullable=False),
        Column("severity", String(10), nullable=False),
        Column("source_kind", String(20), nullable=False),
        Column("source_reference", String(100)),
        Column("status", String(20), nullable=False),
        Column("root_cause", Text),
        Column("correction", Text),
        Column("actions", Integer, nullable=False),
        Column("earliest_due_on", Date),
        # the earliest due date of its actions not yet completed: overdue before today
        Column("raised_by", Uuid, nullable=False),
        Column("raised_at", DateTime(timezone=True), nullable=False),
        Column("closed_at", DateTime(timezone=True)),
        key=("tenant_id", "nonconformity_id"),
    )
    Index(
        f"{table.prefix}nonconformities_by_raised",
        nonconformities.c.tenant_id,
        nonconformities.c.organisation_id,
        nonconformities.c.raised_at,
        nonconformities.c.nonconformity_id,
    )
    table(
        "corrective_actions",
        Column("tenant_id", Uuid, nullable=False),
        Column("action_id", Uuid, nullable=False),
        Column("nonconformity_id", Uuid, nullable=False),
        Column("organisation_id", Uuid, nullable=False),
        Column("position", Integer, nullable=False),
        Column("description", Text, nullable=False),
        Column("owner_id", Uuid, nullable=False),
        Column("due_on", Date, nullable=False),
        Column("completed_on", Date),
        Column("completion_note", Text),
        Column("verified_by", Uuid),
        Column("effective", Integer),
        Column("verification_evidence", Text),
        key=("tenant_id", "action_id"),
    )
    table(
        "nonconformity_history",
        Column("tenant_id", Uuid, nullable=False),
        Column("nonconformity_id", Uuid, nullable=False),
        Column("version", Integer, nullable=False),
        Column("organisation_id", Uuid, nullable=False),
        Column("action", String(30), nullable=False),
        Column("details", Text, nullable=False),
        Column("acted_by", Uuid, nullable=False),
        Column("acted_at", DateTime(timezone=True), nullable=False),
        key=("tenant_id", "nonconformity_id", "version"),
    )
