"""The OAuth 2.0 token endpoint and the public keys that verify its tokens.

`POST /oauth/token` (RFC 6749, a form body) answers a short-lived access token, a JWT signed with EdDSA, for:

- `grant_type=client_credentials`: an integration client, its id and secret sent with HTTP Basic or as
  `client_id` and `client_secret` in the form (not both);
- `grant_type=urn:ietf:params:oauth:grant-type:token-exchange` (RFC 8693): a personal access token as
  `subject_token` (its `subject_token_type`, if given, `urn:ietf:params:oauth:token-type:access_token`).

`scope` may narrow the token to some of the credential's scopes. Refusals are RFC 6749's (`invalid_request`,
`invalid_client`, `invalid_grant`, `invalid_scope`, `unsupported_grant_type`), throttled by credential and by address
as signing in is, and logged as `authn_login_fail`. `GET /.well-known/jwks.json` publishes every verifying key.
"""

from __future__ import annotations

import base64
import binascii
import hmac
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote_plus
from uuid import UUID

import anyio
import anyio.to_thread
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from backend.auth.access_tokens import CLIENT_KIND, PAT_KIND, AccessTokens, Credential, fingerprint, secret_hash
from backend.auth.api_keys import ApiKeys
from backend.auth.security_log import SecurityEvent, security_event
from backend.auth.throttle import SignInThrottle, address_subject
from backend.services import Services
from projections.core.scope import Scope

CLIENT_CREDENTIALS = "client_credentials"
TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange"  # noqa: S105 (a URN, not a secret)
ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token"  # noqa: S105 (a URN, not a secret)
MAX_BODY_BYTES = 4096


@dataclass
class OAuthError(Exception):
    error: str
    description: str
    status: int = 400


def oauth_routes(services: Services, keys: ApiKeys, tokens: AccessTokens, throttle: SignInThrottle) -> APIRouter:
    router = APIRouter()

    @router.get("/.well-known/jwks.json", include_in_schema=False)
    async def jwks() -> JSONResponse:
        return JSONResponse(keys.jwks(), headers={"Cache-Control": "public, max-age=300"})

    @router.post("/oauth/token", include_in_schema=False)
    async def token(request: Request) -> JSONResponse:
        address = request.client.host if request.client else None
        try:
            form = await _form(request)
            grant = form.get("grant_type")
            if grant == CLIENT_CREDENTIALS:
                credential = await _throttled(throttle, address, request, _client_credential(services, request, form))
            elif grant == TOKEN_EXCHANGE:
                credential = await _throttled(throttle, address, request, _pat_credential(services, form))
            elif grant is None:
                raise OAuthError("invalid_request", "grant_type: give the grant type.")
            else:
                raise OAuthError("unsupported_grant_type", f"grant_type: use {CLIENT_CREDENTIALS} or {TOKEN_EXCHANGE}.")
            credential = _narrowed(credential, form.get("scope"))
        except OAuthError as refused:
            return _error(refused)
        access_token = tokens.issue(credential)
        security_event(
            SecurityEvent.AUTHN_LOGIN_SUCCESS,
            f"{credential.kind}:{credential.credential_id}",
            description="Access token issued.",
            request_id=request.state.request_id,
            tenant=credential.tenant_id,
            address=address,
        )
        body: dict[str, object] = {
            "access_token": access_token,
            "token_type": "Bearer",
            "expires_in": tokens.lifetime,
            "scope": " ".join(credential.scopes),
        }
        if grant == TOKEN_EXCHANGE:
            body["issued_token_type"] = ACCESS_TOKEN_TYPE
        return JSONResponse(body, headers={"Cache-Control": "no-store", "Pragma": "no-cache"})

    return router


@dataclass(frozen=True)
class _Attempt:
    """A credential to check: the throttle's subject for it, and the check, run off the event loop."""

    subject: str
    check: Callable[[], Credential]


async def _throttled(throttle: SignInThrottle, address: str | None, request: Request, attempt: _Attempt) -> Credential:
    """The credential, counted first as a failure by subject and by address (as signing in is), given back if good."""
    where = address_subject(address)
    standing = await anyio.to_thread.run_sync(throttle.reserve, attempt.subject, where)
    await anyio.sleep(standing.delay_seconds)
    try:
        if standing.locked:
            raise _refusal_of(attempt)
        credential = await anyio.to_thread.run_sync(attempt.check)
    except OAuthError as refused:
        event = SecurityEvent.AUTHN_LOGIN_LOCK if standing.locked else SecurityEvent.AUTHN_LOGIN_FAIL
        security_event(
            event,
            attempt.subject.split(":", 1)[0] + ":" + fingerprint(secret_hash(attempt.subject)),
            description=f"Token request refused: {refused.error}.",
            request_id=request.state.request_id,
            address=address,
        )
        raise
    await anyio.to_thread.run_sync(throttle.succeeded, attempt.subject, where)
    return credential


def _refusal_of(attempt: _Attempt) -> OAuthError:
    if attempt.subject.startswith("client:"):
        return OAuthError("invalid_client", "The client id or secret is wrong, or the client is revoked.", 401)
    return OAuthError("invalid_grant", "subject_token: the token is wrong, expired or revoked.")


def _client_credential(services: Services, request: Request, form: dict[str, str]) -> _Attempt:
    client_id, secret = _client_authentication(request, form)
    try:
        parsed = UUID(client_id)
    except ValueError:
        parsed = None

    def check() -> Credential:
        found = services.queries.tenancy.client_secret(parsed) if parsed else None
        given = secret_hash(secret)
        if found is None or not hmac.compare_digest(found.secret_hash, given) or found.client.revoked_at is not None:
            raise _refusal_of(attempt)
        client = found.client
        return Credential(CLIENT_KIND, client.client_id, client.tenant_id, client.client_id, client.scopes)

    attempt = _Attempt(f"client:{client_id}", check)
    return attempt


def _pat_credential(services: Services, form: dict[str, str]) -> _Attempt:
    subject_token = form.get("subject_token")
    if not subject_token:
        raise OAuthError("invalid_request", "subject_token: give your personal access token.")
    if form.get("subject_token_type", ACCESS_TOKEN_TYPE) != ACCESS_TOKEN_TYPE:
        raise OAuthError("invalid_request", f"subject_token_type: use {ACCESS_TOKEN_TYPE}.")
    key_hash = secret_hash(subject_token)

    def check() -> Credential:
        found = services.queries.tenancy.api_token_by_hash(key_hash)
        today = services.app.today()
        if found is None or found.revoked_at is not None or found.expires_on < today:
            raise _refusal_of(attempt)
        with services.queries.one_transaction(found.tenant_id):  # the token's consultancy alone, once known
            account = services.queries.tenancy.account(Scope(found.tenant_id), found.account_id)
        if account is None or not account.active:
            raise _refusal_of(attempt)
        return Credential(PAT_KIND, found.token_id, found.tenant_id, found.account_id, found.scopes)

    attempt = _Attempt(f"pat:{key_hash}", check)
    return attempt


def _client_authentication(request: Request, form: dict[str, str]) -> tuple[str, str]:
    """The client id and secret, from HTTP Basic (form-encoded, RFC 6749 2.3.1) or from the form; never both."""
    authorization = request.headers.get("authorization")
    in_form = "client_id" in form or "client_secret" in form
    if authorization is not None:
        if in_form:
            raise OAuthError("invalid_request", "client_id: authenticate with HTTP Basic or the form, not both.")
        scheme, _, encoded = authorization.partition(" ")
        try:
            decoded = base64.b64decode(encoded.strip(), validate=True).decode()
        except (binascii.Error, UnicodeDecodeError):
            decoded = ""
        client_id, colon, secret = decoded.partition(":")
        if scheme.lower() != "basic" or not colon:
            raise OAuthError("invalid_client", "Authenticate with HTTP Basic: the client id and secret.", 401)
        return unquote_plus(client_id), unquote_plus(secret)
    if not form.get("client_id") or not form.get("client_secret"):
        raise OAuthError("invalid_client", "client_id: give the client id and secret.", 401)
    return form["client_id"], form["client_secret"]


def _narrowed(credential: Credential, requested: str | None) -> Credential:
    """The credential's scopes, or those asked for if the credential holds them all."""
    if requested is None:
        return credential
    asked = requested.split()
    if not asked or any(scope not in credential.scopes for scope in asked):
        raise OAuthError("invalid_scope", f"scope: ask for some of {' '.join(credential.scopes)}.")
    kept = tuple(scope for scope in credential.scopes if scope in asked)
    return Credential(credential.kind, credential.credential_id, credential.tenant_id, credential.subject, kept)


async def _form(request: Request) -> dict[str, str]:
    """The form's parameters, each given once (RFC 6749 3.2)."""
    if request.headers.get("content-type", "").split(";")[0].strip().lower() != "application/x-www-form-urlencoded":
        raise OAuthError("invalid_request", "body: send application/x-www-form-urlencoded.")
    body = await request.body()
    if len(body) > MAX_BODY_BYTES:
        raise OAuthError("invalid_request", f"body: at most {MAX_BODY_BYTES} bytes.")
    try:
        parsed = parse_qs(body.decode(), keep_blank_values=True, strict_parsing=False, max_num_fields=20)
    except (UnicodeDecodeError, ValueError):
        raise OAuthError("invalid_request", "body: not a form.") from None
    repeated = sorted(name for name, values in parsed.items() if len(values) > 1)
    if repeated:
        raise OAuthError("invalid_request", f"{repeated[0]}: give it once.")
    return {name: values[0] for name, values in parsed.items()}


def _error(refused: OAuthError) -> JSONResponse:
    headers = {"Cache-Control": "no-store", "Pragma": "no-cache"}
    if refused.status == 401:
        headers["WWW-Authenticate"] = 'Basic realm="cordee"'
    body = {"error": refused.error, "error_description": refused.description}
    return JSONResponse(body, status_code=refused.status, headers=headers)
