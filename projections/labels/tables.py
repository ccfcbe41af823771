"""The professional links' read table: one row per link in each tenant that needs it."""

from __future__ import annotations

from sqlalchemy import Column, Date, Index, Integer, String, Uuid

from projections.core.tables import TableFactory


def define_tables(table: TableFactory) -> None:
    table(
        "labelling_bodies",
        Column("tenant_id", Uuid, nullable=False),
        Column("name", String, nullable=False),
        Column("slug", String, nullable=False),
        key=("tenant_id",),
    )
    _links(table)


def _links(table: TableFactory) -> None:
    """A link's row in the consultancy's tenant (which of its coaches, and the professional's name once they
    consent) and in the professionals' realm (which consultancy, by name, and which coach account); both carry only
    the status, the names and the days."""
    links = table(
        "professional_links",
        Column("tenant_id", Uuid, nullable=False),
        Column("link_id", Uuid, nullable=False),
        Column("consultancy_id", Uuid, nullable=False),
        Column("consultancy_name", String, nullable=False),
        Column("coach_id", Uuid, nullable=False),
        Column("coach_name", String, nullable=False),
        Column("professional_email", String, nullable=False),
        Column("professional_id", Uuid, nullable=True),
        Column("professional_name", String, nullable=True),
        Column("round", Integer, nullable=False),
        Column("status", String, nullable=False),
        Column("requested_on", Date, nullable=False),
        Column("answered_on", Date, nullable=True),
        Column("ended_on", Date, nullable=True),
        Column("ended_by", String, nullable=True),
        key=("tenant_id", "link_id"),
    )
    Index(f"{table.prefix}professional_links_by_email", links.c.tenant_id, links.c.professional_email)
