"""The cluster's rules: admission, size, lifecycle, unavailability, plan, sessions."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from uuid import UUID, uuid4

import pytest

from domain.clusters.admission import AdmissionCriteria
from domain.clusters.cluster import Cluster, cluster_id, cluster_warnings
from domain.clusters.planner import propose_plan
from domain.clusters.rules import ClusterStatus, SessionStatus
from domain.clusters.sessions import check_feedback_allowed
from domain.engagement.outcome import Outcome
from domain.programme_template.template import DEFAULT_TEMPLATE
from domain.shared.errors import ValidationFailed

TENANT, ACTOR, COACH = uuid4(), uuid4(), uuid4()
EVIDENCED = AdmissionCriteria("12 employees", "Signed letter of commitment", "ISMS lead at 20%")
START = date(2026, 3, 2)  # a Monday


def formed() -> Cluster:
    cluster = Cluster.form(TENANT, ACTOR, "Luxembourg SMEs", COACH, date(2026, 3, 1), date(2026, 12, 1))
    cluster.collect_events()
    return cluster


def with_members(count: int) -> tuple[Cluster, list[UUID]]:
    cluster = formed()
    members = [uuid4() for _ in range(count)]
    for member in members:
        cluster.admit(ACTOR, member, EVIDENCED, size_limit=5)
    cluster.collect_events()
    return cluster, members


def planned(count: int = 3) -> tuple[Cluster, list[UUID]]:
    cluster, members = with_members(count)
    proposal = propose_plan(START, DEFAULT_TEMPLATE, {m: [] for m in members})
    cluster.accept_plan(ACTOR, DEFAULT_TEMPLATE, START, [s.as_record() for s in proposal.sessions])
    cluster.collect_events()
    return cluster, members


def running(count: int = 3) -> tuple[Cluster, list[UUID]]:
    cluster, members = planned(count)
    cluster.start(ACTOR, START, size_limit=5)
    cluster.collect_events()
    return cluster, members


def refused(call: object, field: str, cluster: Cluster, *args: object) -> ValidationFailed:
    """Calls and expects a refusal naming `field`, with nothing pending afterwards."""
    with pytest.raises(ValidationFailed) as error:
        call(*args)  # type: ignore[operator]
    assert error.value.field == field, error.value.message
    assert cluster.collect_events() == []
    return error.value


# Forming and admission


def test_forming_records_tenant_actor_and_a_name_based_id() -> None:
    cluster = Cluster.form(TENANT, ACTOR, "  Luxembourg   SMEs ", COACH)
    [event] = cluster.collect_events()
    assert (event.tenant_id, event.actor_id) == (TENANT, ACTOR)
    assert cluster.id == cluster_id(TENANT, "luxembourg smes")
    assert cluster.id != cluster_id(uuid4(), "luxembourg smes")


@pytest.mark.parametrize(
    ("name", "start", "end", "field"),
    [("   ", None, None, "name"), ("Cluster", date(2026, 5, 1), date(2026, 4, 30), "planned_end")],
)
def test_bad_formation_input_is_refused(name: str, start: date | None, end: date | None, field: str) -> None:
    with pytest.raises(ValidationFailed) as error:
        Cluster.form(TENANT, ACTOR, name, COACH, start, end)
    assert error.value.field == field


@pytest.mark.parametrize("criterion", ["small_enterprise", "management_commitment", "resources_available"])
def test_admission_is_refused_naming_the_criterion_without_evidence(criterion: str) -> None:
    cluster = formed()
    criteria = replace(EVIDENCED, **{criterion: "  "})
    error = refused(cluster.admit, f"criteria.{criterion}", cluster, ACTOR, uuid4(), criteria, 5)
    assert "not met" in error.message


def test_an_organisation_is_admitted_once_and_a_sixth_only_when_allowed() -> None:
    cluster, members = with_members(5)
    refused(cluster.admit, "organisation_id", cluster, ACTOR, members[0], EVIDENCED, None)
    error = refused(cluster.admit, "organisation_id", cluster, ACTOR, uuid4(), EVIDENCED, 5)
    assert "at most 5" in error.message
    cluster.admit(ACTOR, uuid4(), EVIDENCED, size_limit=None)
    assert len(cluster.members) == 6


def test_warnings_below_the_recommended_size() -> None:
    assert cluster_warnings(2)
    assert "anonymised" in cluster_warnings(2)[0]
    assert cluster_warnings(3) == []


# Lifecycle: forming, planned, running, closed


def test_the_lifecycle_runs_forming_planned_running_closed() -> None:
    cluster, _ = with_members(3)
    assert cluster.status is ClusterStatus.FORMING
    refused(cluster.start, "started_on", cluster, ACTOR, START, 5)
    cluster, _ = planned()
    assert cluster.status is ClusterStatus.PLANNED
    assert cluster.template == DEFAULT_TEMPLATE
    cluster.start(ACTOR, START, size_limit=5)
    assert cluster.status is ClusterStatus.RUNNING
    cluster.collect_events()
    refused(cluster.close, "closed_on", cluster, ACTOR, START - timedelta(days=1))
    cluster.close(ACTOR, date(2026, 12, 1))
    assert cluster.status is ClusterStatus.CLOSED


def test_a_plan_needs_two_members_and_is_accepted_once() -> None:
    cluster, members = with_members(1)
    proposal = propose_plan(START, DEFAULT_TEMPLATE, {m: [] for m in members})
    records = [s.as_record() for s in proposal.sessions]
    refused(cluster.accept_plan, "members", cluster, ACTOR, DEFAULT_TEMPLATE, START, records)
    cluster, _ = planned()
    refused(cluster.accept_plan, "starts_on", cluster, ACTOR, DEFAULT_TEMPLATE, START, records)


def test_a_cluster_keeps_the_template_version_it_was_planned_with() -> None:
    cluster, _ = planned()
    assert cluster.template is not None
    assert cluster.template.version == 1
    assert cluster.template.coaching_ceiling_half_days == 28


def test_a_withdrawn_member_keeps_its_history() -> None:
    cluster, [member, *_] = running()
    refused(cluster.withdraw, "reason", cluster, ACTOR, member, date(2026, 4, 1), " ")
    cluster.withdraw(ACTOR, member, date(2026, 4, 1), "Acquired by a larger group")
    [withdrawal] = cluster.collect_events()
    assert withdrawal.reason == "Acquired by a larger group"
    assert cluster.members[member].outcome is Outcome.WITHDRAWN
    cluster.collect_events()
    refused(cluster.withdraw, "organisation_id", cluster, ACTOR, member, date(2026, 4, 1), "Again")


# Unavailability


def test_unavailability_is_declared_and_inverted_or_overlapping_periods_are_refused() -> None:
    cluster, [member, *_] = with_members(3)
    cluster.declare_unavailability(ACTOR, member, date(2026, 7, 1), date(2026, 7, 31), "Summer closure")
    assert len(cluster.collect_events()) == 1
    refused(cluster.declare_unavailability, "ends_on", cluster, ACTOR, member, date(2026, 9, 2), date(2026, 9, 1), "x")
    error = refused(
        cluster.declare_unavailability, "starts_on", cluster, ACTOR, member, date(2026, 7, 31), date(2026, 8, 5), "x"
    )
    assert "2026-07-01" in error.message
    refused(cluster.declare_unavailability, "reason", cluster, ACTOR, member, date(2026, 8, 3), date(2026, 8, 5), " ")
    refused(
        cluster.declare_unavailability,
        "organisation_id",
        cluster,
        ACTOR,
        uuid4(),
        date(2026, 8, 3),
        date(2026, 8, 5),
        "x",
    )


# Sessions


def test_moving_a_session_records_the_reason_and_keeps_modules_in_order() -> None:
    cluster, _ = planned()
    module_2, module_3 = cluster.sessions["module:2"], cluster.sessions["module:3"]
    cluster.move_session(ACTOR, "module:2", module_2.on + timedelta(days=1), "afternoon", "Coach ill")
    [moved] = cluster.collect_events()
    assert (moved.session_key, moved.reason) == ("module:2", "Coach ill")
    assert cluster.sessions["module:2"].half_day == "afternoon"
    error = refused(
        cluster.move_session, "on", cluster, ACTOR, "module:2", module_3.on + timedelta(days=1), "morning", "x"
    )
    assert "out of order" in error.message
    refused(cluster.move_session, "reason", cluster, ACTOR, "module:2", module_2.on, "morning", "")
    refused(cluster.move_session, "session_key", cluster, ACTOR, "module:99", module_2.on, "morning", "x")


def test_a_session_cannot_be_moved_into_a_members_unavailability() -> None:
    cluster, [member, *_] = planned()
    target = cluster.sessions["module:4"].on - timedelta(days=7)
    cluster.declare_unavailability(ACTOR, member, target, target, "Audit by a customer")
    cluster.collect_events()
    with pytest.raises(ValidationFailed) as error:
        cluster.move_session(ACTOR, "module:4", target, "morning", "Earlier suits the coach")
    assert error.value.field == "on"
    assert getattr(error.value, "organisation_id", None) == member


def test_holding_records_attendance_and_modules_are_held_in_order() -> None:
    cluster, members = running()
    first = cluster.sessions["module:1"]
    attendance = {members[0]: ["Ana", "Ben"], members[1]: ["Cleo"]}
    cluster.hold_session(ACTOR, "module:1", first.on, 1, attendance)
    [held] = cluster.collect_events()
    assert held.attendance == {str(members[0]): ["Ana", "Ben"], str(members[1]): ["Cleo"]}
    assert cluster.sessions["module:1"].status is SessionStatus.HELD
    error = refused(cluster.hold_session, "session_key", cluster, ACTOR, "module:3", first.on, 1, {})
    assert "Module 2 has not been held" in error.message
    refused(cluster.hold_session, "session_key", cluster, ACTOR, "module:1", first.on, 1, {})


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"attendance": {uuid4(): ["Eve"]}}, "attendance.organisation_id"),
        ({"held_on": date(2026, 3, 1)}, "held_on"),
        ({"half_days": 0}, "half_days"),
    ],
)
def test_bad_session_input_is_refused(change: dict[str, object], field: str) -> None:
    cluster, members = running()
    arguments: dict[str, object] = {
        "session_key": "initial-training",
        "held_on": START + timedelta(days=7),
        "half_days": 3,
        "attendance": {members[0]: ["Ana"]},
    }
    refused(cluster.hold_session, field, cluster, ACTOR, *{**arguments, **change}.values())


def test_a_cancelled_session_needs_a_reason_and_cannot_then_be_held() -> None:
    cluster, _ = running()
    refused(cluster.cancel_session, "reason", cluster, ACTOR, "module:1", "")
    cluster.cancel_session(ACTOR, "module:1", "Storm warning")
    assert cluster.sessions["module:1"].status is SessionStatus.CANCELLED
    cluster.collect_events()
    refused(cluster.hold_session, "session_key", cluster, ACTOR, "module:1", START + timedelta(days=30), 1, {})


def test_feedback_is_allowed_on_a_held_session_by_an_active_member() -> None:
    cluster, members = running()
    with pytest.raises(ValidationFailed):
        check_feedback_allowed(cluster.members, cluster.sessions, "initial-training", members[0])
    cluster.hold_session(ACTOR, "initial-training", cluster.sessions["initial-training"].on, 3, {})
    check_feedback_allowed(cluster.members, cluster.sessions, "initial-training", members[0])
    with pytest.raises(ValidationFailed):
        check_feedback_allowed(cluster.members, cluster.sessions, "initial-training", uuid4())


# Withdrawal of a certified member


def test_a_certified_member_cannot_withdraw() -> None:
    cluster, [member, *_] = running()
    refused(cluster.withdraw, "organisation_id", cluster, ACTOR, member, date(2026, 12, 1), "Done", Outcome.CERTIFIED)
    cluster.withdraw(ACTOR, member, date(2026, 12, 1), "Acquired", Outcome.ESTABLISHED)


def test_a_copy_of_a_cluster_changes_without_touching_the_original() -> None:
    """The aggregate cache hands every command a deep copy: changes to it must never reach the cached original."""
    import copy

    cluster, [member, *_] = running()
    clone = copy.deepcopy(cluster)
    clone.declare_unavailability(ACTOR, member, date(2026, 7, 1), date(2026, 7, 3), "Away")
    clone.hold_session(ACTOR, "initial-training", clone.sessions["initial-training"].on, 3, {})
    assert cluster.members[member].unavailability == ()
    assert cluster.sessions["initial-training"].status is SessionStatus.SCHEDULED
    assert cluster.collect_events() == []
    assert len(clone.collect_events()) == 2


@pytest.mark.parametrize(
    ("attendees", "warned"),
    [([], "Absent"), (["Ana"], "recommends two"), (["Ana", "Ben"], None), (["Ana", "Ben", "Cleo"], None)],
)
def test_attendance_below_two_people_is_worth_a_warning(attendees: list[str], warned: str | None) -> None:
    from domain.clusters.sessions import attendance_warning

    warning = attendance_warning(attendees)
    assert warning is None if warned is None else warned in (warning or "")


def test_feedback_is_not_shared_about_one_members_own_session() -> None:
    cluster, [member, *_] = running()
    key = f"gap-analysis:{member}"
    cluster.hold_session(ACTOR, key, cluster.sessions[key].on, 1, {member: ["Ana"]})
    with pytest.raises(ValidationFailed) as error:
        check_feedback_allowed(cluster.members, cluster.sessions, key, member)
    assert error.value.field == "session_key"
