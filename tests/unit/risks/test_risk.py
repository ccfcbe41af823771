"""A risk's rules: levels from the matrix, re-assessments with their reason, treatment with controls of the
catalogues, acceptance only by its owner and, above the criteria, only after management's decision; the plan's
actions and objectives, flagged when overdue or past their until-date."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from domain.risks.method import DEFAULT_METHOD
from domain.risks.plan import Planned, SecurityObjective, TreatmentAction
from domain.risks.risk import LibrarySource, Risk, Scenario, Treatment
from domain.risks.rules import acceptance_expired, is_overdue, suggested_impact
from domain.shared.calendar import business_day
from domain.shared.errors import Forbidden, ValidationFailed

TENANT, ORGANISATION, OWNER, OTHER = uuid.uuid4(), uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
TODAY = date(2026, 12, 6)


def a_risk() -> Risk:
    scenario = Scenario.checked("Ransomware on the till", "Criminal gang", "No offline backup")
    return Risk.identify(TENANT, OTHER, uuid.uuid4(), ORGANISATION, scenario, OWNER, ())


def treated(risk: Risk, residual: tuple[int, int], *controls: str) -> Treatment:
    treatment = Treatment.checked(DEFAULT_METHOD, "mitigate", controls, ("Nightly copy",), *residual)
    risk.treat(OTHER, treatment, DEFAULT_METHOD, None)
    return treatment


def test_an_assessment_takes_its_level_from_the_matrix_and_keeps_the_method_version() -> None:
    risk = a_risk()
    risk.assess(OTHER, DEFAULT_METHOD, 3, 3, None)
    assessed = risk.collect_events()[-1]
    assert (assessed.level, assessed.level_label, assessed.method_version) == (3, "High", 1)  # type: ignore[attr-defined]
    assert risk.status == "assessed"


def test_a_reassessment_says_why_and_keeps_the_earlier_one() -> None:
    risk = a_risk()
    risk.assess(OTHER, DEFAULT_METHOD, 2, 2, None)
    with pytest.raises(ValidationFailed) as no_reason:
        risk.assess(OTHER, DEFAULT_METHOD, 1, 2, "")
    assert no_reason.value.field == "reason"
    risk.assess(OTHER, DEFAULT_METHOD, 1, 2, "Backups tested")
    levels = [e.level for e in risk.collect_events() if type(e).__name__ == "Assessed"]  # type: ignore[attr-defined]
    assert levels == [2, 1]


@pytest.mark.parametrize(("likelihood", "impact", "field"), [(0, 1, "likelihood"), (1, 4, "impact")])
def test_levels_off_the_scales_are_refused(likelihood: int, impact: int, field: str) -> None:
    with pytest.raises(ValidationFailed) as refused:
        a_risk().assess(OTHER, DEFAULT_METHOD, likelihood, impact, None)
    assert refused.value.field == field


def test_the_residual_level_comes_from_the_matrix() -> None:
    risk = a_risk()
    risk.assess(OTHER, DEFAULT_METHOD, 3, 3, None)
    treatment = treated(risk, (1, 2), "iso27001-2022:8.13")
    assert (treatment.residual_level, treatment.catalogue_controls) == (1, ("iso27001-2022:8.13",))
    assert risk.status == "treated"


def test_a_risk_is_treated_only_once_assessed() -> None:
    with pytest.raises(ValidationFailed) as refused:
        treated(a_risk(), (1, 1))
    assert refused.value.field == "option"


@pytest.mark.parametrize(
    ("option", "controls", "residual", "field"),
    [
        ("ignore", (), (1, 1), "option"),
        ("mitigate", ("iso27001-2022:9.99",), (1, 1), "controls"),
        ("mitigate", ("nocatalogue:5.15",), (1, 1), "controls"),
        ("mitigate", (), (4, 1), "residual_likelihood"),
        ("mitigate", (), (1, 0), "residual_impact"),
    ],
)
def test_a_treatment_names_real_controls_and_levels(
    option: str, controls: tuple[str, ...], residual: tuple[int, int], field: str
) -> None:
    with pytest.raises(ValidationFailed) as refused:
        Treatment.checked(DEFAULT_METHOD, option, controls, (), *residual)
    assert refused.value.field == field


def test_only_the_owner_accepts() -> None:
    risk = a_risk()
    risk.assess(OTHER, DEFAULT_METHOD, 2, 2, None)
    treated(risk, (1, 1))
    with pytest.raises(Forbidden):
        risk.accept(OTHER, DEFAULT_METHOD, "Cheaper than a fix", date(2027, 6, 30))
    with business_day(TODAY):
        risk.accept(OWNER, DEFAULT_METHOD, "Cheaper than a fix", date(2027, 6, 30))
    assert risk.status == "accepted" and risk.accepted_until == date(2027, 6, 30)


def test_above_the_criteria_acceptance_needs_managements_decision_first() -> None:
    risk = a_risk()
    risk.assess(OTHER, DEFAULT_METHOD, 3, 3, None)
    treated(risk, (3, 2))  # still high
    with pytest.raises(ValidationFailed) as refused:
        risk.accept(OWNER, DEFAULT_METHOD, "We live with it", date(2027, 1, 31))
    assert refused.value.field == "management_decision"
    risk.decide_for_management(OTHER, DEFAULT_METHOD, "The board accepts it until the new till arrives")
    risk.accept(OWNER, DEFAULT_METHOD, "We live with it", date(2027, 1, 31))
    assert risk.status == "accepted"


def test_a_new_treatment_asks_for_a_new_acceptance_and_decision() -> None:
    risk = a_risk()
    risk.assess(OTHER, DEFAULT_METHOD, 3, 3, None)
    treated(risk, (3, 3))
    risk.decide_for_management(OTHER, DEFAULT_METHOD, "Board decision")
    risk.accept(OWNER, DEFAULT_METHOD, "Accepted", date(2027, 1, 31))
    treated(risk, (3, 3))
    assert risk.status == "treated" and not risk.management_decided
    with pytest.raises(ValidationFailed):
        risk.accept(OWNER, DEFAULT_METHOD, "Again", date(2027, 1, 31))


def test_no_management_decision_where_the_owner_may_accept_alone() -> None:
    risk = a_risk()
    risk.assess(OTHER, DEFAULT_METHOD, 1, 1, None)
    treated(risk, (1, 1))
    with pytest.raises(ValidationFailed) as refused:
        risk.decide_for_management(OTHER, DEFAULT_METHOD, "Not needed")
    assert refused.value.field == "risk_id"


def test_an_acceptance_until_a_past_day_is_refused_and_a_passed_one_is_flagged() -> None:
    risk = a_risk()
    risk.assess(OTHER, DEFAULT_METHOD, 1, 1, None)
    treated(risk, (1, 1))
    with business_day(TODAY), pytest.raises(ValidationFailed) as refused:
        risk.accept(OWNER, DEFAULT_METHOD, "Fine", date(2026, 12, 5))
    assert refused.value.field == "until"
    assert acceptance_expired(date(2026, 12, 5), TODAY) and not acceptance_expired(TODAY, TODAY)
    assert not acceptance_expired(None, TODAY)


def test_a_closed_risk_is_kept_as_it_was() -> None:
    risk = a_risk()
    risk.close(OTHER, "The till was replaced")
    with pytest.raises(ValidationFailed) as refused:
        risk.assess(OTHER, DEFAULT_METHOD, 1, 1, None)
    assert refused.value.field == "risk_id"


def test_a_library_source_names_both_item_and_version() -> None:
    assert LibrarySource.checked(None, None) is None
    assert LibrarySource.checked("ransomware", 2) == LibrarySource("ransomware", 2)
    with pytest.raises(ValidationFailed) as refused:
        LibrarySource.checked("ransomware", None)
    assert refused.value.field == "source_library_version"


def test_the_assets_classification_suggests_the_impact() -> None:
    assert suggested_impact([], 3) is None
    assert suggested_impact([3 / 4, 1 / 3], 3) == 3
    assert suggested_impact([1 / 4], 3) == 1
    assert suggested_impact([2 / 3], 5) == 4


def test_actions_and_objectives_are_flagged_when_overdue() -> None:
    planned = Planned.checked("Offline backup", "IT lead", date(2026, 12, 1))
    action = TreatmentAction.plan(TENANT, OTHER, uuid.uuid4(), ORGANISATION, planned, (), ("iso27001-2022:8.13",))
    assert is_overdue(date(2026, 12, 1), action.status, TODAY)
    action.progress(OTHER, "done", None)
    assert not is_overdue(date(2026, 12, 1), action.status, TODAY)
    with pytest.raises(ValidationFailed) as refused:
        action.progress(OTHER, "finished", None)
    assert refused.value.field == "status"
    objective = SecurityObjective.set(TENANT, OTHER, uuid.uuid4(), ORGANISATION, planned, "Restore tested monthly")
    assert objective.status == "planned"
