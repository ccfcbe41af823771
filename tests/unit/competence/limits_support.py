"""What the input-limits test needs of the competence register: a training record and a campaign of one
organisation of the scenario, made before a withdrawal's reason is tried."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID
from weakref import WeakKeyDictionary

from domain.competence.commands import (
    RecordTraining,
    RunAwarenessCampaign,
    WithdrawAwarenessCampaign,
    WithdrawTraining,
)
from domain.shared.aggregate import SYSTEM_ACTOR
from tests.unit.programme_scenario import Scenario

_MADE: WeakKeyDictionary[Scenario, tuple[UUID, UUID]] = WeakKeyDictionary()
ON = date(2026, 3, 2)


def _own(s: Scenario) -> tuple[Any, ...]:
    return (s.tenant, SYSTEM_ACTOR, s.members[0])


def training(s: Scenario, on: date = ON, **texts: Any) -> object:
    given = {"course": "Phishing", "provider": "CNIL", "person_name": "Anne Muller", "evidence": None} | texts
    return s.app.handle(RecordTraining(*_own(s), completed_on=on, **given))


def campaign(s: Scenario, on: date = ON, **texts: Any) -> object:
    given = {"title": "Clean desk", "audience": "Everyone", "material": "Posters", "participants": ("Anne",)} | texts
    return s.app.handle(RunAwarenessCampaign(*_own(s), held_on=on, **given))


def prepare_competence(s: Scenario) -> None:
    made = (training(s).aggregate_id, campaign(s).aggregate_id)  # type: ignore[attr-defined]
    _MADE[s] = made


COMPETENCE_TEXT_CALLS: dict[tuple[str, str], Any] = {
    ("RecordTraining", "course"): lambda s, t: training(s, course=t),
    ("RecordTraining", "provider"): lambda s, t: training(s, provider=t),
    ("RecordTraining", "person_name"): lambda s, t: training(s, person_name=t),
    ("RecordTraining", "evidence"): lambda s, t: training(s, evidence=t),
    ("WithdrawTraining", "reason"): lambda s, t: s.app.handle(WithdrawTraining(*_own(s), _MADE[s][0], t)),
    ("RunAwarenessCampaign", "title"): lambda s, t: campaign(s, title=t),
    ("RunAwarenessCampaign", "audience"): lambda s, t: campaign(s, audience=t),
    ("RunAwarenessCampaign", "material"): lambda s, t: campaign(s, material=t),
    ("RunAwarenessCampaign", "participants[]"): lambda s, t: campaign(s, participants=(t,)),
    ("WithdrawAwarenessCampaign", "reason"): lambda s, t: s.app.handle(
        WithdrawAwarenessCampaign(*_own(s), _MADE[s][1], t)
    ),
}

COMPETENCE_DATE_CALLS: dict[tuple[str, str], Any] = {
    ("RecordTraining", "completed_on"): lambda s, d: training(s, on=d),
    ("RunAwarenessCampaign", "held_on"): lambda s, d: campaign(s, on=d),
}
COMPETENCE_HAPPENED = set(COMPETENCE_DATE_CALLS)
COMPETENCE_PREPARED = dict.fromkeys(
    [("WithdrawTraining", "reason"), ("WithdrawAwarenessCampaign", "reason")], prepare_competence
)
