"""Feedback shared at training sessions: the read tables."""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Integer, String, Text, Uuid

from projections.core.tables import TableFactory


def define_tables(table: TableFactory) -> None:
    _feedback_items(table)
    _feedback_history(table)


def _feedback_items(table: TableFactory) -> None:
    table(
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
    )


def _feedback_history(table: TableFactory) -> None:
    """What a coach did to an item, with who, when and why: hidden, then shown again (a correction)."""
    table(
        "feedback_history",
        Column("tenant_id", Uuid, nullable=False),
        Column("item_id", Uuid, nullable=False),
        Column("version", Integer, nullable=False),
        Column("cluster_id", Uuid, nullable=False),
        Column("organisation_id", Uuid, nullable=False),
        Column("action", String(20), nullable=False),
        Column("reason", Text, nullable=False),
        Column("acted_by", Uuid, nullable=False),
        Column("acted_at", DateTime(timezone=True), nullable=False),
        key=("tenant_id", "item_id", "version"),
    )
