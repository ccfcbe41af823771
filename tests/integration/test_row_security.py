"""PostgreSQL row-level security, the second wall: the tenant role sees and writes its tenant's rows only, whatever
the query asks, and nothing without a tenant; the services' role spans tenants; neither owns a table.

The demo's two consultancies (Alpine and Harbour) are seeded once, on a database of the module's own."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from uuid import UUID, uuid4

import pytest
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import DBAPIError, ProgrammingError
from starlette.testclient import TestClient

from backend.app import create_app
from backend.demo import seed_demo
from backend.row_security import (
    CROSS_TENANT_POLICY,
    TENANT_POLICY,
    WITHOUT_TENANT,
    check_roles,
    fill_event_tenants,
    tenant_tables,
    unprotected_tables,
)
from backend.services import Services, build_services
from backend.settings import Settings
from domain.tenancy.consultancy import consultancy_id
from projections.core.scope import Scope
from projections.core.store import bind_tenant
from projections.rebuild import rebuild
from tests.conftest import DEMO_DAY, SERVICES_ROLE, TENANT_ROLE, secured_postgres_settings
from tests.support.graphql_client import GraphQLClient
from tests.support.pgserver import PostgresServer

pytestmark = pytest.mark.postgres

ADD_LIBRARY_ITEM = "mutation($input: AddLibraryItemInput!) { r: addLibraryItem(input: $input) { ... on LibraryItemChange { item { title } } } }"
ALPINE, HARBOUR = consultancy_id("alpine"), consultancy_id("harbour")


@pytest.fixture(scope="module")
def secured(postgres_server: PostgresServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    postgres_server.create_database("cordee_row_security")
    url = postgres_server.url("cordee_row_security")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("domain.application.Cordee.today", staticmethod(lambda: DEMO_DAY))
        built = build_services(secured_postgres_settings(tmp_path_factory.mktemp("rls"), url))
        seed_demo(built, DEMO_DAY)
        built.runner.catch_up()
    yield built
    built.close()
    postgres_server.drop_database("cordee_row_security")


@pytest.fixture(scope="module")
def owner(secured: Services) -> Iterator[Engine]:
    assert secured.settings.database_owner_url
    engine = create_engine(secured.settings.database_owner_url)
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def tenant_engine(secured: Services) -> Iterator[Engine]:
    """The tenant role, on a pool of one connection: every transaction reuses the connection the last one gave back."""
    assert secured.settings.database_tenant_url
    engine = create_engine(secured.settings.database_tenant_url, pool_size=1, max_overflow=0)
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def tables(owner: Engine) -> dict[str, str]:
    with owner.connect() as conn:
        return tenant_tables(conn)


def counts(engine: Engine, tables: dict[str, str], tenant: UUID | None = None) -> dict[str, tuple[int, int]]:
    """Per table: rows seen, and rows seen of another tenant than `tenant`."""
    seen = {}
    with engine.connect() as conn, conn.begin():
        if tenant is not None:
            bind_tenant(conn, tenant)
        for table in tables:
            total, others = conn.execute(
                text(f"SELECT count(*), count(*) FILTER (WHERE tenant_id::text <> :t) FROM {table}"),
                {"t": str(tenant)},
            ).one()
            seen[table] = (int(total), int(others))
    return seen


def test_every_table_with_a_tenants_rows_is_behind_a_forced_policy(owner: Engine, tables: dict[str, str]) -> None:
    with owner.connect() as conn:
        assert unprotected_tables(conn) == []
        every_table = set(conn.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).scalars())
        policies = {(str(t), str(p)) for t, p in conn.execute(text("SELECT tablename, policyname FROM pg_policies"))}
    # The tables that matter most are among those secured: the events, the audit log, sessions, the read models.
    assert {
        "cordee_events",
        "audit_leaves",
        "account_sessions",
        "second_factors",
        "recovery_codes",
        "password_resets",
        "accounts",
        "risks",
        "graphql_idempotency_keys",
    } <= set(tables)
    assert all((table, TENANT_POLICY) in policies and (table, CROSS_TENANT_POLICY) in policies for table in tables)
    # The allowed exceptions exist and hold no tenant's rows: the list is neither stale nor a hiding place.
    assert set(WITHOUT_TENANT) <= every_table
    assert not set(WITHOUT_TENANT) & set(tables)
    assert every_table - set(tables) == set(WITHOUT_TENANT)


def test_neither_role_owns_a_table_or_can_pass_the_wall(owner: Engine, tenant_engine: Engine) -> None:
    with owner.connect() as conn:
        owners = set(conn.execute(text("SELECT tableowner FROM pg_tables WHERE schemaname = 'public'")).scalars())
        bypass = conn.execute(
            text("SELECT bool_or(rolsuper OR rolbypassrls) FROM pg_roles WHERE rolname IN (:s, :t)"),
            {"s": SERVICES_ROLE, "t": TENANT_ROLE},
        ).scalar_one()
    assert owners.isdisjoint({SERVICES_ROLE, TENANT_ROLE})
    assert bypass is False
    with tenant_engine.connect() as conn, pytest.raises(ProgrammingError, match="permission denied"):
        conn.exec_driver_sql(f"SET ROLE {SERVICES_ROLE}")
    with tenant_engine.connect() as conn, pytest.raises(ProgrammingError, match="must be owner"):
        conn.exec_driver_sql("ALTER TABLE accounts DISABLE ROW LEVEL SECURITY")


def test_without_a_tenant_the_tenant_role_sees_no_row_of_any_table(
    secured: Services, tenant_engine: Engine, tables: dict[str, str]
) -> None:
    everyone = counts(secured.store.engine, tables)
    assert everyone["cordee_events"][0] > 0 and everyone["accounts"][0] > 0  # the services' role sees them all
    assert {table: seen for table, (seen, _) in counts(tenant_engine, tables).items() if seen} == {}


def test_with_a_tenant_set_the_tenant_role_sees_that_tenants_rows_only(
    secured: Services, tenant_engine: Engine, tables: dict[str, str]
) -> None:
    alpine = counts(tenant_engine, tables, ALPINE)
    assert {table: others for table, (_, others) in alpine.items() if others} == {}
    assert alpine["cordee_events"][0] > 0 and alpine["audit_leaves"][0] > 0 and alpine["accounts"][0] > 0
    # Exactly Alpine's rows: the services' role counts as many of them.
    everyone = counts(secured.store.engine, tables, ALPINE)
    assert {table: seen for table, (seen, _) in alpine.items()} == {
        table: total - others for table, (total, others) in everyone.items()
    }


def test_a_row_of_another_tenant_is_refused(tenant_engine: Engine) -> None:
    with tenant_engine.connect() as conn, conn.begin():
        bind_tenant(conn, ALPINE)
        with pytest.raises(DBAPIError, match="row-level security"):
            conn.execute(
                text(
                    "INSERT INTO password_resets (token_hash, tenant_id, account_id, expires_at) "
                    "VALUES (:h, :t, :a, now())"
                ),
                {"h": uuid4().hex, "t": HARBOUR, "a": uuid4()},
            )
    with tenant_engine.connect() as conn, conn.begin():
        bind_tenant(conn, ALPINE)
        with pytest.raises(DBAPIError, match="row-level security"):  # nor may one of its own rows be handed over
            conn.execute(text("UPDATE accounts SET tenant_id = :h"), {"h": HARBOUR})


def test_a_connection_given_back_to_the_pool_keeps_no_tenant(tenant_engine: Engine) -> None:
    with tenant_engine.connect() as conn, conn.begin():
        bind_tenant(conn, ALPINE)
        first = conn.execute(text("SELECT pg_backend_pid()")).scalar_one()
        assert conn.execute(text("SELECT count(*) FROM accounts")).scalar_one() > 0
    with tenant_engine.connect() as conn, conn.begin():
        assert conn.execute(text("SELECT pg_backend_pid()")).scalar_one() == first  # the same connection
        assert conn.execute(text("SELECT count(*) FROM accounts")).scalar_one() == 0
        assert conn.execute(text("SELECT current_setting('cordee.tenant_id', true)")).scalar_one() in ("", None)


def test_the_query_layer_reads_one_tenant_even_when_a_query_asks_for_another(secured: Services) -> None:
    queries = secured.queries
    with queries.one_transaction(ALPINE):
        own = queries.rows_in_view(Scope(ALPINE), "accounts")
        # As if the visibility filter had a bug and asked for Harbour's rows: the database still answers none.
        other = queries.rows_in_view(Scope(HARBOUR), "accounts")
    assert own and other == []
    assert queries.rows_in_view(Scope(HARBOUR), "accounts")  # outside a tenant's transaction, the services' role


@pytest.fixture
def tenant_statements(secured: Services) -> Iterator[list[str]]:
    """The statements the tenant role runs meanwhile."""
    statements: list[str] = []

    def seen(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        statements.append(statement)

    assert secured.store.tenant_engine is not None
    event.listen(secured.store.tenant_engine, "before_cursor_execute", seen)
    yield statements
    event.remove(secured.store.tenant_engine, "before_cursor_execute", seen)


def test_graphql_queries_and_mutations_read_through_the_tenant_role(
    secured: Services, tenant_statements: list[str]
) -> None:
    coach = GraphQLClient(TestClient(create_app(secured.settings, secured))).sign_in("coach@alpine.example")
    tenant_statements.clear()  # signing in reads sessions and accounts before any tenant is known: the services' role
    names = [o["name"] for o in coach.data("{ organisations { name } }")["organisations"]]
    assert "Boulangerie Muller" in names
    # The tenant was set for the transaction, then the organisations read, both through the tenant role.
    assert "set_config" in tenant_statements[0] and any("FROM organisations" in s for s in tenant_statements[1:])
    tenant_statements.clear()
    added = coach.data(ADD_LIBRARY_ITEM, {"input": {"kind": "threat", "title": "Flooded basement", "fields": {}}})
    assert added["r"]["item"]["title"] == "Flooded basement"  # read back after the command, as Alpine
    assert "set_config" in tenant_statements[0] and any("library_items" in s for s in tenant_statements)


def test_each_stored_event_carries_its_tenant_and_older_events_get_theirs(owner: Engine) -> None:
    with owner.begin() as conn:
        mismatched = conn.execute(
            text(
                "SELECT count(*) FROM cordee_events e JOIN audit_leaves l ON l.notification_id = e.notification_id "
                "WHERE e.tenant_id IS DISTINCT FROM l.tenant_id::uuid"
            )
        ).scalar_one()
        assert mismatched == 0
        # A database from before the column: its events have no tenant until the next start fills it from the log.
        emptied = conn.execute(text("UPDATE cordee_events SET tenant_id = NULL WHERE tenant_id = :a"), {"a": ALPINE})
        assert fill_event_tenants(conn, "cordee_events") == emptied.rowcount > 0
        assert conn.execute(text("SELECT count(*) FROM cordee_events WHERE tenant_id IS NULL")).scalar_one() == 0


def test_the_services_start_again_on_a_secured_database_leaving_its_policies_alone(
    secured: Services, owner: Engine, tmp_path: Path
) -> None:
    def policies() -> set[int]:
        with owner.connect() as conn:
            return set(conn.execute(text("SELECT oid FROM pg_policy")).scalars())

    before = policies()
    again = build_services(secured.settings.model_copy(update={"data_dir": tmp_path}))
    try:
        assert again.health().ready
    finally:
        again.close()
    assert policies() == before  # not dropped and created again: that would lock every table at each start


def test_roles_that_would_pass_the_wall_are_refused(owner: Engine) -> None:
    with owner.connect() as conn:
        superuser = str(conn.execute(text("SELECT current_user")).scalar_one())
        with pytest.raises(RuntimeError, match="superuser or bypasses"):
            check_roles(conn, superuser, SERVICES_ROLE)
        with pytest.raises(RuntimeError, match="neither the services' role"):
            check_roles(conn, SERVICES_ROLE, SERVICES_ROLE)
        with pytest.raises(RuntimeError, match="does not exist"):
            check_roles(conn, "nobody_here", SERVICES_ROLE)


def test_row_security_needs_all_three_urls(secured: Services) -> None:
    with pytest.raises(ValueError, match="CORDEE_DATABASE_TENANT_URL"):
        Settings(database_url=secured.settings.database_url, database_owner_url=secured.settings.database_owner_url)


def test_a_rebuild_swaps_in_tables_behind_the_wall_again(
    secured: Services, owner: Engine, tenant_engine: Engine, tables: dict[str, str]
) -> None:
    rebuild(secured.app, secured.store)
    with owner.connect() as conn:
        assert unprotected_tables(conn) == []
    assert {table: seen for table, (seen, _) in counts(tenant_engine, tables).items() if seen} == {}
    assert counts(tenant_engine, tables, ALPINE)["risks"][0] > 0


@pytest.fixture(scope="module")
def alpine_coach(secured: Services) -> GraphQLClient:
    return GraphQLClient(TestClient(create_app(secured.settings, secured))).sign_in("coach@alpine.example")


def calendar_events(body: str) -> int:
    return body.count("BEGIN:VEVENT")


def test_downloads_and_feeds_read_through_the_tenant_role_once_the_principal_is_known(
    secured: Services, alpine_coach: GraphQLClient, tenant_statements: list[str]
) -> None:
    services_statements: list[str] = []

    def seen(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        services_statements.append(statement)

    alpine = Scope(ALPINE)
    cluster = secured.queries.clusters.clusters(alpine, 1, None)[0]
    muller = next(o for o in secured.queries.organisations.organisations(alpine) if o.name == "Boulangerie Muller")
    tenant_statements.clear()
    event.listen(secured.store.engine, "before_cursor_execute", seen)
    try:
        feed = alpine_coach.http.get(f"/clusters/{cluster.cluster_id}/calendar.ics")
        log = alpine_coach.http.get(f"/organisations/{muller.organisation_id}/changes.csv")
        effort = alpine_coach.http.get(f"/clusters/{cluster.cluster_id}/effort.xlsx")
    finally:
        event.remove(secured.store.engine, "before_cursor_execute", seen)
    # They still work: the coach's calendar, Muller's change log and the effort report, in full.
    assert feed.status_code == 200 and calendar_events(feed.text) > 0
    assert log.status_code == 200 and log.text.count("\n") > 1
    assert effort.status_code == 200 and effort.content.startswith(b"PK")
    # Each download (and its principal's account and grants) read as Alpine, through the tenant role...
    assert sum("set_config" in s for s in tenant_statements) >= 6
    assert any("FROM sessions" in s for s in tenant_statements)
    assert any("FROM accounts" in s for s in tenant_statements)
    # ...and the services' role read the session by its token's hash, and no read model.
    assert services_statements and all("account_sessions" in s for s in services_statements)


def test_a_download_or_feed_under_one_tenant_reads_nothing_of_another_even_when_its_filter_asks(
    secured: Services, alpine_coach: GraphQLClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    harbour = Scope(HARBOUR)
    cluster = secured.queries.clusters.clusters(harbour, 1, None)[0]
    organisation = secured.queries.organisations.organisations(harbour)[0]
    # The services' role, spanning tenants, would find them: the test asks for rows that exist.
    assert secured.queries.clusters.sessions(harbour, cluster.cluster_id)
    assert secured.queries.organisations.with_registers(harbour, organisation.organisation_id)
    link = alpine_coach.data("mutation { r: makeCalendarLink { ... on CalendarLink { path } } }")["r"]["path"]
    calendar_app = TestClient(create_app(secured.settings, secured))  # no cookie, as a calendar application
    assert calendar_events(calendar_app.get(link).text) > 0
    # As if the visibility filter had a bug and gave Alpine's coach Harbour's whole consultancy to see.
    monkeypatch.setattr("backend.exports.routes.scope_for", lambda _principal: harbour)
    for path in (
        f"/clusters/{cluster.cluster_id}/calendar.ics",
        f"/clusters/{cluster.cluster_id}/effort.xlsx",
        f"/organisations/{organisation.organisation_id}/changes.csv",
        f"/organisations/{organisation.organisation_id}/metrics.xlsx",
    ):
        assert alpine_coach.http.get(path).status_code == 404, path  # the database answered none of Harbour's rows
    feed = calendar_app.get(link)
    assert feed.status_code == 200 and calendar_events(feed.text) == 0
    # The query layer itself, inside Alpine's transaction, asked for Harbour's cluster's sessions: none.
    with secured.queries.one_transaction(ALPINE):
        assert secured.queries.clusters.sessions(harbour, cluster.cluster_id) == []


def test_an_api_tokens_principal_is_read_as_the_consultancy_the_token_names(
    secured: Services, tenant_statements: list[str]
) -> None:
    app = create_app(secured.settings, secured)
    admin = GraphQLClient(TestClient(app)).sign_in("admin@alpine.example")
    create = (
        "mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { ... on NewApiToken { secret } } }"
    )
    pat = admin.data(create, {"input": {"name": "Reports", "scopes": ["read"], "expiresOn": "2027-06-30"}})
    exchanged = admin.http.post(
        "/oauth/token",
        data={
            "grant_type": "urn:ietf:params:oauth:grant-type:token-exchange",
            "subject_token": pat["createApiToken"]["secret"],
        },
    )
    assert exchanged.status_code == 200, exchanged.text
    services_statements: list[str] = []

    def seen(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        services_statements.append(statement)

    tenant_statements.clear()
    event.listen(secured.store.engine, "before_cursor_execute", seen)
    try:
        answer = TestClient(app).post(
            "/graphql",
            json={"query": "{ organisations { name } }"},
            headers={"Authorization": f"Bearer {exchanged.json()['access_token']}"},
        )
    finally:
        event.remove(secured.store.engine, "before_cursor_execute", seen)
    assert "Boulangerie Muller" in [o["name"] for o in answer.json()["data"]["organisations"]]
    # The token, its account and grants read as Alpine, through the tenant role; none by the services' role.
    assert "set_config" in tenant_statements[0] and any("FROM api_tokens" in s for s in tenant_statements)
    assert not any("api_tokens" in s or "FROM accounts" in s for s in services_statements)
