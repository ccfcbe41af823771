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


def table_digests(services: Services) -> dict[str, dict[str, Any]]:
    digests: dict[str, dict[str, Any]] = {}
    tables = services.store.tables
    with services.store.reading() as conn:
        for table in tables.all():
            digest, rows = hashlib.sha256(), 0
            for row in conn.execute(select(table).order_by(*table.primary_key.columns)).mappings():
                canonical = {key: _canonical(value) for key, value in row.items()}
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
        assert client.data(document) == expected[email], email
