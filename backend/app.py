"""The web application factory: GraphQL, health, pages. Nothing is built at import time."""

from __future__ import annotations

import functools
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager

from fastapi import FastAPI, Request
from starlette.middleware.sessions import SessionMiddleware as StateCookieMiddleware

from backend.auth.access_tokens import AccessTokens, bearer_principal
from backend.auth.account_security import AccountSecurityService
from backend.auth.api_keys import load_api_keys
from backend.auth.auditor_reads import install_auditor_reads
from backend.auth.current import SESSION_COOKIE, newcomer_from_request, principal_from_request
from backend.auth.invitations import Invitations
from backend.auth.principal import Principal
from backend.auth.session_middleware import SessionMiddleware
from backend.auth.sign_in import PasswordSignIn, SignInAttempt, build_password_sign_in
from backend.auth.single_sign_on import SingleSignOn, build_single_sign_on
from backend.exports.portfolio_routes import portfolio_routes
from backend.exports.routes import export_routes
from backend.graphql.portfolio.actions import SEE_PORTFOLIO
from backend.graphql.router import GraphQLEndpoint
from backend.graphql.schema import build_schema
from backend.graphql.tenancy.actions import CHANGE_SETTINGS, MANAGE_ACCOUNTS
from backend.http.audit_keys import audit_key_routes
from backend.http.headers import install_headers
from backend.http.health import health_routes
from backend.http.monitoring import monitoring_routes
from backend.http.oauth import oauth_routes
from backend.policy import may, scope_for
from backend.services import Services, build_services
from backend.settings import Settings
from domain.shared.errors import Forbidden
from domain.tenancy.account import REALM_ROLES, Role
from frontend.pages import mount_pages
from frontend.ports import (
    FrontendPorts,
    InvitedPerson,
    LiveSettings,
    LiveSupport,
    SignedIn,
    SingleSignOnResult,
    Viewer,
)
from projections.queries import Scope

log = logging.getLogger("cordee")


def create_app(settings: Settings | None = None, services: Services | None = None) -> FastAPI:
    settings = settings or Settings()
    services = services or build_services(settings)
    app = FastAPI(title="Cordee", lifespan=_lifespan(services), docs_url=None, redoc_url=None, openapi_url=None)
    app.state.services = services
    keys = load_api_keys(settings)
    tokens = AccessTokens(keys, settings.api_token_issuer, settings.api_token_audience, settings.api_token_minutes)
    app.state.access_tokens = tokens
    bearer = functools.partial(bearer_principal, services, tokens)
    endpoint = GraphQLEndpoint(
        services, build_schema(production=settings.is_production), settings.is_production, bearer=bearer
    )
    app.include_router(endpoint.router(), prefix="/graphql")
    app.include_router(export_routes(services))
    app.include_router(health_routes(services))
    app.include_router(audit_key_routes(services))
    app.include_router(monitoring_routes(services))
    app.include_router(portfolio_routes(services))
    app.state.password_sign_in = sign_in = build_password_sign_in(services, settings)
    app.include_router(oauth_routes(services, keys, tokens, sign_in.throttle))
    app.state.account_security = security = AccountSecurityService(services, settings, sign_in)
    app.state.single_sign_on = single_sign_on = build_single_sign_on(services, settings)
    mount_pages(app, _frontend_ports(endpoint, sign_in, single_sign_on, services, settings, security))
    install_auditor_reads(app, services.auditor_reads)
    app.add_middleware(
        SessionMiddleware,
        security=security,
        max_age_seconds=settings.session_hours * 3600,
        secure=settings.is_production,
    )
    # Single sign-on's state, nonce and PKCE verifier survive the trip to the provider in a signed cookie.
    app.add_middleware(
        StateCookieMiddleware,
        secret_key=settings.secret_key,
        session_cookie="cordee_sso_state",
        max_age=600,
        same_site="lax",
        https_only=settings.is_production,
    )
    install_headers(app, production=settings.is_production)  # last: the outermost middleware
    return app


def _lifespan(services: Services) -> Callable[[FastAPI], AbstractAsyncContextManager[None]]:
    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        services.start()
        try:
            yield
        finally:
            services.close()

    return lifespan


def _frontend_ports(
    endpoint: GraphQLEndpoint,
    sign_in: PasswordSignIn,
    single_sign_on: SingleSignOn,
    services: Services,
    settings: Settings,
    security: AccountSecurityService,
) -> FrontendPorts:
    """What the pages may use of the backend: GraphQL as the signed-in user, the viewer, signing in and out,
    opening an invitation."""
    invitations = Invitations(services)
    return FrontendPorts(
        execute=endpoint.execute,
        viewer=lambda request: _viewer(services, request),
        sign_in=functools.partial(_start_session, sign_in),
        sign_out=services.sessions.close,
        invitation=lambda key: _invited(invitations, key),
        accept_invitation=invitations.accept,
        session_cookie=SESSION_COOKIE,
        session_max_age_seconds=settings.session_hours * 3600,
        secure_cookies=settings.is_production,
        security=security,
        single_sign_on_start=single_sign_on.start,
        single_sign_on_finish=functools.partial(_finish_single_sign_on, single_sign_on),
        single_sign_on_end=single_sign_on.end_session_url,
        live=_live_support(services, settings),
    )


def _live_support(services: Services, settings: Settings) -> LiveSupport:
    """Live pages' streams: the projections' progress, and the consultancy of the request's session."""

    def tenant_of(request: Request) -> str | None:
        principal = principal_from_request(services, request)
        return None if principal is None else str(principal.tenant_id)

    limits = LiveSettings(
        lifetime_seconds=settings.live_stream_seconds,
        poll_seconds=settings.live_poll_seconds,
        per_session=settings.live_streams_per_session,
        per_tenant=settings.live_streams_per_tenant,
    )
    position = lambda: sum(services.runner.positions().values())  # noqa: E731
    return LiveSupport(position, tenant_of, limits, ("live-events:" + settings.secret_key).encode())


def _realm_viewer(services: Services, principal: Principal) -> Viewer:
    professional = principal.has_role(Role.PROFESSIONAL)
    with services.queries.one_transaction(principal.tenant_id):
        body = None if professional else services.queries.labels.labelling_body_name(Scope(principal.tenant_id))
    return Viewer(
        account_id=str(principal.account_id),
        display_name=principal.display_name,
        consultancy_name="Professionals" if professional else body or "",
        csrf_token=principal.csrf_token,
        home="/professional" if professional else "/labelling-body",
    )


async def _finish_single_sign_on(single_sign_on: SingleSignOn, request: Request) -> SingleSignOnResult:
    outcome = await single_sign_on.finish(request)
    return SingleSignOnResult(outcome.token, outcome.has_role, outcome.next, outcome.refusal, outcome.sign_out_hint)


async def _start_session(sign_in: PasswordSignIn, request: Request, email: str, password: str) -> SignedIn | None:
    address = request.client.host if request.client else None
    user_agent = request.headers.get("user-agent")
    return await sign_in(SignInAttempt(email, password, address, request.state.request_id, user_agent))


def _invited(invitations: Invitations, key: str) -> InvitedPerson | None:
    found = invitations.find(key)
    return None if found is None else InvitedPerson(found.display_name, found.email)


def _viewer(services: Services, request: Request) -> Viewer | None:
    """Who is signed in, as the pages show them; None when nobody is."""
    principal = principal_from_request(services, request) or newcomer_from_request(services, request)
    if principal is None:
        return None
    if principal.roles & REALM_ROLES:  # a labelling body's staff or a professional: a home of their own
        return _realm_viewer(services, principal)
    sees_anything = True
    try:
        scope = scope_for(principal)
    except Forbidden:  # an account with no role yet sees nothing, but its consultancy's name
        scope, sees_anything = Scope(principal.tenant_id), False
    with services.queries.one_transaction(principal.tenant_id):  # the viewer's consultancy alone
        consultancy = services.queries.tenancy.consultancy(scope)
    return Viewer(
        account_id=str(principal.account_id),
        display_name=principal.display_name,
        consultancy_name=consultancy.name if consultancy else "",
        csrf_token=principal.csrf_token,
        organisation_id=str(principal.organisation_id) if principal.organisation_id else None,
        administers=may(principal, MANAGE_ACCOUNTS) and may(principal, CHANGE_SETTINGS),
        sees_anything=sees_anything,
        oversees_clusters=bool(principal.roles & SEE_PORTFOLIO.roles),
    )
