"""What the effort queries answer."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID


@dataclass(frozen=True)
class EffortRow:
    organisation_id: UUID
    organisation_name: str
    gap_analysis_days: float
    training_days_attended: float
    coaching_days: float


@dataclass(frozen=True)
class MembersEffort:
    """The days of every member of a cluster, summed: what the cluster's totals count."""

    members: int
    gap_analysis_days: float
    coaching_days: float
