"""The effort a cluster takes, as paper 004 measures it against a single-organisation project."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

MEMBERS_FOR_SHARED_TOTALS = 3
"""A member sees the cluster's totals only over at least this many members: with fewer, its own days and the
totals would tell another member's days (DOMAIN.md, "Shared and anonymised")."""


@dataclass(frozen=True)
class ClusterEffort:
    training_days_held: float
    consultancy_days: float
    """The coach's days: every gap analysis and coaching half-day, and the training held once for all members."""
    days_per_organisation: float | None
    share_of_baseline: float | None
    """Days per organisation over the single-organisation baseline: the paper found about a third."""


def cluster_effort(
    member_days: Sequence[tuple[float, float]], training_half_days_held: int, baseline_days: float | None
) -> ClusterEffort:
    """`member_days` holds each member's (gap analysis days, coaching days)."""
    spent = sum(gap + coaching for gap, coaching in member_days)
    return effort_of_members(len(member_days), spent, training_half_days_held, baseline_days)


def effort_of_members(
    members: int, member_days: float, training_half_days_held: int, baseline_days: float | None
) -> ClusterEffort:
    """The cluster's effort from its members' gap analysis and coaching days, summed over `members` members."""
    training_days = training_half_days_held / 2
    consultancy_days = training_days + member_days
    per_organisation = round(consultancy_days / members, 2) if members else None
    share = round(per_organisation / baseline_days, 3) if per_organisation is not None and baseline_days else None
    return ClusterEffort(training_days, consultancy_days, per_organisation, share)


def totals_shared_with_member(members: int) -> bool:
    """Whether a member may see the cluster's totals: only when they name no other member's days."""
    return members >= MEMBERS_FOR_SHARED_TOTALS
