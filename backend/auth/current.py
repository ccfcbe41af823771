"""From a request's session cookie to its principal.

The session row is found by its token's hash, and a calendar link's account by its key's hash, before any
consultancy is known: those two reads span consultancies (the services' role). Once the session or the link names
the consultancy, the account and its grants are read in one read transaction of that consultancy alone (on
PostgreSQL with row-level security, the tenant role with it set: `Reader.one_transaction`)."""

from __future__ import annotations

import hashlib

from starlette.requests import Request

from backend.auth.auditor_reads import PRINCIPAL_STATE
from backend.auth.principal import Principal
from backend.auth.security_log import SecurityEvent, security_event
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
    with services.queries.one_transaction(session.tenant_id):
        account = services.queries.tenancy.account(Scope(session.tenant_id), session.account_id)
        if account is None or not account.active:  # a deactivated account's sessions stop at once
            return None
        principal = principal_today(services, account, session.csrf_token)
    setattr(request.state, PRINCIPAL_STATE, principal)  # for the record of what auditors read
    return principal


def newcomer_from_request(services: Services, request: Request) -> Principal | None:
    """The signed-in person whose account was never granted a role (opened at a first single sign-on), with no
    role: they see only the page that says so. Someone whose grants ended (an auditor after the window) is not a
    newcomer: for them the session opens nothing."""
    token = getattr(request.state, "session_token", None) or request.cookies.get(SESSION_COOKIE)
    session = services.sessions.find(token) if token else None
    if session is None:
        return None
    scope = Scope(session.tenant_id)
    with services.queries.one_transaction(session.tenant_id):
        account = services.queries.tenancy.account(scope, session.account_id)
        if account is None or not account.active or services.queries.tenancy.grants(scope, account.account_id):
            return None
    return principal_of(account, session.csrf_token, frozenset())


def principal_from_calendar_key(services: Services, key: str) -> Principal | None:
    """The person a secret calendar link belongs to; it reads calendars only, so it carries no CSRF secret."""
    account = services.queries.tenancy.calendar_key(calendar_key_hash(key))  # across consultancies: by its hash
    if account is None:
        return None
    with services.queries.one_transaction(account.tenant_id):
        return principal_today(services, account, "")


def principal_today(services: Services, account: AccountRow, csrf_token: str) -> Principal | None:
    """The principal of the account's grants valid on today's business day, or none when no grant is: a grant that
    ends (an auditor's window) or is revoked ends access on the next request, signed in or not."""
    today = services.app.today()
    grants = services.queries.tenancy.current_grants(account.tenant_id, account.account_id, today)
    if not grants:
        security_event(
            SecurityEvent.AUTHZ_FAIL,
            account.account_id,
            description=f"Account {account.account_id} holds no grant valid on {today}: its access has ended",
            tenant=str(account.tenant_id),
            account=str(account.account_id),
        )
        return None
    return principal_of(account, csrf_token, frozenset(Role(grant.role) for grant in grants))


def calendar_key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def principal_of(account: AccountRow, csrf_token: str, roles: frozenset[Role] | None = None) -> Principal:
    """The account's principal with the roles given (those of its grants valid today), or else with the roles it
    opened with."""
    return Principal(
        account_id=account.account_id,
        tenant_id=account.tenant_id,
        display_name=account.display_name,
        email=account.email,
        roles=roles if roles is not None else frozenset(Role(role) for role in account.roles),
        csrf_token=csrf_token,
        organisation_id=account.organisation_id,
    )
