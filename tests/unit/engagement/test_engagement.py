"""A member's engagement: the coaching ledger, the ceiling and its overrides, the outcome, and the carry-over."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from uuid import uuid4

import pytest

from domain.clusters.rules import ClusterStatus
from domain.engagement.engagement import CarriedState, ClusterFacts, Engagement, engagement_id
from domain.engagement.outcome import Outcome
from domain.shared.errors import ValidationFailed

TENANT, ACTOR, COACH, CLUSTER, MEMBER = uuid4(), uuid4(), uuid4(), uuid4(), uuid4()
START = date(2026, 3, 2)  # a Monday
RUNNING = ClusterFacts(ClusterStatus.RUNNING, START, member_active=True, base_ceiling=28, module_count=10)


def opened(carried: CarriedState | None = None) -> Engagement:
    engagement = Engagement.open(TENANT, ACTOR, CLUSTER, MEMBER, carried or CarriedState())
    engagement.collect_events()
    return engagement


def refused(call: object, field: str, engagement: Engagement, *args: object) -> ValidationFailed:
    with pytest.raises(ValidationFailed) as error:
        call(*args)  # type: ignore[operator]
    assert error.value.field == field, error.value.message
    assert engagement.collect_events() == []
    return error.value


def coach(engagement: Engagement, facts: ClusterFacts = RUNNING, module: int | None = None, **change: object) -> None:
    arguments: dict[str, object] = {
        "held_on": date(2026, 3, 10),
        "coach_id": COACH,
        "module_number": module,
        "work_done": "Scope",
        "next_steps": "",
    }
    engagement.log_coaching_half_day(ACTOR, facts, **{**arguments, **change})  # type: ignore[arg-type]


def test_one_engagement_per_member_of_a_cluster() -> None:
    engagement = Engagement.open(TENANT, ACTOR, CLUSTER, MEMBER, CarriedState())
    [event] = engagement.collect_events()
    assert (event.tenant_id, event.actor_id, event.cluster_id, event.organisation_id) == (
        TENANT,
        ACTOR,
        CLUSTER,
        MEMBER,
    )
    assert engagement.id == engagement_id(TENANT, CLUSTER, MEMBER)
    assert engagement.id != engagement_id(TENANT, CLUSTER, uuid4())


def test_coaching_records_the_module_followed_up_with_the_cluster_and_member() -> None:
    engagement = opened()
    coach(engagement, module=1, work_done="Scoped the ISMS", next_steps="Draft the policy")
    [event] = engagement.collect_events()
    assert (event.entry_number, event.module_number, event.work_done, event.next_steps) == (
        1,
        1,
        "Scoped the ISMS",
        "Draft the policy",
    )
    assert (event.cluster_id, event.organisation_id) == (CLUSTER, MEMBER)
    assert engagement.coached_modules == {1}


def test_coaching_past_the_ceiling_needs_a_recorded_override() -> None:
    engagement = opened()
    for _ in range(28):
        coach(engagement)
    engagement.collect_events()
    error = refused(coach, "organisation_id", engagement, engagement)
    assert "ceiling of 28 half-days" in error.message
    refused(engagement.raise_coaching_ceiling, "reason", engagement, ACTOR, RUNNING, 4, "")
    refused(engagement.raise_coaching_ceiling, "additional_half_days", engagement, ACTOR, RUNNING, 0, "Needs more")
    engagement.raise_coaching_ceiling(ACTOR, RUNNING, 4, "Second site brought into scope")
    assert engagement.ceiling(RUNNING) == 32
    coach(engagement)
    assert engagement.half_days_used == 29


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"held_on": date(2026, 3, 1)}, "held_on"),
        ({"work_done": " "}, "work_done"),
        ({"module_number": 11}, "module_number"),
        ({"next_steps": "x" * 10_001}, "next_steps"),
    ],
)
def test_bad_coaching_input_is_refused_naming_the_field(change: dict[str, object], field: str) -> None:
    engagement = opened()
    with pytest.raises(ValidationFailed) as error:
        coach(engagement, RUNNING, 1, **change)
    assert error.value.field == field
    assert engagement.collect_events() == []


def test_coaching_waits_for_the_start_and_stops_at_withdrawal() -> None:
    engagement = opened()
    planned = replace(RUNNING, status=ClusterStatus.PLANNED, started_on=None)
    refused(coach, "organisation_id", engagement, engagement, planned)
    refused(coach, "organisation_id", engagement, engagement, replace(RUNNING, member_active=False))


def test_outcomes_follow_each_other() -> None:
    engagement = opened()
    refused(engagement.plan_certification_audit, "organisation_id", engagement, ACTOR, RUNNING, date(2026, 11, 1), "CB")
    engagement.record_isms_established(ACTOR, RUNNING, date(2026, 10, 1))
    engagement.collect_events()
    refused(
        engagement.plan_certification_audit, "certification_body", engagement, ACTOR, RUNNING, date(2026, 11, 1), ""
    )
    refused(engagement.plan_certification_audit, "audit_on", engagement, ACTOR, RUNNING, date(2026, 9, 30), "CB")
    engagement.plan_certification_audit(ACTOR, RUNNING, date(2026, 11, 1), "Certification body SA")
    engagement.collect_events()
    refused(engagement.record_certified, "certified_on", engagement, ACTOR, RUNNING, date(2026, 10, 31), "ISMS-1")
    engagement.record_certified(ACTOR, RUNNING, date(2026, 11, 20), "ISMS-2026-042")
    [event] = engagement.collect_events()
    assert (event.cluster_id, event.organisation_id) == (CLUSTER, MEMBER)
    assert engagement.outcome is Outcome.CERTIFIED


def test_an_engagement_opened_from_a_legacy_cluster_continues_its_ledger_and_outcome() -> None:
    carried = CarriedState(
        half_days_used=12,
        half_days_granted=2,
        outcome=Outcome.ESTABLISHED,
        isms_established_on=date(2026, 9, 1),
    )
    engagement = opened(carried)
    coach(engagement)
    [event] = engagement.collect_events()
    assert event.entry_number == 13
    assert engagement.ceiling(RUNNING) == 30
    refused(engagement.record_isms_established, "organisation_id", engagement, ACTOR, RUNNING, date(2026, 9, 2))
    refused(engagement.plan_certification_audit, "audit_on", engagement, ACTOR, RUNNING, date(2026, 8, 31), "CB")
    engagement.plan_certification_audit(ACTOR, RUNNING, date(2026, 9, 10), "CB")
    assert engagement.outcome is Outcome.AUDIT_PLANNED


def test_a_legacy_member_at_its_ceiling_is_still_refused() -> None:
    engagement = opened(CarriedState(half_days_used=28))
    refused(coach, "organisation_id", engagement, engagement)
