"""The audit trail's read tables: one row per event, in the table whose columns the one visibility filter reads
as the item's owner (an organisation, a cluster, the consultancy, the accounts), and the items it has seen.

The four trail tables share their columns; only their owner columns differ, so the filter shows an organisation's
events to whom it shows its registers, a cluster's to whom it shows the cluster (an organisation's part of it to
that organisation), and the consultancy's (library, catalogues) to everyone signed in to it. The accounts' trail
has no owner column either: the API reads it for the admins alone, and so the events of the items only the
admins read (mission attestations) whatever organisation they name.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Date, DateTime, Index, Integer, String, Table, Text, Uuid

from projections.core.tables import TableFactory

ORGANISATION_EVENTS = "trail_organisation_events"
CLUSTER_EVENTS = "trail_cluster_events"
CONSULTANCY_EVENTS = "trail_consultancy_events"
ACCOUNT_EVENTS = "trail_account_events"
TRAIL_TABLES = (ORGANISATION_EVENTS, CLUSTER_EVENTS, CONSULTANCY_EVENTS, ACCOUNT_EVENTS)

NAME_LENGTH = 200


def define_tables(table: TableFactory) -> None:
    _events(table, ORGANISATION_EVENTS, Column("organisation_id", Uuid, nullable=False))
    _events(
        table, CLUSTER_EVENTS, Column("cluster_id", Uuid, nullable=False), Column("organisation_id", Uuid)
    )  # fmt: skip
    _events(table, CONSULTANCY_EVENTS)
    _events(table, ACCOUNT_EVENTS)
    table(
        "trail_items",
        Column("tenant_id", Uuid, nullable=False),
        Column("item_id", Uuid, nullable=False),
        Column("register", String(40), nullable=False),
        Column("item_kind", String(60), nullable=False),
        Column("title", String(NAME_LENGTH)),
        Column("owner_organisation_id", Uuid),
        Column("owner_cluster_id", Uuid),
        key=("tenant_id", "item_id"),
    )
    """Every item the trail has seen, with its name and owner from its first event: the trail's own memory, read
    by the projection alone (its owner columns are named apart, so the filter does not take it for a register)."""


def _events(table: TableFactory, name: str, *owner: Column[object]) -> None:
    events = table(
        name,
        Column("tenant_id", Uuid, nullable=False),
        Column("position", BigInteger, nullable=False),
        *owner,
        Column("recorded_at", DateTime(timezone=True), nullable=False),
        Column("register", String(40), nullable=False),
        Column("item_kind", String(60), nullable=False),
        Column("item_id", Uuid, nullable=False),
        Column("item_version", Integer, nullable=False),
        Column("item_title", String(NAME_LENGTH)),
        Column("actor_id", Uuid, nullable=False),
        Column("actor_name", String(NAME_LENGTH)),
        Column("event_name", String(100), nullable=False),
        Column("summary", Text, nullable=False),
        Column("reason", Text),
        Column("business_date", Date),
        key=("tenant_id", "position"),
    )
    _indexes(events)


def _indexes(events: Table) -> None:
    c = events.c
    Index(f"{events.name}_by_item", c.tenant_id, c.item_id, c.position)
    Index(f"{events.name}_by_actor", c.tenant_id, c.actor_id, c.position)
