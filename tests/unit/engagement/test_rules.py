from domain.clusters.rules import ClusterStatus
from domain.engagement.outcome import Outcome
from domain.engagement.rules import can_log_coaching, can_raise_ceiling, can_record_outcome, next_outcome


def test_outcomes_follow_one_order() -> None:
    assert next_outcome(Outcome.IN_PROGRESS) is Outcome.ESTABLISHED
    assert next_outcome(Outcome.ESTABLISHED) is Outcome.AUDIT_PLANNED
    assert next_outcome(Outcome.AUDIT_PLANNED) is Outcome.CERTIFIED
    assert next_outcome(Outcome.CERTIFIED) is None
    assert next_outcome(Outcome.WITHDRAWN) is None


def test_coaching_is_logged_for_an_active_member_of_a_running_cluster_below_its_ceiling() -> None:
    assert can_log_coaching(ClusterStatus.RUNNING, member_active=True, used=27, ceiling=28)
    assert not can_log_coaching(ClusterStatus.RUNNING, member_active=True, used=28, ceiling=28)
    assert not can_log_coaching(ClusterStatus.RUNNING, member_active=False, used=0, ceiling=28)
    assert not can_log_coaching(ClusterStatus.CLOSED, member_active=True, used=0, ceiling=28)


def test_the_ceiling_is_raised_while_the_cluster_runs() -> None:
    assert can_raise_ceiling(ClusterStatus.RUNNING, member_active=True)
    assert not can_raise_ceiling(ClusterStatus.PLANNED, member_active=True)
    assert not can_raise_ceiling(ClusterStatus.RUNNING, member_active=False)


def test_an_outcome_is_recorded_as_the_next_step_once_started() -> None:
    assert can_record_outcome(ClusterStatus.RUNNING, True, Outcome.IN_PROGRESS, Outcome.ESTABLISHED)
    assert can_record_outcome(ClusterStatus.CLOSED, True, Outcome.AUDIT_PLANNED, Outcome.CERTIFIED)
    assert not can_record_outcome(ClusterStatus.RUNNING, True, Outcome.IN_PROGRESS, Outcome.CERTIFIED)
    assert not can_record_outcome(ClusterStatus.PLANNED, True, Outcome.IN_PROGRESS, Outcome.ESTABLISHED)
    assert not can_record_outcome(ClusterStatus.RUNNING, False, Outcome.IN_PROGRESS, Outcome.ESTABLISHED)
