"""The credentials' read tables: a row per credential in the labelling body's tenant, and the same row in the
professionals' realm for the professional's own download; the missions each renewal counted; and the labelling
bodies' names and short names, in each body's tenant and in the realm, for the addresses of their credentials."""

from __future__ import annotations

from sqlalchemy import JSON, Boolean, Column, Date, DateTime, Float, Index, Integer, String, Uuid

from projections.core.tables import TableFactory


def define_tables(table: TableFactory) -> None:
    credentials = table(
        "label_credentials",
        Column("tenant_id", Uuid, nullable=False),
        Column("credential_id", Uuid, nullable=False),
        Column("record_id", Uuid, nullable=False),
        Column("body_id", Uuid, nullable=False),
        Column("track_id", Uuid, nullable=False),
        Column("cycle", Integer, nullable=False),
        Column("current", Boolean, nullable=False),
        Column("professional_id", Uuid, nullable=False),
        Column("name", String, nullable=False),
        Column("scheme_version", Integer, nullable=False),
        Column("training_title", String, nullable=False),
        Column("training_provider", String, nullable=False),
        Column("trained_on", Date, nullable=False),
        Column("exam_passed_on", Date, nullable=False),
        Column("evaluated_on", Date, nullable=False),
        Column("results", JSON, nullable=False),
        Column("awarded_on", Date, nullable=False),
        Column("valid_from", Date, nullable=False),
        Column("valid_until", Date, nullable=False),
        Column("status_list", Integer, nullable=False),
        Column("status_index", Integer, nullable=False),
        Column("status", String, nullable=False),
        Column("status_changed_at", DateTime(timezone=True), nullable=False),
        # when its status entry was last written (issued, suspended, reinstated, revoked): the list's validFrom
        key=("tenant_id", "credential_id"),
    )
    Index(f"{table.prefix}label_credentials_by_track", credentials.c.tenant_id, credentials.c.track_id)
    Index(f"{table.prefix}label_credentials_by_record", credentials.c.tenant_id, credentials.c.record_id)
    Index(f"{table.prefix}label_credentials_by_professional", credentials.c.tenant_id, credentials.c.professional_id)
    table(
        "label_credential_missions",
        Column("tenant_id", Uuid, nullable=False),
        Column("record_id", Uuid, nullable=False),
        Column("mission_id", Uuid, nullable=False),
        Column("ended_on", Date, nullable=False),
        Column("coaching_days", Float, nullable=False),
        key=("tenant_id", "record_id", "mission_id"),
    )
    table(
        "label_credential_bodies",
        Column("tenant_id", Uuid, nullable=False),
        Column("body_id", Uuid, nullable=False),
        Column("slug", String, nullable=False),
        Column("name", String, nullable=False),
        key=("tenant_id", "body_id"),
    )
