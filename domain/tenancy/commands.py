"""Commands that set up tenants and their users."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from domain.programme_template.template import ProgrammeTemplate
from domain.tenancy.account import Role


@dataclass(frozen=True)
class CreateConsultancy:
    actor_id: UUID
    name: str
    slug: str


@dataclass(frozen=True)
class OpenAccount:
    tenant_id: UUID
    actor_id: UUID
    email: str
    display_name: str
    password_hash: str
    roles: tuple[Role, ...]
    organisation_id: UUID | None = None


@dataclass(frozen=True)
class ChangePassword:
    """The acting account changes its own password, given as a hash."""

    tenant_id: UUID
    actor_id: UUID
    password_hash: str


@dataclass(frozen=True)
class IssueCalendarKey:
    """The acting account gets a new secret calendar link, given as the SHA-256 hash of its key."""

    tenant_id: UUID
    actor_id: UUID
    key_hash: str


@dataclass(frozen=True)
class RevokeCalendarKey:
    tenant_id: UUID
    actor_id: UUID


@dataclass(frozen=True)
class ChangeProgrammeTemplate:
    tenant_id: UUID
    actor_id: UUID
    template: ProgrammeTemplate


@dataclass(frozen=True)
class SetSingleOrganisationBaseline:
    tenant_id: UUID
    actor_id: UUID
    days: float


@dataclass(frozen=True)
class SetComparisonThreshold:
    """How many organisations must contribute to a cluster's comparison (k)."""

    tenant_id: UUID
    actor_id: UUID
    k: int


@dataclass(frozen=True)
class SetLargeClustersAllowed:
    tenant_id: UUID
    actor_id: UUID
    allowed: bool


@dataclass(frozen=True)
class GrantRole:
    """A role for an account: on the consultancy (admin, coach) or on the account's organisation, from a day (today
    when none) until a day (open-ended when none; an auditor's always ends)."""

    tenant_id: UUID
    actor_id: UUID
    account_id: UUID
    grant_id: UUID
    role: Role
    organisation_id: UUID | None = None
    valid_from: date | None = None
    valid_until: date | None = None


@dataclass(frozen=True)
class RevokeGrant:
    tenant_id: UUID
    actor_id: UUID
    account_id: UUID
    grant_id: UUID
    reason: str


@dataclass(frozen=True)
class InviteAccount:
    """An admin opens an account for someone, who chooses their password with the invitation link."""

    tenant_id: UUID
    actor_id: UUID
    email: str
    display_name: str
    role: Role
    key_hash: str
    organisation_id: UUID | None = None
    grant_id: UUID | None = None
    """An auditor's grant, with its window: an auditor's account is opened with it."""
    valid_from: date | None = None
    valid_until: date | None = None


@dataclass(frozen=True)
class IssueInvitation:
    """A new invitation link for an account (the earlier one stops), given as the SHA-256 hash of its key."""

    tenant_id: UUID
    actor_id: UUID
    account_id: UUID
    key_hash: str


@dataclass(frozen=True)
class AcceptInvitation:
    """The invited person chooses their password; they act as the account the link names."""

    tenant_id: UUID
    account_id: UUID
    key_hash: str
    password_hash: str


@dataclass(frozen=True)
class DeactivateAccount:
    tenant_id: UUID
    actor_id: UUID
    account_id: UUID
    reason: str


@dataclass(frozen=True)
class ReactivateAccount:
    """A correction: the account was deactivated by mistake."""

    tenant_id: UUID
    actor_id: UUID
    account_id: UUID
    reason: str


@dataclass(frozen=True)
class IssueApiToken:
    """The acting account makes itself a personal access token, given as the SHA-256 hash of its secret."""

    tenant_id: UUID
    actor_id: UUID
    token_id: UUID
    name: str
    scopes: tuple[str, ...]
    expires_on: date
    key_hash: str


@dataclass(frozen=True)
class RevokeApiToken:
    tenant_id: UUID
    actor_id: UUID
    token_id: UUID


@dataclass(frozen=True)
class RegisterIntegrationClient:
    """An admin registers a program that acts for one member organisation; its secret is given as its hash."""

    tenant_id: UUID
    actor_id: UUID
    client_id: UUID
    name: str
    organisation_id: UUID
    scopes: tuple[str, ...]
    secret_hash: str


@dataclass(frozen=True)
class RevokeIntegrationClient:
    tenant_id: UUID
    actor_id: UUID
    client_id: UUID
    reason: str = ""


@dataclass(frozen=True)
class SetSecondFactorRequired:
    """Whether the consultancy's admins and coaches must sign in with a second factor."""

    tenant_id: UUID
    actor_id: UUID
    required: bool


@dataclass(frozen=True)
class ResetPassword:
    """The person who opened a password reset link chooses a new password; they act as the account."""

    tenant_id: UUID
    account_id: UUID
    password_hash: str


@dataclass(frozen=True)
class RecordSecondFactor:
    """The acting account's second factor was enabled, disabled, or its recovery codes made anew (`change`)."""

    tenant_id: UUID
    actor_id: UUID
    change: str


@dataclass(frozen=True)
class ConfigureSingleSignOn:
    """The consultancy's OpenID provider. The client secret is kept encrypted outside the events; the command names
    it by its fingerprint when it is new, or gives None to keep the current one."""

    tenant_id: UUID
    actor_id: UUID
    issuer: str
    client_identifier: str
    allowed_domains: tuple[str, ...]
    enabled: bool
    secret_fingerprint: str | None = None


@dataclass(frozen=True)
class LinkSingleSignOn:
    """Someone signing in through the consultancy's provider for the first time, whose verified address is an
    existing account's, is linked to it by the provider's subject."""

    tenant_id: UUID
    account_id: UUID
    issuer: str
    subject: str
    email: str
    email_verified: bool


@dataclass(frozen=True)
class OpenSingleSignOnAccount:
    """Someone signing in through the consultancy's provider for the first time, with no account yet: an account
    with no role, for an allowed domain only."""

    tenant_id: UUID
    issuer: str
    subject: str
    email: str
    display_name: str
