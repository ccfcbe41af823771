"""What the pages need from the backend, handed over when the backend mounts them."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from starlette.requests import Request

AS_OF_STATE = "as_of"
"""The attribute of a page request's state holding the moment the page reads the registers as recorded at (a UTC
`datetime`, set by the page layer from `?as_of=`): `execute` runs the page's documents as of it."""


@dataclass(frozen=True)
class GraphQLResult:
    data: dict[str, Any] | None
    errors: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class Viewer:
    account_id: str
    display_name: str
    consultancy_name: str
    csrf_token: str
    organisation_id: str | None = None
    """Set for someone of a member organisation: the organisation they act for (the default of its forms).

    What the viewer may do is never derived here from roles: the pages ask the API (`viewer.can`, `viewerCan`)."""
    administers: bool = False
    """Whether the policy lets the viewer manage the consultancy's accounts and settings: its links show then."""
    sees_anything: bool = True
    oversees_clusters: bool = False
    """An admin or a coach: the consultancy's portfolio is theirs to see (the API decides what it shows)."""
    home: str = "/"
    """The viewer's home page: `/professional` for a professional, `/labelling-body` for a labelling body's staff,
    who see nothing of any consultancy; `/` for everyone of a consultancy."""
    """False for an account with no role yet (opened at its first single sign-on): it is shown why it sees nothing."""


@dataclass(frozen=True)
class InvitedPerson:
    """Whom an invitation link, while it works, invites."""

    display_name: str
    email: str


@dataclass(frozen=True)
class SignedIn:
    """A password sign-in that worked: a session's token, or, when a second factor is still to come, a pending one's."""

    token: str
    pending: bool = False


@dataclass(frozen=True)
class Enrolment:
    key_in_groups: str
    uri: str
    qr_svg: str = ""
    """The link as a QR code: an inline SVG element made by the backend, shown as it is."""


@dataclass(frozen=True)
class SessionShown:
    session_id: str
    created_at: datetime
    last_seen_at: datetime
    address: str | None
    client: str
    """The browser and system, as its user agent names them."""
    current: bool


class AccountSecurity(Protocol):
    """The second factor, password reset by e-mail and the person's sessions (see backend/auth/account_security.py)."""

    pending_cookie: str

    async def second_step(self, request: Request, pending_token: str, code: str) -> str | None: ...
    def pending_works(self, pending_token: str) -> bool: ...
    def second_factor_enabled(self, request: Request) -> bool: ...
    def recovery_codes_left(self, request: Request) -> int: ...
    def enrolment(self, request: Request) -> Enrolment: ...
    async def confirm_enrolment(self, request: Request, code: str) -> list[str] | None: ...
    async def disable(self, request: Request, code: str) -> bool: ...
    async def new_recovery_codes(self, request: Request, code: str) -> list[str] | None: ...
    async def request_reset(self, request: Request, email: str) -> None: ...
    def reset_works(self, token: str) -> bool: ...
    async def complete_reset(self, request: Request, token: str, password: str) -> dict[str, str]: ...
    def sessions(self, request: Request) -> list[SessionShown]: ...
    def end_session(self, request: Request, session_id: str) -> bool: ...
    def end_other_sessions(self, request: Request) -> None: ...


@dataclass(frozen=True)
class SingleSignOnResult:
    """The end of a sign-in through a consultancy's OpenID provider: a session token, or a refusal to show."""

    token: str | None = None
    has_role: bool = False
    """False for an account opened at its first sign-in: it sees nothing until an admin grants it a role."""
    next: str = "/"
    refusal: str | None = None
    sign_out_hint: str | None = None
    """Kept in the browser (a cookie) to sign out at the provider too when signing out of Cordee (opaque)."""


@dataclass(frozen=True)
class LiveSettings:
    lifetime_seconds: float = 55.0
    """A stream ends after this long; the browser reconnects (`retry_ms` later), and the session is checked again."""
    poll_seconds: float = 1.0
    """How often the projections' positions are read, at most, for all the process's streams together."""
    keepalive_seconds: float = 15.0
    """A comment is sent this often when nothing changed, so a closed connection is noticed."""
    retry_ms: int = 2000
    per_session: int = 4
    per_tenant: int = 200


@dataclass
class LiveSupport:
    """What the streams need of the backend, beside running documents as the request's person."""

    position: Callable[[], int]
    """The projections' progress: a number that grows whenever any read model moves (read in a worker thread)."""
    tenant_of: Callable[[Request], str | None]
    """The consultancy of the request's session, or None when it names nobody."""
    settings: LiveSettings = field(default_factory=LiveSettings)
    secret: bytes = b""
    """Signs the streams' event ids (the server's secret key)."""


@dataclass(frozen=True)
class FrontendPorts:
    execute: Callable[[Request, str, dict[str, Any] | None], Awaitable[GraphQLResult]]
    """Runs a GraphQL document as the request's principal (as of the moment on its state, if any: `AS_OF_STATE`)."""
    viewer: Callable[[Request], Viewer | None]
    sign_in: Callable[[Request, str, str], Awaitable[SignedIn | None]]
    """The request (for its address and id), e-mail and password to a session token, or None when refused."""
    sign_out: Callable[[str], None]
    invitation: Callable[[str], InvitedPerson | None]
    """Whom the invitation link with this key invites, or None when it does not work (used, replaced, expired)."""
    accept_invitation: Callable[[str, str], Awaitable[dict[str, str]]]
    """Key and chosen password: sets the password; answers the refusals by field (`key`, `new_password`)."""
    session_cookie: str
    session_max_age_seconds: int
    secure_cookies: bool
    security: AccountSecurity | None = None
    """Second factor, password reset and sessions; None where the backend offers none of them."""
    single_sign_on_start: Callable[[Request, str, str, str], Awaitable[str | None]] | None = None
    """The request, an e-mail address, the local path to return to and the slug of the consultancy the sign-in link
    names (or ""), to the URL of the consultancy's OpenID provider to send the browser to; None when no provider takes
    this address. Never decided by whether the address has an account."""
    single_sign_on_finish: Callable[[Request], Awaitable[SingleSignOnResult]] | None = None
    """The provider's answer (the callback request) to a session, or a refusal."""
    live: LiveSupport | None = None
    """Live pages' streams (`frontend/site/live.py`); None: pages are plain pages, with no stream."""
    single_sign_on_end: Callable[[Request, str], Awaitable[str | None]] | None = None
    """The request and a sign-in's `sign_out_hint`, to the provider's address that ends its session too (RP-initiated
    logout), for the browser to go to once signed out of Cordee; None when there is none."""
    label_verdict: Callable[[str, str], LabelVerdictShown | None] | None = None
    """The public verdict on a labelling body's credential, by the body's short name and the credential's public id;
    None when there is none at that address (`backend/http/labels.py`)."""


@dataclass(frozen=True)
class LabelVerdictShown:
    """A label's public verdict, as its verification page shows it: `valid`, `expired`, `suspended`, `revoked`,
    `not_yet_valid`, `status_unknown` or `unavailable` (the body cannot sign: its key is not configured); for whom
    only while valid."""

    state: str
    label: str | None = None
    issuer: str | None = None
    valid_from: str | None = None
    valid_until: str | None = None
    holder: str | None = None
    reason: str = ""
