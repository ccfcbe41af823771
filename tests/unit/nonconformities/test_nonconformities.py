"""The nonconformity rules: a generic source; closure only once analysed and each action verified effective by
someone other than its owner; an action not completed by its due date is overdue."""

from __future__ import annotations

from datetime import date
from uuid import UUID

import pytest

from domain.nonconformities.commands import (
    AnalyseNonconformity,
    CloseNonconformity,
    CompleteCorrectiveAction,
    PlanCorrectiveAction,
    RaiseNonconformity,
    VerifyActionEffectiveness,
)
from domain.nonconformities.nonconformity import Nonconformity
from domain.nonconformities.rules import can_verify, is_overdue
from domain.shared.calendar import business_day
from domain.shared.errors import NotFound, ValidationFailed
from tests.unit.audits.test_audits import member_account
from tests.unit.programme_scenario import Scenario

TODAY = date(2026, 6, 1)


def test_an_action_is_overdue_when_not_completed_by_its_due_date() -> None:
    assert is_overdue(date(2026, 5, 31), None, TODAY)
    assert not is_overdue(TODAY, None, TODAY)
    assert not is_overdue(date(2026, 5, 1), date(2026, 5, 30), TODAY)


def test_nobody_verifies_their_own_action() -> None:
    assert not can_verify(UUID(int=1), UUID(int=1))
    assert can_verify(UUID(int=1), UUID(int=2))


def test_the_source_is_one_of_four_kinds_and_the_severity_major_or_minor() -> None:
    s = Scenario()
    owner = member_account(s)
    given = (s.tenant, owner, s.members[0], "Leavers keep access", "Two accounts")
    before = s.position()
    for severity, kind, field in (("huge", "audit", "severity"), ("minor", "rumour", "source_kind")):
        with pytest.raises(ValidationFailed) as refused:
            s.app.handle(RaiseNonconformity(*given, severity, kind))
        assert refused.value.field == field
    with pytest.raises(ValidationFailed) as long_reference:
        s.app.handle(RaiseNonconformity(*given, "minor", "incident", "x" * 101))
    assert long_reference.value.field == "source_reference"
    assert s.position() == before
    raised = s.app.handle(RaiseNonconformity(*given, "minor", "incident", "INC-42")).aggregate_id
    assert s.app.get(Nonconformity, s.tenant, raised).organisation_id == s.members[0]


def test_closure_needs_each_action_verified_effective_by_someone_other_than_its_owner() -> None:
    s = Scenario()
    owner = member_account(s)
    mine = (s.tenant, owner, s.members[0])
    raised = s.app.handle(RaiseNonconformity(*mine, "Leavers keep access", "Two accounts", "major", "review"))
    nonconformity = raised.aggregate_id
    with pytest.raises(ValidationFailed) as too_early:
        s.app.handle(CloseNonconformity(*mine, nonconformity))
    assert too_early.value.field == "nonconformity_id"
    s.app.handle(AnalyseNonconformity(*mine, nonconformity, "No leaver checklist", "Closed the two accounts"))
    with pytest.raises(NotFound) as foreign_owner:
        s.app.handle(PlanCorrectiveAction(*mine, nonconformity, "Checklist", member_account(s, 1), TODAY))
    assert foreign_owner.value.field == "owner_id"
    with business_day(TODAY):
        s.app.handle(PlanCorrectiveAction(*mine, nonconformity, "Write a leaver checklist", owner, date(2026, 7, 1)))
    action = next(iter(s.app.get(Nonconformity, s.tenant, nonconformity).actions))
    with pytest.raises(ValidationFailed) as not_completed:
        s.app.handle(VerifyActionEffectiveness(s.tenant, s.coach, s.members[0], nonconformity, action, True, "Seen"))
    assert not_completed.value.field == "action_id"
    with business_day(TODAY):
        s.app.handle(CompleteCorrectiveAction(*mine, nonconformity, action, TODAY, "Checklist in use"))
    before = s.position()
    with pytest.raises(ValidationFailed) as own_work:
        s.app.handle(VerifyActionEffectiveness(*mine, nonconformity, action, True, "I checked"))
    assert own_work.value.field == "action_id"
    with pytest.raises(ValidationFailed):
        s.app.handle(CloseNonconformity(*mine, nonconformity))
    assert s.position() == before
    s.app.handle(VerifyActionEffectiveness(s.tenant, s.coach, s.members[0], nonconformity, action, True, "Two leavers"))
    s.app.handle(CloseNonconformity(*mine, nonconformity, "Effective"))
    assert s.app.get(Nonconformity, s.tenant, nonconformity).closed
    with pytest.raises(ValidationFailed) as closed:
        s.app.handle(AnalyseNonconformity(*mine, nonconformity, "Again"))
    assert closed.value.field == "nonconformity_id"


def test_an_ineffective_action_keeps_it_open() -> None:
    s = Scenario()
    owner = member_account(s)
    mine = (s.tenant, owner, s.members[0])
    nonconformity = s.app.handle(RaiseNonconformity(*mine, "Backups fail", "Restore failed", "minor", "other"))
    nc = nonconformity.aggregate_id
    s.app.handle(AnalyseNonconformity(*mine, nc, "Disk full"))
    with business_day(TODAY):
        s.app.handle(PlanCorrectiveAction(*mine, nc, "Bigger disk", owner, TODAY))
    action = next(iter(s.app.get(Nonconformity, s.tenant, nc).actions))
    with business_day(TODAY):
        s.app.handle(CompleteCorrectiveAction(*mine, nc, action, TODAY))
    s.app.handle(VerifyActionEffectiveness(s.tenant, s.coach, s.members[0], nc, action, False, "Still failing"))
    with pytest.raises(ValidationFailed):
        s.app.handle(CloseNonconformity(*mine, nc))
