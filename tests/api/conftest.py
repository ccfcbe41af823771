"""API fixtures: the ASGI app over demo data, and clients signed in as the demo users."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi import FastAPI
from starlette.testclient import TestClient

from backend.app import create_app
from backend.demo import seed_demo
from backend.services import Services, build_services
from domain.application import Cordee
from tests.conftest import DEMO_DAY, on_test_day, secured_postgres_settings
from tests.support.graphql_client import GraphQLClient
from tests.support.pgserver import PostgresServer

ALPINE_ADMIN = "admin@alpine.example"
ALPINE_COACH = "coach@alpine.example"
HARBOUR_ADMIN = "admin@harbour.example"
HARBOUR_COACH = "coach@harbour.example"

CLUSTERS = "{ clusters { edges { node { id name members { organisation { id name } } } } } }"


@pytest.fixture
def app(demo_services: Services) -> FastAPI:
    # The services fixture runs the projection thread; the clients below do not run the app's lifespan.
    return create_app(demo_services.settings, demo_services)


@pytest.fixture(scope="session")
def postgres_seeded_demo(postgres_server: PostgresServer, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """The demo seeded once per test process into a database of the session's PostgreSQL server, with row-level
    security and every read model caught up, and its data directory: each test that needs the demo on PostgreSQL
    starts from a copy of both (`CREATE DATABASE ... TEMPLATE`) rather than seeding it again."""
    name = "cordee_seeded_demo"
    postgres_server.create_database(name)
    root = tmp_path_factory.mktemp("postgres-seeded-demo")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Cordee, "today", staticmethod(on_test_day))
        built = build_services(secured_postgres_settings(root, postgres_server.url(name)))
        built.start()
        try:
            seed_demo(built, DEMO_DAY)
            built.runner.catch_up()
        finally:
            built.close()
    return name, root / "data"


@pytest.fixture
def postgres_services(
    tmp_path: Path, postgres_url: str, postgres_server: PostgresServer, postgres_seeded_demo: tuple[str, Path]
) -> Iterator[Services]:
    """The demo on the session's PostgreSQL server with row-level security, for the API behaviours that differ there:
    `postgres_url`'s database and the data directory start as copies of the seeded demo's."""
    template, data_dir = postgres_seeded_demo
    name = postgres_url.rsplit("/", 1)[1]
    postgres_server.drop_database(name)
    postgres_server.create_database(name, template=template)
    shutil.copytree(data_dir, tmp_path / "data")
    built = build_services(secured_postgres_settings(tmp_path, postgres_url))
    built.start()
    yield built
    built.close()


@pytest.fixture
def days_pass(demo_services: Services) -> Callable[[date], None]:
    """Moves the business day the served app runs on, as time passing would."""

    def to(day: date) -> None:
        demo_services.app.today = lambda: day

    return to


@pytest.fixture
def client_for(app: FastAPI) -> Callable[[str], GraphQLClient]:
    def sign_in(email: str) -> GraphQLClient:
        return GraphQLClient(TestClient(app, base_url="http://testserver")).sign_in(email)

    return sign_in


@pytest.fixture
def anonymous(app: FastAPI) -> GraphQLClient:
    """A signed-out client: /graphql answers it 401 before reading its document."""
    return GraphQLClient(TestClient(app), expected_status=401)


def first_cluster(client: GraphQLClient) -> dict[str, object]:
    node: dict[str, object] = client.data(CLUSTERS)["clusters"]["edges"][0]["node"]
    return node


def events_in_log(services: Services) -> int:
    return services.app.recorder.max_notification_id() or 0
