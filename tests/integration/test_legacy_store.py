"""History written by an earlier version still reads: the same read models and the same dashboards.

The fixture (see `tests/fixtures/legacy_store/README.md`) was written by the version in which one `Cluster`
aggregate held the coaching ledger, the ceiling and the outcomes. Its events are loaded, as stored, into a fresh
store; today's code must load every aggregate from them and project them into the same rows.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from eventsourcing.persistence import StoredEvent
from sqlalchemy import select
from starlette.testclient import TestClient

from backend.app import create_app
from backend.services import Services, build_services
from domain.clusters.cluster import Cluster
from domain.clusters.commands import WithdrawMember
from domain.clusters.rules import ClusterStatus
from domain.engagement.commands import LogCoachingHalfDay, RecordIsmsEstablished
from domain.engagement.outcome import Outcome
from domain.shared.aggregate import SYSTEM_ACTOR
from domain.shared.errors import ValidationFailed
from projections.rebuild import _canonical
from tests.conftest import sqlite_settings
from tests.support.graphql_client import GraphQLClient

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "legacy_store"
ADMINS = ("admin@alpine.example", "admin@harbour.example")


def legacy_events() -> list[StoredEvent]:
    lines = (FIXTURE / "events.jsonl").read_text().splitlines()
    records = [json.loads(line) for line in lines]
    return [
        StoredEvent(UUID(r["originator_id"]), r["originator_version"], r["topic"], r["state"].encode()) for r in records
    ]


@pytest.fixture
def legacy_services(tmp_path: Path) -> Iterator[Services]:
    services = build_services(sqlite_settings(tmp_path))
    services.app.recorder.insert_events(legacy_events())
    services.start()
    services.runner.catch_up()
    yield services
    services.close()


ADDED_SINCE = {
    "organisations": {"country": None, "region": None},
    "consultancies": {"requires_second_factor": False},
}
"""Columns added to a read table after the fixture was written, with what the legacy history must give them; they
are checked, then left out of the digest, so the digest still compares with the one recorded."""


def table_digests(services: Services) -> dict[str, dict[str, Any]]:
    digests: dict[str, dict[str, Any]] = {}
    tables = services.store.tables
    with services.store.reading() as conn:
        for table in tables.all():
            digest, rows = hashlib.sha256(), 0
            added = ADDED_SINCE.get(tables.unprefixed(table), {})
            for row in conn.execute(select(table).order_by(*table.primary_key.columns)).mappings():
                assert {key: row[key] for key in added} == added
                canonical = {key: _canonical(value) for key, value in row.items() if key not in added}
                digest.update(json.dumps(canonical, sort_keys=True).encode() + b"\n")
                rows += 1
            digests[tables.unprefixed(table)] = {"rows": rows, "sha256": digest.hexdigest()}
    return digests


def test_every_legacy_aggregate_loads(legacy_services: Services) -> None:
    originators = {event.originator_id for event in legacy_events()}
    for originator_id in originators:
        assert legacy_services.app.repository.get(originator_id).id == originator_id


def test_legacy_events_project_into_the_same_read_models(legacy_services: Services) -> None:
    expected = json.loads((FIXTURE / "read_models.json").read_text())
    found = table_digests(legacy_services)
    assert {name: found.get(name) for name in expected} == expected
    assert found["parked_events"]["rows"] == 0, "an event of the legacy store could not be projected"


def test_dashboards_and_ledgers_answer_as_before(legacy_services: Services) -> None:
    document = (FIXTURE / "dashboards.graphql").read_text()
    expected = json.loads((FIXTURE / "dashboards.json").read_text())
    app = create_app(legacy_services.settings, legacy_services)
    for email in ADMINS:
        client = GraphQLClient(TestClient(app, base_url="http://testserver")).sign_in(email)
        assert client.data(document) == anonymous_feedback_since_written(expected[email]), email


def anonymous_feedback_since_written(answer: dict[str, Any]) -> dict[str, Any]:
    """The answer recorded, with the one change made on purpose since: an unsigned item of another organisation
    carries no time, and feedback comes by session, kind and text, never in the order it was shared."""
    for edge in answer["clusters"]["edges"]:
        items = edge["node"].get("feedback")
        if items is None:
            continue
        for item in items:
            if not (item["signedBy"] or item["mine"]):
                item["sharedAt"] = None
        items.sort(key=lambda item: (item["sessionKey"], item["kind"], item["text"], item["id"]))
    return answer


# The engagement carry-over: a member's ledger and outcome, held by the legacy `Cluster`, continue in its engagement


def legacy_clusters(services: Services) -> list[Cluster]:
    originators = {event.originator_id for event in legacy_events()}
    aggregates = [services.app.repository.get(originator_id) for originator_id in originators]
    return [aggregate for aggregate in aggregates if isinstance(aggregate, Cluster)]


def running_member(services: Services, outcome: Outcome) -> tuple[Cluster, UUID]:
    for cluster in legacy_clusters(services):
        for organisation_id, member in cluster.members.items():
            if cluster.status is ClusterStatus.RUNNING and member.outcome is outcome and not member.withdrawn:
                return cluster, organisation_id
    raise AssertionError(f"the fixture has no member {outcome} in a running cluster")


def coaching(cluster: Cluster, organisation_id: UUID) -> LogCoachingHalfDay:
    assert cluster.started_on is not None
    return LogCoachingHalfDay(
        cluster.tenant_id, cluster.coach_id, cluster.id, organisation_id, cluster.started_on, cluster.coach_id, "More"
    )


def test_a_legacy_members_ledger_continues_in_its_engagement_up_to_its_ceiling(legacy_services: Services) -> None:
    app = legacy_services.app
    cluster, organisation_id = running_member(legacy_services, Outcome.IN_PROGRESS)
    legacy = cluster.members[organisation_id]
    assert cluster.template is not None
    ceiling = cluster.template.coaching_ceiling_half_days + legacy.coaching_half_days_granted
    app.handle(coaching(cluster, organisation_id))
    engagement = app.engagement(cluster.tenant_id, cluster.id, organisation_id)
    assert engagement is not None
    assert engagement.half_days_used == legacy.coaching_half_days_used + 1
    for _ in range(ceiling - engagement.half_days_used):
        app.handle(coaching(cluster, organisation_id))
    with pytest.raises(ValidationFailed) as refusal:
        app.handle(coaching(cluster, organisation_id))
    assert f"ceiling of {ceiling} half-days" in refusal.value.message
    legacy_services.runner.catch_up()
    found = table_digests(legacy_services)
    assert found["parked_events"]["rows"] == 0


def test_a_legacy_members_outcome_continues_in_its_engagement(legacy_services: Services) -> None:
    app = legacy_services.app
    cluster, organisation_id = running_member(legacy_services, Outcome.IN_PROGRESS)
    assert cluster.started_on is not None
    app.handle(RecordIsmsEstablished(cluster.tenant_id, SYSTEM_ACTOR, cluster.id, organisation_id, cluster.started_on))
    engagement = app.engagement(cluster.tenant_id, cluster.id, organisation_id)
    assert engagement is not None and engagement.outcome is Outcome.ESTABLISHED
    certified_cluster, certified = running_member(legacy_services, Outcome.CERTIFIED)
    step = RecordIsmsEstablished(
        certified_cluster.tenant_id, SYSTEM_ACTOR, certified_cluster.id, certified, cluster.started_on
    )
    with pytest.raises(ValidationFailed):
        app.handle(step)
    withdrawal = WithdrawMember(
        certified_cluster.tenant_id, SYSTEM_ACTOR, certified_cluster.id, certified, cluster.started_on, "Done"
    )
    with pytest.raises(ValidationFailed) as refusal:
        app.handle(withdrawal)
    assert refusal.value.message == "A certified organisation has completed the programme."
