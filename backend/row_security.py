"""PostgreSQL row-level security: a second wall behind the query layer's visibility filter.

Three roles take part (`docs/identity.md`, "Row-level security"):

- the owner (`CORDEE_DATABASE_OWNER_URL`) creates the tables, adds what is missing, and installs the policies below
  at start-up. Nothing else connects as the owner.
- the services' role (`CORDEE_DATABASE_URL`) runs the work that spans tenants: the projection runner following the
  whole event log, the audit log and its checkpointer, sessions and sign-in (the tenant is not known before), the
  command line. It is not the owner, and it sees every row only because one policy names it (`cross_tenant`).
- the tenant role (`CORDEE_DATABASE_TENANT_URL`) reads for a request. It is not the owner, not a member of the
  services' role, and has no policy but `tenant_isolation`: a row is visible, and may be written, only when its
  `tenant_id` is the tenant set for the transaction (`set_config('cordee.tenant_id', ..., true)`, transaction-local,
  so a connection given back to the pool keeps no tenant). Without the setting it sees nothing.

Every table of the schema with a `tenant_id` column gets RLS enabled and forced (forced: even the owner obeys it, so a
mistake in which role is used fails closed). The tables without one are listed in `WITHOUT_TENANT` with why.
SQLite has no row-level security: there the query layer's filter is the only wall.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Protocol

from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.engine import make_url

from backend.auth.password_resets import password_resets
from backend.auth.second_factor import recovery_codes, second_factors
from backend.auth.sessions import web_sessions
from backend.auth.throttle import sign_in_failures
from backend.graphql.core.idempotency import idempotency_keys
from backend.settings import Settings
from projections.core.store import TENANT_SETTING, bind_tenant, create_read_engine

__all__ = ["TENANT_SETTING", "bind_tenant", "secure_schema", "unprotected_tables"]

SCHEMA = "public"
TENANT_POLICY = "tenant_isolation"
CROSS_TENANT_POLICY = "cross_tenant"

WITHOUT_TENANT = {
    "projection_tracking": "how far each projection has read the event log: positions, no tenant's data",
    "sign_in_failures": "throttling counts per hashed e-mail or address, before any tenant is known",
    "audit_keys": "the public keys that sign checkpoints, published to every verifier",
    "audit_meta": "the audit log's own settings (where it started)",
}
"""Tables with no tenant's rows, left without a policy; the catalog test fails for any other table without one."""

OWNER_CREATED_TABLES = (
    web_sessions,
    sign_in_failures,
    idempotency_keys,
    second_factors,
    recovery_codes,
    password_resets,
)
"""Tables the services create at first use where they may (SQLite, or PostgreSQL as the owner): under row-level
security only the owner creates tables, so these are created in its pass."""


class Closable(Protocol):
    def close(self) -> None: ...


_TENANT_SET = f"current_setting('{TENANT_SETTING}', true)"


def role_of(url: str) -> str:
    name = make_url(url).username
    if not name:
        raise ValueError("A PostgreSQL URL for row-level security must name its role")
    return name


def _condition(column_type: str) -> str:
    # The setting is read once per statement (current_setting is stable), so an index on tenant_id is still used.
    if column_type == "uuid":
        return f"tenant_id = nullif({_TENANT_SET}, '')::uuid"
    return f"tenant_id = nullif({_TENANT_SET}, '')"  # the audit log's tables keep the tenant as text


def tenant_tables(conn: Connection) -> dict[str, str]:
    """Every table of the schema with a tenant_id column, and that column's type."""
    rows = conn.execute(
        text(
            "SELECT c.relname, format_type(a.atttypid, a.atttypmod) FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped "
            "WHERE n.nspname = :schema AND c.relkind IN ('r', 'p')"
        ),
        {"schema": SCHEMA},
    )
    return {str(name): str(kind) for name, kind in rows}


def fill_event_tenants(conn: Connection, events_table: str) -> int:
    """Fills the event store's tenant column (added by `LoggedPostgresApplicationRecorder`) for the events stored
    before it existed, from their leaves in the audit log (every stored event has one: `AuditLog.start`). Events are
    not edited: the column is beside them, and what it holds is read from the event itself. Returns how many."""
    filled = conn.exec_driver_sql(
        f"UPDATE {events_table} e SET tenant_id = l.tenant_id::uuid FROM audit_leaves l "  # noqa: S608 - the library's table
        "WHERE l.notification_id = e.notification_id AND e.tenant_id IS NULL"
    )
    return int(filled.rowcount or 0)


def secure_schema(conn: Connection, tenant_role: str, services_role: str) -> list[str]:
    """Run by the owner: every tenant table gets RLS enabled and forced and the two policies; both roles may read and
    write rows (never change the schema). Idempotent, and a table already secured with the same roles is left as it
    is: each worker process runs this at start-up, and rewriting a policy locks its table. Returns the tables secured.

    The cross-tenant policy names the services' role and the owner (who upgrades read models by replaying every
    event): forced RLS binds the owner too, so it needs a policy as explicit as anyone's."""
    check_roles(conn, tenant_role, services_role)
    owner = str(conn.execute(text("SELECT current_user")).scalar_one())
    tenant, services = _quoted(conn, tenant_role), _quoted(conn, services_role)
    cross_tenant = f"{services}, {_quoted(conn, owner)}"
    done = _already_secured(conn, {services_role, owner})
    secured = []
    for table, column_type in sorted(tenant_tables(conn).items()):
        secured.append(table)
        if table in done:
            continue
        name = _quoted(conn, table)
        condition = _condition(column_type)
        for statement in (
            f"ALTER TABLE {name} ENABLE ROW LEVEL SECURITY",
            f"ALTER TABLE {name} FORCE ROW LEVEL SECURITY",
            f"DROP POLICY IF EXISTS {TENANT_POLICY} ON {name}",
            f"CREATE POLICY {TENANT_POLICY} ON {name} USING ({condition}) WITH CHECK ({condition})",
            f"DROP POLICY IF EXISTS {CROSS_TENANT_POLICY} ON {name}",
            f"CREATE POLICY {CROSS_TENANT_POLICY} ON {name} TO {cross_tenant} USING (true) WITH CHECK (true)",
        ):
            conn.exec_driver_sql(statement)
    for statement in (
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {SCHEMA} TO {tenant}, {services}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {SCHEMA} TO {tenant}, {services}",
        f"GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA {SCHEMA} TO {tenant}, {services}",
    ):
        conn.exec_driver_sql(statement)
    return secured


def _already_secured(conn: Connection, cross_tenant_roles: set[str]) -> set[str]:
    """The tables with RLS enabled and forced, the tenant policy, and the cross-tenant one for exactly these roles."""
    rows = conn.execute(
        text(
            "SELECT c.relname, p.policyname, p.roles FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "JOIN pg_policies p ON p.schemaname = n.nspname AND p.tablename = c.relname "
            "WHERE n.nspname = :schema AND c.relrowsecurity AND c.relforcerowsecurity"
        ),
        {"schema": SCHEMA},
    )
    policies: dict[str, dict[str, set[str]]] = {}
    for table, policy, roles in rows:
        policies.setdefault(str(table), {})[str(policy)] = {str(role) for role in roles}
    return {
        table
        for table, found in policies.items()
        if TENANT_POLICY in found and found.get(CROSS_TENANT_POLICY) == cross_tenant_roles
    }


def check_roles(conn: Connection, tenant_role: str, services_role: str) -> None:
    """Refuses roles that would pass the wall: missing, superuser, BYPASSRLS, owning a table, or the tenant role able
    to act as the services' role (a member of it)."""
    for role in (tenant_role, services_role):
        found = conn.execute(
            text("SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = :r"), {"r": role}
        ).first()
        if found is None:
            raise RuntimeError(f"The PostgreSQL role {role} does not exist: create it first (docs/identity.md)")
        if found[0]:
            raise RuntimeError(f"The PostgreSQL role {role} is a superuser or bypasses row-level security")
        owned = conn.execute(
            text(
                "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = :schema AND pg_get_userbyid(c.relowner) = :r"
            ),
            {"schema": SCHEMA, "r": role},
        ).scalar_one()
        if owned:
            raise RuntimeError(f"The PostgreSQL role {role} owns tables: only the owner's URL may name their owner")
    if (
        tenant_role == services_role
        or conn.execute(
            text("SELECT pg_has_role(:t, :s, 'MEMBER')"), {"t": tenant_role, "s": services_role}
        ).scalar_one()
    ):
        raise RuntimeError("The tenant role must be neither the services' role nor a member of it")


def prepare_database(settings: Settings, build: Callable[[Settings], Closable]) -> list[str]:
    """The owner's pass at start-up, before the services connect as their own role: every table created or upgraded
    (read models rebuilt if needed) by building the services as the owner once, then the policies installed."""
    owner_url, tenant_url = settings.database_owner_url, settings.database_tenant_url
    services_url = settings.database_url
    if not (owner_url and tenant_url and services_url):
        raise ValueError("Row-level security needs the owner's, the services' and the tenant role's URLs")
    as_owner = settings.model_copy(
        update={"database_url": owner_url, "database_owner_url": None, "database_tenant_url": None}
    )
    build(as_owner).close()
    with owner_transaction(owner_url) as conn:
        for table in OWNER_CREATED_TABLES:
            table.create(conn, checkfirst=True)
        return secure_schema(conn, role_of(tenant_url), role_of(services_url))


def secured_store(settings: Settings) -> dict[str, Any]:
    """What the read store needs under row-level security: the tenant role's engine for requests' reads, the owner's
    engine for a rebuild's swap (its connections are opened only then), and how to secure the tables swapped in."""
    tenant_url, owner_url = settings.database_tenant_url, settings.database_owner_url
    services_url = settings.database_url
    if not (tenant_url and owner_url and services_url):
        return {}
    tenant_role, services_role = role_of(tenant_url), role_of(services_url)
    return {
        "tenant_engine": create_read_engine(tenant_url),
        "schema_engine": create_read_engine(owner_url),
        "secure": lambda conn: secure_schema(conn, tenant_role, services_role),
    }


def unprotected_tables(conn: Connection) -> list[str]:
    """Tables of the schema not under a tenant's wall (RLS enabled, forced, and a policy), outside `WITHOUT_TENANT`."""
    rows = conn.execute(
        text(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = :schema AND c.relkind IN ('r', 'p') AND NOT (c.relrowsecurity AND c.relforcerowsecurity "
            "AND EXISTS (SELECT 1 FROM pg_policies p WHERE p.schemaname = n.nspname AND p.tablename = c.relname "
            "AND p.policyname = :policy)) ORDER BY c.relname"
        ),
        {"schema": SCHEMA, "policy": TENANT_POLICY},
    )
    return [str(name) for (name,) in rows if name not in WITHOUT_TENANT]


@contextmanager
def owner_transaction(url: str) -> Iterator[Connection]:
    engine: Engine = create_engine(url, hide_parameters=True)
    try:
        with engine.begin() as conn:
            yield conn
    finally:
        engine.dispose()


def _quoted(conn: Connection, identifier: str) -> str:
    return str(conn.execute(text("SELECT quote_ident(:i)"), {"i": identifier}).scalar_one())
