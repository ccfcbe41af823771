"""An organisation's Statement of Applicability: the read tables, each with its `organisation_id` so the one
visibility filter applies. One statement an organisation: its rows are keyed by the organisation."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, DateTime, Index, Integer, String, Text, Uuid

from projections.core.tables import TableFactory


def define_tables(table: TableFactory) -> None:
    _statements(table)
    _controls(table)
    _versions(table)
    _version_controls(table)
    _history(table)


def _statements(table: TableFactory) -> None:
    """`number` is the version on its way (draft or submitted); `approved_version` the latest approved."""
    statements = table(
        "soa_statements",
        Column("tenant_id", Uuid, nullable=False),
        Column("organisation_id", Uuid, nullable=False),
        Column("statement_id", Uuid, nullable=False),
        Column("catalogue_id", String(60), nullable=False),
        Column("catalogue_version", String(20), nullable=False),
        Column("number", Integer, nullable=False),
        Column("status", String(20), nullable=False),
        Column("submitted_by", Uuid),
        Column("approved_version", Integer),
        Column("started_at", DateTime(timezone=True), nullable=False),
        Column("changed_at", DateTime(timezone=True), nullable=False),
        key=("tenant_id", "organisation_id"),
    )
    Index(f"{statements.name}_by_id", statements.c.tenant_id, statements.c.statement_id)


def _decision_columns() -> list[Column[object]]:
    return [
        Column("group_id", String(60), nullable=False),
        Column("position", Integer, nullable=False),
        Column("title", String(300), nullable=False),
        Column("applicable", Boolean),
        Column("reasons", String(200), nullable=False),
        Column("justification", Text),
        Column("implementation", String(20)),
        Column("evidence", Text, nullable=False),
        Column("to_review", Boolean, nullable=False),
        Column("decided_by", Uuid),
        Column("decided_at", DateTime(timezone=True)),
    ]


def _controls(table: TableFactory) -> None:
    """Every control of the statement's catalogue, decided or not; `rank` orders by how far it has come:
    undecided, not applicable, then each implementation status."""
    controls = table(
        "soa_controls",
        Column("tenant_id", Uuid, nullable=False),
        Column("organisation_id", Uuid, nullable=False),
        Column("control_id", String(20), nullable=False),
        Column("catalogue_id", String(60), nullable=False),
        Column("rank", Integer, nullable=False),
        Column("search_text", Text, nullable=False),
        *_decision_columns(),
        key=("tenant_id", "organisation_id", "control_id"),
    )
    c = controls.c
    Index(f"{controls.name}_by_position", c.tenant_id, c.organisation_id, c.position)
    Index(f"{controls.name}_by_rank", c.tenant_id, c.organisation_id, c.rank, c.position)


def _versions(table: TableFactory) -> None:
    table(
        "soa_versions",
        Column("tenant_id", Uuid, nullable=False),
        Column("organisation_id", Uuid, nullable=False),
        Column("number", Integer, nullable=False),
        Column("status", String(20), nullable=False),
        Column("catalogue_id", String(60), nullable=False),
        Column("catalogue_version", String(20), nullable=False),
        Column("decided", Integer),
        Column("submitted_by", Uuid),
        Column("submitted_at", DateTime(timezone=True)),
        Column("approved_by", Uuid),
        Column("approved_at", DateTime(timezone=True)),
        Column("reason", Text),
        key=("tenant_id", "organisation_id", "number"),
    )


def _version_controls(table: TableFactory) -> None:
    """The decisions of a version as submitted: kept as they were once it is approved."""
    table(
        "soa_version_controls",
        Column("tenant_id", Uuid, nullable=False),
        Column("organisation_id", Uuid, nullable=False),
        Column("number", Integer, nullable=False),
        Column("control_id", String(20), nullable=False),
        *_decision_columns(),
        key=("tenant_id", "organisation_id", "number", "control_id"),
    )


def _history(table: TableFactory) -> None:
    """Who decided what and when, each step of a version, and a move to another edition."""
    history = table(
        "soa_history",
        Column("tenant_id", Uuid, nullable=False),
        Column("organisation_id", Uuid, nullable=False),
        Column("position", Integer, nullable=False),
        Column("number", Integer, nullable=False),
        Column("control_id", String(20)),
        Column("action", String(20), nullable=False),
        Column("detail", Text),
        Column("acted_by", Uuid, nullable=False),
        Column("acted_at", DateTime(timezone=True), nullable=False),
        key=("tenant_id", "organisation_id", "position"),
    )
    c = history.c
    Index(f"{history.name}_by_control", c.tenant_id, c.organisation_id, c.control_id, c.position)
