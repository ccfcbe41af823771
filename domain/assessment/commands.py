"""Commands of gap analysis."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID


@dataclass(frozen=True)
class AssessGap:
    tenant_id: UUID
    actor_id: UUID
    cluster_id: UUID
    organisation_id: UUID
    visited_on: date
    analysed_on: date
    clause_levels: dict[str, int]
    theme_levels: dict[str, int]
