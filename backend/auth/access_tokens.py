"""Short-lived access tokens (signed JWTs) for API clients, and the principal a bearer token names.

A personal access token or an integration client's secret is exchanged at `/oauth/token` for an access token of
`api_token_minutes`. It is verified here on every request through joserfc, with EdDSA alone allowed, the key chosen
by its kid among our own keys only (never one the header carries: `jwk`, `jku`, `x5u` and `x5c` are refused), and
its issuer, audience, expiry, not-before (with a small leeway), id and subject all required. The credential it was
exchanged for must still stand: a revoked token or client, an expired token or a deactivated account stops every
access token issued for it at once.
"""

from __future__ import annotations

import hashlib
import secrets
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any
from uuid import UUID

from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import GuestProtocol, OKPKey
from joserfc.jwt import JWTClaimsRegistry

from backend.auth.api_keys import ALGORITHM, ApiKeys
from backend.auth.current import principal_today
from backend.auth.principal import Principal
from backend.auth.security_log import SecurityEvent, security_event
from backend.services import Services
from domain.tenancy.account import Role
from projections.core.scope import Scope

LEEWAY_SECONDS = 30
"""The clock skew forgiven on `exp`, `nbf` and `iat`."""
FOREIGN_KEY_HEADERS = ("jwk", "jku", "x5u", "x5c", "x5t", "x5t#S256")
"""Header parameters that point at a key: a token names our key by its kid, or it is refused."""
PAT_PREFIX = "cdp_"
CLIENT_SECRET_PREFIX = "cdc_"  # noqa: S105 (a prefix, as above)
PAT_KIND, CLIENT_KIND = "pat", "client"


class TokenRefused(Exception):
    """Why a bearer token was refused, for the security log only; the client is told only that it is invalid."""


def new_secret(prefix: str) -> str:
    return prefix + secrets.token_urlsafe(32)


def secret_hash(secret: str) -> str:
    """Secrets carry 256 random bits: a plain SHA-256 keeps them as safely as a slow hash would, and is looked up."""
    return hashlib.sha256(secret.encode()).hexdigest()


def fingerprint(key_hash: str) -> str:
    """What the security log names a credential by: the start of its hash."""
    return key_hash[:16]


@dataclass(frozen=True)
class Credential:
    """What an access token was exchanged for."""

    kind: str
    """`pat` or `client`."""
    credential_id: UUID
    """The personal access token's id, or the client's id."""
    tenant_id: UUID
    subject: UUID
    """The account, or the client."""
    scopes: tuple[str, ...]


class AccessTokens:
    def __init__(
        self, keys: ApiKeys, issuer: str, audience: str, minutes: int, clock: Callable[[], float] = time.time
    ) -> None:
        self.keys = keys
        self.issuer = issuer
        self.audience = audience
        self.lifetime = minutes * 60
        self.clock = clock
        """Replaceable, so that tests can let a token expire."""

    def issue(self, credential: Credential) -> str:
        now = int(self.clock())
        claims: dict[str, Any] = {
            "iss": self.issuer,
            "aud": self.audience,
            "sub": str(credential.subject),
            "iat": now,
            "nbf": now,
            "exp": now + self.lifetime,
            "jti": uuid.uuid4().hex,
            "scope": " ".join(credential.scopes),
            "tenant": str(credential.tenant_id),
            "cred": f"{credential.kind}:{credential.credential_id}",
        }
        header = {"alg": ALGORITHM, "kid": self.keys.current.kid, "typ": "at+jwt"}
        return jwt.encode(header, claims, self.keys.current, algorithms=[ALGORITHM])

    def verify(self, token: str) -> Credential:
        """The credential the token stands for, once its signature and claims hold; else `TokenRefused`."""
        try:
            decoded = jwt.decode(token, self._our_key, algorithms=[ALGORITHM])
            self._registry().validate(decoded.claims)
        except TokenRefused:
            raise
        except (JoseError, ValueError, TypeError) as error:
            raise TokenRefused(type(error).__name__) from None
        return _credential(decoded.claims)

    def _our_key(self, guest: GuestProtocol) -> OKPKey:
        header = guest.headers()
        if any(name in header for name in FOREIGN_KEY_HEADERS):
            raise TokenRefused("a key in the header")
        kid = header.get("kid")
        found = next((key for key in self.keys.keys if key.kid == kid), None)
        if found is None:
            raise TokenRefused("a kid not ours")
        return found

    def _registry(self) -> JWTClaimsRegistry:
        return JWTClaimsRegistry(
            now=lambda: int(self.clock()),
            leeway=LEEWAY_SECONDS,
            iss={"essential": True, "value": self.issuer},
            aud={"essential": True, "value": self.audience},
            sub={"essential": True},
            exp={"essential": True},
            nbf={"essential": True},
            iat={"essential": True},
            jti={"essential": True},
            tenant={"essential": True},
            cred={"essential": True},
            scope={"essential": True},
        )


def _credential(claims: dict[str, Any]) -> Credential:
    try:
        kind, _, credential_id = str(claims["cred"]).partition(":")
        if kind not in (PAT_KIND, CLIENT_KIND):
            raise TokenRefused("an unknown credential")
        return Credential(
            kind,
            UUID(credential_id),
            UUID(str(claims["tenant"])),
            UUID(str(claims["sub"])),
            tuple(str(claims["scope"]).split()),
        )
    except ValueError:
        raise TokenRefused("a malformed claim") from None


def standing_principal(services: Services, credential: Credential) -> Principal:
    """The principal of a credential that still stands, its scopes those the token and the credential share;
    else `TokenRefused`. A personal access token works through its last business day. Read as the consultancy the
    verified token names, alone (row-level security: `Reader.one_transaction`)."""
    with services.queries.one_transaction(credential.tenant_id):
        return _standing_principal(services, credential)


def _standing_principal(services: Services, credential: Credential) -> Principal:
    day = services.app.today()
    scope, tenancy = Scope(credential.tenant_id), services.queries.tenancy
    if credential.kind == PAT_KIND:
        token = tenancy.api_token(scope, credential.subject, credential.credential_id)
        if token is None or token.revoked_at is not None or token.expires_on < day:
            raise TokenRefused("a revoked or expired personal access token")
        account = tenancy.account(scope, credential.subject)
        if account is None or not account.active:
            raise TokenRefused("a deactivated account")
        principal = principal_today(services, account, "")
        if principal is None:
            raise TokenRefused("an account with no grant valid today")
        granted = [s for s in credential.scopes if s in token.scopes]
        return replace(principal, scopes=frozenset(granted))
    client = tenancy.integration_client(scope, credential.credential_id)
    if client is None or client.revoked_at is not None or client.client_id != credential.subject:
        raise TokenRefused("a revoked client")
    return Principal(
        account_id=client.client_id,
        tenant_id=client.tenant_id,
        display_name=client.name,
        email="",
        roles=frozenset({Role.CONTRIBUTOR}),  # it reports and edits, never approves
        csrf_token="",
        organisation_id=client.organisation_id,
        scopes=frozenset(s for s in credential.scopes if s in client.scopes),
    )


def bearer_principal(services: Services, tokens: AccessTokens, authorization: str, request_id: str) -> Principal | None:
    """The principal of `Authorization: Bearer <access token>`, or None (logged as a failed sign-in)."""
    scheme, _, token = authorization.partition(" ")
    try:
        if scheme.lower() != "bearer" or not token.strip():
            raise TokenRefused("not a bearer token")
        return standing_principal(services, tokens.verify(token.strip()))
    except TokenRefused as refused:
        security_event(
            SecurityEvent.AUTHN_LOGIN_FAIL,
            "bearer",
            description=f"Access token refused: {refused}.",
            request_id=request_id,
        )
        return None
