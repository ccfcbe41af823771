"""The web application factory: GraphQL, health, pages. Nothing is built at import time."""

from __future__ import annotations

import logging
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse
from strawberry.fastapi import GraphQLRouter

from backend.auth.current import SESSION_COOKIE, principal_from_request, sign_in
from backend.exports.routes import export_routes
from backend.graphql.context import Context
from backend.graphql.schema import build_schema
from backend.policy import scope_for
from backend.services import Services, build_services
from backend.settings import Settings
from domain.tenancy.account import Role
from frontend.pages import mount_pages
from frontend.ports import FrontendPorts, GraphQLResult, Viewer

log = logging.getLogger("cordee")

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


def create_app(settings: Settings | None = None, services: Services | None = None) -> FastAPI:
    settings = settings or Settings()
    services = services or build_services(settings)
    schema = build_schema(production=settings.is_production)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        services.start()
        try:
            yield
        finally:
            services.close()

    app = FastAPI(title="Cordee", lifespan=lifespan, docs_url=None, redoc_url=None, openapi_url=None)
    app.state.services = services

    def context_for(request: Request) -> Context:
        return Context(services, principal_from_request(services, request), request.state.request_id)

    async def graphql_context(request: Request) -> Context:
        return context_for(request)

    app.include_router(
        GraphQLRouter(
            schema,
            context_getter=graphql_context,
            graphql_ide=None if settings.is_production else "graphiql",
            allow_queries_via_get=False,
        ),
        prefix="/graphql",
    )

    @app.middleware("http")
    async def request_id_and_headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        request.state.request_id = request.headers.get("x-request-id") or uuid.uuid4().hex
        response = await call_next(request)
        response.headers["X-Request-ID"] = request.state.request_id
        for header, value in SECURITY_HEADERS.items():
            response.headers.setdefault(header, value)
        return response

    app.include_router(export_routes(services))

    @app.get("/health/live", include_in_schema=False)
    def live() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/health/ready", include_in_schema=False)
    def ready() -> JSONResponse:
        error = services.runner.last_error
        body = {"status": "degraded" if error else "ok", "projections": services.runner.positions(), "error": error}
        return JSONResponse(body, status_code=503 if error else 200)

    async def execute(request: Request, document: str, variables: dict[str, Any] | None) -> GraphQLResult:
        result = await schema.execute(document, variable_values=variables, context_value=context_for(request))
        return GraphQLResult(result.data, [dict(error.formatted) for error in result.errors or []])

    def viewer(request: Request) -> Viewer | None:
        principal = principal_from_request(services, request)
        if principal is None:
            return None
        consultancy = services.queries.consultancy(scope_for(principal))
        return Viewer(
            account_id=str(principal.account_id),
            display_name=principal.display_name,
            consultancy_name=consultancy.name if consultancy else "",
            csrf_token=principal.csrf_token,
            is_admin=principal.has_role(Role.CONSULTANCY_ADMIN),
            is_coach=principal.has_role(Role.COACH),
            organisation_id=str(principal.organisation_id) if principal.organisation_id else None,
        )

    async def start_session(email: str, password: str) -> str | None:
        return await sign_in(services, email, password)

    mount_pages(
        app,
        FrontendPorts(
            execute=execute,
            viewer=viewer,
            sign_in=start_session,
            sign_out=services.sessions.close,
            session_cookie=SESSION_COOKIE,
            session_max_age_seconds=settings.session_hours * 3600,
            secure_cookies=settings.is_production,
        ),
    )
    return app
