"""What may be done to a cluster in each state: one definition each, used by `Cluster`'s own guards and by the
API when it tells a viewer what they can do.

Pure functions over statuses, so a caller that holds only a read row can ask the same question as the aggregate.
"""

from __future__ import annotations

from enum import StrEnum

from domain.engagement.outcome import Outcome
from domain.shared.errors import ValidationFailed


class ClusterStatus(StrEnum):
    FORMING = "forming"
    PLANNED = "planned"
    RUNNING = "running"
    CLOSED = "closed"


class SessionStatus(StrEnum):
    SCHEDULED = "scheduled"
    HELD = "held"
    CANCELLED = "cancelled"


INITIAL_TRAINING_TITLE = "Initial training: the standard and the implementation guide"


def is_active_member(withdrawn: bool) -> bool:
    """An active member is one that has not withdrawn: it is planned for, expected at sessions, coached."""
    return not withdrawn


def can_admit(cluster_status: ClusterStatus) -> bool:
    """Organisations join a cluster while it is forming."""
    return cluster_status is ClusterStatus.FORMING


def can_accept_plan(cluster_status: ClusterStatus) -> bool:
    """A plan is accepted once, while the cluster is forming."""
    return cluster_status is ClusterStatus.FORMING


def can_start(cluster_status: ClusterStatus) -> bool:
    """A cluster starts once its plan is accepted."""
    return cluster_status is ClusterStatus.PLANNED


def can_close(cluster_status: ClusterStatus) -> bool:
    """Only a running cluster can be closed."""
    return cluster_status is ClusterStatus.RUNNING


def can_hold_session(cluster_status: ClusterStatus, session_status: SessionStatus) -> bool:
    """A scheduled session is held while the cluster runs."""
    return cluster_status is ClusterStatus.RUNNING and session_status is SessionStatus.SCHEDULED


def can_move_session(cluster_status: ClusterStatus, session_status: SessionStatus) -> bool:
    """Only a scheduled session moves (held and cancelled ones stay where they were)."""
    return session_status is SessionStatus.SCHEDULED


def can_cancel_session(cluster_status: ClusterStatus, session_status: SessionStatus) -> bool:
    """A scheduled session is cancelled before the cluster closes."""
    return cluster_status is not ClusterStatus.CLOSED and session_status is SessionStatus.SCHEDULED


def can_undo_held(cluster_status: ClusterStatus, session_status: SessionStatus, kind: str = "") -> bool:
    """A session recorded as held by mistake goes back to planned, before the cluster closes. A coaching slot is
    held by the ledger entry logged for it: that entry is corrected or voided instead."""
    held = cluster_status is not ClusterStatus.CLOSED and session_status is SessionStatus.HELD
    return held and kind != "coaching"


def can_restore_session(cluster_status: ClusterStatus, session_status: SessionStatus) -> bool:
    """A session cancelled by mistake is planned again at its date, before the cluster closes."""
    return cluster_status is not ClusterStatus.CLOSED and session_status is SessionStatus.CANCELLED


def can_retract_unavailability(cluster_status: ClusterStatus) -> bool:
    """A period declared by mistake is retracted until the cluster closes."""
    return cluster_status is not ClusterStatus.CLOSED


def can_withdraw(cluster_status: ClusterStatus, outcome: Outcome) -> bool:
    """A member leaves before the cluster closes, unless it is certified (it has completed the programme)."""
    return (
        cluster_status is not ClusterStatus.CLOSED
        and outcome is not Outcome.CERTIFIED
        and outcome is not Outcome.WITHDRAWN
    )


def can_declare_unavailability(cluster_status: ClusterStatus) -> bool:
    """An active member declares unavailability until the cluster closes."""
    return cluster_status is not ClusterStatus.CLOSED


def can_assess(cluster_status: ClusterStatus) -> bool:
    """A gap analysis concerns an active member of a cluster that is not closed."""
    return cluster_status is not ClusterStatus.CLOSED


def can_share_feedback(session_is_for_whole_cluster: bool, session_status: SessionStatus) -> bool:
    """Feedback is about a training session of the whole cluster that was held.

    Never about one member's own session: its key would tell everyone whose feedback it is.
    """
    return session_is_for_whole_cluster and session_status is SessionStatus.HELD


def check_running(cluster_status: ClusterStatus, field_name: str) -> None:
    if cluster_status is not ClusterStatus.RUNNING:
        raise ValidationFailed(field_name, "This happens while the cluster is running.")


def check_not_closed(cluster_status: ClusterStatus, field_name: str) -> None:
    if cluster_status is ClusterStatus.CLOSED:
        raise ValidationFailed(field_name, "The cluster is closed.")


def session_title(kind: str, module_number: int | None, modules: list[str]) -> str:
    """The title a planned session is shown under."""
    if kind == "module" and module_number:
        return f"Module {module_number}: {modules[module_number - 1]}"
    if kind == "coaching" and module_number:
        return f"Coaching after module {module_number}"
    return {"initial_training": INITIAL_TRAINING_TITLE, "gap_analysis": "Gap analysis on site"}.get(kind, kind)
