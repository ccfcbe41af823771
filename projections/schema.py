"""Table definitions. `tenant_id` leads every primary key, so the schema can be distributed by tenant later.

Two exceptions, both outside any tenant: the tracking table (per shard of the event store) and the sign-in
directory (an e-mail address is one sign-in across the product).

Tables are defined by a function of a name prefix so that a rebuild can fill fresh tables beside the live ones.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    Uuid,
)


@dataclass(frozen=True)
class ReadTables:
    metadata: MetaData
    prefix: str
    tracking: Table
    consultancies: Table
    accounts: Table
    sign_ins: Table
    organisations: Table
    clusters: Table
    cluster_members: Table
    coaching_half_days: Table

    def all(self) -> list[Table]:
        return [getattr(self, f.name) for f in fields(self) if isinstance(getattr(self, f.name), Table)]

    def unprefixed(self, table: Table) -> str:
        return table.name.removeprefix(self.prefix)


def define_read_tables(prefix: str = "") -> ReadTables:
    metadata = MetaData()

    def table(name: str, *columns: Column[object], key: tuple[str, ...]) -> Table:
        full_name = f"{prefix}{name}"
        return Table(full_name, metadata, *columns, PrimaryKeyConstraint(*key, name=f"{full_name}_pkey"))

    return ReadTables(
        metadata=metadata,
        prefix=prefix,
        tracking=table(
            "projection_tracking",
            Column("shard", String(64), nullable=False),
            Column("projection", String(64), nullable=False),
            Column("position", BigInteger, nullable=False),
            key=("shard", "projection"),
        ),
        consultancies=table(
            "consultancies",
            Column("tenant_id", Uuid, nullable=False),
            Column("name", String(200), nullable=False),
            Column("slug", String(64), nullable=False),
            Column("allows_clusters_above_standard_size", Boolean, nullable=False),
            key=("tenant_id",),
        ),
        accounts=table(
            "accounts",
            Column("tenant_id", Uuid, nullable=False),
            Column("account_id", Uuid, nullable=False),
            Column("email", String(254), nullable=False),
            Column("display_name", String(200), nullable=False),
            Column("roles", String(200), nullable=False),
            Column("password_hash", Text, nullable=False),
            key=("tenant_id", "account_id"),
        ),
        sign_ins=table(
            "sign_ins",
            Column("email", String(254), nullable=False),
            Column("tenant_id", Uuid, nullable=False),
            Column("account_id", Uuid, nullable=False),
            key=("email",),
        ),
        organisations=table(
            "organisations",
            Column("tenant_id", Uuid, nullable=False),
            Column("organisation_id", Uuid, nullable=False),
            Column("name", String(200), nullable=False),
            Column("sector", String(200), nullable=False),
            Column("employee_count", Integer, nullable=False),
            Column("registered_at", DateTime(timezone=True), nullable=False),
            key=("tenant_id", "organisation_id"),
        ),
        clusters=table(
            "clusters",
            Column("tenant_id", Uuid, nullable=False),
            Column("cluster_id", Uuid, nullable=False),
            Column("name", String(200), nullable=False),
            Column("coach_id", Uuid, nullable=False),
            Column("status", String(20), nullable=False),
            Column("planned_start", Date),
            Column("planned_end", Date),
            Column("started_on", Date),
            Column("member_count", Integer, nullable=False),
            Column("formed_at", DateTime(timezone=True), nullable=False),
            key=("tenant_id", "cluster_id"),
        ),
        cluster_members=table(
            "cluster_members",
            Column("tenant_id", Uuid, nullable=False),
            Column("cluster_id", Uuid, nullable=False),
            Column("organisation_id", Uuid, nullable=False),
            Column("evidence_small_enterprise", Text, nullable=False),
            Column("evidence_management_commitment", Text, nullable=False),
            Column("evidence_resources_available", Text, nullable=False),
            Column("admitted_at", DateTime(timezone=True), nullable=False),
            Column("coaching_half_days_ceiling", Integer, nullable=False),
            key=("tenant_id", "cluster_id", "organisation_id"),
        ),
        coaching_half_days=table(
            "coaching_half_days",
            Column("tenant_id", Uuid, nullable=False),
            Column("cluster_id", Uuid, nullable=False),
            Column("organisation_id", Uuid, nullable=False),
            Column("entry_number", Integer, nullable=False),
            Column("held_on", Date, nullable=False),
            Column("coach_id", Uuid, nullable=False),
            Column("topic", String(200), nullable=False),
            Column("notes", Text, nullable=False),
            Column("logged_by", Uuid, nullable=False),
            Column("logged_at", DateTime(timezone=True), nullable=False),
            key=("tenant_id", "cluster_id", "organisation_id", "entry_number"),
        ),
    )
