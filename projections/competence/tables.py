"""Training records, awareness campaigns and what was done to them: the read tables, each with its
`organisation_id`, so the one visibility filter applies. Trainings are paged by date or by person, within one
organisation: both orders have an index."""

from __future__ import annotations

from sqlalchemy import JSON, Column, Date, DateTime, Index, Integer, String, Text, Uuid

from projections.core.tables import TableFactory


def define_tables(table: TableFactory) -> None:
    trainings = table(
        "trainings",
        Column("tenant_id", Uuid, nullable=False),
        Column("training_id", Uuid, nullable=False),
        Column("organisation_id", Uuid, nullable=False),
        Column("account_id", Uuid),
        Column("person_name", String(200), nullable=False),
        Column("course", String(200), nullable=False),
        Column("sort_course", String(200), nullable=False),
        Column("completed_on", Date, nullable=False),
        Column("provider", String(200), nullable=False),
        Column("evidence", Text, nullable=False),
        Column("document_id", Uuid),
        Column("withdrawn", Integer, nullable=False),
        Column("withdrawn_reason", Text),
        Column("recorded_by", Uuid, nullable=False),
        Column("recorded_at", DateTime(timezone=True), nullable=False),
        key=("tenant_id", "training_id"),
    )
    c = trainings.c
    Index(f"{trainings.name}_by_date", c.tenant_id, c.organisation_id, c.completed_on, c.training_id)
    Index(f"{trainings.name}_by_course", c.tenant_id, c.organisation_id, c.sort_course, c.training_id)
    campaigns = table(
        "awareness_campaigns",
        Column("tenant_id", Uuid, nullable=False),
        Column("campaign_id", Uuid, nullable=False),
        Column("organisation_id", Uuid, nullable=False),
        Column("title", String(200), nullable=False),
        Column("held_on", Date, nullable=False),
        Column("audience", String(200), nullable=False),
        Column("material", Text, nullable=False),
        Column("participants", JSON, nullable=False),
        Column("withdrawn", Integer, nullable=False),
        Column("withdrawn_reason", Text),
        Column("recorded_by", Uuid, nullable=False),
        Column("recorded_at", DateTime(timezone=True), nullable=False),
        key=("tenant_id", "campaign_id"),
    )
    k = campaigns.c
    Index(f"{campaigns.name}_by_date", k.tenant_id, k.organisation_id, k.held_on, k.campaign_id)
    table(
        "competence_history",
        Column("tenant_id", Uuid, nullable=False),
        Column("record_id", Uuid, nullable=False),
        Column("version", Integer, nullable=False),
        Column("organisation_id", Uuid, nullable=False),
        Column("action", String(20), nullable=False),
        Column("reason", Text),
        Column("acted_by", Uuid, nullable=False),
        Column("acted_at", DateTime(timezone=True), nullable=False),
        key=("tenant_id", "record_id", "version"),
    )
