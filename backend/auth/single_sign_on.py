"""Signing in through a consultancy's OpenID provider (OpenID Connect, authorization code flow with PKCE and nonce).

authlib's Starlette client does the protocol: it reads the provider's discovery document, sends the browser there
with a state, a nonce and a PKCE challenge kept in the signed session cookie (Starlette's SessionMiddleware), and at
the callback checks the state, exchanges the code with the verifier and checks the ID token's signature, issuer,
audience, expiry and nonce. Cordee then decides whom the person is:

- an account already linked to the provider's subject, in this consultancy: that one;
- else an account of this consultancy with the address the provider verified: linked to the subject (an event on
  the account), only if the provider says the address is verified;
- else, when the address's domain is one the consultancy allows, a new account with no role, which sees nothing
  until an admin grants one.

An account is never linked across consultancies, and every refusal is logged as `authn_login_fail` and counted by
the sign-in throttle against the address it came from.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit
from uuid import UUID

import anyio.to_thread
from authlib.integrations.starlette_client import OAuth, OAuthError, StarletteOAuth2App
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from starlette.requests import Request

from backend.auth.security_log import SecurityEvent, security_event
from backend.auth.sign_in import throttle_rules
from backend.auth.tenant_secrets import OIDC_CLIENT_SECRET
from backend.auth.throttle import SignInThrottle, address_subject, subject_hash
from backend.services import Services
from backend.settings import Settings
from domain.shared.email import normalise_email
from domain.shared.errors import DomainError
from domain.shared.text import SLUG
from domain.tenancy.commands import LinkSingleSignOn, OpenSingleSignOnAccount
from domain.tenancy.consultancy import consultancy_id
from domain.tenancy.single_sign_on import SingleSignOnSettings
from projections.queries import Scope

log = logging.getLogger(__name__)
SESSION_KEY = "cordee_sso"
"""Where the sign-in under way keeps, in the signed session cookie, the consultancy it goes to and where to return."""
REFUSED = (
    "Single sign-on did not let you in: your provider's answer could not be accepted for this consultancy. "
    "Ask your consultancy's admin, or sign in with your password."
)
"""One answer for every refusal at the callback: which check failed is in the security log, not on the page."""
"""A consultancy's slug, as `domain.tenancy.consultancy` allows it."""


@dataclass(frozen=True)
class Outcome:
    """A session token, whether the account holds a role yet, and where to go; or the refusal (a message). With a
    session, `sign_out_hint`: what signing out needs to end the session at the provider too (encrypted)."""

    token: str | None = None
    has_role: bool = False
    next: str = "/"
    refusal: str | None = None
    sign_out_hint: str | None = None


class Refused(Exception):
    """A callback refused; `reason` is for the security log."""

    def __init__(self, reason: str, tenant: UUID | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.tenant = tenant


class SingleSignOn:
    def __init__(self, services: Services, throttle: SignInThrottle) -> None:
        self.services = services
        self.throttle = throttle
        self.oauth = OAuth()
        settings = services.settings
        key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"cordee single sign-on sign-out")
        self._sign_out = Fernet(base64.urlsafe_b64encode(key.derive(settings.secret_key.encode())))
        self._sign_out_seconds = settings.session_hours * 3600

    async def start(self, request: Request, email: str, next_path: str, consultancy: str = "") -> str | None:
        """The provider's authorization URL to send the browser to, or None when no consultancy's provider takes
        this address (or the consultancy named by the sign-in link has none)."""
        found = await anyio.to_thread.run_sync(self._provider_for, email, consultancy)
        if found is None:
            return None
        tenant_id, provider = found
        client = await anyio.to_thread.run_sync(self._client, tenant_id, provider)
        if client is None:
            return None
        try:
            metadata = await client.load_server_metadata()
        except Exception as error:  # unreachable, or no discovery document there
            _log_refusal(
                request, f"The provider's discovery document could not be read: {type(error).__name__}.", tenant_id
            )
            return None
        if metadata.get("issuer") != provider.issuer:  # OpenID Connect Discovery 1.0 §4.3
            _log_refusal(request, "The provider's discovery document names another issuer.", tenant_id)
            return None
        redirect_uri = str(request.url_for("single_sign_on_callback"))
        authorization = await client.create_authorization_url(redirect_uri, login_hint=email.strip())
        await client.save_authorize_data(request, redirect_uri=redirect_uri, **authorization)
        request.session[SESSION_KEY] = {"tenant": str(tenant_id), "next": next_path}
        return str(authorization["url"])

    async def finish(self, request: Request) -> Outcome:
        """Checks the provider's answer and opens a session, or refuses (logged, and counted against the address)."""
        address = request.client.host if request.client else None
        subject = "single-sign-on:" + address_subject(address)
        standing = await anyio.to_thread.run_sync(self.throttle.standing, subject, address_subject(address))
        if standing.locked:
            security_event(
                SecurityEvent.AUTHN_LOGIN_LOCK,
                subject_hash(subject)[:16],
                description="Single sign-on refused while locked.",
                request_id=request.state.request_id,
                address=address,
            )
            return Outcome(refusal=REFUSED)
        under_way = request.session.pop(SESSION_KEY, None) or {}
        try:
            tenant_id, account_id, has_role, id_token = await self._signed_in(request, under_way)
        except Refused as refused:
            _log_refusal(request, refused.reason, refused.tenant)
            await anyio.to_thread.run_sync(self.throttle.failed, subject, address_subject(address))
            return Outcome(refusal=REFUSED)
        token = await anyio.to_thread.run_sync(self.services.sessions.open, tenant_id, account_id)
        for event, description in (
            (SecurityEvent.AUTHN_LOGIN_SUCCESS, "Signed in through single sign-on."),
            (SecurityEvent.SESSION_CREATED, "Session opened."),
        ):
            security_event(
                event,
                account_id,
                description=description,
                request_id=request.state.request_id,
                address=address,
                tenant=tenant_id,
                account=account_id,
            )
        hint = None
        if id_token:
            hint = self._sign_out.encrypt(json.dumps({"tenant": str(tenant_id), "id_token": id_token}).encode())
        return Outcome(
            token=token,
            has_role=has_role,
            next=str(under_way.get("next") or "/"),
            sign_out_hint=None if hint is None else hint.decode(),
        )

    async def end_session_url(self, request: Request, sign_out_hint: str) -> str | None:
        """Where to send the browser, once signed out of Cordee, to sign out at the provider too (OpenID Connect
        RP-Initiated Logout 1.0): its `end_session_endpoint` with the ID token as `id_token_hint`, Cordee's client id
        and the sign-in page as `post_logout_redirect_uri`. None when the hint does not decrypt or has expired, the
        consultancy's provider is off or changed, or it names no such endpoint: then Cordee's sign-out is all."""
        try:
            kept = json.loads(self._sign_out.decrypt(sign_out_hint.encode(), ttl=self._sign_out_seconds))
            tenant_id, id_token = UUID(str(kept["tenant"])), str(kept["id_token"])
        except (InvalidToken, ValueError, KeyError, TypeError):
            return None
        provider = await anyio.to_thread.run_sync(self._provider_of, tenant_id)
        client = None if provider is None else await anyio.to_thread.run_sync(self._client, tenant_id, provider)
        if provider is None or client is None:
            return None
        try:
            metadata = await client.load_server_metadata()
        except Exception as error:  # unreachable: signing out of Cordee is done; the provider's session stays
            log.warning("Signing out at the provider skipped: no discovery document (%s).", type(error).__name__)
            return None
        endpoint = metadata.get("end_session_endpoint")
        if metadata.get("issuer") != provider.issuer or not _at_the_issuer(endpoint, provider.issuer):
            log.warning("Signing out at the provider skipped: its end_session_endpoint is not at its issuer.")
            return None
        query = {
            "id_token_hint": id_token,
            "client_id": provider.client_identifier,
            "post_logout_redirect_uri": str(request.url_for("login_form")),
        }
        return f"{endpoint}{'&' if '?' in str(endpoint) else '?'}{urlencode(query)}"

    async def _signed_in(self, request: Request, under_way: dict[str, Any]) -> tuple[UUID, UUID, bool, str | None]:
        """The consultancy and account the provider's answer signs in, whether it holds a role, and the ID token."""
        try:
            tenant_id = UUID(str(under_way.get("tenant")))
        except ValueError:
            raise Refused("No single sign-on was under way in this browser.") from None
        provider = await anyio.to_thread.run_sync(self._provider_of, tenant_id)
        client = None if provider is None else await anyio.to_thread.run_sync(self._client, tenant_id, provider)
        if provider is None or client is None:
            raise Refused("The consultancy's single sign-on is off or has changed.", tenant_id)
        claims, id_token = await _checked_claims(request, client, provider, tenant_id)
        signed_in = await anyio.to_thread.run_sync(self._account_for, tenant_id, provider, claims)
        return (*signed_in, id_token)

    def _account_for(
        self, tenant_id: UUID, provider: SingleSignOnSettings, claims: dict[str, Any]
    ) -> tuple[UUID, UUID, bool]:
        queries, scope = self.services.queries.tenancy, Scope(tenant_id)
        subject = str(claims["sub"])
        linked = queries.linked_account(scope, provider.issuer, subject)
        if linked is not None:
            return tenant_id, linked.account_id, bool(linked.roles)
        try:
            email = normalise_email(str(claims.get("email") or ""))
        except DomainError:
            raise Refused("The provider gave no usable e-mail address.", tenant_id) from None
        verified = claims.get("email_verified") is True
        if not verified:
            raise Refused("The provider has not verified the e-mail address.", tenant_id)
        existing = queries.sign_in(email)
        if existing is not None and existing.account.tenant_id != tenant_id:
            raise Refused("The e-mail address belongs to an account of another consultancy.", tenant_id)
        try:
            if existing is not None:
                account = existing.account
                command: object = LinkSingleSignOn(
                    tenant_id, account.account_id, provider.issuer, subject, email, verified
                )
                self.services.execute(command)
                return tenant_id, account.account_id, bool(account.roles)
            if not provider.allows(email):
                raise Refused("The e-mail domain is not one the consultancy allows.", tenant_id)
            name = str(claims.get("name") or email.partition("@")[0])
            saved = self.services.execute(OpenSingleSignOnAccount(tenant_id, provider.issuer, subject, email, name))
        except DomainError as error:
            raise Refused(f"Refused by the rules: {error.message}", tenant_id) from None
        security_event(
            SecurityEvent.USER_CREATED,
            saved.aggregate_id,
            description="Account opened, with no role, at its first single sign-on.",
            tenant=tenant_id,
            account=saved.aggregate_id,
        )
        return tenant_id, saved.aggregate_id, False

    def _provider_for(self, email: str, consultancy: str = "") -> tuple[UUID, SingleSignOnSettings] | None:
        """The consultancy whose provider this address signs in through, chosen without looking up any account, so
        the answer is the same for an address with an account and one without (no account enumeration): the
        consultancy its sign-in link names (`/login?consultancy=<slug>`), else the one consultancy whose provider
        admits the address's domain (none when several claim it)."""
        try:
            email = normalise_email(email)
        except DomainError:
            return None
        if consultancy:
            if not SLUG.fullmatch(consultancy):
                return None
            tenant_id = consultancy_id(consultancy)
            provider = self._provider_of(tenant_id)
            return None if provider is None else (tenant_id, provider)
        claimed = self.services.queries.tenancy.single_sign_on_by_domain(email.rpartition("@")[2])
        return claimed[0] if len(claimed) == 1 else None

    def _provider_of(self, tenant_id: UUID) -> SingleSignOnSettings | None:
        provider = self.services.queries.tenancy.single_sign_on(Scope(tenant_id))
        return provider if provider is not None and provider.enabled else None

    def _client(self, tenant_id: UUID, provider: SingleSignOnSettings) -> StarletteOAuth2App | None:
        """authlib's client for the consultancy's provider as configured now (a new one when the configuration
        changes, so a sign-in started before a change cannot finish after it)."""
        secrets = self.services.tenant_secrets
        secret = None if secrets is None else secrets.read(tenant_id, OIDC_CLIENT_SECRET, provider.secret_fingerprint)
        if secret is None:
            return None
        version = hashlib.sha256(
            f"{provider.issuer}\n{provider.client_identifier}\n{provider.secret_fingerprint}".encode()
        )
        name = f"t{tenant_id.hex}{version.hexdigest()[:16]}"
        client = self.oauth.create_client(name)
        if client is None:
            client = self.oauth.register(
                name,
                client_id=provider.client_identifier,
                client_secret=secret,
                server_metadata_url=provider.issuer + "/.well-known/openid-configuration",
                client_kwargs={
                    "scope": "openid email profile",
                    "code_challenge_method": "S256",
                    "token_endpoint_auth_method": "client_secret_post",
                },
            )
        return client


async def _checked_claims(
    request: Request, client: StarletteOAuth2App, provider: SingleSignOnSettings, tenant_id: UUID
) -> tuple[dict[str, Any], str | None]:
    """The ID token's claims, checked by authlib (state, signature, issuer, audience, expiry, nonce), with the
    e-mail claims of the UserInfo endpoint for the same subject; and the ID token itself, for signing out."""
    issuer_only = {"iss": {"essential": True, "values": [provider.issuer]}}
    try:
        token = await client.authorize_access_token(request, claims_options=issuer_only)
    except OAuthError as error:
        raise Refused(f"The provider's answer was refused: {error.error}.", tenant_id) from None
    except Exception as error:  # a forged ID token: authlib's and joserfc's checks raise their own errors
        claim = getattr(error, "claim", None)  # which claim failed (`iss`, `aud`, `nonce`, `exp`...), never a value
        named = f" ({claim})" if isinstance(claim, str) and claim.isidentifier() else ""
        raise Refused(f"The provider's answer was refused: {type(error).__name__}{named}.", tenant_id) from None
    claims = dict(token.get("userinfo") or {})
    if not claims.get("sub"):
        raise Refused("The provider sent no ID token.", tenant_id)
    try:
        userinfo = dict(await client.userinfo(token=token))
    except Exception as error:
        raise Refused(f"The provider's UserInfo could not be read: {type(error).__name__}.", tenant_id) from None
    if userinfo.get("sub") != claims["sub"]:  # OpenID Connect Core 1.0 §5.3.2
        raise Refused("The provider's UserInfo names another subject.", tenant_id)
    id_token = token.get("id_token")
    return {**claims, **userinfo}, id_token if isinstance(id_token, str) else None


def _log_refusal(request: Request, reason: str, tenant: UUID | None) -> None:
    address = request.client.host if request.client else None
    security_event(
        SecurityEvent.AUTHN_LOGIN_FAIL,
        subject_hash("single-sign-on:" + address_subject(address))[:16],
        description=f"Single sign-on refused. {reason}",
        request_id=request.state.request_id,
        address=address,
        tenant=tenant,
    )


def build_single_sign_on(services: Services, settings: Settings) -> SingleSignOn:
    return SingleSignOn(services, SignInThrottle(services.store.engine, throttle_rules(settings)))


def _at_the_issuer(endpoint: object, issuer: str) -> bool:
    """Whether the provider's sign-out endpoint is an address at its issuer's origin (scheme, host and port): the
    browser is sent there, so a discovery document never sends it anywhere else, nor to a `javascript:` address."""
    if not isinstance(endpoint, str) or not endpoint:
        return False
    given, expected = urlsplit(endpoint), urlsplit(issuer)
    return given.scheme in ("https", "http") and (given.scheme, given.netloc) == (expected.scheme, expected.netloc)
