"""Rebuild: replay the whole log into fresh tables, then swap them in; and the checksum that proves replay."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

from eventsourcing.application import Application
from sqlalchemy import Connection, select, text

from projections.registry import build_projections
from projections.runner import DEFAULT_SHARD, ProjectionRunner
from projections.schema import define_read_tables
from projections.store import ReadStore

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


def checksum(store: ReadStore) -> str:
    """A SHA-256 of every read row (tracking and parked events aside), tables by name, rows in primary-key order."""
    digest = hashlib.sha256()
    operational = (store.tables.tracking, store.tables.parked_events)
    tables = sorted((t for t in store.tables.all() if t not in operational), key=lambda t: t.name)
    with store.reading() as conn:
        for table in tables:
            digest.update(f"table {store.tables.unprefixed(table)}\n".encode())
            for row in conn.execute(select(table).order_by(*table.primary_key.columns)).mappings():
                canonical = {key: _canonical(value) for key, value in row.items()}
                digest.update(json.dumps(canonical, sort_keys=True).encode() + b"\n")
    return digest.hexdigest()


def _canonical(value: Any) -> Any:
    if isinstance(value, datetime):
        aware = value if value.tzinfo else value.replace(tzinfo=UTC)
        return aware.astimezone(UTC).isoformat()
    if isinstance(value, date | UUID):
        return str(value)
    return value
