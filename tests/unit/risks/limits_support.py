"""What the input-limits test needs of the risk register: an owner account of one organisation of the scenario, a
risk treated (acceptable by its owner), a risk above the acceptance criteria, an action and an objective, made
before an argument is tried (so that the tries themselves write nothing else)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID
from weakref import WeakKeyDictionary

from domain.risks.commands import (
    AcceptRisk,
    AssessRisk,
    ChangeObjectiveStatus,
    ChangeTreatmentActionStatus,
    CloseRisk,
    DescribeRisk,
    HoldRiskReview,
    IdentifyRisk,
    PlanTreatmentAction,
    RecordManagementDecision,
    SetSecurityObjective,
    TreatRisk,
)
from domain.shared.aggregate import SYSTEM_ACTOR
from domain.tenancy.account import Role
from domain.tenancy.commands import OpenAccount
from tests.unit.programme_scenario import Scenario

TextCall = Callable[[Scenario, str], object]
DateCall = Callable[[Scenario, date], object]
DUE = date(2027, 6, 30)
FIRST, LAST = date(2000, 1, 1), date(2032, 1, 4)


@dataclass(frozen=True)
class RiskItems:
    owner: UUID
    risk: UUID
    high: UUID
    action: UUID
    objective: UUID


_MADE: WeakKeyDictionary[Scenario, RiskItems] = WeakKeyDictionary()


def _own(s: Scenario) -> tuple[Any, ...]:
    return (s.tenant, SYSTEM_ACTOR, s.members[0])


def _owner(s: Scenario) -> UUID:
    if s in _MADE:
        return _MADE[s].owner
    account = OpenAccount(
        s.tenant, SYSTEM_ACTOR, "owner@org0.example", "Olga", "$argon2id$x", (Role.MEMBER,), s.members[0]
    )
    return s.app.handle(account).aggregate_id


def _treated_risk(s: Scenario, owner: UUID, residual: tuple[int, int]) -> UUID:
    risk = s.app.handle(IdentifyRisk(*_own(s), "Fire", "Arson", "No alarm", owner)).aggregate_id
    s.app.handle(AssessRisk(*_own(s), risk, 3, 3))
    s.app.handle(TreatRisk(*_own(s), risk, "mitigate", *residual, ("iso27001-2022:7.5",)))
    return risk


def prepare_risks(s: Scenario) -> None:
    owner = _owner(s)
    risk = _treated_risk(s, owner, (1, 1))
    high = _treated_risk(s, owner, (3, 3))
    action = s.app.handle(PlanTreatmentAction(*_own(s), "Alarm", "Facilities", DUE, (risk,))).aggregate_id
    objective = s.app.handle(SetSecurityObjective(*_own(s), "No fire", "Zero fires a year", "CEO", DUE)).aggregate_id
    _MADE[s] = RiskItems(owner, risk, high, action, objective)


def _identify(s: Scenario, **texts: str) -> object:
    given: dict[str, Any] = {"title": "Flood", "threat": "Rain", "vulnerability": "Cellar"} | texts
    return s.app.handle(IdentifyRisk(*_own(s), owner_id=_owner(s), **given))


def _describe(s: Scenario, **texts: str) -> object:
    made = _MADE[s]
    given: dict[str, Any] = {"title": "Fire", "threat": "Arson", "vulnerability": "No alarm", "reason": "Moved"}
    if not texts or "reason" in texts:
        given["title"] = "Fire in the bakery"
    return s.app.handle(DescribeRisk(*_own(s), made.risk, owner_id=made.owner, asset_ids=(), **(given | texts)))


def _treat(s: Scenario, **given: Any) -> object:
    facts: dict[str, Any] = {"option": "mitigate", "residual_likelihood": 1, "residual_impact": 1} | given
    return s.app.handle(TreatRisk(*_own(s), _MADE[s].risk, **facts))


RISK_TEXT_CALLS: dict[tuple[str, str], TextCall] = {
    ("IdentifyRisk", "title"): lambda s, t: _identify(s, title=t),
    ("IdentifyRisk", "threat"): lambda s, t: _identify(s, threat=t),
    ("IdentifyRisk", "vulnerability"): lambda s, t: _identify(s, vulnerability=t),
    ("DescribeRisk", "title"): lambda s, t: _describe(s, title=t),
    ("DescribeRisk", "threat"): lambda s, t: _describe(s, threat=t),
    ("DescribeRisk", "vulnerability"): lambda s, t: _describe(s, vulnerability=t),
    ("DescribeRisk", "reason"): lambda s, t: _describe(s, reason=t),
    ("AssessRisk", "reason"): lambda s, t: s.app.handle(AssessRisk(*_own(s), _MADE[s].risk, 2, 2, t)),
    ("TreatRisk", "own_controls[]"): lambda s, t: _treat(s, own_controls=(t,)),
    ("TreatRisk", "reason"): lambda s, t: _treat(s, reason=t),
    ("RecordManagementDecision", "reason"): lambda s, t: s.app.handle(
        RecordManagementDecision(*_own(s), _MADE[s].high, t)
    ),
    ("AcceptRisk", "reason"): lambda s, t: s.app.handle(
        AcceptRisk(s.tenant, _MADE[s].owner, s.members[0], _MADE[s].risk, t, DUE)
    ),
    ("CloseRisk", "reason"): lambda s, t: s.app.handle(CloseRisk(*_own(s), _MADE[s].risk, t)),
    ("HoldRiskReview", "notes"): lambda s, t: s.app.handle(HoldRiskReview(*_own(s), date(2026, 12, 1), t)),
    ("PlanTreatmentAction", "title"): lambda s, t: s.app.handle(PlanTreatmentAction(*_own(s), t, "IT", DUE)),
    ("PlanTreatmentAction", "owner"): lambda s, t: s.app.handle(PlanTreatmentAction(*_own(s), "Alarm", t, DUE)),
    ("ChangeTreatmentActionStatus", "reason"): lambda s, t: s.app.handle(
        ChangeTreatmentActionStatus(*_own(s), _MADE[s].action, "in_progress", t)
    ),
    ("SetSecurityObjective", "title"): lambda s, t: s.app.handle(SetSecurityObjective(*_own(s), t, "M", "CEO", DUE)),
    ("SetSecurityObjective", "measure"): lambda s, t: s.app.handle(
        SetSecurityObjective(*_own(s), "No fire", t, "CEO", DUE)
    ),
    ("SetSecurityObjective", "owner"): lambda s, t: s.app.handle(
        SetSecurityObjective(*_own(s), "No fire", "M", t, DUE)
    ),
    ("ChangeObjectiveStatus", "reason"): lambda s, t: s.app.handle(
        ChangeObjectiveStatus(*_own(s), _MADE[s].objective, "in_progress", t)
    ),
}

RISK_PREPARED = dict.fromkeys(RISK_TEXT_CALLS, prepare_risks)


def _accept_until(s: Scenario, day: date) -> object:
    """Accepted on a risk treated just before, when the day is a business date (a refusal writes nothing)."""
    if FIRST <= day <= LAST:
        prepare_risks(s)
        return s.app.handle(AcceptRisk(s.tenant, _MADE[s].owner, s.members[0], _MADE[s].risk, "Fine", day))
    return s.app.handle(AcceptRisk(s.tenant, SYSTEM_ACTOR, s.members[0], s.members[0], "Fine", day))


RISK_DATE_CALLS: dict[tuple[str, str], DateCall] = {
    ("AcceptRisk", "until"): _accept_until,
    ("HoldRiskReview", "held_on"): lambda s, d: s.app.handle(HoldRiskReview(*_own(s), d)),
    ("PlanTreatmentAction", "due_on"): lambda s, d: s.app.handle(PlanTreatmentAction(*_own(s), "Alarm", "IT", d)),
    ("SetSecurityObjective", "due_on"): lambda s, d: s.app.handle(
        SetSecurityObjective(*_own(s), "No fire", "Zero", "CEO", d)
    ),
}

RISK_CHOICE_CALLS: dict[tuple[str, str], TextCall] = {
    ("TreatRisk", "option"): lambda s, t: _treat(s, option=t),
    ("TreatRisk", "controls[]"): lambda s, t: _treat(s, controls=(t,)),
    ("PlanTreatmentAction", "controls[]"): lambda s, t: s.app.handle(
        PlanTreatmentAction(*_own(s), "Alarm", "IT", DUE, (), (t,))
    ),
    ("ChangeTreatmentActionStatus", "status"): lambda s, t: s.app.handle(
        ChangeTreatmentActionStatus(*_own(s), _MADE[s].action, t)
    ),
    ("ChangeObjectiveStatus", "status"): lambda s, t: s.app.handle(
        ChangeObjectiveStatus(*_own(s), _MADE[s].objective, t)
    ),
}
RISK_CHOICES_REFUSED_AS = {("TreatRisk", "controls[]"): "controls", ("PlanTreatmentAction", "controls[]"): "controls"}
RISK_CHOICE_PREPARED = dict.fromkeys(
    [("TreatRisk", "option"), ("TreatRisk", "controls[]"), *[k for k in RISK_CHOICE_CALLS if k[1] == "status"]],
    prepare_risks,
)
