"""Read models written by an earlier version (a column this version added is missing) are rebuilt from the events
when the services start, so an upgrade needs no manual step and no page breaks on the missing column."""

from __future__ import annotations

from pathlib import Path
from uuid import uuid4

import pytest
from sqlalchemy import Column, Index, MetaData, String, Table, create_engine, func, insert, inspect, select, text
from sqlalchemy.exc import IntegrityError

from backend.demo import seed_demo
from backend.services import build_services
from domain.organisations.commands import RegisterOrganisation
from domain.shared.aggregate import SYSTEM_ACTOR
from domain.tenancy.account import account_id
from domain.tenancy.commands import ConfigureSingleSignOn, CreateConsultancy, OpenSingleSignOnAccount
from projections.core.store import ReadStore, create_read_engine, schema_fingerprint
from projections.features import define_read_tables
from projections.queries import Scope
from tests.conftest import TEST_DAY, sqlite_settings

EARLIER_VERSION = "UPDATE read_model_schema SET fingerprint = 'an earlier version'"
"""What an earlier version kept of its tables: another fingerprint than this version's."""


def test_a_start_checks_the_tables_only_when_an_earlier_version_kept_them(tmp_path: Path) -> None:
    """The first start checks and keeps this version's fingerprint; the next start of the same version finds it and
    checks nothing; a start after an earlier version checks every table and adds what is missing."""
    settings = sqlite_settings(tmp_path)
    services = build_services(settings)
    assert not services.store.schema_current
    services.close()
    services = build_services(settings)
    assert services.store.schema_current and services.store.missing_columns() == []
    services.close()
    older = create_engine(settings.read_database_url)
    with older.begin() as conn:
        conn.execute(text(EARLIER_VERSION))
        conn.execute(text("DROP TABLE risk_register_counts"))
    older.dispose()
    services = build_services(settings)
    try:
        assert not services.store.schema_current
        assert services.store.added_tables == ["risk_register_counts"]
    finally:
        services.close()
    assert build_services(settings).store.schema_current


def test_the_fingerprint_changes_with_a_table_a_column_or_an_index() -> None:
    kept = schema_fingerprint(define_read_tables().all())
    assert schema_fingerprint(define_read_tables().all()) == kept
    with_column, with_index = _copied(), _copied()
    next(t for t in with_column if t.name == "organisations").append_column(Column("added", String(10)))
    Index("organisations_by_added", next(t for t in with_index if t.name == "organisations").c.name)
    assert schema_fingerprint(with_column) != kept
    assert schema_fingerprint(with_index) != kept
    assert schema_fingerprint(define_read_tables("rebuilt_").all()) != kept


def _copied() -> list[Table]:
    """This version's tables copied apart (the defined ones are shared by the process), to be changed."""
    metadata = MetaData()
    return [table.to_metadata(metadata) for table in define_read_tables().all()]


def test_a_read_model_missing_a_new_column_is_rebuilt_at_start(tmp_path: Path) -> None:
    settings = sqlite_settings(tmp_path)
    services = build_services(settings)
    tenant = services.app.handle(CreateConsultancy(SYSTEM_ACTOR, "Alpine", "alpine")).aggregate_id
    services.app.handle(RegisterOrganisation(tenant, SYSTEM_ACTOR, "Atelier", "Retail", 9, "LU"))
    services.runner.catch_up()
    services.close()
    older = create_engine(settings.read_database_url)
    with older.begin() as conn:  # what the version before places were recorded wrote
        conn.execute(text(EARLIER_VERSION))
        conn.execute(text("ALTER TABLE organisations DROP COLUMN region"))
        conn.execute(text("ALTER TABLE organisations DROP COLUMN country"))
    older.dispose()

    services = build_services(settings)
    try:
        assert services.store.missing_columns() == []
        services.runner.catch_up()
        [atelier] = services.queries.organisations.organisations(Scope(tenant))
        assert (atelier.name, atelier.country) == ("Atelier", "LU")
    finally:
        services.close()


def test_a_read_model_missing_a_new_index_gets_it_at_start(tmp_path: Path) -> None:
    settings = sqlite_settings(tmp_path)
    build_services(settings).close()
    older = create_engine(settings.read_database_url)
    with older.begin() as conn:  # what the versions before the visibility filter's and the link's indexes wrote
        conn.execute(text(EARLIER_VERSION))
        conn.execute(text("DROP INDEX clusters_by_coach"))
        conn.execute(text("DROP INDEX single_sign_on_links_by_subject"))
    older.dispose()

    build_services(settings).close()
    with older.connect() as conn:
        indexes = conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'index'")).scalars().all()
    older.dispose()
    assert "clusters_by_coach" in indexes
    assert "cluster_members_by_organisation" in indexes
    assert "single_sign_on_links_by_subject" in indexes


def test_an_older_read_model_linking_one_person_twice_gets_the_index_and_keeps_the_first_link(tmp_path: Path) -> None:
    """Before the index, two accounts could be linked to one person at a provider: the start deletes the repeated
    rows, adds the index and rebuilds, which keeps the link recorded first."""
    settings = sqlite_settings(tmp_path)
    services = build_services(settings)
    issuer, opened = "https://id.shared.example", ["first@alpine.example", "second@harbour.example"]
    tenants = []
    for email in opened:
        domain = email.split("@")[1]
        slug = domain.split(".")[0]
        tenants.append(services.app.handle(CreateConsultancy(SYSTEM_ACTOR, slug.title(), slug)).aggregate_id)
        services.app.handle(
            ConfigureSingleSignOn(tenants[-1], SYSTEM_ACTOR, issuer, "cordee", (domain,), True, "0" * 16)
        )
    with services.store.writing() as conn:  # what the version before the index wrote
        conn.execute(text(EARLIER_VERSION))
        conn.execute(text("DROP INDEX single_sign_on_links_by_subject"))
    for tenant, email in zip(tenants, opened, strict=True):
        services.app.handle(OpenSingleSignOnAccount(tenant, issuer, "person-1", email, "Someone"))
    services.runner.catch_up()
    with services.store.reading() as conn:
        assert conn.execute(text("SELECT count(*) FROM single_sign_on_links")).scalar_one() == 2
    services.close()

    services = build_services(settings)
    try:
        assert services.store.deduplicated == ["single_sign_on_links_by_subject"]
        assert services.queries.tenancy.account_linked_to(issuer, "person-1") == account_id(opened[0])
        with services.store.reading() as conn:
            assert conn.execute(text("SELECT count(*) FROM single_sign_on_links")).scalar_one() == 1
    finally:
        services.close()


@pytest.mark.postgres
def test_postgresql_keeps_one_link_per_provider_subject_and_an_older_database_gets_the_index(postgres_url: str) -> None:
    store = ReadStore(create_read_engine(postgres_url), define_read_tables())
    store.create_tables()
    links = store.tables.single_sign_on_links
    person = {"issuer": "https://id.shared.example", "subject": "person-1"}
    with store.writing() as conn:
        conn.execute(insert(links).values(tenant_id=uuid4(), account_id=uuid4(), **person))
    with pytest.raises(IntegrityError), store.writing() as conn:  # another consultancy's account, the same person
        conn.execute(insert(links).values(tenant_id=uuid4(), account_id=uuid4(), **person))
    with store.writing() as conn:
        conn.execute(text(f"DROP INDEX {links.name}_by_subject"))
    store.create_tables()
    assert store.deduplicated == []  # nothing repeated: no rebuild
    with store.writing() as conn:  # what the version before the index wrote, the same person linked twice too
        conn.execute(text(f"DROP INDEX {links.name}_by_subject"))
        conn.execute(insert(links).values(tenant_id=uuid4(), account_id=uuid4(), **person))

    store.create_tables()

    assert store.deduplicated == [f"{links.name}_by_subject"]
    with store.reading() as conn:
        assert conn.execute(select(func.count()).select_from(links)).scalar_one() == 1
    [index] = [i for i in inspect(store.engine).get_indexes(links.name) if i["name"] == f"{links.name}_by_subject"]
    assert index["unique"] and index["column_names"] == ["issuer", "subject"]
    store.engine.dispose()


def test_read_models_without_a_table_this_version_added_are_rebuilt_at_start(tmp_path: Path) -> None:
    """The risk register's kept counts came after its rows: read models without their table are rebuilt, so the
    counts of risks already recorded are right from the first page."""
    settings = sqlite_settings(tmp_path)
    services = build_services(settings)
    seed_demo(services, TEST_DAY)
    services.runner.catch_up()
    services.close()
    older = create_engine(settings.read_database_url)
    with older.begin() as conn:  # what the version before the kept counts wrote
        expected = conn.execute(text("SELECT count(*) FROM risks WHERE open = 1")).scalar_one()
        conn.execute(text(EARLIER_VERSION))
        conn.execute(text("DROP TABLE risk_register_counts"))
    older.dispose()

    services = build_services(settings)
    try:
        assert services.store.added_tables == ["risk_register_counts"]
        services.runner.catch_up()
        with services.store.reading() as conn:
            kept = conn.execute(text("SELECT sum(open_count) FROM risk_register_counts")).scalar_one()
        assert kept == expected > 0
    finally:
        services.close()
