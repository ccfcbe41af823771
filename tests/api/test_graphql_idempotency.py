"""A retried mutation with the same Idempotency-Key answers the first result and writes nothing new."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from starlette.testclient import TestClient

from backend.app import create_app
from backend.services import Services
from tests.api.conftest import ALPINE_COACH, events_in_log
from tests.api.programme_support import REFUSAL, demo_cluster
from tests.support.graphql_client import GraphQLClient

ClientFor = Callable[[str], GraphQLClient]
LOG = (
    "mutation($input: LogCoachingHalfDayInput!) { r: logCoachingHalfDay(input: $input) { "
    + REFUSAL
    + " ... on ClusterChange { cluster { members { organisation { name } coachingHalfDaysUsed coachingHalfDays { workDone } } } } } }"
)


def half_day(coach: GraphQLClient, work_done: str = "Risk assessment method") -> dict[str, Any]:
    cluster = demo_cluster(coach)
    organisation_id = cluster["member_ids"]["Boulangerie Muller"]
    return {
        "input": {
            "clusterId": cluster["id"],
            "organisationId": organisation_id,
            "heldOn": "2026-03-24",
            "workDone": work_done,
        }
    }


def ledger(answer: dict[str, Any]) -> list[str]:
    members = answer["data"]["r"]["cluster"]["members"]
    muller = next(m for m in members if m["organisation"]["name"] == "Boulangerie Muller")
    return [entry["workDone"] for entry in muller["coachingHalfDays"]]


def test_a_retry_with_the_same_key_answers_the_first_result_and_logs_once(
    client_for: ClientFor, demo_services: Services
) -> None:
    coach = client_for(ALPINE_COACH)
    variables = half_day(coach)
    before = events_in_log(demo_services)
    first = coach.execute(LOG, variables, headers={"Idempotency-Key": "coaching-2026-03-24-a"})
    retry = coach.execute(LOG, variables, headers={"Idempotency-Key": "coaching-2026-03-24-a"})
    assert first["data"]["r"]["__typename"] == "ClusterChange"
    assert retry == first
    assert events_in_log(demo_services) == before + 1
    assert ledger(first).count("Risk assessment method") == 1
    another = coach.execute(LOG, variables, headers={"Idempotency-Key": "coaching-2026-03-24-b"})
    assert ledger(another).count("Risk assessment method") == 2  # a new key is a new half-day


def test_the_same_key_for_another_change_is_a_conflict(client_for: ClientFor, demo_services: Services) -> None:
    coach = client_for(ALPINE_COACH)
    headers = {"Idempotency-Key": "k-1"}
    coach.execute(LOG, half_day(coach), headers=headers)
    before = events_in_log(demo_services)
    other = coach.execute(LOG, half_day(coach, "Asset inventory"), headers=headers)
    assert other["data"] is None
    assert other["errors"][0]["extensions"] == {"code": "CONFLICT", "field": "Idempotency-Key"}
    assert events_in_log(demo_services) == before


def test_a_refused_mutation_keeps_no_key_so_a_corrected_retry_runs(
    client_for: ClientFor, demo_services: Services
) -> None:
    coach = client_for(ALPINE_COACH)
    variables = half_day(coach, "")
    refused = coach.execute(LOG, variables, headers={"Idempotency-Key": "k-2"})
    assert refused["data"]["r"]["code"] == "VALIDATION"
    before = events_in_log(demo_services)
    again = coach.execute(LOG, variables, headers={"Idempotency-Key": "k-2"})
    assert again["data"]["r"]["code"] == "VALIDATION"
    assert events_in_log(demo_services) == before


def test_a_malformed_key_is_refused_naming_the_header(client_for: ClientFor, demo_services: Services) -> None:
    coach = client_for(ALPINE_COACH)
    before = events_in_log(demo_services)
    for key in ("", "k" * 129, "two words", "tab\there"):
        response = coach.http.post(
            "/graphql", json={"query": LOG, "variables": half_day(coach)}, headers={"Idempotency-Key": key}
        )
        assert response.status_code == 400, key
        assert response.json()["errors"][0]["extensions"] == {"code": "VALIDATION", "field": "Idempotency-Key"}
    assert events_in_log(demo_services) == before


def test_concurrent_requests_with_one_key_write_once(client_for: ClientFor, demo_services: Services) -> None:
    coach = client_for(ALPINE_COACH)
    variables = half_day(coach)
    before = events_in_log(demo_services)

    def send(_: int) -> dict[str, Any]:
        return coach.execute(LOG, variables, headers={"Idempotency-Key": "k-concurrent"})

    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(send, range(4)))
    assert events_in_log(demo_services) == before + 1
    saved = [a for a in answers if a["data"] is not None]
    assert saved and all(a == saved[0] for a in saved)
    assert all(a["errors"][0]["extensions"]["code"] == "CONFLICT" for a in answers if a["data"] is None)


@pytest.mark.postgres
def test_a_retry_on_postgres_answers_the_first_result_and_writes_once(postgres_services: Services) -> None:
    coach = GraphQLClient(TestClient(create_app(postgres_services.settings, postgres_services))).sign_in(ALPINE_COACH)
    variables = half_day(coach)
    before = events_in_log(postgres_services)
    with ThreadPoolExecutor(3) as pool:
        answers = list(pool.map(lambda _: coach.execute(LOG, variables, headers={"Idempotency-Key": "pg-1"}), range(3)))
    retry = coach.execute(LOG, variables, headers={"Idempotency-Key": "pg-1"})
    assert events_in_log(postgres_services) == before + 1
    assert retry["data"]["r"]["__typename"] == "ClusterChange"
    assert all(a == retry for a in answers if a["data"] is not None)
    assert ledger(retry).count("Risk assessment method") == 1
