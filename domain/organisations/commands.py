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
