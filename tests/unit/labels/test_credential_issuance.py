"""A granted label is issued as a credential in the same transaction as the grant: its public id, its status entry
allocated at random and never reused, and the facts it states; a renewal reissues it under the same id."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any
from uuid import UUID, uuid4

import pytest

from domain.labels.commands import (
    EnrolCandidate,
    EvaluateFirstMission,
    GrantLabel,
    RecordExamAttempt,
    RecordLabelTraining,
    RenewLabel,
)
from domain.labels.credential import (
    CountedMission,
    LabelCredential,
    StatusList,
    StatusListFull,
    credential_record_id,
    status_list_id,
    unused_random_index,
)
from domain.labels.errors import StepNotPassed
from domain.labels.rules import add_months
from domain.labels.track import CoachedMission
from tests.unit.labels.support import EVALUATED, EXAMINED, GRANTED, SCHEME, TODAY, TRAINED, Body, ratings


@pytest.fixture
def body() -> Body:
    return Body()


def credential(body: Body, professional: UUID, cycle: int = 1) -> LabelCredential:
    return body.app.get(LabelCredential, body.tenant, credential_record_id(body.tenant, professional, cycle))


def status_list(body: Body, number: int = 1) -> StatusList:
    return body.app.get(StatusList, body.tenant, status_list_id(body.tenant, number))


def events_of(body: Body, aggregate_id: UUID) -> list[str]:
    return [type(event).__name__ for event in body.app.repository.event_store.get(aggregate_id)]


def test_a_grant_issues_the_credential_with_the_facts_it_states(body: Body) -> None:
    professional = body.candidate("evaluated")
    body.app.handle(
        EvaluateFirstMission(
            *body.on(professional), body.coach, "North cluster", EVALUATED, ratings(risk_management_2="partially")
        )
    )
    body.app.handle(GrantLabel(*body.on(professional), GRANTED))
    issued = credential(body, professional)
    stored = body.app.repository.event_store.get(issued.id)
    first: Any = next(iter(stored))
    assert type(first).__name__ == "Issued"
    assert (first.professional_id, first.name, first.scheme_version) == (
        professional,
        f"Professional {str(professional)[:8]}",
        1,
    )
    assert (first.training_title, first.training_provider, first.trained_on) == (
        SCHEME.training_title,
        "Cordee Academy",
        TRAINED,
    )
    assert (first.exam_passed_on, first.evaluated_on, first.awarded_on) == (EXAMINED, EVALUATED, GRANTED)
    assert first.results == {
        "gap_analysis": "meets",
        "risk_management": "partially",
        "management_system": "meets",
        "security_policies": "meets",
    }
    assert (issued.valid_from, issued.valid_until) == (GRANTED, add_months(GRANTED, 36))
    assert issued.credential_id != issued.id  # the public id is not derived from the professional
    assert status_list(body).used == {issued.status_index: issued.credential_id}
    assert events_of(body, status_list_id(body.tenant, 1)) == ["Opened", "IndexAllocated"]


def test_each_credential_has_an_id_and_a_status_entry_of_its_own(body: Body) -> None:
    issued = [credential(body, body.candidate("granted")) for _ in range(5)]
    assert len({one.credential_id for one in issued}) == 5
    assert len({one.status_index for one in issued}) == 5
    assert {one.status_list for one in issued} == {1}
    assert all(0 <= one.status_index < 131_072 for one in issued)
    assert status_list(body).used == {one.status_index: one.credential_id for one in issued}


def test_a_refused_grant_issues_nothing(body: Body) -> None:
    professional = body.candidate("trained")
    body.app.refuses(GrantLabel(*body.on(professional), GRANTED), StepNotPassed, "exam")
    assert not body.app.exists(StatusList, body.tenant, status_list_id(body.tenant, 1))
    assert not body.app.exists(LabelCredential, body.tenant, credential_record_id(body.tenant, professional, 1))


def test_a_renewal_reissues_the_credential_under_its_id_and_entry_with_the_missions_it_counted(body: Body) -> None:
    professional = body.candidate("granted")
    before = credential(body, professional)
    first, second = CoachedMission(uuid4(), date(2026, 6, 30), 4), CoachedMission(uuid4(), date(2026, 11, 30), 6)
    outside = CoachedMission(uuid4(), date(2025, 12, 1), 9)  # ended before the grant: not counted
    body.app.handle(RenewLabel(*body.on(professional), TODAY, (first, second, outside, first)))
    after = credential(body, professional)
    assert (after.credential_id, after.status_list, after.status_index) == (
        before.credential_id,
        before.status_list,
        before.status_index,
    )
    assert (after.valid_from, after.valid_until) == (TODAY, add_months(GRANTED, 72))
    assert sorted(after.missions, key=lambda m: m.ended_on) == [
        CountedMission(first.mission_id, first.ended_on, 4.0),
        CountedMission(second.mission_id, second.ended_on, 6.0),
    ]
    assert events_of(body, after.id) == ["Issued", "Reissued"]
    assert len(status_list(body).used) == 1


def test_a_new_cycle_is_issued_a_new_credential_and_a_new_entry() -> None:
    body = Body(replace(SCHEME, validity_months=6))  # granted 2026-02-02, expired on 2026-08-02
    professional = body.candidate("granted")
    expired = credential(body, professional)
    body.app.handle(EnrolCandidate(*body.on(professional), date(2026, 9, 1)))
    body.app.handle(RecordLabelTraining(*body.on(professional), date(2026, 9, 2), "Cordee Academy", "Certificate", 21))
    body.app.handle(RecordExamAttempt(*body.on(professional), date(2026, 9, 3), 90))
    body.app.handle(
        EvaluateFirstMission(*body.on(professional), body.coach, "South cluster", date(2026, 9, 4), ratings())
    )
    body.app.handle(GrantLabel(*body.on(professional), date(2026, 9, 5)))
    renewed = credential(body, professional, cycle=2)
    assert renewed.credential_id != expired.credential_id
    assert renewed.status_index != expired.status_index
    assert (renewed.valid_from, renewed.valid_until) == (date(2026, 9, 5), date(2027, 3, 5))
    assert credential(body, professional).valid_until == date(2026, 8, 2)  # the first cycle's stays as issued


def test_an_index_is_drawn_among_the_unused_ones_only() -> None:
    assert {unused_random_index({0, 1, 3}, entries=4) for _ in range(20)} == {2}
    with pytest.raises(StatusListFull):
        unused_random_index({0, 1, 2, 3}, entries=4)


def test_a_full_status_list_never_gives_an_entry_twice_and_the_next_list_is_opened() -> None:
    tenant, actor = uuid4(), uuid4()
    small = StatusList.open(tenant, actor, 1, entries=2)
    taken = {small.allocate(actor, uuid4()), small.allocate(actor, uuid4())}
    assert taken == {0, 1}
    with pytest.raises(StatusListFull):
        small.allocate(actor, uuid4())


def test_when_the_body_s_first_list_is_full_a_grant_takes_an_entry_of_the_second(body: Body) -> None:
    full = StatusList.open(body.tenant, body.admin, 1, entries=1)
    full.allocate(body.admin, uuid4())
    body.app.save(full)
    professional = body.candidate("granted")
    assert credential(body, professional).status_list == 2
    issued = credential(body, professional)
    assert status_list(body, 2).used == {issued.status_index: issued.credential_id}
