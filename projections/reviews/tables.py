"""An organisation's management reviews: the read tables, each with its `organisation_id` so the one visibility
filter applies. The list is read by organisation, by date of the meeting; actions by due date."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Date, DateTime, Index, Integer, String, Text, Uuid

from projections.core.tables import TableFactory


def define_tables(table: TableFactory) -> None:
    reviews = table(
        "management_reviews",
        Column("tenant_id", Uuid, nullable=False),
        Column("review_id", Uuid, nullable=False),
        Column("organisation_id", Uuid, nullable=False),
        Column("held_on", Date, nullable=False),
        Column("chair", String(200), nullable=False),
        Column("attendees", Text, nullable=False),
        Column("status", String(20), nullable=False),
        Column("gathered_on", Date),
        Column("decisions", Integer, nullable=False),
        Column("closed_by", Uuid),
        Column("closed_at", DateTime(timezone=True)),
        Column("changed_at", DateTime(timezone=True), nullable=False),
        key=("tenant_id", "review_id"),
    )
    c = reviews.c
    Index(f"{reviews.name}_by_date", c.tenant_id, c.organisation_id, c.held_on, c.review_id)
    table(
        "management_review_inputs",
        Column("tenant_id", Uuid, nullable=False),
        Column("review_id", Uuid, nullable=False),
        Column("position", Integer, nullable=False),
        Column("organisation_id", Uuid, nullable=False),
        Column("key", String(40), nullable=False),
        Column("title", String(200), nullable=False),
        Column("recorded", Boolean, nullable=False),
        Column("lines", Text, nullable=False),
        key=("tenant_id", "review_id", "position"),
    )
    table(
        "management_review_opportunities",
        Column("tenant_id", Uuid, nullable=False),
        Column("review_id", Uuid, nullable=False),
        Column("position", Integer, nullable=False),
        Column("organisation_id", Uuid, nullable=False),
        Column("text", Text, nullable=False),
        key=("tenant_id", "review_id", "position"),
    )
    table(
        "management_review_decisions",
        Column("tenant_id", Uuid, nullable=False),
        Column("review_id", Uuid, nullable=False),
        Column("number", Integer, nullable=False),
        Column("organisation_id", Uuid, nullable=False),
        Column("text", Text, nullable=False),
        Column("how_reached", Text, nullable=False),
        Column("resources", Text, nullable=False),
        Column("correction_reason", Text),
        key=("tenant_id", "review_id", "number"),
    )
    actions = table(
        "management_review_actions",
        Column("tenant_id", Uuid, nullable=False),
        Column("review_id", Uuid, nullable=False),
        Column("number", Integer, nullable=False),
        Column("organisation_id", Uuid, nullable=False),
        Column("decision", Integer, nullable=False),
        Column("held_on", Date, nullable=False),
        Column("title", String(200), nullable=False),
        Column("owner", String(200), nullable=False),
        Column("due_on", Date, nullable=False),
        Column("status", String(20), nullable=False),
        Column("note", Text),
        key=("tenant_id", "review_id", "number"),
    )
    a = actions.c
    Index(f"{actions.name}_by_due", a.tenant_id, a.organisation_id, a.due_on, a.review_id, a.number)
