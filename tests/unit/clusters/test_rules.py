from domain.clusters.rules import (
    ClusterStatus,
    SessionStatus,
    can_accept_plan,
    can_admit,
    can_assess,
    can_cancel_session,
    can_close,
    can_declare_unavailability,
    can_hold_session,
    can_move_session,
    can_share_feedback,
    can_start,
    can_withdraw,
    is_active_member,
    session_title,
)
from domain.engagement.outcome import Outcome

FORMING, PLANNED, RUNNING, CLOSED = ClusterStatus
SCHEDULED, HELD, CANCELLED = SessionStatus


def test_each_step_of_a_clusters_life_is_allowed_in_one_state() -> None:
    assert [s for s in ClusterStatus if can_admit(s)] == [FORMING]
    assert [s for s in ClusterStatus if can_accept_plan(s)] == [FORMING]
    assert [s for s in ClusterStatus if can_start(s)] == [PLANNED]
    assert [s for s in ClusterStatus if can_close(s)] == [RUNNING]


def test_a_member_is_active_until_it_withdraws() -> None:
    assert is_active_member(withdrawn=False)
    assert not is_active_member(withdrawn=True)


def test_only_a_scheduled_session_is_held_moved_or_cancelled() -> None:
    assert can_hold_session(RUNNING, SCHEDULED)
    assert not can_hold_session(PLANNED, SCHEDULED)
    assert not can_hold_session(RUNNING, HELD)
    assert can_move_session(PLANNED, SCHEDULED)
    assert not can_move_session(RUNNING, CANCELLED)
    assert can_cancel_session(RUNNING, SCHEDULED)
    assert not can_cancel_session(CLOSED, SCHEDULED)
    assert not can_cancel_session(RUNNING, HELD)


def test_a_certified_member_cannot_withdraw_nor_anyone_once_closed() -> None:
    assert can_withdraw(RUNNING, Outcome.AUDIT_PLANNED)
    assert not can_withdraw(RUNNING, Outcome.CERTIFIED)
    assert not can_withdraw(RUNNING, Outcome.WITHDRAWN)
    assert not can_withdraw(CLOSED, Outcome.IN_PROGRESS)


def test_unavailability_and_assessment_stop_when_the_cluster_closes() -> None:
    assert all(can_declare_unavailability(s) and can_assess(s) for s in (FORMING, PLANNED, RUNNING))
    assert not can_declare_unavailability(CLOSED)
    assert not can_assess(CLOSED)


def test_feedback_is_about_a_held_session_of_the_whole_cluster() -> None:
    assert can_share_feedback(session_is_for_whole_cluster=True, session_status=HELD)
    assert not can_share_feedback(session_is_for_whole_cluster=True, session_status=SCHEDULED)
    assert not can_share_feedback(session_is_for_whole_cluster=False, session_status=HELD)


def test_session_titles() -> None:
    modules = ["Context", "Leadership"]
    assert session_title("module", 2, modules) == "Module 2: Leadership"
    assert session_title("coaching", 1, modules) == "Coaching after module 1"
    assert session_title("gap_analysis", None, modules) == "Gap analysis on site"
    assert session_title("initial_training", None, modules).startswith("Initial training")
