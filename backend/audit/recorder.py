"""The event store's recorders, each writing the log's leaves in the same transaction as the events they cover.

A stored event and its leaf commit together or not at all, so the log has no gap to bound: every event written
through Cordee is in its tenant's log the moment it is stored, at the next position of that log. Positions are
handed out under the store's write lock (PostgreSQL's table lock, SQLite's single writer), so two writers never
take the same one, and each tenant's tree grows in the order the log stored its events.

Everything that can fail in Python (reading the tenant and the time out of the event, hashing) is done before the
events are written; what runs in the transaction is SQL and a few hashes.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any

from eventsourcing.persistence import StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder
from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteCursor
from psycopg import Cursor
from psycopg.rows import DictRow
from psycopg.sql import SQL, Identifier

from backend.audit.canonical import Leaf, leaf_of

SQLITE_TABLES = (
    # Keyed by the event's notification id (SQLite's rowid itself): one tree and one index written per event.
    "CREATE TABLE IF NOT EXISTS audit_leaves (notification_id INTEGER PRIMARY KEY, tenant_id TEXT NOT NULL, "
    "leaf_index INTEGER NOT NULL, originator_id TEXT NOT NULL, originator_version INTEGER NOT NULL, "
    "recorded_at TEXT NOT NULL, leaf_hash BLOB NOT NULL, UNIQUE (tenant_id, leaf_index))",
    # Each tenant's tree as far as it was last brought up to date from the leaves (off the write path).
    "CREATE TABLE IF NOT EXISTS audit_heads (tenant_id TEXT PRIMARY KEY, size INTEGER NOT NULL, peaks BLOB NOT NULL)",
    "CREATE TABLE IF NOT EXISTS audit_checkpoints (tenant_id TEXT NOT NULL, tree_size INTEGER NOT NULL, "
    "root_hash BLOB NOT NULL, signed_at TEXT NOT NULL, key_id TEXT NOT NULL, note TEXT NOT NULL, "
    "PRIMARY KEY (tenant_id, tree_size))",
    "CREATE TABLE IF NOT EXISTS audit_keys (key_id TEXT PRIMARY KEY, name TEXT NOT NULL, public_key BLOB NOT NULL, "
    "first_used_at TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS audit_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
)
POSTGRES_TABLES = tuple(
    statement.replace(" INTEGER", " BIGINT").replace(" BLOB", " BYTEA") for statement in SQLITE_TABLES
)

_NEXT_POSITION = "SELECT coalesce(max(leaf_index) + 1, 0) FROM audit_leaves WHERE tenant_id = {p}"
_INSERT_LEAF = (
    "INSERT INTO audit_leaves (notification_id, tenant_id, leaf_index, originator_id, originator_version, "
    "recorded_at, leaf_hash) VALUES ({p}, {p}, {p}, {p}, {p}, {p}, {p})"
)


class _Pending(threading.local):
    leaves: list[Leaf] | None = None


def leaves_of(stored_events: Sequence[StoredEvent]) -> list[Leaf]:
    return [leaf_of(s.originator_id, s.originator_version, s.topic, s.state) for s in stored_events]


def append_leaves(
    execute: Callable[[str, tuple[Any, ...]], None],
    fetch_one: Callable[[str, tuple[Any, ...]], int],
    placeholder: str,
    leaves: Sequence[Leaf],
    notification_ids: Sequence[int],
) -> None:
    """Adds each leaf at the next position of its tenant's log (read through the positions' index).

    Nothing else is written with the events: each tenant's tree (`audit_heads`) is brought up to date from the
    leaves by whoever reads it (`AuditLog.advance`), off the write path."""
    positions: dict[str, int] = {}
    for leaf, notification_id in zip(leaves, notification_ids, strict=True):
        tenant = str(leaf.tenant_id)
        if tenant not in positions:
            positions[tenant] = fetch_one(_NEXT_POSITION.format(p=placeholder), (tenant,))
        row = (
            notification_id,
            tenant,
            positions[tenant],
            str(leaf.originator_id),
            leaf.originator_version,
            leaf.recorded_at,
            leaf.hash,
        )
        execute(_INSERT_LEAF.format(p=placeholder), row)
        positions[tenant] += 1


class LoggedSQLiteApplicationRecorder(SQLiteApplicationRecorder):
    _pending = _Pending()

    def construct_create_table_statements(self) -> list[str]:
        return [*super().construct_create_table_statements(), *SQLITE_TABLES]

    def insert_events(self, stored_events: Sequence[StoredEvent], **kwargs: Any) -> Sequence[int] | None:
        self._pending.leaves = leaves_of(stored_events)
        try:
            return super().insert_events(stored_events, **kwargs)
        finally:
            self._pending.leaves = None

    def _insert_events(self, c: SQLiteCursor, stored_events: Sequence[StoredEvent], **kwargs: Any) -> Sequence[int]:
        ids = list(super()._insert_events(c, stored_events, **kwargs) or ())
        leaves = self._pending.leaves if self._pending.leaves is not None else leaves_of(stored_events)

        def fetch_one(statement: str, parameters: tuple[Any, ...]) -> int:
            c.execute(statement, parameters)
            return int(c.fetchone()[0])

        append_leaves(c.execute, fetch_one, "?", leaves, ids)
        return ids


class LoggedPostgresApplicationRecorder(PostgresApplicationRecorder):
    """Each stored event also carries its tenant in a column beside it (read from the event, as its leaf is), so that
    row-level security can tell tenants apart in the event store (`backend/row_security.py`)."""

    _pending = _Pending()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        table = SQL("{}.{}").format(Identifier(self.datastore.schema), Identifier(self.events_table_name))
        self.sql_create_statements.extend(SQL(statement).format() for statement in POSTGRES_TABLES)
        self.sql_create_statements.extend(
            (
                SQL("ALTER TABLE {} ADD COLUMN IF NOT EXISTS tenant_id uuid").format(table),
                SQL("CREATE INDEX IF NOT EXISTS {} ON {} (tenant_id)").format(
                    Identifier(f"{self.events_table_name}_tenant_idx"), table
                ),
            )
        )
        self._insert_with_tenants = SQL(
            "INSERT INTO {} (originator_id, originator_version, topic, state, tenant_id) "
            "SELECT * FROM unnest(%s::uuid[], %s::bigint[], %s::text[], %s::bytea[], %s::uuid[]) "
            "RETURNING notification_id"
        ).format(table)

    def insert_events(self, stored_events: Sequence[StoredEvent], **kwargs: Any) -> Sequence[int] | None:
        self._pending.leaves = leaves_of(stored_events)
        try:
            ids: Sequence[int] | None = super().insert_events(stored_events, **kwargs)
            return ids
        finally:
            self._pending.leaves = None

    def _insert_stored_events(self, curs: Cursor[DictRow], stored_events: Sequence[StoredEvent], **_: Any) -> None:
        """The library's insert (the table lock, the notification), with each event's tenant in its own column."""
        self._lock_table(curs)
        self._notify_channel(curs)
        tenants = [leaf.tenant_id for leaf in self._leaves(stored_events)]
        columns = (
            [e.originator_id for e in stored_events],
            [e.originator_version for e in stored_events],
            [e.topic for e in stored_events],
            [e.state for e in stored_events],
            tenants,
        )
        curs.execute(self._insert_with_tenants, columns, prepare=True)

    def _leaves(self, stored_events: Sequence[StoredEvent]) -> list[Leaf]:
        return self._pending.leaves if self._pending.leaves is not None else leaves_of(stored_events)

    def _fetch_ids_after_insert_events(
        self, curs: Cursor[DictRow], stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        ids = list(super()._fetch_ids_after_insert_events(curs, stored_events, **kwargs) or ())
        leaves = self._leaves(stored_events)

        def execute(statement: str, parameters: tuple[Any, ...]) -> None:
            curs.execute(statement.encode(), parameters)

        def fetch_one(statement: str, parameters: tuple[Any, ...]) -> int:
            curs.execute(statement.encode(), parameters)
            row = curs.fetchone()
            return int(next(iter(row.values()))) if row else 0

        append_leaves(execute, fetch_one, "%s", leaves, ids)
        return ids
