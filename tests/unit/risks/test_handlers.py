"""The register's handlers through the application: what a risk names is checked in its organisation (its owner's
account, its assets, the plan's risks), and acceptance follows the criteria of the method its treatment used."""

from __future__ import annotations

from datetime import date

import pytest

from domain.assets.commands import RegisterAsset, RetireAsset
from domain.risks.commands import (
    AcceptRisk,
    AssessRisk,
    IdentifyRisk,
    PlanTreatmentAction,
    RecordManagementDecision,
    SetRiskMethod,
    TreatRisk,
)
from domain.shared.aggregate import SYSTEM_ACTOR
from domain.shared.calendar import business_day
from domain.shared.errors import Forbidden, NotFound, ValidationFailed
from domain.tenancy.account import Role
from domain.tenancy.commands import OpenAccount
from tests.unit.programme_scenario import Scenario

SCALE = ((1, "Low", "x"), (2, "High", "y"))
EVERYTHING_BY_THE_OWNER = (
    SCALE, SCALE, SCALE, tuple((lk, im, 2 if lk + im > 3 else 1) for lk in (1, 2) for im in (1, 2)),
    ((1, "owner"), (2, "owner")),
)  # fmt: skip


def member_account(s: Scenario, organisation: int = 0) -> object:
    email = f"owner{organisation}@example.org"
    account = OpenAccount(s.tenant, SYSTEM_ACTOR, email, "Olga", "$argon2id$x", (Role.MEMBER,), s.members[organisation])
    return s.app.handle(account).aggregate_id


def test_the_owner_and_the_assets_are_the_organisations() -> None:
    s = Scenario()
    own, other_owner = member_account(s), member_account(s, 1)
    mine = (s.tenant, SYSTEM_ACTOR, s.members[0])
    theirs = s.app.handle(RegisterAsset(s.tenant, SYSTEM_ACTOR, s.members[1], "Their server", "hardware", "IT"))
    retired = s.app.handle(RegisterAsset(*mine, "Old till", "hardware", "Shop")).aggregate_id
    s.app.handle(RetireAsset(*mine, retired, "Sold"))
    before = s.position()
    with pytest.raises(NotFound) as foreign_owner:
        s.app.handle(IdentifyRisk(*mine, "Fire", "Arson", "No alarm", other_owner))  # type: ignore[arg-type]
    assert foreign_owner.value.field == "owner_id"
    with pytest.raises(NotFound) as foreign_asset:
        s.app.handle(IdentifyRisk(*mine, "Fire", "Arson", "No alarm", own, (theirs.aggregate_id,)))  # type: ignore[arg-type]
    assert foreign_asset.value.field == "asset_ids"
    with pytest.raises(ValidationFailed) as retired_asset:
        s.app.handle(IdentifyRisk(*mine, "Fire", "Arson", "No alarm", own, (retired,)))  # type: ignore[arg-type]
    assert retired_asset.value.field == "asset_ids"
    theirs_risk = s.app.handle(IdentifyRisk(s.tenant, SYSTEM_ACTOR, s.members[1], "X", "Y", "Z", other_owner))  # type: ignore[arg-type]
    before = s.position()
    with pytest.raises(NotFound) as foreign_risk:
        s.app.handle(PlanTreatmentAction(*mine, "Alarm", "IT", date(2027, 3, 1), (theirs_risk.aggregate_id,)))
    assert foreign_risk.value.field == "risk_ids"
    assert s.position() == before


def test_acceptance_follows_the_criteria_of_the_method_the_treatment_used() -> None:
    s = Scenario()
    owner = member_account(s)
    mine = (s.tenant, SYSTEM_ACTOR, s.members[0])
    as_owner = (s.tenant, owner, s.members[0])
    high = s.app.handle(IdentifyRisk(*mine, "Fire", "Arson", "No alarm", owner)).aggregate_id  # type: ignore[arg-type]
    s.app.handle(AssessRisk(*mine, high, 3, 3))
    s.app.handle(TreatRisk(*mine, high, "accept", 3, 3))  # high on the default method: management decides
    s.app.handle(SetRiskMethod(s.tenant, SYSTEM_ACTOR, *EVERYTHING_BY_THE_OWNER))
    with business_day(date(2027, 1, 4)), pytest.raises(ValidationFailed) as refused:
        s.app.handle(AcceptRisk(*as_owner, high, "Fine", date(2027, 6, 30)))  # type: ignore[arg-type]
    assert refused.value.field == "management_decision"
    s.app.handle(TreatRisk(*mine, high, "accept", 2, 2, reason="On the new method"))  # its owner accepts it alone now
    with pytest.raises(ValidationFailed):
        s.app.handle(RecordManagementDecision(*mine, high, "Not needed"))
    with business_day(date(2027, 1, 4)):
        s.app.handle(AcceptRisk(*as_owner, high, "Fine", date(2027, 6, 30)))  # type: ignore[arg-type]


def test_the_owner_may_not_record_managements_decision_on_their_own_risk() -> None:
    s = Scenario()
    owner = member_account(s)
    mine = (s.tenant, SYSTEM_ACTOR, s.members[0])
    as_owner = (s.tenant, owner, s.members[0])
    high = s.app.handle(IdentifyRisk(*mine, "Fire", "Arson", "No alarm", owner)).aggregate_id  # type: ignore[arg-type]
    s.app.handle(AssessRisk(*mine, high, 3, 3))
    s.app.handle(TreatRisk(*mine, high, "accept", 3, 3))  # high on the default method: management decides
    before = s.position()
    with pytest.raises(Forbidden) as refused:
        s.app.handle(RecordManagementDecision(*as_owner, high, "I decide for the board"))  # type: ignore[arg-type]
    assert "owner" in str(refused.value)
    assert s.position() == before
    s.app.handle(RecordManagementDecision(*mine, high, "Board meeting, 3 March"))
    with business_day(date(2027, 1, 4)):
        s.app.handle(AcceptRisk(*as_owner, high, "Fine", date(2027, 6, 30)))  # type: ignore[arg-type]
