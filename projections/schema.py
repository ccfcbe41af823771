"""Table definitions. `tenant_id` leads every primary key, so the schema can be distributed by tenant later.

Two exceptions, both outside any tenant: the tracking table (per shard of the event store) and the sign-in
directory (an e-mail address is one sign-in across the product). The parked events (events a projection could not
apply, held with every later event of the same tenant until an operator replays them) are per tenant too.

Tables are defined by a function of a name prefix so that a rebuild can fill fresh tables beside the live ones.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    Uuid,
)


@dataclass(frozen=True)
class ReadTables:
    metadata: MetaData
    prefix: str
    tracking: Table
    parked_events: Table
    consultancies: Table
    accounts: Table
    sign_ins: Table
    organisations: Table
    clusters: Table
    cluster_members: Table
    coaching_half_days: Table
    programme_templates: Table
    coaching_overrides: Table
    unavailability: Table
    sessions: Table
    session_moves: Table
    attendance: Table
    gap_assessments: Table
    feedback_items: Table

    def all(self) -> list[Table]:
        return [getattr(self, f.name) for f in fields(self) if isinstance(getattr(self, f.name), Table)]

    def unprefixed(self, table: Table) -> str:
        return table.name.removeprefix(self.prefix)


def define_read_tables(prefix: str = "") -> ReadTables:
    metadata = MetaData()

    def table(name: str, *columns: Column[object], key: tuple[str, ...]) -> Table:
        full_name = f"{prefix}{name}"
        return Table(full_name, metadata, *columns, PrimaryKeyConstraint(*key, name=f"{full_name}_pkey"))

    return ReadTables(
        metadata=metadata,
        prefix=prefix,
        tracking=table(
            "projection_tracking",
            Column("shard", String(64), nullable=False),
            Column("projection", String(64), nullable=False),
            Column("position", BigInteger, nullable=False),
            key=("shard", "projection"),
        ),
        parked_events=table(
            "parked_events",
            Column("tenant_id", Uuid, nullable=False),
            Column("shard", String(64), nullable=False),
            Column("projection", String(64), nullable=False),
            Column("notification_id", BigInteger, nullable=False),
            Column("topic", String(255), nullable=False),
            Column("error_class", String(200)),
            Column("error", String(300)),
            Column("first_failed_at", DateTime(timezone=True), nullable=False),
            key=("tenant_id", "shard", "projection", "notification_id"),
        ),
        consultancies=table(
            "consultancies",
            Column("tenant_id", Uuid, nullable=False),
            Column("name", String(200), nullable=False),
            Column("slug", String(64), nullable=False),
            Column("allows_clusters_above_standard_size", Boolean, nullable=False),
            Column("template_version", Integer, nullable=False),
            Column("single_organisation_baseline_days", Float),
            key=("tenant_id",),
        ),
        programme_templates=table(
            "programme_templates",
            Column("tenant_id", Uuid, nullable=False),
            Column("version", Integer, nullable=False),
            Column("template", JSON, nullable=False),
            Column("changed_at", DateTime(timezone=True)),
            key=("tenant_id", "version"),
        ),
        accounts=table(
            "accounts",
            Column("tenant_id", Uuid, nullable=False),
            Column("account_id", Uuid, nullable=False),
            Column("email", String(254), nullable=False),
            Column("display_name", String(200), nullable=False),
            Column("roles", String(200), nullable=False),
            Column("organisation_id", Uuid),
            Column("password_hash", Text, nullable=False),
            key=("tenant_id", "account_id"),
        ),
        sign_ins=table(
            "sign_ins",
            Column("email", String(254), nullable=False),
            Column("tenant_id", Uuid, nullable=False),
            Column("account_id", Uuid, nullable=False),
            key=("email",),
        ),
        organisations=table(
            "organisations",
            Column("tenant_id", Uuid, nullable=False),
            Column("organisation_id", Uuid, nullable=False),
            Column("name", String(200), nullable=False),
            Column("sector", String(200), nullable=False),
            Column("employee_count", Integer, nullable=False),
            Column("registered_at", DateTime(timezone=True), nullable=False),
            key=("tenant_id", "organisation_id"),
        ),
        clusters=table(
            "clusters",
            Column("tenant_id", Uuid, nullable=False),
            Column("cluster_id", Uuid, nullable=False),
            Column("name", String(200), nullable=False),
            Column("coach_id", Uuid, nullable=False),
            Column("status", String(20), nullable=False),
            Column("planned_start", Date),
            Column("planned_end", Date),
            Column("started_on", Date),
            Column("member_count", Integer, nullable=False),
            Column("formed_at", DateTime(timezone=True), nullable=False),
            Column("plan_starts_on", Date),
            Column("template", JSON),
            Column("closed_on", Date),
            key=("tenant_id", "cluster_id"),
        ),
        cluster_members=table(
            "cluster_members",
            Column("tenant_id", Uuid, nullable=False),
            Column("cluster_id", Uuid, nullable=False),
            Column("organisation_id", Uuid, nullable=False),
            Column("evidence_small_enterprise", Text, nullable=False),
            Column("evidence_management_commitment", Text, nullable=False),
            Column("evidence_resources_available", Text, nullable=False),
            Column("admitted_at", DateTime(timezone=True), nullable=False),
            Column("coaching_half_days_ceiling", Integer, nullable=False),
            Column("withdrawn_on", Date),
            Column("withdrawal_reason", Text),
            Column("outcome", String(40), nullable=False),
            Column("established_on", Date),
            Column("audit_on", Date),
            Column("certification_body", String(200)),
            Column("certified_on", Date),
            Column("certificate_reference", String(200)),
            key=("tenant_id", "cluster_id", "organisation_id"),
        ),
        coaching_overrides=table(
            "coaching_overrides",
            Column("tenant_id", Uuid, nullable=False),
            Column("cluster_id", Uuid, nullable=False),
            Column("organisation_id", Uuid, nullable=False),
            Column("decided_at", DateTime(timezone=True), nullable=False),
            Column("additional_half_days", Integer, nullable=False),
            Column("reason", Text, nullable=False),
            Column("decided_by", Uuid, nullable=False),
            key=("tenant_id", "cluster_id", "organisation_id", "decided_at"),
        ),
        unavailability=table(
            "unavailability",
            Column("tenant_id", Uuid, nullable=False),
            Column("cluster_id", Uuid, nullable=False),
            Column("organisation_id", Uuid, nullable=False),
            Column("starts_on", Date, nullable=False),
            Column("ends_on", Date, nullable=False),
            Column("reason", Text, nullable=False),
            key=("tenant_id", "cluster_id", "organisation_id", "starts_on"),
        ),
        sessions=table(
            "sessions",
            Column("tenant_id", Uuid, nullable=False),
            Column("cluster_id", Uuid, nullable=False),
            Column("session_key", String(100), nullable=False),
            Column("kind", String(30), nullable=False),
            Column("title", String(200), nullable=False),
            Column("module_number", Integer),
            Column("organisation_id", Uuid),
            Column("scheduled_on", Date, nullable=False),
            Column("half_day", String(10), nullable=False),
            Column("half_days", Integer, nullable=False),
            Column("status", String(20), nullable=False),
            Column("held_on", Date),
            Column("held_half_days", Integer),
            Column("cancellation_reason", Text),
            key=("tenant_id", "cluster_id", "session_key"),
        ),
        session_moves=table(
            "session_moves",
            Column("tenant_id", Uuid, nullable=False),
            Column("cluster_id", Uuid, nullable=False),
            Column("session_key", String(100), nullable=False),
            Column("moved_at", DateTime(timezone=True), nullable=False),
            Column("from_on", Date, nullable=False),
            Column("to_on", Date, nullable=False),
            Column("reason", Text, nullable=False),
            Column("moved_by", Uuid, nullable=False),
            key=("tenant_id", "cluster_id", "session_key", "moved_at"),
        ),
        attendance=table(
            "attendance",
            Column("tenant_id", Uuid, nullable=False),
            Column("cluster_id", Uuid, nullable=False),
            Column("session_key", String(100), nullable=False),
            Column("organisation_id", Uuid, nullable=False),
            Column("attendees", JSON, nullable=False),
            Column("attendee_count", Integer, nullable=False),
            key=("tenant_id", "cluster_id", "session_key", "organisation_id"),
        ),
        gap_assessments=table(
            "gap_assessments",
            Column("tenant_id", Uuid, nullable=False),
            Column("cluster_id", Uuid, nullable=False),
            Column("organisation_id", Uuid, nullable=False),
            Column("assessment_number", Integer, nullable=False),
            Column("visited_on", Date, nullable=False),
            Column("analysed_on", Date, nullable=False),
            Column("clause_levels", JSON, nullable=False),
            Column("theme_levels", JSON, nullable=False),
            Column("estimated_half_days", Integer, nullable=False),
            Column("formula_version", Integer, nullable=False),
            key=("tenant_id", "cluster_id", "organisation_id", "assessment_number"),
        ),
        feedback_items=table(
            "feedback_items",
            Column("tenant_id", Uuid, nullable=False),
            Column("item_id", Uuid, nullable=False),
            Column("cluster_id", Uuid, nullable=False),
            Column("session_key", String(100), nullable=False),
            Column("organisation_id", Uuid, nullable=False),
            Column("kind", String(10), nullable=False),
            Column("text", Text, nullable=False),
            Column("signed_by", String(200)),
            Column("status", String(20), nullable=False),
            Column("hidden_reason", Text),
            Column("shared_at", DateTime(timezone=True), nullable=False),
            key=("tenant_id", "item_id"),
        ),
        coaching_half_days=table(
            "coaching_half_days",
            Column("tenant_id", Uuid, nullable=False),
            Column("cluster_id", Uuid, nullable=False),
            Column("organisation_id", Uuid, nullable=False),
            Column("entry_number", Integer, nullable=False),
            Column("held_on", Date, nullable=False),
            Column("coach_id", Uuid, nullable=False),
            Column("module_number", Integer),
            Column("work_done", Text, nullable=False),
            Column("next_steps", Text, nullable=False),
            Column("logged_by", Uuid, nullable=False),
            Column("logged_at", DateTime(timezone=True), nullable=False),
            key=("tenant_id", "cluster_id", "organisation_id", "entry_number"),
        ),
    )
