"""From a request's session cookie to its principal."""

from __future__ import annotations

from starlette.requests import Request

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
    account = services.queries.tenancy.account(Scope(session.tenant_id), session.account_id)
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
