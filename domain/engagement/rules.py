"""What may be done in a member's engagement (coaching ledger, ceiling, outcome): one definition each.

Pure functions over statuses and counts, used by the aggregates' own guards and by the API's `viewerCan` fields.
"""

from __future__ import annotations

from domain.clusters.rules import ClusterStatus
from domain.engagement.outcome import Outcome

NEXT_OUTCOME: dict[Outcome, Outcome] = {
    Outcome.IN_PROGRESS: Outcome.ESTABLISHED,
    Outcome.ESTABLISHED: Outcome.AUDIT_PLANNED,
    Outcome.AUDIT_PLANNED: Outcome.CERTIFIED,
}
"""The order of outcomes: in progress → ISMS established → certification audit planned → certified."""


def next_outcome(outcome: Outcome) -> Outcome | None:
    """The step that follows `outcome`, or None once certified (or withdrawn)."""
    return NEXT_OUTCOME.get(outcome)


def can_log_coaching(cluster_status: ClusterStatus, member_active: bool, used: int, ceiling: int) -> bool:
    """Coaching is logged for an active member of a running cluster, up to its ceiling."""
    return cluster_status is ClusterStatus.RUNNING and member_active and used < ceiling


def can_raise_ceiling(cluster_status: ClusterStatus, member_active: bool) -> bool:
    """The ceiling is raised for an active member while the cluster runs."""
    return cluster_status is ClusterStatus.RUNNING and member_active


def can_record_outcome(cluster_status: ClusterStatus, member_active: bool, outcome: Outcome, step: Outcome) -> bool:
    """`step` is recorded for an active member of a started cluster when it is the next one after `outcome`."""
    started = cluster_status in (ClusterStatus.RUNNING, ClusterStatus.CLOSED)
    return started and member_active and next_outcome(outcome) is step


def can_correct_coaching_entry(voided: bool) -> bool:
    """An entry of the ledger is corrected or voided until it is void (a void is final)."""
    return not voided
