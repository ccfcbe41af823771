"""Corrections on a cluster, never erasures: an unavailability retracted, "held" undone, a cancellation restored."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from domain.clusters.rules import ClusterStatus, SessionStatus, can_restore_session, can_undo_held
from domain.shared.errors import NotFound
from tests.unit.clusters.test_cluster import ACTOR, START, refused, running

AWAY_FROM, AWAY_TO = date(2026, 6, 1), date(2026, 6, 5)


def test_a_retracted_unavailability_no_longer_blocks_a_move_and_keeps_its_declaration() -> None:
    cluster, members = running()
    cluster.declare_unavailability(ACTOR, members[0], AWAY_FROM, AWAY_TO, "Audit week")
    cluster.collect_events()
    cluster.retract_unavailability(ACTOR, members[0], AWAY_FROM, "  Declared for the wrong week ")
    [retracted] = cluster.collect_events()
    assert (retracted.starts_on, retracted.ends_on, retracted.reason) == (
        AWAY_FROM,
        AWAY_TO,
        "Declared for the wrong week",
    )
    assert cluster.members[members[0]].unavailability == ()
    cluster.declare_unavailability(ACTOR, members[0], AWAY_FROM, AWAY_TO, "The right week after all")


def test_a_retraction_names_a_declared_period_and_says_why() -> None:
    cluster, members = running()
    cluster.declare_unavailability(ACTOR, members[0], AWAY_FROM, AWAY_TO, "Audit week")
    cluster.collect_events()
    refused(cluster.retract_unavailability, "reason", cluster, ACTOR, members[0], AWAY_FROM, "\u0007")
    refused(cluster.retract_unavailability, "reason", cluster, ACTOR, members[0], AWAY_FROM, "x" * 1001)
    with pytest.raises(NotFound) as unknown:
        cluster.retract_unavailability(ACTOR, members[1], AWAY_FROM, "Not ours")
    assert unknown.value.field == "starts_on" and cluster.collect_events() == []
    with pytest.raises(NotFound):
        cluster.retract_unavailability(ACTOR, members[0], AWAY_FROM + timedelta(days=1), "Inside, not its start")


def held_first_modules(count: int) -> tuple[object, list[object]]:
    cluster, members = running()
    for number in range(1, count + 1):
        key = f"module:{number}"
        cluster.hold_session(ACTOR, key, cluster.sessions[key].on, 2, {members[0]: ["Ana"], members[1]: []})
    cluster.collect_events()
    return cluster, members


def test_undoing_held_plans_the_session_again_and_says_what_it_takes_back() -> None:
    cluster, members = running()
    first = cluster.sessions["module:1"]
    cluster.hold_session(ACTOR, "module:1", first.on, 2, {members[0]: ["Ana"], members[1]: []})
    cluster.collect_events()
    cluster.undo_held(ACTOR, "module:1", "Recorded on the wrong session")
    [undone] = cluster.collect_events()
    assert (undone.held_on, undone.half_days, undone.attended) == (first.on, 2, [str(members[0])])
    session = cluster.sessions["module:1"]
    assert (session.status, session.held_on, session.on) == (SessionStatus.SCHEDULED, None, first.on)
    cluster.hold_session(ACTOR, "module:1", first.on, 1, {})  # and it can be held again, correctly


def test_held_is_not_undone_under_a_later_module_held_since() -> None:
    cluster, _ = held_first_modules(2)
    error = refused(cluster.undo_held, "session_key", cluster, ACTOR, "module:1", "Wrong session")
    assert "Module 2 has been held since" in error.message
    cluster.undo_held(ACTOR, "module:2", "Wrong session")
    cluster.undo_held(ACTOR, "module:1", "Wrong session too")


def test_only_a_held_session_is_undone_and_with_a_reason() -> None:
    cluster, _ = held_first_modules(1)
    error = refused(cluster.undo_held, "session_key", cluster, ACTOR, "module:2", "Not held")
    assert error.message == "This session is planned, not held."
    refused(cluster.undo_held, "session_key", cluster, ACTOR, "module:99", "Unknown")
    refused(cluster.undo_held, "reason", cluster, ACTOR, "module:1", "   ")


def test_a_restored_session_is_planned_again_at_its_date() -> None:
    cluster, _ = running()
    on = cluster.sessions["module:1"].on
    cluster.cancel_session(ACTOR, "module:1", "Storm warning")
    cluster.collect_events()
    refused(cluster.restore_session, "reason", cluster, ACTOR, "module:1", "")
    cluster.restore_session(ACTOR, "module:1", "The storm passed")
    [restored] = cluster.collect_events()
    assert restored.reason == "The storm passed"
    assert (cluster.sessions["module:1"].status, cluster.sessions["module:1"].on) == (SessionStatus.SCHEDULED, on)
    error = refused(cluster.restore_session, "session_key", cluster, ACTOR, "module:1", "Again")
    assert error.message == "This session is planned, not cancelled."


def test_a_cancelled_module_is_not_restored_under_a_later_one_held_since() -> None:
    cluster, _ = running()
    cluster.cancel_session(ACTOR, "module:1", "Storm warning")
    cluster.hold_session(ACTOR, "module:2", START + timedelta(days=60), 1, {})
    cluster.collect_events()
    error = refused(cluster.restore_session, "session_key", cluster, ACTOR, "module:1", "The storm passed")
    assert "Module 2 has been held since" in error.message


def test_corrections_stop_when_the_cluster_closes() -> None:
    assert can_undo_held(ClusterStatus.RUNNING, SessionStatus.HELD)
    assert not can_undo_held(ClusterStatus.CLOSED, SessionStatus.HELD)
    assert not can_undo_held(ClusterStatus.RUNNING, SessionStatus.CANCELLED)
    assert not can_undo_held(ClusterStatus.RUNNING, SessionStatus.HELD, "coaching")  # its ledger entry is corrected
    assert can_restore_session(ClusterStatus.RUNNING, SessionStatus.CANCELLED)
    assert not can_restore_session(ClusterStatus.CLOSED, SessionStatus.CANCELLED)
    assert not can_restore_session(ClusterStatus.RUNNING, SessionStatus.HELD)
