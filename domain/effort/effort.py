"""The effort a cluster takes, as paper 004 measures it against a single-organisation project."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


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
    training_days = training_half_days_held / 2
    consultancy_days = training_days + sum(gap + coaching for gap, coaching in member_days)
    per_organisation = round(consultancy_days / len(member_days), 2) if member_days else None
    share = round(per_organisation / baseline_days, 3) if per_organisation is not None and baseline_days else None
    return ClusterEffort(training_days, consultancy_days, per_organisation, share)
