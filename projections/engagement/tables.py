"""Each member's coaching ledger and the overrides of its ceiling: the read tables."""

from __future__ import annotations

from sqlalchemy import Column, Date, DateTime, Integer, String, Text, Uuid

from projections.core.tables import TableFactory


def define_tables(table: TableFactory) -> None:
    _coaching_half_days(table)
    _coaching_overrides(table)
    _coaching_entry_history(table)


def _coaching_half_days(table: TableFactory) -> None:
    table(
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
    )


def _coaching_overrides(table: TableFactory) -> None:
    table(
        "coaching_overrides",
        Column("tenant_id", Uuid, nullable=False),
        Column("cluster_id", Uuid, nullable=False),
        Column("organisation_id", Uuid, nullable=False),
        Column("decided_at", DateTime(timezone=True), nullable=False),
        Column("additional_half_days", Integer, nullable=False),
        Column("reason", Text, nullable=False),
        Column("decided_by", Uuid, nullable=False),
        key=("tenant_id", "cluster_id", "organisation_id", "decided_at"),
    )


def _coaching_entry_history(table: TableFactory) -> None:
    """Corrections of the ledger, with who, when and why: what an entry said before (`held_on`, `work_done`,
    `next_steps`) and, for a correction, what it says since (`corrected_…`). A voided entry leaves the ledger's
    table, so every count excludes it; its row here keeps what it said."""
    table(
        "coaching_entry_history",
        Column("tenant_id", Uuid, nullable=False),
        Column("cluster_id", Uuid, nullable=False),
        Column("organisation_id", Uuid, nullable=False),
        Column("entry_number", Integer, nullable=False),
        Column("version", Integer, nullable=False),
        Column("action", String(20), nullable=False),
        Column("reason", Text, nullable=False),
        Column("acted_by", Uuid, nullable=False),
        Column("acted_at", DateTime(timezone=True), nullable=False),
        Column("coach_id", Uuid, nullable=False),
        Column("module_number", Integer),
        Column("held_on", Date, nullable=False),
        Column("work_done", Text, nullable=False),
        Column("next_steps", Text, nullable=False),
        Column("corrected_held_on", Date),
        Column("corrected_work_done", Text),
        Column("corrected_next_steps", Text),
        key=("tenant_id", "cluster_id", "organisation_id", "entry_number", "version"),
    )
