"""The internal audits' read tables, each with its `organisation_id`: the one visibility filter applies to them."""

from __future__ import annotations

from sqlalchemy import Column, Date, DateTime, Index, Integer, String, Text, Uuid

from projections.core.tables import TableFactory


def define_tables(table: TableFactory) -> None:
    table(
        "audit_programmes",
        Column("tenant_id", Uuid, nullable=False),
        Column("programme_id", Uuid, nullable=False),
        Column("organisation_id", Uuid, nullable=False),
        Column("year", Integer, nullable=False),
        Column("objectives", Text, nullable=False),
        Column("planned_by", Uuid, nullable=False),
        Column("planned_at", DateTime(timezone=True), nullable=False),
        key=("tenant_id", "programme_id"),
    )
    table(
        "audit_programme_areas",
        Column("tenant_id", Uuid, nullable=False),
        Column("programme_id", Uuid, nullable=False),
        Column("reference", String(20), nullable=False),
        Column("organisation_id", Uuid, nullable=False),
        Column("position", Integer, nullable=False),
        Column("owner_id", Uuid, nullable=False),
        key=("tenant_id", "programme_id", "reference"),
    )
    audits = table(
        "audits",
        Column("tenant_id", Uuid, nullable=False),
        Column("audit_id", Uuid, nullable=False),
        Column("organisation_id", Uuid, nullable=False),
        Column("programme_id", Uuid, nullable=False),
        Column("year", Integer, nullable=False),
        Column("title", String(200), nullable=False),
        Column("sort_title", String(200), nullable=False),
        Column("scope", Text, nullable=False),
        # the areas audited, comma-separated, in the order given
        Column("criteria", Text, nullable=False),
        Column("planned_on", Date, nullable=False),
        Column("auditor_id", Uuid, nullable=False),
        Column("status", String(20), nullable=False),
        Column("held_on", Date),
        Column("conclusion", Text),
        Column("findings", Integer, nullable=False),
        Column("nonconformities", Integer, nullable=False),
        # findings that are major or minor nonconformities
        Column("planned_at", DateTime(timezone=True), nullable=False),
        key=("tenant_id", "audit_id"),
    )
    Index(
        f"{table.prefix}audits_by_date",
        audits.c.tenant_id,
        audits.c.organisation_id,
        audits.c.planned_on,
        audits.c.audit_id,
    )
    table(
        "audit_findings",
        Column("tenant_id", Uuid, nullable=False),
        Column("finding_id", Uuid, nullable=False),
        Column("audit_id", Uuid, nullable=False),
        Column("organisation_id", Uuid, nullable=False),
        Column("position", Integer, nullable=False),
        Column("kind", String(30), nullable=False),
        Column("reference", String(20), nullable=False),
        Column("statement", Text, nullable=False),
        Column("evidence", Text, nullable=False),
        Column("nonconformity_id", Uuid),
        Column("recorded_by", Uuid, nullable=False),
        Column("recorded_at", DateTime(timezone=True), nullable=False),
        key=("tenant_id", "finding_id"),
    )
    table(
        "audit_history",
        Column("tenant_id", Uuid, nullable=False),
        Column("subject_id", Uuid, nullable=False),
        # the programme or the audit
        Column("version", Integer, nullable=False),
        Column("organisation_id", Uuid, nullable=False),
        Column("action", String(30), nullable=False),
        Column("details", Text, nullable=False),
        Column("acted_by", Uuid, nullable=False),
        Column("acted_at", DateTime(timezone=True), nullable=False),
        key=("tenant_id", "subject_id", "version"),
    )
