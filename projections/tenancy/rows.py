"""What the tenancy queries answer."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID


@dataclass(frozen=True)
class ConsultancyRow:
    tenant_id: UUID
    name: str
    slug: str
    allows_clusters_above_standard_size: bool
    template_version: int
    single_organisation_baseline_days: float | None


@dataclass(frozen=True)
class AccountRow:
    tenant_id: UUID
    account_id: UUID
    email: str
    display_name: str
    roles: tuple[str, ...]
    organisation_id: UUID | None = None


@dataclass(frozen=True)
class SignIn:
    account: AccountRow
    password_hash: str
