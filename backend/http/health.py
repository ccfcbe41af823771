"""Liveness and readiness for load balancers and orchestrators."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from backend.services import Services


def health_routes(services: Services) -> APIRouter:
    router = APIRouter()

    @router.get("/health/live", include_in_schema=False)
    def live() -> dict[str, str]:
        return {"status": "ok"}

    @router.get("/health/ready", include_in_schema=False)
    def ready() -> JSONResponse:
        error = services.runner.last_error_class
        body = {"status": "degraded" if error else "ok", "projections": services.runner.positions(), "error": error}
        return JSONResponse(body, status_code=503 if error else 200)

    return router
