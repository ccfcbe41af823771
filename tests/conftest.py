"""Fixtures shared by every kind of test: settings, services on SQLite and PostgreSQL, seeded tenants."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from backend.services import Services, build_services
from backend.settings import Settings
from tests.support.pgserver import PostgresServer

ARTIFACTS = Path(__file__).parent.parent / "test-artifacts"
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


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    """Services on SQLite files of their own, with the projection runner following in the background."""
    built = build_services(sqlite_settings(tmp_path))
    built.start()
    yield built
    built.close()


@pytest.fixture
def demo_services(services: Services) -> Services:
    from backend.demo import seed_demo

    seed_demo(services, date(2026, 3, 2))
    return services
