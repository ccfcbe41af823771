"""What the professional links' queries answer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID


@dataclass(frozen=True)
class ProfessionalLinkRow:
    """A link as one tenant reads it: the consultancy's row or the realm's."""

    tenant_id: UUID
    link_id: UUID
    consultancy_id: UUID
    consultancy_name: str
    coach_id: UUID
    coach_name: str
    professional_email: str
    professional_name: str | None
    status: str
    """`requested`, `in_force`, `declined` or `ended`."""
    requested_on: date
    answered_on: date | None
    ended_on: date | None
    ended_by: str | None
    """`consultancy` or `professional`, once ended."""
