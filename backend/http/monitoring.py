"""The monitoring endpoint: `POST /monitoring/alerts`, where an organisation's monitoring (Nagios, Icinga, …) sends
its alerts, as `docs/monitoring-alerts.md` describes. The bearer token is the only credential: it names the tenant
and the organisation, never the body, so a token opens and updates incidents of its own organisation only. A wrong
or revoked token is answered 401, a bad body 400 or 422 naming the field; nothing is written then."""

from __future__ import annotations

import json
import logging
import threading
from datetime import UTC, datetime
from typing import Any

import anyio
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from backend.graphql.incidents.monitoring import SECRET, secret_hash
from backend.services import Services
from domain.incidents.commands import ReceiveMonitoringAlert
from domain.incidents.monitoring import STATES, monitor_key
from domain.shared.errors import Conflict, DomainError
from projections.core.scope import Scope
from projections.incidents.rows import MonitoringSender

log = logging.getLogger("cordee.monitoring")

MAX_BODY_BYTES = 16 * 1024
"""An alert is a few hundred bytes; its output is at most 2,000 characters."""
FIELDS = ("host", "service", "state", "output", "timestamp")


class BadAlert(Exception):
    def __init__(self, status: int, field: str | None, message: str) -> None:
        super().__init__(message)
        self.status, self.field, self.message = status, field, message


def monitoring_routes(services: Services) -> APIRouter:
    router = APIRouter()
    one_at_a_time = threading.Lock()
    """Two copies of one alert arriving together open one incident, not two: the lookup of the open incident and
    the command that opens or updates it run one alert at a time."""

    @router.post("/monitoring/alerts", include_in_schema=False)
    async def receive(request: Request) -> JSONResponse:
        sender = _sender(services, request.headers.get("authorization", ""))
        if sender is None:
            return _answer(401, {"error": "UNAUTHORIZED", "message": "Send a valid monitoring token."}, bearer=True)
        try:
            alert = _alert(await request.body())
        except BadAlert as bad:
            return _answer(bad.status, {"error": "VALIDATION", "field": bad.field, "message": bad.message})

        def received() -> dict[str, Any]:
            with one_at_a_time:
                return _receive(services, sender, alert)

        try:
            outcome = await anyio.to_thread.run_sync(received)  # the event store is synchronous: off the loop
        except DomainError as error:
            status = 409 if isinstance(error, Conflict) else 503 if error.code == "PROJECTIONS_BEHIND" else 422
            return _answer(status, {"error": error.code, "field": error.field, "message": error.message})
        return _answer(201 if outcome["outcome"] == "opened" else 200, outcome)

    return router


def _sender(services: Services, authorization: str) -> MonitoringSender | None:
    scheme, _, secret = authorization.partition(" ")
    if scheme.lower() != "bearer" or not SECRET.fullmatch(secret.strip()):
        return None
    return services.queries.incidents.monitoring_sender(secret_hash(secret.strip()))


def _receive(services: Services, sender: MonitoringSender, alert: dict[str, Any]) -> dict[str, Any]:
    scope = Scope(sender.tenant_id, organisation_id=sender.organisation_id)
    key = monitor_key(alert["host"], alert["service"])
    with services.queries.one_transaction(sender.tenant_id):  # the sender's consultancy alone, as a request's reads
        open_incident = services.queries.incidents.open_incident_of_monitor(scope, sender.organisation_id, key)
    if open_incident is None and alert["state"] == "OK":
        return {"outcome": "nothing open", "incident_id": None}
    cmd = ReceiveMonitoringAlert(
        sender.tenant_id, sender.token_id, sender.organisation_id, **alert, open_incident_id=open_incident
    )
    saved = services.execute(cmd)
    if open_incident is None:
        outcome = "opened"
    elif not saved.position:
        outcome = "repeat"
    else:
        outcome = "restored" if alert["state"] == "OK" else "updated"
    return {"outcome": outcome, "incident_id": str(saved.aggregate_id)}


def _alert(body: bytes) -> dict[str, Any]:
    """The body's fields, each of the right type; the domain checks their lengths and characters."""
    if len(body) > MAX_BODY_BYTES:
        raise BadAlert(413, None, f"An alert is at most {MAX_BODY_BYTES:,} bytes.")
    try:
        given = json.loads(body)
    except (ValueError, UnicodeDecodeError) as error:
        raise BadAlert(400, None, f"The body is not JSON: {error}.") from None
    except RecursionError:
        raise BadAlert(400, None, "The body is nested deeper than an alert is.") from None
    if not isinstance(given, dict):
        raise BadAlert(400, None, "The body is a JSON object with host, service, state, output and timestamp.")
    alert: dict[str, Any] = {}
    for field in ("host", "service", "state"):
        value = given.get(field)
        if value is None:
            raise BadAlert(422, field, "This field is required.")
        if not isinstance(value, str):
            raise BadAlert(422, field, "Give it as text.")
        alert[field] = value
    alert["state"] = alert["state"].strip().upper()
    if alert["state"] not in STATES:
        raise BadAlert(422, "state", f"Choose one of: {', '.join(STATES)}.")
    output = given.get("output", "")
    if output is not None and not isinstance(output, str):
        raise BadAlert(422, "output", "Give it as text.")
    alert["output"] = output or ""
    alert["timestamp"] = _timestamp(given.get("timestamp"))
    return alert


def _timestamp(value: Any) -> datetime:
    """Absent: now. A number: seconds since 1970 (Nagios's `$TIMET$`). Text: ISO 8601 with its time zone."""
    if value is None:
        return datetime.now(UTC)
    if isinstance(value, bool):
        raise BadAlert(422, "timestamp", "Give seconds since 1970, or an ISO 8601 time with its zone.")
    if isinstance(value, int | float):
        try:
            return datetime.fromtimestamp(value, UTC)
        except (ValueError, OverflowError, OSError):
            raise BadAlert(422, "timestamp", "These seconds since 1970 are no time.") from None
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.strip())
        except ValueError:
            raise BadAlert(
                422, "timestamp", "Give an ISO 8601 time with its zone, e.g. 2026-03-02T09:00:00Z."
            ) from None
    raise BadAlert(422, "timestamp", "Give seconds since 1970, or an ISO 8601 time with its zone.")


def _answer(status: int, body: dict[str, Any], bearer: bool = False) -> JSONResponse:
    headers = {"Cache-Control": "no-store"}
    if bearer:
        headers["WWW-Authenticate"] = 'Bearer realm="cordee-monitoring"'
    return JSONResponse(body, status_code=status, headers=headers)
