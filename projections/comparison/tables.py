"""The members' comparison: the read tables."""

from __future__ import annotations

from sqlalchemy import JSON, Boolean, Column, Integer, Uuid

from projections.core.tables import TableFactory


def define_tables(table: TableFactory) -> None:
    _participants(table)
    _cohorts(table)
    _thresholds(table)


def _participants(table: TableFactory) -> None:
    """Each organisation ever admitted to a cluster: whether it is a current member, whether it consents."""
    table(
        "comparison_participants",
        Column("tenant_id", Uuid, nullable=False),
        Column("cluster_id", Uuid, nullable=False),
        Column("organisation_id", Uuid, nullable=False),
        Column("member", Boolean, nullable=False),
        Column("consenting", Boolean, nullable=False),
        key=("tenant_id", "cluster_id", "organisation_id"),
    )


def _cohorts(table: TableFactory) -> None:
    """A cluster's contributors now, and the cohort of its last published comparison (organisation ids, sorted).
    Read only by the comparison's one reading module, which answers aggregates, never these ids."""
    table(
        "comparison_cohorts",
        Column("tenant_id", Uuid, nullable=False),
        Column("cluster_id", Uuid, nullable=False),
        Column("contributors", JSON, nullable=False),
        Column("published", JSON, nullable=False),
        Column("threshold", Integer, nullable=False),
        key=("tenant_id", "cluster_id"),
    )


def _thresholds(table: TableFactory) -> None:
    """The consultancy's k."""
    table(
        "comparison_thresholds",
        Column("tenant_id", Uuid, nullable=False),
        Column("threshold", Integer, nullable=False),
        key=("tenant_id",),
    )
