"""The read tables: each feature defines its own through a `TableFactory`; `tenant_id` leads every primary key,
so the schema can be distributed by tenant later.

Two exceptions, both outside any tenant: the tracking table (per shard of the event store) and the sign-in
directory (an e-mail address is one sign-in across the product). The parked events (events a projection could not
apply, held with every later event of the same tenant until an operator replays them) are per tenant too.

Tables are defined under a name prefix so that a rebuild can fill fresh tables beside the live ones.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from sqlalchemy import BigInteger, Column, DateTime, MetaData, PrimaryKeyConstraint, String, Table, Uuid


class TableFactory:
    """Defines tables in one metadata, under one name prefix; a table's name is given without the prefix."""

    def __init__(self, prefix: str = "") -> None:
        self.metadata = MetaData()
        self.prefix = prefix
        self.defined: dict[str, Table] = {}

    def __call__(self, name: str, *columns: Column[object], key: tuple[str, ...]) -> Table:
        full_name = f"{self.prefix}{name}"
        table = Table(full_name, self.metadata, *columns, PrimaryKeyConstraint(*key, name=f"{full_name}_pkey"))
        self.defined[name] = table
        return table


TableDefiner = Callable[[TableFactory], None]
"""What a feature contributes to the read schema: it defines its tables through the factory."""


class ReadTables:
    """Every read table, by its unprefixed name (`tables.sessions`)."""

    def __init__(self, factory: TableFactory) -> None:
        self.metadata = factory.metadata
        self.prefix = factory.prefix
        self._tables = dict(factory.defined)

    def __getattr__(self, name: str) -> Table:
        try:
            return self.__dict__["_tables"][name]  # type: ignore[no-any-return]
        except KeyError:
            raise AttributeError(name) from None

    @property
    def tracking(self) -> Table:
        return self._tables["projection_tracking"]

    def all(self) -> list[Table]:
        return list(self._tables.values())

    def unprefixed(self, table: Table) -> str:
        return table.name.removeprefix(self.prefix)


def compose_read_tables(definers: Iterable[TableDefiner], prefix: str = "") -> ReadTables:
    """The operational tables and every feature's, under the prefix."""
    factory = TableFactory(prefix)
    define_operational_tables(factory)
    for define in definers:
        define(factory)
    return ReadTables(factory)


def define_operational_tables(table: TableFactory) -> None:
    table(
        "projection_tracking",
        Column("shard", String(64), nullable=False),
        Column("projection", String(64), nullable=False),
        Column("position", BigInteger, nullable=False),
        key=("shard", "projection"),
    )
    table(
        "parked_events",
        Column("tenant_id", Uuid, nullable=False),
        Column("shard", String(64), nullable=False),
        Column("projection", String(64), nullable=False),
        Column("notification_id", BigInteger, nullable=False),
        Column("topic", String(255), nullable=False),
        Column("error_class", String(200)),
        Column("error", String(300)),
        Column("first_failed_at", DateTime(timezone=True), nullable=False),
        key=("tenant_id", "shard", "projection", "notification_id"),
    )
