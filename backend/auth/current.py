"""From a request's session cookie to its principal."""

from __future__ import annotations

import hashlib

from starlette.requests import Request

from backend.auth.principal import Principal
from backend.services import Services
from domain.tenancy.account import Role
from projections.queries import Scope
from projections.tenancy.rows import AccountRow

SESSION_COOKIE = "cordee_session"


def principal_from_request(services: Services, request: Request) -> Principal | None:
    token = getattr(request.state, "session_token", None) or request.cookies.get(SESSION_COOKIE)  # renewed: the new
    if not token:
        return None
    session = services.sessions.find(token)
    if session is None:
        return None
    account = services.queries.tenancy.account(Scope(session.tenant_id), session.account_id)
    if account is None or not account.active:  # a deactivated account's sessions stop at once
        return None
    return principal_of(account, session.csrf_token)


def principal_from_calendar_key(services: Services, key: str) -> Principal | None:
    """The person a secret calendar link belongs to; it reads calendars only, so it carries no CSRF secret."""
    account = services.queries.tenancy.calendar_key(calendar_key_hash(key))
    return None if account is None else principal_of(account, "")


def calendar_key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def principal_of(account: AccountRow, csrf_token: str) -> Principal:
    return Principal(
        account_id=account.account_id,
        tenant_id=account.tenant_id,
        display_name=account.display_name,
        email=account.email,
        roles=frozenset(Role(role) for role in account.roles),
        csrf_token=csrf_token,
        organisation_id=account.organisation_id,
    )
