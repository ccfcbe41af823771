"""Commands on organisations."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID


@dataclass(frozen=True)
class RegisterOrganisation:
    tenant_id: UUID
    actor_id: UUID
    name: str
    sector: str
    employee_count: int
    country: str | None = None
    region: str | None = None


@dataclass(frozen=True)
class ChangeOrganisationDetails:
    tenant_id: UUID
    actor_id: UUID
    organisation_id: UUID
    sector: str
    employee_count: int
    country: str | None
    region: str | None
