"""API fixtures: the ASGI app over demo data, and clients signed in as the demo users."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi import FastAPI
from starlette.testclient import TestClient

from backend.app import create_app
from backend.demo import seed_demo
from backend.services import Services, build_services
from tests.conftest import DEMO_DAY, secured_postgres_settings
from tests.support.graphql_client import GraphQLClient

ALPINE_ADMIN = "admin@alpine.example"
ALPINE_COACH = "coach@alpine.example"
HARBOUR_ADMIN = "admin@harbour.example"
HARBOUR_COACH = "coach@harbour.example"

CLUSTERS = "{ clusters { edges { node { id name members { organisation { id name } } } } } }"


@pytest.fixture
def app(demo_services: Services) -> FastAPI:
    # The services fixture runs the projection thread; the clients below do not run the app's lifespan.
    return create_app(demo_services.settings, demo_services)


@pytest.fixture
def postgres_services(tmp_path: Path, postgres_url: str) -> Iterator[Services]:
    """The demo on the session's PostgreSQL server with row-level security, for the API behaviours that differ there."""
    built = build_services(secured_postgres_settings(tmp_path, postgres_url))
    built.start()
    seed_demo(built, DEMO_DAY)
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
