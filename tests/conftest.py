"""Fixtures shared by every kind of test: settings, services on SQLite and PostgreSQL, seeded tenants."""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from argon2 import profiles

from backend.auth import passwords
from backend.services import Services, build_services
from backend.settings import Settings
from domain.application import Cordee
from tests.support.pgserver import PostgresServer

ARTIFACTS = Path(__file__).parent.parent / "test-artifacts"

DEMO_DAY = date(2026, 3, 2)
"""The day the tests' demo is seeded as of: Alpine's programme has run up to module 5."""
TEST_DAY = date(2027, 1, 4)
"""The business day the tests run on, a month after the demo's: fixed, so no test changes with the calendar."""


passwords.use_profile(profiles.CHEAPEST)
"""Every test hashes passwords with argon2-cffi's profile for tests (`tests/unit/auth/test_passwords.py` checks the
product's own)."""


def on_test_day() -> date:
    return TEST_DAY


@pytest.fixture(autouse=True)
def the_test_day(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every application a test builds runs its commands on the test day (`days_pass` moves one app's day)."""
    monkeypatch.setattr(Cordee, "today", staticmethod(on_test_day))


_database_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    with PostgresServer() as server:
        yield server


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> Iterator[str]:
    """A fresh, empty database on the session's PostgreSQL server."""
    name = f"cordee_test_{next(_database_numbers)}"
    postgres_server.create_database(name)
    yield postgres_server.url(name)
    postgres_server.drop_database(name)


def sqlite_settings(tmp_path: Path) -> Settings:
    return Settings(env="test", data_dir=tmp_path / "data", projection_wait_seconds=10)


def postgres_settings(tmp_path: Path, url: str) -> Settings:
    return Settings(env="test", data_dir=tmp_path / "data", database_url=url, projection_wait_seconds=10)


SERVICES_ROLE, TENANT_ROLE = "cordee_services", "cordee_tenant"
"""The roles of row-level security on the test server: neither owns a table nor bypasses row-level security."""


def secured_postgres_settings(tmp_path: Path, url: str) -> Settings:
    """Settings for PostgreSQL with row-level security: `url`'s role (the test server's superuser) owns the tables;
    the services and the tenants connect as roles of their own, created here once per server."""
    from sqlalchemy import create_engine, make_url, text

    owner = make_url(url)
    engine = create_engine(owner)
    with engine.begin() as conn:
        for role in (SERVICES_ROLE, TENANT_ROLE):
            if conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).first() is None:
                conn.exec_driver_sql(f"CREATE ROLE {role} LOGIN NOSUPERUSER NOBYPASSRLS")
    engine.dispose()
    return Settings(
        env="test",
        data_dir=tmp_path / "data",
        database_url=owner.set(username=SERVICES_ROLE).render_as_string(hide_password=False),
        database_owner_url=url,
        database_tenant_url=owner.set(username=TENANT_ROLE).render_as_string(hide_password=False),
        projection_wait_seconds=10,
    )


@pytest.fixture(scope="session")
def seeded_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo seeded once per test process into SQLite files, with every read model caught up: each test that
    needs the demo starts from a copy of these files rather than seeding it again (seeding takes a second or more)."""
    from backend.demo import seed_demo

    root = tmp_path_factory.mktemp("seeded-demo")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Cordee, "today", staticmethod(on_test_day))
        built = build_services(sqlite_settings(root))
        built.start()
        try:
            seed_demo(built, DEMO_DAY)
            built.runner.catch_up()
        finally:
            built.close()
    return root / "data"


@pytest.fixture
def services(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Services]:
    """Services on SQLite files of their own, with the projection runner following in the background; for a test
    that uses the demo, the files start as a copy of the seeded demo's."""
    if "demo_services" in request.fixturenames:
        shutil.copytree(request.getfixturevalue("seeded_demo"), tmp_path / "data")
    built = build_services(sqlite_settings(tmp_path))
    built.start()
    yield built
    built.close()


@pytest.fixture
def demo_services(services: Services) -> Services:
    """The demo, as `seed_demo` leaves it (its files copied in by `services`)."""
    return services
