"""What the tenancy queries answer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID


@dataclass(frozen=True)
class ConsultancyRow:
    tenant_id: UUID
    name: str
    slug: str
    allows_clusters_above_standard_size: bool
    template_version: int
    single_organisation_baseline_days: float | None
    requires_second_factor: bool = False
    """Whether its admins and coaches must sign in with a second factor."""


@dataclass(frozen=True)
class AccountRow:
    tenant_id: UUID
    account_id: UUID
    email: str
    display_name: str
    roles: tuple[str, ...]
    organisation_id: UUID | None = None
    active: bool = True
    """False once deactivated: it may not sign in, and its sessions and calendar link stop."""
    invitation_expires_on: date | None = None
    """The last day its open invitation link works, if it has one (read by the accounts list)."""
    password_chosen: bool = True
    """False while its person has not yet chosen a password with their invitation link."""


@dataclass(frozen=True)
class SignIn:
    account: AccountRow
    password_hash: str


@dataclass(frozen=True)
class ApiTokenRow:
    """A personal access token as its owner lists it; the secret is never kept, its hash never leaves the server."""

    tenant_id: UUID
    token_id: UUID
    account_id: UUID
    name: str
    scopes: tuple[str, ...]
    expires_on: date
    created_at: datetime
    revoked_at: datetime | None


@dataclass(frozen=True)
class IntegrationClientRow:
    tenant_id: UUID
    client_id: UUID
    organisation_id: UUID
    name: str
    scopes: tuple[str, ...]
    registered_at: datetime
    revoked_at: datetime | None


@dataclass(frozen=True)
class ClientSecret:
    """What the token endpoint checks a client's secret against: read by the token endpoint only."""

    client: IntegrationClientRow
    secret_hash: str


@dataclass(frozen=True)
class GrantRow:
    """A role granted to an account: on an organisation (none: the consultancy), its window (both days included;
    none: open), and whether and why it was revoked."""

    tenant_id: UUID
    grant_id: UUID
    account_id: UUID
    role: str
    organisation_id: UUID | None
    valid_from: date | None
    valid_until: date | None
    granted_by: UUID
    granted_at: datetime
    revoked_by: UUID | None = None
    revoked_at: datetime | None = None
    revoke_reason: str | None = None

    def valid_on(self, day: date) -> bool:
        """Not revoked, and the day inside its window."""
        return (
            self.revoked_at is None
            and (self.valid_from is None or self.valid_from <= day)
            and (self.valid_until is None or day <= self.valid_until)
        )


@dataclass(frozen=True)
class AccountFilter:
    """Which accounts a page lists: holding one of `roles` by a grant valid on `today`, of an organisation, and
    whose name or e-mail address holds `search` (any case)."""

    today: date
    roles: tuple[str, ...] = ()
    organisation_id: UUID | None = None
    search: str | None = None
