"""The context's read tables. Each key starts with the tenant and the organisation: every list is one
organisation's, so the key leads its filter; each order a list offers has its index (`_sorted_by`)."""

from __future__ import annotations

from sqlalchemy import JSON, Column, Date, DateTime, Index, Integer, String, Table, Text, Uuid

from projections.core.tables import TableFactory


def define_tables(table: TableFactory) -> None:
    _issues(table)
    _parties(table)
    _scope(table)
    _roles(table)
    _commitments(table)
    _history(table)


def _owned() -> list[Column[object]]:
    return [Column("tenant_id", Uuid, nullable=False), Column("organisation_id", Uuid, nullable=False)]


def _sorted_by(table: Table, *columns: str) -> None:
    """An index for each order a list offers: the organisation's rows in that order, the item id breaking ties."""
    c = table.c
    for column in columns:
        Index(f"{table.name}_by_{column}", c.tenant_id, c.organisation_id, c[column], c.item_id)


def _issues(table: TableFactory) -> None:
    issues = table(
        "context_issues",
        *_owned(),
        Column("item_id", Uuid, nullable=False),
        Column("text", Text, nullable=False),
        Column("side", String(20), nullable=False),
        Column("category", String(40), nullable=False),
        Column("effect", Text, nullable=False),
        Column("status", String(20), nullable=False),
        Column("raised_at", DateTime(timezone=True), nullable=False),
        Column("changed_at", DateTime(timezone=True), nullable=False),
        Column("retired_reason", Text),
        key=("tenant_id", "organisation_id", "item_id"),
    )
    _sorted_by(issues, "raised_at", "category")


def _parties(table: TableFactory) -> None:
    parties = table(
        "context_parties",
        *_owned(),
        Column("item_id", Uuid, nullable=False),
        Column("name", String(200), nullable=False),
        Column("kind", String(40), nullable=False),
        Column("environment", String(20), nullable=False),
        Column("status", String(20), nullable=False),
        Column("identified_at", DateTime(timezone=True), nullable=False),
        Column("retired_reason", Text),
        key=("tenant_id", "organisation_id", "item_id"),
    )
    _sorted_by(parties, "name", "kind", "identified_at")
    table(
        "context_party_answers",
        *_owned(),
        Column("item_id", Uuid, nullable=False),
        Column("question_key", String(40), nullable=False),
        Column("answer", Text, nullable=False),
        Column("answered_at", DateTime(timezone=True), nullable=False),
        key=("tenant_id", "organisation_id", "item_id", "question_key"),
    )
    table(
        "context_requirements",
        *_owned(),
        Column("item_id", Uuid, nullable=False),
        Column("number", Integer, nullable=False),
        Column("text", Text, nullable=False),
        Column("status", String(20), nullable=False),
        Column("listed_at", DateTime(timezone=True), nullable=False),
        Column("withdrawn_reason", Text),
        key=("tenant_id", "organisation_id", "item_id", "number"),
    )


def _scope(table: TableFactory) -> None:
    """Every version of the scope statement, as stated."""
    table(
        "context_scope_versions",
        *_owned(),
        Column("version", Integer, nullable=False),
        Column("statement", Text, nullable=False),
        Column("boundaries", Text, nullable=False),
        Column("interfaces", Text, nullable=False),
        Column("exclusions", JSON, nullable=False),
        Column("reason", Text),
        Column("stated_by", Uuid, nullable=False),
        Column("stated_at", DateTime(timezone=True), nullable=False),
        key=("tenant_id", "organisation_id", "version"),
    )


def _roles(table: TableFactory) -> None:
    roles = table(
        "context_roles",
        *_owned(),
        Column("item_id", Uuid, nullable=False),
        Column("kind", String(40), nullable=False),
        Column("title", String(200), nullable=False),
        Column("responsibilities", Text, nullable=False),
        Column("person_name", String(200), nullable=False),
        Column("account_id", Uuid),
        Column("status", String(20), nullable=False),
        Column("defined_at", DateTime(timezone=True), nullable=False),
        Column("retired_reason", Text),
        key=("tenant_id", "organisation_id", "item_id"),
    )
    _sorted_by(roles, "title", "person_name", "kind")


def _commitments(table: TableFactory) -> None:
    """Every record of management's commitment. The admission it answers is named by its cluster, under another
    name than `cluster_id`: the record is the organisation's, seen by whoever sees the organisation."""
    table(
        "context_commitments",
        *_owned(),
        Column("version", Integer, nullable=False),
        Column("evidence", Text, nullable=False),
        Column("committed_on", Date, nullable=False),
        Column("admission_cluster_id", Uuid),
        Column("reason", Text),
        Column("recorded_by", Uuid, nullable=False),
        Column("recorded_at", DateTime(timezone=True), nullable=False),
        key=("tenant_id", "organisation_id", "version"),
    )


def _history(table: TableFactory) -> None:
    """What was done to an issue, a party or a role, by whom, when and why, in the order it was done."""
    table(
        "context_history",
        *_owned(),
        Column("item_id", Uuid, nullable=False),
        Column("version", Integer, nullable=False),
        Column("action", String(40), nullable=False),
        Column("summary", Text, nullable=False),
        Column("reason", Text),
        Column("acted_by", Uuid, nullable=False),
        Column("acted_at", DateTime(timezone=True), nullable=False),
        key=("tenant_id", "organisation_id", "item_id", "version"),
    )
