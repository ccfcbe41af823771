"""Rebuild: replay the whole log into fresh tables, then swap them in; and the checksum that proves replay."""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID

from eventsourcing.application import Application
from sqlalchemy import Connection, Table, text

from projections.core.checksum import _canonical, checksum
from projections.core.runner import DEFAULT_SHARD, ProjectionRunner
from projections.core.store import ReadStore
from projections.features import build_projections, define_read_tables

REBUILD_PREFIX = "rebuild_"


def rebuild(
    app: Application[UUID],
    live: ReadStore,
    progress: Callable[[int], None] | None = None,
    shard: str = DEFAULT_SHARD,
) -> None:
    """Fills fresh tables from the first event, then swaps them for the live ones in one transaction.

    Both as the tables' owner (`ReadStore.schema_engine`): under row-level security no other role changes the schema,
    and the swapped-in tables get their policies again before the swap commits."""
    fresh = ReadStore(live.schema_engine, define_read_tables(REBUILD_PREFIX))
    fresh.drop_tables()
    fresh.create_tables()
    runner = ProjectionRunner(app, fresh, build_projections(fresh.tables), shard=shard)
    runner.catch_up(progress)
    with live.writing(live.schema_engine) as conn:
        if live.is_postgres:
            conn.execute(text(f"LOCK TABLE {live.tables.tracking.name} IN ACCESS EXCLUSIVE MODE"))
        while runner.apply_batch(conn).covered:  # events saved since the catch-up
            pass
        _swap(conn, live, fresh)
        if live.secure is not None:
            live.secure(conn)


def _swap(conn: Connection, live: ReadStore, fresh: ReadStore) -> None:
    live.tables.metadata.drop_all(conn)
    for table in fresh.tables.all():
        name = fresh.tables.unprefixed(table)
        conn.execute(text(f"ALTER TABLE {table.name} RENAME TO {name}"))
        if live.is_postgres:
            conn.execute(text(f"ALTER INDEX {table.name}_pkey RENAME TO {name}_pkey"))
        _rename_indexes(conn, table, getattr(live.tables, name))


def _rename_indexes(conn: Connection, fresh: Table, live: Table) -> None:
    """The fresh table's secondary indexes under their live names (named after their table), so the next rebuild
    can create its own again. SQLite renames no index: each is dropped and created under the live name."""
    for index in fresh.indexes:
        conn.execute(text(f"DROP INDEX {index.name}"))
    for index in live.indexes:
        index.create(conn)


__all__ = ["REBUILD_PREFIX", "_canonical", "checksum", "rebuild"]
