"""Readiness answers a status and nothing else; the details are for operators holding the token."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from uuid import uuid4

import pytest
from starlette.testclient import TestClient

from backend.app import create_app
from backend.services import ProjectionsBehind, Services, build_services
from backend.settings import Settings
from domain.clusters.commands import DeclareUnavailability
from domain.feedback.commands import ShareFeedback
from domain.feedback.feedback_item import FeedbackItem
from domain.shared.aggregate import SYSTEM_ACTOR
from tests.integration.application_case import Tenant

OPERATOR_TOKEN = "operator-token-for-the-tests-0123456789"


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    built = build_services(Settings(env="test", data_dir=tmp_path / "data", operator_token=OPERATOR_TOKEN))
    yield built
    built.close()


@pytest.fixture
def client(services: Services) -> TestClient:
    app = create_app(services.settings, services)
    services.start()  # after the app has created its tables, as the server's start-up does
    return TestClient(app)


def park_an_anonymous_feedback_item(services: Services) -> Tenant:
    """Feedback whose text the read model refuses (NOT NULL), stored by the aggregate's event, domain bypassed."""
    tenant = Tenant(services, "alpine")
    item = FeedbackItem(
        tenant_id=tenant.id,
        actor_id=SYSTEM_ACTOR,
        item_id=uuid4(),
        cluster_id=tenant.cluster,
        session_key="initial-training",
        organisation_id=tenant.members[0],
        kind="hard",
        text=None,
        signed_by=None,
    )
    services.app.save(item)
    services.runner.catch_up()
    return tenant


def test_readiness_answers_ok_and_nothing_else(client: TestClient, services: Services) -> None:
    Tenant(services, "alpine")
    services.runner.catch_up()
    assert client.get("/health/live").json() == {"status": "ok"}
    ready = client.get("/health/ready")
    assert (ready.status_code, ready.json()) == (200, {"status": "ok"})


def test_a_parked_event_makes_readiness_degraded_without_saying_whose(
    client: TestClient, services: Services, caplog: pytest.LogCaptureFixture
) -> None:
    tenant = park_an_anonymous_feedback_item(services)
    with caplog.at_level(logging.WARNING):
        ready = client.get("/health/ready", headers={"x-request-id": "req-ready-1"})
    # Still serving: one tenant's parked event must not take every replica out of service.
    assert (ready.status_code, ready.json()) == (200, {"status": "degraded"})
    for secret in (str(tenant.id), tenant.id.hex, "feedback", "NOT NULL", "INSERT"):
        assert secret not in ready.text
    assert "req-ready-1" in caplog.text

    status = client.get("/health/status", headers={"authorization": f"Bearer {OPERATOR_TOKEN}"})
    assert status.status_code == 200
    details = status.json()
    assert details["status"] == "degraded"
    assert details["parked"] == [
        {"tenant_id": str(tenant.id), "projection": "feedback", "events": 1, "error_class": "IntegrityError"}
    ]
    assert details["projections"]["feedback"] == details["last_notification_id"]
    assert (details["event_store"], details["read_store"]) == ("ok", "ok")


def test_the_detailed_status_needs_the_operator_token(client: TestClient, services: Services) -> None:
    assert client.get("/health/status").status_code == 401
    assert client.get("/health/status", headers={"authorization": "Bearer wrong"}).status_code == 401
    assert client.get("/health/status", headers={"authorization": OPERATOR_TOKEN}).status_code == 401
    good = client.get("/health/status", headers={"authorization": f"Bearer {OPERATOR_TOKEN}"})
    assert good.status_code == 200 and good.json()["status"] == "ok" and good.json()["parked"] == []


def test_the_detailed_status_shows_the_log_and_its_unsigned_tail(client: TestClient, services: Services) -> None:
    tenant = Tenant(services, "alpine")
    operator = {"authorization": f"Bearer {OPERATOR_TOKEN}"}
    logged = client.get("/health/status", headers=operator).json()["audit_log"]
    assert logged["events_logged"] == logged["events_not_yet_signed"] == services.audit.head(tenant.id)[0] > 0
    services.audit.checkpoint(tenant.id)
    signed = client.get("/health/status", headers=operator).json()["audit_log"]
    assert (signed["events_not_yet_signed"], signed["checkpointer_error"]) == (0, None)
    assert signed["oldest_last_checkpoint_at"] is not None


def test_without_an_operator_token_there_is_no_detailed_status(tmp_path: Path) -> None:
    services = build_services(Settings(env="test", data_dir=tmp_path / "data"))
    try:
        client = TestClient(create_app(services.settings, services))
        assert client.get("/health/status", headers={"authorization": "Bearer "}).status_code == 404
        assert client.get("/health/ready").status_code == 200
    finally:
        services.close()


def test_readiness_checks_the_event_store(
    client: TestClient, services: Services, caplog: pytest.LogCaptureFixture
) -> None:
    Tenant(services, "alpine")
    services.runner.catch_up()
    with sqlite3.connect(services.settings.event_store_path) as events:
        events.execute("DROP TABLE stored_events")
    with caplog.at_level(logging.ERROR):
        ready = client.get("/health/ready", headers={"x-request-id": "req-ready-2"})
    assert (ready.status_code, ready.json()) == (503, {"status": "unavailable"})
    assert "stored_events" not in ready.text
    assert "event store cannot be read (request req-ready-2)" in caplog.text


def test_a_command_held_behind_a_parked_event_says_so_instead_of_answering_without_it(
    client: TestClient, services: Services
) -> None:
    alpine = park_an_anonymous_feedback_item(services)
    harbour = Tenant(services, "harbour")
    for tenant in (alpine, harbour):
        tenant.run_a_session(services)  # holds the initial training, so feedback can be shared about it
    services.runner.catch_up()

    def share(tenant: Tenant, text: str) -> ShareFeedback:
        return ShareFeedback(
            tenant.id, SYSTEM_ACTOR, tenant.cluster, "initial-training", tenant.members[1], "worked", text, None
        )

    with pytest.raises(ProjectionsBehind, match="held back"):
        services.execute(share(alpine, "Held behind"))
    assert services.execute(share(harbour, "Shown at once")).position
    other_projection = DeclareUnavailability(
        alpine.id, SYSTEM_ACTOR, alpine.cluster, alpine.members[2], date(2026, 9, 7), date(2026, 9, 11), "Trade fair"
    )
    assert services.execute(other_projection).position, "other views go on"
