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


@dataclass(frozen=True)
class MemberDays:
    """One member's gap analysis and coaching days, for the consultancy's portfolio."""

    organisation_id: UUID
    gap_analysis_days: float
    coaching_days: float


@dataclass(frozen=True)
class ClustersEffort:
    """The effort of several clusters: each member's days and the training each cluster held, in half-days."""

    members: dict[UUID, list[MemberDays]]
    training_half_days_held: dict[UUID, int]


@dataclass(frozen=True)
class PortfolioTotals:
    """Every cluster in view summed: its members, their gap analysis and coaching days, the training held."""

    members: int
    member_days: float
    training_half_days_held: int
