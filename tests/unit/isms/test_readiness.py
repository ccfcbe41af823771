"""Certification readiness: each item's present, approved and current rule, the percentage and the PDCA phases."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from backend.graphql.isms.readiness import (
    DONE,
    IN_PROGRESS,
    MET,
    MISSING,
    NOT_STARTED,
    PARTLY,
    Evidence,
    Item,
    percent,
    phase_of,
    phase_status,
    readiness,
    within_a_year,
)
from projections.context.rows import ContextSummary
from projections.documents.rows import DocumentSummary
from projections.metrics.rows import MetricSummary
from projections.readiness.rows import ReadinessFacts
from projections.risks.rows import RiskSummary
from projections.soa.rows import SoaSummary

TODAY = date(2027, 6, 15)
LAST_MONTH = date(2027, 5, 15)
LONG_AGO = date(2026, 6, 14)
"""One day more than twelve months before TODAY."""

NOTHING = Evidence(
    TODAY, ContextSummary(0, 0, 0, None, 0), DocumentSummary(0, 0, 0, 0, False), SoaSummary(), RiskSummary(),
    ReadinessFacts(), risk_method=False,
)  # fmt: skip
FULL_FACTS = ReadinessFacts(
    scope_stated_on=LAST_MONTH, policies=1, risks_treated=4, treatment_actions=3, objectives=2, changes=5,
    last_operation_on=LAST_MONTH, trainings=3, last_training_on=LAST_MONTH, programmes=2, programme_this_year=True, audits=2,
    audits_completed=1, last_audit_held_on=LAST_MONTH, reviews=1, reviews_closed=1, last_review_closed_on=LAST_MONTH,
    nonconformities=1,
)  # fmt: skip
READY = Evidence(
    TODAY, ContextSummary(3, 2, 1, 2, 1), DocumentSummary(4, 4, 0, 0, True),
    SoaSummary("iso27001-2022", "draft", 0, 0, 1, None), RiskSummary(open=4), FULL_FACTS, LAST_MONTH, True,
    MetricSummary(metrics=3, measured=3, missed=1, overdue=0),
)  # fmt: skip


def found(evidence: Evidence, clause: str, title_start: str = "") -> Item:
    return next(i for i in readiness(evidence).items if i.clause == clause and i.title.startswith(title_start))


def facts(**changed: object) -> Evidence:
    return replace(READY, facts=replace(FULL_FACTS, **changed))


def flags(item: Item) -> tuple[bool, bool | None, bool | None]:
    return item.present, item.approved, item.current


# The whole


def test_an_organisation_with_nothing_recorded_meets_no_check_and_starts_no_phase() -> None:
    found_ = readiness(NOTHING)
    assert (found_.percent, found_.met) == (0, 0)
    assert [p.status for p in found_.phases] == [NOT_STARTED] * 4
    assert all(i.status == MISSING for i in found_.items)
    assert all(len(i.missing) == 1 for i in found_.items), "only the presence is said missing"


def test_a_ready_organisation_meets_every_check_and_every_phase() -> None:
    found_ = readiness(READY)
    assert [i.clause for i in found_.items if i.status != MET] == []
    assert found_.checks == 37 and found_.met == 37
    assert found_.percent == 100
    assert [(p.phase, p.status) for p in found_.phases] == [
        ("plan", DONE), ("do", DONE), ("check", DONE), ("act", DONE),
    ]  # fmt: skip


def test_every_item_an_auditor_asks_for_is_listed_in_the_standards_order() -> None:
    clauses = [i.clause for i in readiness(READY).items]
    assert clauses == [
        "4.3", "5.2", "6.1.2", "6.1.3", "6.1.3 d", "6.2", "7.2", "8.1", "8.2", "8.3", "9.1", "9.2", "9.2", "9.3", "10.2"
    ]  # fmt: skip


def test_the_percentage_is_the_share_of_checks_met_rounded_down() -> None:
    assert percent(0, 0) == 0
    assert percent(1, 3) == 33
    assert percent(2, 3) == 66
    assert percent(36, 37) == 97
    assert percent(37, 37) == 100


@pytest.mark.parametrize(
    ("clause", "phase"),
    [("4.3", "plan"), ("5.2", "plan"), ("6.1.3 d", "plan"), ("7.2", "do"), ("8.3", "do"), ("9.1", "check"),
     ("9.3", "check"), ("10.2", "act")],
)  # fmt: skip
def test_each_clause_belongs_to_its_pdca_phase(clause: str, phase: str) -> None:
    assert phase_of(clause) == phase


def test_a_phase_is_not_started_in_progress_or_done_by_the_checks_met() -> None:
    assert phase_status(0, 5) == NOT_STARTED
    assert phase_status(1, 5) == IN_PROGRESS
    assert phase_status(5, 5) == DONE


def test_one_missing_check_puts_its_phase_in_progress_and_lowers_the_percentage() -> None:
    found_ = readiness(facts(corrective_actions_overdue=1))
    assert [p.status for p in found_.phases if p.phase == "act"] == [IN_PROGRESS]
    assert found_.percent == 97  # 36 of 37


def test_twelve_months_is_365_days_up_to_today() -> None:
    assert within_a_year(date(2026, 6, 15), TODAY)
    assert not within_a_year(LONG_AGO, TODAY)
    assert not within_a_year(None, TODAY)
    assert not within_a_year(date(2027, 6, 16), TODAY), "a date to come is no record"


def test_links_lead_below_the_organisations_address_or_to_the_consultancys_page() -> None:
    items = {i.title: i for i in readiness(READY).items}
    assert items["Statement of Applicability"].link("o-1") == "/organisations/o-1/soa"
    assert items["Risk assessment process and criteria"].link("o-1") == "/risk-method"


# Item by item


def test_scope_is_current_when_stated_or_confirmed_by_a_closed_review_within_a_year() -> None:
    assert flags(found(NOTHING, "4.3")) == (False, None, False)
    assert flags(found(READY, "4.3")) == (True, None, True)
    stale = facts(scope_stated_on=LONG_AGO, last_review_closed_on=LONG_AGO)
    assert flags(found(stale, "4.3")) == (True, None, False)
    assert found(stale, "4.3").missing == (
        "The scope was neither stated again nor confirmed by a management review in 12 months.",
    )
    assert found(facts(scope_stated_on=LONG_AGO), "4.3").current is True


def test_policy_is_approved_when_published_and_current_until_its_review_date() -> None:
    assert flags(found(READY, "5.2")) == (True, True, True)
    draft = replace(facts(), documents=DocumentSummary(1, 0, 1, 0, False))
    assert flags(found(draft, "5.2")) == (True, False, False)
    assert found(draft, "5.2").status == PARTLY
    overdue = facts(policies_review_overdue=1)
    assert flags(found(overdue, "5.2")) == (True, True, False)
    assert found(overdue, "5.2").missing == ("The published policy is past its review date.",)


def test_the_risk_process_is_present_with_the_consultancys_method() -> None:
    assert flags(found(READY, "6.1.2")) == (True, None, None)
    assert found(NOTHING, "6.1.2").status == MISSING


def test_risk_treatment_process_needs_managements_decision_above_criteria_and_live_acceptances() -> None:
    assert flags(found(READY, "6.1.3")) == (True, True, True)
    above = replace(READY, risks=RiskSummary(open=4, above_criteria=2, acceptances_expired=1))
    assert flags(found(above, "6.1.3")) == (True, False, False)
    assert found(above, "6.1.3").missing == (
        "2 risks above the acceptance criteria without management's decision.",
        "1 risk acceptance expired.",
    )
    assert found(facts(risks_treated=0), "6.1.3").status == MISSING


def test_soa_is_current_while_nothing_changed_since_its_approved_version() -> None:
    assert flags(found(READY, "6.1.3 d")) == (True, True, True)
    assert flags(found(facts(soa_changed_since_approval=3), "6.1.3 d")) == (True, True, False)
    carried = replace(READY, soa=SoaSummary("iso27001-2022", "draft", 0, 5, 1, None))
    assert found(carried, "6.1.3 d").current is False
    submitted = replace(READY, soa=SoaSummary("iso27001-2022", "submitted", 0, 0, 1, None))
    assert found(submitted, "6.1.3 d").current is False
    never = replace(READY, soa=SoaSummary("iso27001-2022", "draft", 10, 0, None, None))
    assert flags(found(never, "6.1.3 d")) == (True, False, False)
    assert found(NOTHING, "6.1.3 d").missing == ("The Statement of Applicability is not started.",)


def test_objectives_are_current_while_none_is_overdue() -> None:
    assert flags(found(READY, "6.2")) == (True, None, True)
    assert flags(found(facts(objectives_overdue=1), "6.2")) == (True, None, False)
    assert found(facts(objectives=0), "6.2").status == MISSING


def test_competence_needs_a_training_within_a_year() -> None:
    assert flags(found(READY, "7.2")) == (True, None, True)
    assert flags(found(facts(last_training_on=LONG_AGO), "7.2")) == (True, None, False)
    assert found(facts(trainings=0), "7.2").status == MISSING


def test_operational_planning_counts_changes_and_treatment_actions_of_the_last_year() -> None:
    assert flags(found(facts(changes=0), "8.1")) == (True, None, True)
    assert found(facts(changes=0, treatment_actions=0), "8.1").status == MISSING
    assert flags(found(facts(last_operation_on=LONG_AGO), "8.1")) == (True, None, False)


def test_risk_assessment_results_need_every_risk_assessed_and_a_review_within_a_year() -> None:
    assert flags(found(READY, "8.2")) == (True, True, True)
    unassessed = replace(READY, risks=RiskSummary(open=4, unassessed=1), risk_reviewed_on=LONG_AGO)
    assert flags(found(unassessed, "8.2")) == (True, False, False)
    assert found(unassessed, "8.2").missing == (
        "1 risk not assessed.",
        "The risk register was not reviewed in 12 months.",
    )


def test_risk_treatment_results_need_every_risk_treated_and_no_action_overdue() -> None:
    assert flags(found(READY, "8.3")) == (True, True, True)
    late = replace(READY, risks=RiskSummary(open=4, untreated=2, actions_overdue=3))
    assert flags(found(late, "8.3")) == (True, False, False)
    assert found(facts(treatment_actions=0), "8.3").status == MISSING


def test_monitoring_results_need_a_measured_metric_and_none_overdue() -> None:
    assert flags(found(READY, "9.1")) == (True, None, True), "a missed target is a result, not a missing one"
    unmeasured = found(replace(READY, metrics=MetricSummary(metrics=2, measured=0, missed=0, overdue=2)), "9.1")
    assert flags(unmeasured) == (False, None, False)
    assert unmeasured.missing == ("No metric measured yet.",)
    assert found(NOTHING, "9.1").missing == ("No metric defined.",)
    late = found(replace(READY, metrics=MetricSummary(metrics=3, measured=3, missed=0, overdue=2)), "9.1")
    assert flags(late) == (True, None, False)
    assert late.missing == ("2 metrics overdue for measurement.",)
    assert late.link("o") == "/organisations/o/metrics"


def test_the_audit_programme_is_current_for_this_year() -> None:
    assert flags(found(READY, "9.2", "Internal audit programme")) == (True, None, True)
    other_years = facts(programme_this_year=False)  # last year's, or only next year's: none for this one
    assert flags(found(other_years, "9.2", "Internal audit programme")) == (True, None, False)
    assert found(other_years, "9.2", "Internal audit programme").missing == ("No audit programme for 2027.",)
    assert found(facts(programmes=0, programme_this_year=False), "9.2", "Internal audit programme").status == MISSING


def test_audit_results_are_approved_once_a_report_is_issued_and_current_within_a_year() -> None:
    title = "Internal audit results"
    assert flags(found(READY, "9.2", title)) == (True, True, True)
    planned = facts(audits_completed=0, last_audit_held_on=None)
    assert flags(found(planned, "9.2", title)) == (True, False, False)
    assert flags(found(facts(last_audit_held_on=LONG_AGO), "9.2", title)) == (True, True, False)


def test_management_review_is_approved_once_closed_and_current_within_a_year() -> None:
    assert flags(found(READY, "9.3")) == (True, True, True)
    held = facts(reviews_closed=0, last_review_closed_on=None)
    assert flags(found(held, "9.3")) == (True, False, False)
    assert found(held, "9.3").missing[0] == "No management review closed: minutes not approved."


def test_nonconformities_need_analysis_and_no_corrective_action_overdue() -> None:
    assert flags(found(READY, "10.2")) == (True, True, True)
    open_ = facts(nonconformities_unanalysed=2, corrective_actions_overdue=1)
    assert flags(found(open_, "10.2")) == (True, False, False)
    assert found(open_, "10.2").missing == (
        "2 nonconformities without cause and correction.",
        "1 corrective action past the due date.",
    )
    assert found(facts(nonconformities=0), "10.2").status == MISSING
