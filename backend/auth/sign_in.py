"""Signing in with a password: throttled, the same answer for every refusal, and each attempt logged."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import anyio
import anyio.to_thread

from backend.auth.passwords import verify_password
from backend.auth.second_factor import SecondFactors
from backend.auth.security_log import SecurityEvent, security_event
from backend.auth.sessions import Client
from backend.auth.throttle import SignInThrottle, ThrottleRules, account_subject, address_subject, subject_hash
from backend.services import Services
from backend.settings import Settings
from frontend.ports import SignedIn
from projections.tenancy.rows import SignIn


@dataclass(frozen=True)
class SignInAttempt:
    email: str
    password: str
    address: str | None
    """The client's address, as the server saw it."""
    request_id: str
    user_agent: str | None = None


class PasswordSignIn:
    """E-mail and password to a session token, or None: wrong password, unknown e-mail and lock look alike."""

    def __init__(self, services: Services, throttle: SignInThrottle, second_factors: SecondFactors) -> None:
        self.services = services
        self.throttle = throttle
        self.second_factors = second_factors

    async def __call__(self, attempt: SignInAttempt) -> SignedIn | None:
        account, address = account_subject(attempt.email), address_subject(attempt.address)
        subject = subject_hash(account)[:16]

        def logged(event: SecurityEvent, description: str, **fields: object) -> None:
            security_event(
                event,
                subject,
                description=description,
                request_id=attempt.request_id,
                address=attempt.address,
                **fields,
            )

        standing = await anyio.to_thread.run_sync(self.throttle.reserve, account, address)
        await anyio.sleep(standing.delay_seconds)  # waits without holding the event loop
        if standing.locked:
            logged(SecurityEvent.AUTHN_LOGIN_LOCK, "Sign-in refused while locked.")
            return None
        found = await self._matching(attempt)
        if found is None:  # already counted by `reserve`
            logged(SecurityEvent.AUTHN_LOGIN_FAIL, "Sign-in failed.")
            for locked in standing.locks:
                kind = locked.split(":")[0]
                logged(SecurityEvent.AUTHN_LOGIN_FAIL_MAX, f"Sign-in locked for {kind} after repeated failures.")
            return None
        tenant_id, account_id = found.account.tenant_id, found.account.account_id
        client = Client(attempt.address, attempt.user_agent)
        if await anyio.to_thread.run_sync(self.second_factors.enabled, account_id):
            # The attempt stays counted until the code is right too: a known password does not buy fresh guesses.
            pending = await anyio.to_thread.run_sync(self.services.sessions.open_pending, tenant_id, account_id, client)
            logged(
                SecurityEvent.AUTHN_LOGIN_SUCCESS,
                "Password right; the second factor is to come.",
                tenant=tenant_id,
                account=account_id,
                factor="password",
                complete=False,
            )
            return SignedIn(pending, pending=True)
        await anyio.to_thread.run_sync(self.throttle.succeeded, account, address)
        token = await anyio.to_thread.run_sync(self.services.sessions.open, tenant_id, account_id, client)
        logged(SecurityEvent.AUTHN_LOGIN_SUCCESS, "Signed in.", tenant=tenant_id, account=account_id, factor="password")
        logged(SecurityEvent.SESSION_CREATED, "Session opened.", tenant=tenant_id, account=account_id)
        return SignedIn(token)

    async def _matching(self, attempt: SignInAttempt) -> SignIn | None:
        """The account whose password the attempt gives; an unknown e-mail is checked against a dummy hash, so it
        takes the same work and the same time as a wrong password."""
        found = await anyio.to_thread.run_sync(self.services.queries.tenancy.sign_in, attempt.email)
        known_hash = found.password_hash if found else None
        matches = await anyio.to_thread.run_sync(verify_password, known_hash, attempt.password)
        return found if found is not None and matches else None


def build_password_sign_in(services: Services, settings: Settings) -> PasswordSignIn:
    throttle = SignInThrottle(services.store.engine, throttle_rules(settings))
    throttle.create_table()
    second_factors = SecondFactors(services.store.engine, settings.secret_key)
    second_factors.create_table()
    return PasswordSignIn(services, throttle, second_factors)


def throttle_rules(settings: Settings) -> ThrottleRules:
    return ThrottleRules(
        free_failures=settings.sign_in_free_failures,
        first_delay_seconds=settings.sign_in_first_delay_seconds,
        max_delay_seconds=settings.sign_in_max_delay_seconds,
        account_lock_failures=settings.sign_in_account_lock_failures,
        address_lock_failures=settings.sign_in_address_lock_failures,
        window=timedelta(seconds=settings.sign_in_window_seconds),
        lock=timedelta(seconds=settings.sign_in_lock_seconds),
    )
