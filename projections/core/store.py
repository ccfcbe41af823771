"""The read-model database: its engine, its tables, and the transactions a projection runner needs."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any
from uuid import UUID

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    Index,
    MetaData,
    String,
    Table,
    bindparam,
    create_engine,
    delete,
    event,
    insert,
    inspect,
    select,
    text,
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from projections.core.tables import ReadTables

log = logging.getLogger(__name__)

SQLITE_BUSY_TIMEOUT_SECONDS = 30
TENANT_SETTING = "cordee.tenant_id"
"""The PostgreSQL setting that row-level security compares each row's tenant_id with (`backend/row_security.py`)."""

SCHEMA_KEPT = Table("read_model_schema", MetaData(), Column("fingerprint", String(64), nullable=False))
"""The fingerprint of the tables, columns and indexes the read models were last found complete with: a start that
finds this version's own skips reading the database's schema table by table (about half of a start's work)."""


def schema_fingerprint(tables: Iterable[Table]) -> str:
    """What `create_tables` and `missing_columns` compare: each table's name, columns and indexes."""
    lines = sorted(
        f"{table.name}({','.join(sorted(c.name for c in table.columns))})"
        f"[{','.join(sorted(str(index.name) for index in table.indexes))}]"
        for table in tables
    )
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def create_read_engine(url: str) -> Engine:
    """An engine for the read models. SQLite gets WAL, normal sync, and explicit transactions.

    Errors never carry their SQL parameters: they hold what people wrote (an anonymous feedback item's text),
    and errors end up in logs.
    """
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10, hide_parameters=True)
    engine = create_engine(
        url,
        connect_args={"timeout": SQLITE_BUSY_TIMEOUT_SECONDS, "check_same_thread": False},
        hide_parameters=True,
    )
    event.listen(engine, "connect", _configure_sqlite_connection)
    event.listen(engine, "begin", _begin_sqlite_transaction)
    return engine


def _configure_sqlite_connection(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin (see "begin" below).
    dbapi_connection.isolation_level = None
    # NORMAL, not FULL: in WAL mode a power cut may lose the last commits, never consistency. The events are
    # synced fully in their own store, and rows and positions commit together, so lost rows are projected again
    # at start-up. That saves a disk sync per batch, which is most of a mutation's wait for its read models.
    for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=ON"):
        dbapi_connection.execute(f"PRAGMA {pragma}")


def _begin_sqlite_transaction(conn: Connection) -> None:
    # A writer takes the write lock up front, so two writers serialise instead of failing on upgrade.
    mode = "IMMEDIATE" if conn.get_execution_options().get("writer") else "DEFERRED"
    conn.exec_driver_sql(f"BEGIN {mode}")


class ReadStore:
    """The read tables in one database, and how to write to them safely."""

    def __init__(
        self,
        engine: Engine,
        tables: ReadTables,
        tenant_engine: Engine | None = None,
        schema_engine: Engine | None = None,
        secure: Callable[[Connection], object] | None = None,
    ) -> None:
        self.engine = engine
        self.tables = tables
        self.tenant_engine = tenant_engine
        """On PostgreSQL with row-level security, the engine of the role that sees one tenant's rows at a time."""
        self.schema_engine = schema_engine or engine
        """The engine of the tables' owner, who alone changes the schema (a rebuild's swap); `engine` by default."""
        self.secure = secure
        """Puts tables a rebuild swapped in behind row-level security again, in the swap's transaction."""
        self.added_tables: list[str] = []
        """The tables `create_tables` had to add to read models an earlier version wrote: empty while the events
        they project are already in the store, so the read models are to be rebuilt."""
        self.deduplicated: list[str] = []
        """The unique indexes `create_tables` could add to an earlier version's table only by deleting rows that
        repeated a key (all but one of each): the read models are to be rebuilt, which keeps the first by the events."""
        self.fingerprint = schema_fingerprint(tables.all())
        self.schema_current = False
        """Whether `create_tables` found this version's fingerprint kept (`remember_schema`): nothing to add."""

    @property
    def is_postgres(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    def create_tables(self) -> None:
        # As a writer: on SQLite a deferred transaction that reads the schema, then writes, fails at once
        # ("database is locked") when another connection wrote in between; a writer waits its turn instead.
        with self.writing() as conn:
            found = inspect(conn)
            if found.has_table(SCHEMA_KEPT.name) and self.fingerprint in conn.execute(select(SCHEMA_KEPT)).scalars():
                self.schema_current = True
                return
            existing = set(found.get_table_names())
            self.tables.metadata.create_all(conn)
            if existing & {table.name for table in self.tables.all()}:
                self.added_tables = [table.name for table in self.tables.all() if table.name not in existing]
            # A table written by an earlier version gets the indexes added since: create_all skips the table.
            for table in self.tables.all():
                if table.name in existing and table.indexes:
                    indexed = {index["name"] for index in found.get_indexes(table.name)}
                    for index in table.indexes:
                        if index.name not in indexed:
                            if index.unique and (removed := _delete_repeated_keys(conn, index)):
                                log.warning("%d rows of %s repeated a key of %s: deleted.", removed, table, index.name)
                                self.deduplicated.append(str(index.name))
                            index.create(conn)

    def missing_columns(self) -> list[str]:
        """The columns this version's tables have that the database's lack ("organisations.country"): read models
        written by an earlier version, to be rebuilt from the events."""
        if self.schema_current:
            return []
        with self.reading() as conn:
            found = inspect(conn)
            present = {name: {c["name"] for c in found.get_columns(name)} for name in found.get_table_names()}
        return [
            f"{table.name}.{column.name}"
            for table in self.tables.all()
            for column in table.columns
            if table.name in present and column.name not in present[table.name]
        ]

    def remember_schema(self) -> None:
        """Keeps this version's fingerprint once its tables are complete (created, and rebuilt if they had to be),
        so that the next start of the same version skips checking them; a start of another version checks again."""
        with self.writing() as conn:
            SCHEMA_KEPT.create(conn, checkfirst=True)
            conn.execute(delete(SCHEMA_KEPT))
            conn.execute(insert(SCHEMA_KEPT).values(fingerprint=self.fingerprint))

    def drop_tables(self) -> None:
        with self.writing() as conn:
            SCHEMA_KEPT.drop(conn, checkfirst=True)  # the next start checks the tables again
            self.tables.metadata.drop_all(conn)

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        with self.engine.connect() as conn, conn.begin():
            yield conn

    @contextmanager
    def reading_for(self, tenant_id: UUID) -> Iterator[Connection]:
        """A read transaction for one tenant's reader: with row-level security, through the tenant role with the tenant
        set for this transaction only (a pooled connection keeps none), so no other tenant's row can come back
        whatever the query; without it, the same as `reading`."""
        if self.tenant_engine is None:
            with self.reading() as conn:
                yield conn
            return
        with self.tenant_engine.connect() as conn, conn.begin():
            bind_tenant(conn, tenant_id)
            yield conn

    @contextmanager
    def writing(self, engine: Engine | None = None) -> Iterator[Connection]:
        with (engine or self.engine).connect() as base:
            conn = base.execution_options(writer=True)
            with conn.begin():
                yield conn

    def tracker(self, shard: str, projections: list[str]) -> Tracker:
        return Tracker(self, shard, projections)

    def positions(self, shard: str) -> dict[str, int]:
        tracking = self.tables.tracking
        with self.reading() as conn:
            rows = conn.execute(select(tracking.c.projection, tracking.c.position).where(tracking.c.shard == shard))
            return {name: int(position) for name, position in rows}


def _delete_repeated_keys(conn: Connection, index: Index) -> int:
    """Deletes every row but one of each key the unique index is to hold (on SQLite the earliest written), so the
    index can be created on a table written before it; the number deleted."""
    quote = conn.dialect.identifier_preparer.quote
    table = quote(index.table.name)  # type: ignore[union-attr]
    columns = [quote(column.name) for column in index.columns]
    if conn.dialect.name == "postgresql":
        same = " AND ".join(f"later.{c} = earlier.{c}" for c in columns)
        statement = (
            f"DELETE FROM {table} later USING {table} earlier "  # noqa: S608 - the table's own names, quoted
            f"WHERE later.ctid > earlier.ctid AND {same}"
        )
    else:
        keys = ", ".join(columns)
        statement = (
            f"DELETE FROM {table} WHERE rowid NOT IN "  # noqa: S608 - the table's own names, quoted
            f"(SELECT min(rowid) FROM {table} GROUP BY {keys})"
        )
    count = text(f"SELECT count(*) FROM {table}")  # noqa: S608 - the table's own name, quoted
    before = conn.execute(count).scalar_one()
    conn.execute(text(statement))
    return int(before - conn.execute(count).scalar_one())  # a driver's rowcount may be unknown (-1)


def bind_tenant(conn: Connection, tenant_id: UUID) -> None:
    """Sets the tenant for the transaction `conn` is in, and for it alone: it ends with the transaction."""
    conn.execute(text("SELECT set_config(:name, :tenant, true)"), {"name": TENANT_SETTING, "tenant": str(tenant_id)})


class Tracker:
    """The tracked positions of some projections in one shard, with their statements built once."""

    def __init__(self, store: ReadStore, shard: str, projections: list[str]) -> None:
        tracking = store.tables.tracking
        self._store, self._shard, self._projections = store, shard, projections
        the_rows = (tracking.c.shard == shard, tracking.c.projection.in_(projections))
        query = select(tracking.c.projection, tracking.c.position).where(*the_rows).order_by(tracking.c.projection)
        self._lock = query.with_for_update() if store.is_postgres else query
        dialect_insert = pg_insert if store.is_postgres else sqlite_insert
        self._insert = dialect_insert(tracking).on_conflict_do_nothing()
        to: Any = bindparam("to")
        self._move = update(tracking).where(*the_rows, tracking.c.position < to).values(position=to)

    def lock(self, conn: Connection) -> dict[str, int]:
        """The positions, locked until the transaction ends (one runner at a time)."""
        positions = {name: int(position) for name, position in conn.execute(self._lock)}
        if len(positions) < len(set(self._projections)):
            missing = [p for p in self._projections if p not in positions]
            conn.execute(self._insert, [{"shard": self._shard, "projection": p, "position": 0} for p in missing])
            positions = {name: int(position) for name, position in conn.execute(self._lock)}
        return positions

    def move(self, conn: Connection, position: int) -> None:
        """Every position before `position` moves to it."""
        conn.execute(self._move, {"to": position})
