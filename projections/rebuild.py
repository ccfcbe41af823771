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
    """Fills fresh tables from the first event, then swaps them for the live ones in one transaction."""
    fresh = ReadStore(live.engine, define_read_tables(REBUILD_PREFIX))
    fresh.drop_tables()
    fresh.create_tables()
    runner = ProjectionRunner(app, fresh, build_projections(fresh.tables), shard=shard)
    runner.catch_up(progress)
    with live.writing() as conn:
        if live.is_postgres:
            conn.execute(text(f"LOCK TABLE {live.tables.tracking.name} IN ACCESS EXCLUSIVE MODE"))
        while runner.apply_batch(conn).covered:  # events saved since the catch-up
            pass
        _swap(conn, live, fresh)


def _swap(conn: Connection, live: ReadStore, fresh: ReadStore) -> None:
    live.tables.metadata.drop_all(conn)
    for table in fresh.tables.all():
        name = fresh.tables.unprefixed(table)
        conn.execute(text(f"ALTER TABLE {table.name} RENAME TO {name}"))
        if live.is_postgres:
            conn.execute(text(f"ALTER INDEX {table.name}_pkey RENAME TO {name}_pkey"))
        _rename_indexes(conn, live, fresh, table, name)


def _rename_indexes(conn: Connection, live: ReadStore, fresh: ReadStore, table: Table, name: str) -> None:
    """A table's secondary indexes take their live names too, so that the next rebuild can create its own: renamed
    on PostgreSQL, made again on SQLite (which cannot rename an index)."""
    live_indexes = {index.name: index for index in getattr(live.tables, name).indexes}
    for index in table.indexes:
        live_index = live_indexes[str(index.name).removeprefix(fresh.tables.prefix)]
        if live.is_postgres:
            conn.execute(text(f"ALTER INDEX {index.name} RENAME TO {live_index.name}"))
        else:
            conn.execute(text(f"DROP INDEX {index.name}"))
            live_index.create(conn)


__all__ = ["REBUILD_PREFIX", "_canonical", "checksum", "rebuild"]
