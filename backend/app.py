"""The web application factory: GraphQL, health, pages. Nothing is built at import time."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request

from backend.auth.current import SESSION_COOKIE, principal_from_request
from backend.auth.sign_in import SignInAttempt, build_password_sign_in
from backend.exports.routes import export_routes
from backend.graphql.router import GraphQLEndpoint
from backend.graphql.schema import build_schema
from backend.http.headers import install_headers
from backend.http.health import health_routes
from backend.policy import scope_for
from backend.services import Services, build_services
from backend.settings import Settings
from frontend.pages import mount_pages
from frontend.ports import FrontendPorts, Viewer

log = logging.getLogger("cordee")


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

    endpoint = GraphQLEndpoint(services, schema, settings.is_production)
    app.include_router(endpoint.router(), prefix="/graphql")
    app.include_router(export_routes(services))
    app.include_router(health_routes(services))

    def viewer(request: Request) -> Viewer | None:
        principal = principal_from_request(services, request)
        if principal is None:
            return None
        consultancy = services.queries.tenancy.consultancy(scope_for(principal))
        return Viewer(
            account_id=str(principal.account_id),
            display_name=principal.display_name,
            consultancy_name=consultancy.name if consultancy else "",
            csrf_token=principal.csrf_token,
            organisation_id=str(principal.organisation_id) if principal.organisation_id else None,
        )

    password_sign_in = build_password_sign_in(services, settings)
    app.state.password_sign_in = password_sign_in

    async def start_session(request: Request, email: str, password: str) -> str | None:
        address = request.client.host if request.client else None
        return await password_sign_in(SignInAttempt(email, password, address, request.state.request_id))

    mount_pages(
        app,
        FrontendPorts(
            execute=endpoint.execute,
            viewer=viewer,
            sign_in=start_session,
            sign_out=services.sessions.close,
            session_cookie=SESSION_COOKIE,
            session_max_age_seconds=settings.session_hours * 3600,
            secure_cookies=settings.is_production,
        ),
    )
    install_headers(app, production=settings.is_production)  # last: the outermost middleware
    return app
