"""What the tenancy queries answer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
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
