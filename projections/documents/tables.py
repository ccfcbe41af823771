"""An organisation's documents: the read tables, each with its `organisation_id` so the one visibility filter
applies. The list is read by organisation, sorted by title or by review date: both have an index."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Date, DateTime, Index, Integer, String, Text, Uuid

from projections.core.tables import TableFactory


def define_tables(table: TableFactory) -> None:
    _documents(table)
    _versions(table)
    _history(table)
    _attachments(table)
    _acknowledgements(table)
    _sources(table)


def _documents(table: TableFactory) -> None:
    """One row a document; `status` is its latest version's, `review_on` the review date of the version in force."""
    documents = table(
        "documents",
        Column("tenant_id", Uuid, nullable=False),
        Column("document_id", Uuid, nullable=False),
        Column("organisation_id", Uuid, nullable=False),
        Column("kind", String(20), nullable=False),
        Column("title", String(200), nullable=False),
        Column("owner", String(200), nullable=False),
        Column("status", String(20), nullable=False),
        Column("latest_version", Integer, nullable=False),
        Column("published_version", Integer),
        Column("review_on", Date),
        Column("changed_at", DateTime(timezone=True), nullable=False),
        key=("tenant_id", "document_id"),
    )
    c = documents.c
    Index(f"{documents.name}_by_title", c.tenant_id, c.organisation_id, c.title, c.document_id)
    Index(f"{documents.name}_by_review", c.tenant_id, c.organisation_id, c.review_on, c.document_id)


def _sources(table: TableFactory) -> None:
    """Where a document copied from the consultancy's library came from: the item and its version."""
    table(
        "document_sources",
        Column("tenant_id", Uuid, nullable=False),
        Column("document_id", Uuid, nullable=False),
        Column("organisation_id", Uuid, nullable=False),
        Column("library_item_id", String(36), nullable=False),
        Column("library_version", Integer, nullable=False),
        key=("tenant_id", "document_id"),
    )


def _versions(table: TableFactory) -> None:
    table(
        "document_versions",
        Column("tenant_id", Uuid, nullable=False),
        Column("document_id", Uuid, nullable=False),
        Column("number", Integer, nullable=False),
        Column("organisation_id", Uuid, nullable=False),
        Column("status", String(20), nullable=False),
        Column("text", Text, nullable=False),
        Column("author_id", Uuid, nullable=False),
        Column("drafted_at", DateTime(timezone=True), nullable=False),
        Column("content_hash", String(64)),
        Column("review_on", Date),
        Column("approved_by", Uuid),
        Column("approved_at", DateTime(timezone=True)),
        Column("published_at", DateTime(timezone=True)),
        Column("requires_acknowledgement", Boolean, nullable=False),
        Column("reason", Text),
        key=("tenant_id", "document_id", "number"),
    )


def _history(table: TableFactory) -> None:
    """Who did what to the document and when, with the reason of a correction and the hash of an approval."""
    table(
        "document_history",
        Column("tenant_id", Uuid, nullable=False),
        Column("document_id", Uuid, nullable=False),
        Column("position", Integer, nullable=False),
        Column("organisation_id", Uuid, nullable=False),
        Column("number", Integer, nullable=False),
        Column("action", String(20), nullable=False),
        Column("detail", Text),
        Column("acted_by", Uuid, nullable=False),
        Column("acted_at", DateTime(timezone=True), nullable=False),
        key=("tenant_id", "document_id", "position"),
    )


def _attachments(table: TableFactory) -> None:
    table(
        "document_attachments",
        Column("tenant_id", Uuid, nullable=False),
        Column("document_id", Uuid, nullable=False),
        Column("number", Integer, nullable=False),
        Column("content_hash", String(64), nullable=False),
        Column("organisation_id", Uuid, nullable=False),
        Column("filename", String(200), nullable=False),
        Column("media_type", String(100), nullable=False),
        Column("size", Integer, nullable=False),
        Column("attached_by", Uuid, nullable=False),
        Column("attached_at", DateTime(timezone=True), nullable=False),
        key=("tenant_id", "document_id", "number", "content_hash"),
    )


def _acknowledgements(table: TableFactory) -> None:
    table(
        "document_acknowledgements",
        Column("tenant_id", Uuid, nullable=False),
        Column("document_id", Uuid, nullable=False),
        Column("number", Integer, nullable=False),
        Column("account_id", Uuid, nullable=False),
        Column("organisation_id", Uuid, nullable=False),
        Column("acknowledged_at", DateTime(timezone=True), nullable=False),
        key=("tenant_id", "document_id", "number", "account_id"),
    )
