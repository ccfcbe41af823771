"""What signing in asks beyond a password: the second factor's step and its enrolment, password reset by e-mail, and
the person's list of their sessions. Like signing in, these run partly without a session, so they are ports of the
pages rather than GraphQL mutations. The principal always comes from the session cookie, never from the form.

Every code, recovery code and reset link is checked under the sign-in throttle: a wrong one counts as a failed
sign-in for the account and the client's address.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar
from uuid import UUID

import anyio
import anyio.to_thread
from sqlalchemy import Engine, delete, insert, select
from starlette.requests import Request

from backend.auth.current import SESSION_COOKIE, principal_from_request
from backend.auth.mail import send_mail
from backend.auth.password_resets import password_resets
from backend.auth.passwords import check_new_password, hash_password
from backend.auth.principal import Principal
from backend.auth.second_factor import SecondFactors
from backend.auth.security_log import SecurityEvent, security_event
from backend.auth.sessions import Client
from backend.auth.sign_in import PasswordSignIn
from backend.auth.throttle import account_subject, address_subject, subject_hash
from backend.services import Services
from backend.settings import Settings
from domain.shared.errors import DomainError, ValidationFailed
from domain.tenancy.account import Role
from domain.tenancy.commands import RecordSecondFactor, ResetPassword
from frontend.ports import Enrolment, SessionShown
from projections.queries import Scope
from projections.tenancy.rows import AccountRow

T = TypeVar("T")

PENDING_COOKIE = "cordee_second_step"
PENDING_ATTEMPTS = 5
"""Wrong codes one pending sign-in takes before the password is asked again."""
RESET_REFUSED = "This reset link does not work: it was used, replaced or has expired. Ask for a new one."


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class _Caller:
    address: str | None
    request_id: str
    user_agent: str | None

    @classmethod
    def of(cls, request: Request) -> _Caller:
        address = request.client.host if request.client else None
        return cls(address, getattr(request.state, "request_id", ""), request.headers.get("user-agent"))

    @property
    def client(self) -> Client:
        return Client(self.address, self.user_agent)


class AccountSecurityService:
    pending_cookie = PENDING_COOKIE

    def __init__(self, services: Services, settings: Settings, sign_in: PasswordSignIn) -> None:
        self.services = services
        self.settings = settings
        self.throttle = sign_in.throttle
        self.factors: SecondFactors = sign_in.second_factors
        self.engine: Engine = services.store.engine
        self.clock = _now
        password_resets.metadata.create_all(self.engine)

    # Logging ---------------------------------------------------------------------------------------------------

    def _log(self, event: SecurityEvent, caller: _Caller, description: str, *args: object, **fields: Any) -> None:
        security_event(
            event, *args, description=description, request_id=caller.request_id, address=caller.address, **fields
        )

    # The second step of signing in ----------------------------------------------------------------------------

    def pending_works(self, pending_token: str) -> bool:
        return bool(pending_token) and self.services.sessions.pending(pending_token) is not None

    async def second_step(self, request: Request, pending_token: str, code: str) -> str | None:
        """The code (or a recovery code) after a right password: a full session's token, or None."""
        caller = _Caller.of(request)
        sessions = self.services.sessions
        pending = await anyio.to_thread.run_sync(sessions.pending, pending_token) if pending_token else None
        if pending is None:
            return None
        account = self._account(pending.tenant_id, pending.account_id)
        if account is None:
            return None
        subject, address = account_subject(account.email), address_subject(caller.address)
        standing = await anyio.to_thread.run_sync(self.throttle.reserve, subject, address)
        await anyio.sleep(standing.delay_seconds)
        ids = {"tenant": account.tenant_id, "account": account.account_id}
        who = subject_hash(subject)[:16]
        if standing.locked:
            self._log(SecurityEvent.AUTHN_LOGIN_LOCK, caller, "Second factor refused while locked.", who, **ids)
            return None
        factor = await anyio.to_thread.run_sync(self.factors.verify, account.account_id, code)
        if factor is None:
            self._log(SecurityEvent.AUTHN_LOGIN_FAIL, caller, "Second factor wrong.", who, factor="totp", **ids)
            await anyio.to_thread.run_sync(sessions.count_pending_attempt, pending_token, PENDING_ATTEMPTS)
            return None
        await anyio.to_thread.run_sync(self.throttle.succeeded, subject, address)
        token = await anyio.to_thread.run_sync(sessions.promote, pending_token, caller.client)
        if token is None:
            return None
        self._log(SecurityEvent.AUTHN_LOGIN_SUCCESS, caller, "Signed in.", who, factor=factor, **ids)
        self._log(SecurityEvent.SESSION_CREATED, caller, "Session opened.", who, **ids)
        if factor == "recovery_code":
            left = self.factors.recovery_codes_left(account.account_id)
            self._log(SecurityEvent.USER_UPDATED, caller, f"A recovery code was used; {left} left.", who, **ids)
        return token

    # Enrolment, for the signed-in person ----------------------------------------------------------------------

    def _principal(self, request: Request) -> Principal:
        principal = principal_from_request(self.services, request)
        if principal is None:
            raise PermissionError("Nobody is signed in.")
        return principal

    def second_factor_enabled(self, request: Request) -> bool:
        return self.factors.enabled(self._principal(request).account_id)

    def recovery_codes_left(self, request: Request) -> int:
        return self.factors.recovery_codes_left(self._principal(request).account_id)

    def enrolment(self, request: Request) -> Enrolment:
        """The secret being set up (a new one unless one awaits its first code)."""
        principal = self._principal(request)
        shown = self.factors.enrolment(principal.account_id, principal.email) or self.factors.begin(
            principal.tenant_id, principal.account_id, principal.email
        )
        return Enrolment(shown.grouped, shown.uri, shown.qr_svg)

    async def confirm_enrolment(self, request: Request, code: str) -> list[str] | None:
        principal = self._principal(request)
        caller = _Caller.of(request)

        def confirmed() -> list[str] | None:
            codes = self.factors.confirm(principal.account_id, code)
            if codes is not None:
                self._record(principal, "enabled")
            return codes

        codes = await self._checked(principal, caller, confirmed)
        if codes is not None:
            ids = {"tenant": principal.tenant_id, "account": principal.account_id}
            self._log(SecurityEvent.USER_UPDATED, caller, "Second factor enabled.", **ids)
            await self._renew(principal, caller)
        return codes

    async def disable(self, request: Request, code: str) -> bool:
        principal = self._principal(request)
        caller = _Caller.of(request)

        def disabled() -> bool | None:
            if self.factors.verify(principal.account_id, code) is None:
                return None
            self.factors.remove(principal.account_id)
            self._record(principal, "disabled")
            return True

        done = await self._checked(principal, caller, disabled)
        if done:
            ids = {"tenant": principal.tenant_id, "account": principal.account_id}
            self._log(SecurityEvent.USER_UPDATED, caller, "Second factor disabled.", **ids)
            await self._renew(principal, caller)
        return bool(done)

    async def new_recovery_codes(self, request: Request, code: str) -> list[str] | None:
        principal = self._principal(request)
        caller = _Caller.of(request)

        def regenerated() -> list[str] | None:
            if self.factors.verify(principal.account_id, code) is None:
                return None
            codes = self.factors.new_recovery_codes(principal.account_id)
            self._record(principal, "recovery_codes")
            return codes

        codes = await self._checked(principal, caller, regenerated)
        if codes is not None:
            ids = {"tenant": principal.tenant_id, "account": principal.account_id}
            self._log(SecurityEvent.USER_UPDATED, caller, "Recovery codes made anew.", **ids)
        return codes

    async def _checked(self, principal: Principal, caller: _Caller, check: Callable[[], T | None]) -> T | None:
        """Runs a code check under the throttle: a wrong code counts as a failed sign-in."""
        subject, address = account_subject(principal.email), address_subject(caller.address)
        standing = await anyio.to_thread.run_sync(self.throttle.reserve, subject, address)
        await anyio.sleep(standing.delay_seconds)
        ids = {"tenant": principal.tenant_id, "account": principal.account_id}
        if standing.locked:
            self._log(SecurityEvent.AUTHN_LOGIN_LOCK, caller, "Code refused while locked.", **ids)
            return None
        outcome = await anyio.to_thread.run_sync(check)
        if outcome is None:
            self._log(SecurityEvent.AUTHN_LOGIN_FAIL, caller, "Code wrong.", factor="totp", **ids)
            return None
        await anyio.to_thread.run_sync(self.throttle.succeeded, subject, address)
        return outcome

    def _record(self, principal: Principal, change: str) -> None:
        self.services.execute(RecordSecondFactor(principal.tenant_id, principal.account_id, change))

    async def _renew(self, principal: Principal, caller: _Caller) -> None:
        """A change to how the account signs in: every session of it gets a new token on its next request."""
        renewed = await anyio.to_thread.run_sync(self.services.sessions.renew_sessions_of, principal.account_id)
        ids = {"tenant": principal.tenant_id, "account": principal.account_id}
        self._log(SecurityEvent.SESSION_RENEWED, caller, f"{renewed} session(s) to be renewed.", **ids)

    def must_enrol(self, principal: Principal) -> bool:
        """Whether the consultancy requires a second factor of this admin or coach, who has none yet."""
        if not principal.roles & {Role.CONSULTANCY_ADMIN, Role.COACH}:
            return False
        with self.services.queries.one_transaction(principal.tenant_id):  # the principal's consultancy alone
            consultancy = self.services.queries.tenancy.consultancy(Scope(principal.tenant_id))
        if consultancy is None or not consultancy.requires_second_factor:
            return False
        return not self.factors.enabled(principal.account_id)

    # Password reset -------------------------------------------------------------------------------------------

    async def request_reset(self, request: Request, email: str) -> None:
        """Mails a reset link if the address is an active account's; answers the same, and takes about as long,
        either way. Throttled like signing in, under its own count for the address asked about."""
        caller = _Caller.of(request)
        cleaned = (email or "").strip().lower()[:254]
        subject, address = "reset:" + cleaned, address_subject(caller.address)
        standing = await anyio.to_thread.run_sync(self.throttle.reserve, subject, address)
        await anyio.sleep(standing.delay_seconds)
        who = subject_hash(subject)[:16]
        if standing.locked:
            self._log(SecurityEvent.AUTHN_LOGIN_LOCK, caller, "Password reset refused while locked.", who)
            return
        found = await anyio.to_thread.run_sync(self.services.queries.tenancy.sign_in, cleaned)
        account = found.account if found is not None and found.account.active else None
        if account is None:
            self._log(SecurityEvent.AUTHN_TOKEN_CREATED, caller, "Password reset asked for no account.", who)
            return
        token = secrets.token_urlsafe(32)
        expires = self.clock() + timedelta(minutes=self.settings.password_reset_minutes)
        with self.engine.begin() as conn:
            conn.execute(delete(password_resets).where(password_resets.c.account_id == account.account_id))
            conn.execute(delete(password_resets).where(password_resets.c.expires_at < self.clock()))
            conn.execute(
                insert(password_resets).values(
                    token_hash=_hash(token),
                    tenant_id=account.tenant_id,
                    account_id=account.account_id,
                    expires_at=expires,
                )
            )
        ids = {"tenant": account.tenant_id, "account": account.account_id}
        self._log(SecurityEvent.AUTHN_TOKEN_CREATED, caller, "Password reset link made.", who, **ids)
        link = f"{self._public_url()}/password/reset/{token}"
        minutes = round(self.settings.password_reset_minutes)
        body = (
            f"Hello {account.display_name},\n\n"
            f"Someone, hopefully you, asked to choose a new password for your Cordee account.\n"
            f"Open this link within {minutes} minutes to choose it (it works once):\n\n{link}\n\n"
            "If you did not ask, ignore this message: your password stays as it is.\n"
        )
        # Sent beside the answer, not before it: waiting for the mail server would tell a known address by its delay.
        sending = threading.Thread(
            target=send_mail,
            args=(self.settings, account.email, "Choose a new Cordee password", body),
            name="cordee-mail",
            daemon=True,
        )
        sending.start()

    def _public_url(self) -> str:
        return (self.settings.public_url or f"http://{self.settings.host}:{self.settings.port}").rstrip("/")

    def _reset_account(self, token: str) -> AccountRow | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(password_resets).where(password_resets.c.token_hash == _hash(token))).first()
        if row is None or _aware(row.expires_at) <= self.clock():
            return None
        account = self._account(row.tenant_id, row.account_id)
        return account if account is not None and account.active else None

    def reset_works(self, token: str) -> bool:
        return bool(token) and self._reset_account(token) is not None

    async def complete_reset(self, request: Request, token: str, password: str) -> dict[str, str]:
        """Sets the new password and ends every session of the account; answers refusals by field (`token`,
        `new_password`), none when done."""
        caller = _Caller.of(request)
        subject, address = "reset-link:" + (caller.address or ""), address_subject(caller.address)
        standing = await anyio.to_thread.run_sync(self.throttle.reserve, subject, address)
        await anyio.sleep(standing.delay_seconds)
        if standing.locked:
            self._log(SecurityEvent.AUTHN_LOGIN_LOCK, caller, "Password reset link refused while locked.")
            return {"token": RESET_REFUSED}
        account = await anyio.to_thread.run_sync(self._reset_account, token)
        if account is None:
            self._log(SecurityEvent.AUTHN_TOKEN_REUSE, caller, "A password reset link that does not work was used.")
            return {"token": RESET_REFUSED}
        await anyio.to_thread.run_sync(self.throttle.succeeded, subject, address)
        ids = {"tenant": account.tenant_id, "account": account.account_id}
        try:
            await anyio.to_thread.run_sync(self._reset, account, token, password)
        except DomainError as error:
            self._log(SecurityEvent.AUTHN_PASSWORD_CHANGE_FAIL, caller, "New password refused.", **ids)
            return {"new_password" if error.field == "new_password" else "token": error.message}
        self._log(SecurityEvent.AUTHN_PASSWORD_CHANGE, caller, "Password reset by e-mail link.", **ids)
        self._log(SecurityEvent.AUTHN_TOKEN_DELETE, caller, "Password reset link used up.", **ids)
        return {}

    def _reset(self, account: AccountRow, token: str, password: str) -> None:
        check_new_password(password, account.email)
        with self.engine.begin() as conn:  # used up first: a second request with the same link finds nothing
            used = conn.execute(delete(password_resets).where(password_resets.c.token_hash == _hash(token)))
        if not used.rowcount:
            raise ValidationFailed("token", RESET_REFUSED)
        self.services.execute(ResetPassword(account.tenant_id, account.account_id, hash_password(password)))
        self.services.sessions.close_all(account.account_id)  # whoever had a session of the account loses it

    # The person's sessions ------------------------------------------------------------------------------------

    def sessions(self, request: Request) -> list[SessionShown]:
        principal = self._principal(request)
        current = _current_token(request)
        return [
            SessionShown(
                str(row.session_id),
                row.created_at,
                row.last_seen_at,
                row.address,
                user_agent_summary(row.user_agent),
                row.current,
            )
            for row in self.services.sessions.listing(principal.account_id, current)
        ]

    def end_session(self, request: Request, session_id: str) -> bool:
        principal = self._principal(request)
        try:
            wanted = UUID(session_id)
        except ValueError:
            return False
        done = self.services.sessions.close_one(principal.account_id, wanted)
        if done:
            ids = {"tenant": principal.tenant_id, "account": principal.account_id}
            self._log(SecurityEvent.SESSION_EXPIRED, _Caller.of(request), "Session ended by its person.", **ids)
        return done

    def end_other_sessions(self, request: Request) -> None:
        principal = self._principal(request)
        self.services.sessions.close_all(principal.account_id, keep=_current_token(request))
        ids = {"tenant": principal.tenant_id, "account": principal.account_id}
        self._log(SecurityEvent.SESSION_EXPIRED, _Caller.of(request), "Other sessions ended by their person.", **ids)

    def _account(self, tenant_id: UUID, account_id: UUID) -> AccountRow | None:
        return self.services.queries.tenancy.account(Scope(tenant_id), account_id)


def _current_token(request: Request) -> str | None:
    return getattr(request.state, "session_token", None) or request.cookies.get(SESSION_COOKIE)


_BROWSERS = (("Edg/", "Edge"), ("OPR/", "Opera"), ("Firefox/", "Firefox"), ("Chrome/", "Chrome"), ("Safari/", "Safari"))
_SYSTEMS = (
    ("Android", "Android"),
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Windows", "Windows"),
    ("Mac OS X", "macOS"),
    ("CrOS", "ChromeOS"),
    ("Linux", "Linux"),
)


def user_agent_summary(user_agent: str | None) -> str:
    """`Firefox on Linux`, from the browser's own description of itself (which it may make up)."""
    agent = user_agent or ""
    browser = next((name for mark, name in _BROWSERS if mark in agent), None)
    system = next((name for mark, name in _SYSTEMS if mark in agent), None)
    if browser is None and system is None:
        return re.sub(r"[^\w ./-]", "", agent)[:40] or "Unknown browser"
    return f"{browser or 'A browser'} on {system or 'an unknown system'}"


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
