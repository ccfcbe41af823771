"""What the organisation queries answer."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID


@dataclass(frozen=True)
class OrganisationRow:
    organisation_id: UUID
    name: str
    sector: str
    employee_count: int
    country: str | None = None
    region: str | None = None
