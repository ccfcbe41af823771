"""The cluster's rules: admission criteria, size limits, starting, the coaching ceiling."""

from __future__ import annotations

from datetime import date
from uuid import UUID, uuid4

import pytest

from domain.programme.admission import AdmissionCriteria
from domain.programme.cluster import COACHING_CEILING_HALF_DAYS, Cluster, ClusterStatus, cluster_id, cluster_warnings
from domain.shared.errors import ValidationFailed

TENANT, ACTOR, COACH = uuid4(), uuid4(), uuid4()
EVIDENCED = AdmissionCriteria("12 employees", "Signed letter of commitment", "ISMS lead at 20%")
START = date(2026, 3, 2)


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


def running(count: int = 3) -> tuple[Cluster, list[UUID]]:
    cluster, members = with_members(count)
    cluster.start(ACTOR, START, size_limit=5)
    cluster.collect_events()
    return cluster, members


def test_forming_records_tenant_actor_and_a_name_based_id() -> None:
    cluster = Cluster.form(TENANT, ACTOR, "  Luxembourg   SMEs ", COACH)
    [event] = cluster.collect_events()
    assert event.tenant_id == TENANT
    assert event.actor_id == ACTOR
    assert cluster.id == cluster_id(TENANT, "luxembourg smes")
    assert cluster.id != cluster_id(uuid4(), "luxembourg smes")
    assert cluster.name == "Luxembourg   SMEs"


def test_a_cluster_needs_a_name() -> None:
    with pytest.raises(ValidationFailed) as error:
        Cluster.form(TENANT, ACTOR, "   ", COACH)
    assert error.value.field == "name"


def test_a_planned_end_before_the_start_is_refused() -> None:
    with pytest.raises(ValidationFailed) as error:
        Cluster.form(TENANT, ACTOR, "Cluster", COACH, date(2026, 5, 1), date(2026, 4, 30))
    assert error.value.field == "planned_end"


def test_admission_records_the_evidence_of_each_criterion() -> None:
    cluster = formed()
    member = uuid4()
    cluster.admit(ACTOR, member, EVIDENCED, size_limit=5)
    [event] = cluster.collect_events()
    assert event.organisation_id == member
    assert event.tenant_id == TENANT
    assert event.evidence["management_commitment"] == "Signed letter of commitment"


@pytest.mark.parametrize("criterion", ["small_enterprise", "management_commitment", "resources_available"])
def test_admission_is_refused_naming_the_criterion_without_evidence(criterion: str) -> None:
    cluster = formed()
    criteria = AdmissionCriteria(**{**EVIDENCED.as_evidence(), criterion: "  "})
    with pytest.raises(ValidationFailed) as error:
        cluster.admit(ACTOR, uuid4(), criteria, size_limit=5)
    assert error.value.field == f"criteria.{criterion}"
    assert "not met" in error.value.message
    assert cluster.collect_events() == []
    assert cluster.members == {}


def test_an_organisation_is_admitted_once() -> None:
    cluster, [member, *_] = with_members(2)
    with pytest.raises(ValidationFailed) as error:
        cluster.admit(ACTOR, member, EVIDENCED, size_limit=5)
    assert error.value.field == "organisation_id"
    assert cluster.collect_events() == []


def test_a_sixth_member_is_refused_unless_the_consultancy_allows_large_clusters() -> None:
    cluster, _ = with_members(5)
    with pytest.raises(ValidationFailed) as error:
        cluster.admit(ACTOR, uuid4(), EVIDENCED, size_limit=5)
    assert "at most 5" in error.value.message
    assert cluster.collect_events() == []
    cluster.admit(ACTOR, uuid4(), EVIDENCED, size_limit=None)
    assert len(cluster.members) == 6


def test_a_cluster_cannot_start_with_fewer_than_two_members() -> None:
    cluster, _ = with_members(1)
    with pytest.raises(ValidationFailed) as error:
        cluster.start(ACTOR, START, size_limit=5)
    assert error.value.field == "members"
    assert cluster.status is ClusterStatus.FORMING
    assert cluster.collect_events() == []


def test_a_cluster_of_two_starts_with_a_warning_and_three_start_without() -> None:
    cluster, _ = with_members(2)
    cluster.start(ACTOR, START, size_limit=5)
    assert cluster.status is ClusterStatus.RUNNING
    assert cluster.started_on == START
    assert cluster_warnings(2) and "anonymised" in cluster_warnings(2)[0]
    assert cluster_warnings(3) == []


def test_a_cluster_above_the_limit_does_not_start_when_the_setting_is_withdrawn() -> None:
    cluster = formed()
    for _ in range(6):
        cluster.admit(ACTOR, uuid4(), EVIDENCED, size_limit=None)
    cluster.collect_events()
    with pytest.raises(ValidationFailed):
        cluster.start(ACTOR, START, size_limit=5)
    assert cluster.collect_events() == []


def test_no_admission_after_the_start_and_no_second_start() -> None:
    cluster, _ = running()
    with pytest.raises(ValidationFailed):
        cluster.admit(ACTOR, uuid4(), EVIDENCED, size_limit=5)
    with pytest.raises(ValidationFailed):
        cluster.start(ACTOR, START, size_limit=5)
    assert cluster.collect_events() == []


def test_coaching_is_logged_against_the_member() -> None:
    cluster, [member, *_] = running()
    cluster.log_coaching_half_day(ACTOR, member, date(2026, 3, 10), COACH, "Scope", "Drafted the scope")
    [event] = cluster.collect_events()
    assert (event.held_on, event.coach_id, event.topic, event.actor_id) == (date(2026, 3, 10), COACH, "Scope", ACTOR)
    assert event.entry_number == 1
    assert cluster.members[member].coaching_half_days_used == 1


def test_coaching_past_the_ceiling_is_refused() -> None:
    cluster, [member, other, *_] = running()
    for _ in range(COACHING_CEILING_HALF_DAYS):
        cluster.log_coaching_half_day(ACTOR, member, date(2026, 4, 1), COACH, "Risk treatment", "")
    cluster.collect_events()
    with pytest.raises(ValidationFailed) as error:
        cluster.log_coaching_half_day(ACTOR, member, date(2026, 4, 2), COACH, "One more", "")
    assert "ceiling of 28 half-days" in error.value.message
    assert cluster.collect_events() == []
    cluster.log_coaching_half_day(ACTOR, other, date(2026, 4, 2), COACH, "Another member still can", "")
    assert len(cluster.collect_events()) == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"organisation_id": uuid4()}, "organisation_id"),
        ({"held_on": date(2026, 3, 1)}, "held_on"),
        ({"topic": " "}, "topic"),
        ({"notes": "x" * 10_001}, "notes"),
    ],
)
def test_bad_coaching_input_is_refused_naming_the_field(change: dict[str, object], field: str) -> None:
    cluster, [member, *_] = running()
    arguments: dict[str, object] = {
        "actor_id": ACTOR,
        "organisation_id": member,
        "held_on": date(2026, 3, 10),
        "coach_id": COACH,
        "topic": "Scope",
        "notes": "",
    }
    with pytest.raises(ValidationFailed) as error:
        cluster.log_coaching_half_day(**{**arguments, **change})  # type: ignore[arg-type]
    assert error.value.field == field
    assert cluster.collect_events() == []


def test_coaching_waits_for_the_start() -> None:
    cluster, [member, *_] = with_members(3)
    with pytest.raises(ValidationFailed):
        cluster.log_coaching_half_day(ACTOR, member, date(2026, 3, 10), COACH, "Scope", "")
    assert cluster.collect_events() == []
