"""Clusters, their members, the plan and its sessions, attendance and unavailability: the read tables."""

from __future__ import annotations

from sqlalchemy import JSON, Column, Date, DateTime, Index, Integer, String, Text, Uuid

from projections.core.tables import TableFactory


def define_tables(table: TableFactory) -> None:
    _clusters(table)
    _cluster_members(table)
    _sessions(table)
    _session_moves(table)
    _attendance(table)
    _unavailability(table)
    _unavailability_retractions(table)
    _session_history(table)


def _clusters(table: TableFactory) -> None:
    clusters = table(
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
    )
    # The visibility filter reads a coach's clusters by coach
    Index(f"{clusters.name}_by_coach", clusters.c.tenant_id, clusters.c.coach_id, clusters.c.cluster_id)


def _cluster_members(table: TableFactory) -> None:
    members = table(
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
    )
    # The visibility filter reads a member's clusters by organisation
    Index(f"{members.name}_by_organisation", members.c.tenant_id, members.c.organisation_id, members.c.cluster_id)


def _sessions(table: TableFactory) -> None:
    table(
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
    )


def _session_moves(table: TableFactory) -> None:
    table(
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
    )


def _attendance(table: TableFactory) -> None:
    table(
        "attendance",
        Column("tenant_id", Uuid, nullable=False),
        Column("cluster_id", Uuid, nullable=False),
        Column("session_key", String(100), nullable=False),
        Column("organisation_id", Uuid, nullable=False),
        Column("attendees", JSON, nullable=False),
        Column("attendee_count", Integer, nullable=False),
        key=("tenant_id", "cluster_id", "session_key", "organisation_id"),
    )


def _unavailability(table: TableFactory) -> None:
    table(
        "unavailability",
        Column("tenant_id", Uuid, nullable=False),
        Column("cluster_id", Uuid, nullable=False),
        Column("organisation_id", Uuid, nullable=False),
        Column("starts_on", Date, nullable=False),
        Column("ends_on", Date, nullable=False),
        Column("reason", Text, nullable=False),
        key=("tenant_id", "cluster_id", "organisation_id", "starts_on"),
    )


def _unavailability_retractions(table: TableFactory) -> None:
    """Periods retracted as declared by mistake, with who, when and why; they no longer count."""
    table(
        "unavailability_retractions",
        Column("tenant_id", Uuid, nullable=False),
        Column("cluster_id", Uuid, nullable=False),
        Column("version", Integer, nullable=False),
        Column("organisation_id", Uuid, nullable=False),
        Column("starts_on", Date, nullable=False),
        Column("ends_on", Date, nullable=False),
        Column("reason", Text, nullable=False),
        Column("retracted_by", Uuid, nullable=False),
        Column("retracted_at", DateTime(timezone=True), nullable=False),
        key=("tenant_id", "cluster_id", "version"),
    )


def _session_history(table: TableFactory) -> None:
    """What happened to each session: planned, moved, held, held undone, cancelled, restored; who, when and why.

    `version` is the cluster event's; `organisation_id` the session's member (none for the whole cluster)."""
    table(
        "session_history",
        Column("tenant_id", Uuid, nullable=False),
        Column("cluster_id", Uuid, nullable=False),
        Column("session_key", String(100), nullable=False),
        Column("version", Integer, nullable=False),
        Column("organisation_id", Uuid),
        Column("action", String(20), nullable=False),
        Column("on", Date),
        Column("reason", Text),
        Column("acted_by", Uuid, nullable=False),
        Column("acted_at", DateTime(timezone=True), nullable=False),
        key=("tenant_id", "cluster_id", "session_key", "version"),
    )
