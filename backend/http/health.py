"""Liveness and readiness for load balancers and orchestrators; a detailed status for operators only.

Anonymous callers get a status and nothing else: no error text, SQL, ids or positions. What failed goes to the
log with the request id. The details are at `/health/status`, for a bearer of `CORDEE_OPERATOR_TOKEN`.
"""

from __future__ import annotations

import hmac
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from backend.services import Health, Services


def health_routes(services: Services) -> APIRouter:
    router = APIRouter()

    @router.get("/health/live", include_in_schema=False)
    def live() -> dict[str, str]:
        return {"status": "ok"}

    @router.get("/health/ready", include_in_schema=False)
    def ready(request: Request) -> JSONResponse:
        health = services.health(_request_id(request))
        return JSONResponse({"status": _status(health)}, status_code=200 if health.ready else 503)

    @router.get("/health/status", include_in_schema=False)
    def status(request: Request) -> JSONResponse:
        return _operator_status(services, request)

    return router


def _operator_status(services: Services, request: Request) -> JSONResponse:
    """The details, for operators bearing the token; without a token configured, the route does not exist."""
    token = services.settings.operator_token
    if not token:
        return JSONResponse({"detail": "Not Found"}, status_code=404)
    if not _bears(request, token):
        return JSONResponse({"detail": "Unauthorized"}, status_code=401, headers={"WWW-Authenticate": "Bearer"})
    health = services.health(_request_id(request))
    return JSONResponse(_details(health), status_code=200 if health.ready else 503)


def _status(health: Health) -> str:
    if not health.ready:
        return "unavailable"
    return "degraded" if health.degraded else "ok"


def _bears(request: Request, token: str) -> bool:
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), token.encode())


def _request_id(request: Request) -> str:
    return str(getattr(request.state, "request_id", "-"))


def _details(health: Health) -> dict[str, Any]:
    return {
        "status": _status(health),
        "event_store": "ok" if health.event_store else "unavailable",
        "read_store": "ok" if health.read_store else "unavailable",
        "runner_error": health.runner_error,
        "last_notification_id": health.last_notification_id,
        "projections": health.positions,
        "audit_log": health.audit_log,
        "parked": [
            {"tenant_id": str(tenant), "projection": projection, "events": count, "error_class": error}
            for tenant, projection, count, error in health.parked
        ],
    }
