"""Gap analyses: the read tables."""

from __future__ import annotations

from sqlalchemy import JSON, Column, Date, Integer, Uuid

from projections.core.tables import TableFactory


def define_tables(table: TableFactory) -> None:
    _gap_assessments(table)


def _gap_assessments(table: TableFactory) -> None:
    table(
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
    )
