"""The incident register's read tables, indexed for a register of 10,000 incidents: paged by the time reported, by
severity or by title, always within one organisation; the monthly report reads one service's incidents."""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Index, Integer, String, Text, Uuid

from projections.core.tables import TableFactory


def define_tables(table: TableFactory) -> None:
    incidents = table(
        "incidents",
        Column("tenant_id", Uuid, nullable=False),
        Column("incident_id", Uuid, nullable=False),
        Column("organisation_id", Uuid, nullable=False),
        Column("title", String(200), nullable=False),
        Column("sort_title", String(200), nullable=False),
        Column("service", String(200), nullable=False),
        Column("severity", String(20), nullable=False),
        Column("severity_rank", Integer, nullable=False),
        # 0 for critical to 3 for low: the most severe first in the index's own order
        Column("description", Text, nullable=False),
        Column("status", String(20), nullable=False),
        Column("open", Integer, nullable=False),
        Column("level", String(20)),
        Column("handled_by", String(200)),
        Column("monitor_key", String(400)),
        Column("service_levels_version", Integer),
        Column("reported_by", Uuid, nullable=False),
        Column("reported_at", DateTime(timezone=True), nullable=False),
        Column("reaction_due_at", DateTime(timezone=True)),
        Column("escalation_due_at", DateTime(timezone=True)),
        Column("recovery_due_at", DateTime(timezone=True)),
        Column("reaction_met_at", DateTime(timezone=True)),
        Column("escalation_met_at", DateTime(timezone=True)),
        Column("recovery_met_at", DateTime(timezone=True)),
        Column("closed_at", DateTime(timezone=True)),
        Column("lessons_learned", Text),
        key=("tenant_id", "incident_id"),
    )
    prefix, c = table.prefix, incidents.c
    within = (c.tenant_id, c.organisation_id)
    Index(f"{prefix}incidents_by_time", *within, c.reported_at, c.incident_id)
    # the most severe first, then the latest: in the index's own order, so no page sorts a severity's rows
    Index(f"{prefix}incidents_by_severity_latest", *within, c.severity_rank, c.reported_at.desc(), c.incident_id)
    Index(f"{prefix}incidents_by_title", *within, c.sort_title, c.incident_id)
    Index(f"{prefix}incidents_by_service", *within, c.service, c.reported_at)
    Index(f"{prefix}incidents_by_monitor", *within, c.monitor_key, c.open)
    table(
        "incident_steps",
        Column("tenant_id", Uuid, nullable=False),
        Column("incident_id", Uuid, nullable=False),
        Column("position", Integer, nullable=False),
        Column("organisation_id", Uuid, nullable=False),
        Column("step", String(20), nullable=False),
        Column("level", String(20)),
        Column("handled_by", String(200)),
        Column("at", DateTime(timezone=True), nullable=False),
        Column("note", Text),
        Column("actor_id", Uuid, nullable=False),
        Column("recorded_at", DateTime(timezone=True)),
        key=("tenant_id", "incident_id", "position"),
    )
    table(
        "incident_links",
        Column("tenant_id", Uuid, nullable=False),
        Column("incident_id", Uuid, nullable=False),
        Column("kind", String(10), nullable=False),
        Column("linked_id", Uuid, nullable=False),
        Column("organisation_id", Uuid, nullable=False),
        key=("tenant_id", "incident_id", "kind", "linked_id"),
    )
    table(
        "service_levels",
        Column("tenant_id", Uuid, nullable=False),
        Column("organisation_id", Uuid, nullable=False),
        Column("version", Integer, nullable=False),
        Column("severity", String(20), nullable=False),
        Column("reaction_minutes", Integer, nullable=False),
        Column("escalation_minutes", Integer, nullable=False),
        Column("recovery_minutes", Integer, nullable=False),
        Column("agreed_by", Uuid, nullable=False),
        Column("agreed_at", DateTime(timezone=True), nullable=False),
        Column("reason", Text),
        key=("tenant_id", "organisation_id", "version", "severity"),
    )
    tokens = table(
        "monitoring_tokens",
        Column("tenant_id", Uuid, nullable=False),
        Column("token_id", Uuid, nullable=False),
        Column("organisation_id", Uuid, nullable=False),
        Column("key_hash", String(64), nullable=False),
        Column("label", String(200), nullable=False),
        Column("issued_by", Uuid, nullable=False),
        Column("issued_at", DateTime(timezone=True), nullable=False),
        Column("revoked_by", Uuid),
        Column("revoked_at", DateTime(timezone=True)),
        key=("tenant_id", "token_id"),
    )
    Index(f"{prefix}monitoring_tokens_by_hash", tokens.c.key_hash, unique=True)
