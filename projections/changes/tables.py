"""The change log's read tables, every one carrying its organisation: the one visibility filter applies to each."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Date, DateTime, Index, Integer, String, Text, Uuid

from projections.core.tables import TableFactory


def define_tables(table: TableFactory) -> None:
    changes = table(
        "changes",
        Column("tenant_id", Uuid, nullable=False),
        Column("change_id", Uuid, nullable=False),
        Column("organisation_id", Uuid, nullable=False),
        Column("number", Integer, nullable=False),
        Column("owner_id", Uuid, nullable=False),
        Column("initiator", String(200), nullable=False),
        Column("cause", Text, nullable=False),
        Column("ticket", String(100), nullable=False),
        Column("hostname", String(253), nullable=False),
        Column("description", Text, nullable=False),
        Column("configuration", Text, nullable=False),
        Column("category", String(20), nullable=False),
        Column("risk", String(10), nullable=False),
        Column("standard_change_id", String(40)),
        Column("standard_change_title", String(200)),
        Column("approver_id", Uuid),
        Column("approved_on", Date),
        Column("scheduled_for", Date),
        Column("fallback", Text),
        Column("executed_on", Date),
        Column("succeeded", Boolean),
        Column("execution_notes", Text),
        Column("status", String(20), nullable=False),
        Column("consent_count", Integer, nullable=False),
        Column("filed_by", Uuid, nullable=False),
        Column("filed_on", Date, nullable=False),
        key=("tenant_id", "change_id"),
    )
    c = changes.c
    Index(f"{table.prefix}changes_by_number", c.tenant_id, c.organisation_id, c.number, unique=True)
    Index(f"{table.prefix}changes_by_status", c.tenant_id, c.organisation_id, c.status, c.number)
    table(
        "change_history",
        Column("tenant_id", Uuid, nullable=False),
        Column("change_id", Uuid, nullable=False),
        Column("version", Integer, nullable=False),
        Column("organisation_id", Uuid, nullable=False),
        Column("action", String(20), nullable=False),
        Column("details", Text, nullable=False),
        Column("acted_by", Uuid, nullable=False),
        Column("acted_at", DateTime(timezone=True), nullable=False),
        key=("tenant_id", "change_id", "version"),
    )
    table(
        "change_consents",
        Column("tenant_id", Uuid, nullable=False),
        Column("change_id", Uuid, nullable=False),
        Column("member_id", Uuid, nullable=False),
        Column("organisation_id", Uuid, nullable=False),
        Column("consented_on", Date, nullable=False),
        key=("tenant_id", "change_id", "member_id"),
    )
    table(
        "change_board_members",
        Column("tenant_id", Uuid, nullable=False),
        Column("organisation_id", Uuid, nullable=False),
        Column("member_id", Uuid, nullable=False),
        key=("tenant_id", "organisation_id", "member_id"),
    )
    table(
        "standard_changes",
        Column("tenant_id", Uuid, nullable=False),
        Column("organisation_id", Uuid, nullable=False),
        Column("standard_change_id", String(40), nullable=False),
        Column("title", String(200), nullable=False),
        Column("procedure", Text, nullable=False),
        Column("defined_at", DateTime(timezone=True), nullable=False),
        key=("tenant_id", "organisation_id", "standard_change_id"),
    )
