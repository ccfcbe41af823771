"""From a request's session cookie to its principal, and signing in and out."""

from __future__ import annotations

import anyio.to_thread
from starlette.requests import Request

from backend.auth.passwords import verify_password
from backend.auth.principal import Principal
from backend.services import Services
from domain.tenancy.account import Role
from projections.queries import Scope

SESSION_COOKIE = "cordee_session"


def principal_from_request(services: Services, request: Request) -> Principal | None:
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        return None
    session = services.sessions.find(token)
    if session is None:
        return None
    account = services.queries.account(Scope(session.tenant_id), session.account_id)
    if account is None:
        return None
    return Principal(
        account_id=account.account_id,
        tenant_id=account.tenant_id,
        display_name=account.display_name,
        email=account.email,
        roles=frozenset(Role(role) for role in account.roles),
        csrf_token=session.csrf_token,
        organisation_id=account.organisation_id,
    )


async def sign_in(services: Services, email: str, password: str) -> str | None:
    """A new session token when the password matches the account, else None (same time either way)."""
    found = services.queries.sign_in(email)
    matches = await anyio.to_thread.run_sync(verify_password, found.password_hash if found else None, password)
    if found is None or not matches:
        return None
    return services.sessions.open(found.account.tenant_id, found.account.account_id)
