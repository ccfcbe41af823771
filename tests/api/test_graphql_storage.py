"""When the event store cannot be written, a mutation answers UNAVAILABLE: nothing was saved, try again later."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
import pytest
from starlette.testclient import TestClient

from backend.app import create_app
from backend.services import Services
from tests.api.conftest import ALPINE_COACH, events_in_log
from tests.api.programme_support import demo_cluster, mutate
from tests.support.graphql_client import GraphQLClient

ClientFor = Callable[[str], GraphQLClient]
SELECTION = "members { organisation { name } coachingHalfDaysUsed }"


def log_coaching(coach: GraphQLClient) -> dict[str, Any]:
    cluster = demo_cluster(coach)
    organisation_id = cluster["member_ids"]["Boulangerie Muller"]
    variables = {
        "clusterId": cluster["id"],
        "organisationId": organisation_id,
        "heldOn": "2026-03-20",
        "workDone": "Risk register",
    }
    return mutate(coach, "logCoachingHalfDay", "LogCoachingHalfDayInput", variables, SELECTION)


def used_by_muller(answer: dict[str, Any]) -> int:
    members = answer["cluster"]["members"]
    return next(m["coachingHalfDaysUsed"] for m in members if m["organisation"]["name"] == "Boulangerie Muller")


@contextmanager
def sqlite_refusing(services: Services, pragma: str, restore: str) -> Iterator[None]:
    """Every idle connection of the event store's pool refuses writes, as a read-only or full disk would."""
    pool = services.app.recorder.datastore.pool  # type: ignore[attr-defined]
    connections = list(pool._pool)
    assert connections, "the pool has no idle connection to refuse writes on"
    for connection in connections:
        connection._sqlite_conn.execute(pragma)
    try:
        yield
    finally:
        for connection in connections:
            connection._sqlite_conn.execute(restore)


def test_a_read_only_event_store_answers_unavailable_and_saves_nothing(
    client_for: ClientFor, demo_services: Services
) -> None:
    coach = client_for(ALPINE_COACH)
    before = events_in_log(demo_services)
    with sqlite_refusing(demo_services, "PRAGMA query_only=ON", "PRAGMA query_only=OFF"):
        refused = log_coaching(coach)
    assert refused["__typename"] == "UnavailableError"
    assert refused["code"] == "UNAVAILABLE"
    assert "NOT saved" in refused["message"]
    assert events_in_log(demo_services) == before
    saved = log_coaching(coach)
    assert saved["__typename"] == "ClusterChange"
    assert events_in_log(demo_services) == before + 1


@pytest.mark.postgres
def test_a_read_only_postgres_answers_unavailable_and_saves_nothing(
    postgres_services: Services, postgres_url: str
) -> None:
    coach = GraphQLClient(TestClient(create_app(postgres_services.settings, postgres_services))).sign_in(ALPINE_COACH)
    before = events_in_log(postgres_services)
    conninfo = postgres_url.replace("postgresql+psycopg://", "postgresql://")
    dbname = conninfo.rsplit("/", 1)[1]
    with psycopg.connect(conninfo, autocommit=True) as admin:
        admin.execute(f'ALTER DATABASE "{dbname}" SET default_transaction_read_only = on')
        # Open connections keep their setting: end them, as a fail-over to a read-only replica would.
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            (dbname,),
        )
    answers = [log_coaching(coach) for _ in range(2)]
    assert [(a["__typename"], a["code"]) for a in answers] == [("UnavailableError", "UNAVAILABLE")] * 2
    with psycopg.connect(conninfo, autocommit=True) as admin:
        admin.execute("SET default_transaction_read_only = off")
        admin.execute(f'ALTER DATABASE "{dbname}" SET default_transaction_read_only = off')
    assert events_in_log(postgres_services) == before
