"""The event store's configuration for the `eventsourcing` library: SQLite by default, PostgreSQL by setting."""

from __future__ import annotations

import sqlite3

from eventsourcing.sqlite import SQLiteConnection, SQLiteConnectionPool, SQLiteFactory
from eventsourcing.utils import EnvType, get_topic
from sqlalchemy.engine import make_url

from backend.audit.recorder import LoggedPostgresApplicationRecorder, LoggedSQLiteApplicationRecorder
from backend.settings import Settings


class DurableSQLiteConnectionPool(SQLiteConnectionPool):
    """The library's pool, with every connection syncing fully: a saved event survives a power cut."""

    def _create_connection(self) -> SQLiteConnection:
        connection = super()._create_connection()
        raw: sqlite3.Connection = connection._sqlite_conn
        raw.execute("PRAGMA synchronous=FULL")
        return connection


class DurableSQLiteFactory(SQLiteFactory):
    def __init__(self, env: EnvType | None) -> None:
        super().__init__(env)
        pool = self.datastore.pool
        self.datastore.pool = DurableSQLiteConnectionPool(
            db_name=pool.db_name, lock_timeout=pool.lock_timeout, pool_size=5, max_overflow=10
        )
        pool.close()


AGGREGATE_CACHE_SIZE = "1000"
"""Aggregates kept in memory; each load still reads any newer events ("fast-forward"), so it is never stale."""


def event_store_environment(settings: Settings) -> dict[str, str]:
    """The library's settings for where Cordee's events are stored: each write logs its leaves (`backend/audit`)."""
    cache = {"AGGREGATE_CACHE_MAXSIZE": AGGREGATE_CACHE_SIZE, "AGGREGATE_CACHE_FASTFORWARD": "y"}
    return cache | _store_environment(settings)


def _store_environment(settings: Settings) -> dict[str, str]:
    if settings.database_url:
        url = make_url(settings.database_url)
        return {
            "PERSISTENCE_MODULE": "eventsourcing.postgres",
            "POSTGRES_DBNAME": url.database or "cordee",
            "POSTGRES_HOST": url.host or "127.0.0.1",
            "POSTGRES_PORT": str(url.port or 5432),
            "POSTGRES_USER": url.username or "cordee",
            "POSTGRES_PASSWORD": url.password or "",
            "POSTGRES_POOL_SIZE": "5",
            "POSTGRES_LOCK_TIMEOUT": "10",
            "APPLICATION_RECORDER_TOPIC": get_topic(LoggedPostgresApplicationRecorder),
            # Under row-level security the owner creates the tables (`backend/row_security.py`), no one else.
            "CREATE_TABLE": "n" if settings.row_security else "y",
        }
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    return {
        "PERSISTENCE_MODULE": get_topic(DurableSQLiteFactory),
        "SQLITE_DBNAME": str(settings.event_store_path.resolve()),
        "SQLITE_LOCK_TIMEOUT": "30",
        "APPLICATION_RECORDER_TOPIC": get_topic(LoggedSQLiteApplicationRecorder),
    }
