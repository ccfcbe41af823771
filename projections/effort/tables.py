"""Effort: the read tables. Per member, what its gap analyses, training and coaching took; per cluster, the
training held once for all members and what a gap analysis takes under its plan."""

from __future__ import annotations

from sqlalchemy import JSON, Column, Integer, Uuid

from projections.core.tables import TableFactory


def define_tables(table: TableFactory) -> None:
    _member_effort(table)
    _cluster_effort(table)


def _member_effort(table: TableFactory) -> None:
    table(
        "member_effort",
        Column("tenant_id", Uuid, nullable=False),
        Column("cluster_id", Uuid, nullable=False),
        Column("organisation_id", Uuid, nullable=False),
        Column("gap_analyses", Integer, nullable=False),
        Column("training_half_days_attended", Integer, nullable=False),
        Column("coaching_half_days", Integer, nullable=False),
        key=("tenant_id", "cluster_id", "organisation_id"),
    )


def _cluster_effort(table: TableFactory) -> None:
    table(
        "cluster_effort",
        Column("tenant_id", Uuid, nullable=False),
        Column("cluster_id", Uuid, nullable=False),
        Column("gap_analysis_half_days", Integer, nullable=False),
        Column("training_session_keys", JSON, nullable=False),
        Column("training_half_days_held", Integer, nullable=False),
        key=("tenant_id", "cluster_id"),
    )
