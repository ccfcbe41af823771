"""The monitoring and measurement rules: a target met or missed in both directions; a metric overdue by its
frequency; a correction needs a reason; a retired metric takes no measurement; the owner and the evaluator are
people of the organisation; bad input is refused naming its field, and nothing is written."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from domain.metrics.commands import CorrectMeasurement, DefineMetric, RecordMeasurement, RetireMetric, ReviseMetric
from domain.metrics.metric import Metric
from domain.metrics.rules import can_change, is_overdue, meets_target, next_due
from domain.shared.calendar import business_day
from domain.shared.errors import NotFound, ValidationFailed
from tests.unit.audits.test_audits import member_account
from tests.unit.programme_scenario import Scenario

TODAY = date(2026, 6, 1)
DEFINITION: dict[str, Any] = {"name": "Patching within 14 days", "method": "Share of critical patches applied",
                              "frequency": "monthly", "target": 95, "direction": "at_least", "unit": "%"}  # fmt: skip


def test_a_target_is_met_at_least_by_reaching_it_and_at_most_by_not_passing_it() -> None:
    assert meets_target(95, "at_least", 95) and meets_target(99.5, "at_least", 95)
    assert not meets_target(94.9, "at_least", 95)
    assert meets_target(2, "at_most", 2) and meets_target(0, "at_most", 2)
    assert not meets_target(3, "at_most", 2)
    assert meets_target(-5, "at_most", -1) and not meets_target(-0.5, "at_most", -1)


@pytest.mark.parametrize(
    ("frequency", "since", "due"),
    [("weekly", date(2026, 5, 28), date(2026, 6, 4)), ("monthly", date(2026, 1, 31), date(2026, 2, 28)),
     ("quarterly", date(2026, 11, 30), date(2027, 2, 28)), ("half_yearly", date(2026, 3, 31), date(2026, 9, 30)),
     ("yearly", date(2024, 2, 29), date(2025, 2, 28)), ("monthly", date(2026, 4, 30), date(2026, 5, 31)),
     ("monthly", date(2026, 2, 28), date(2026, 3, 31)), ("quarterly", date(2025, 9, 30), date(2025, 12, 31)),
     ("yearly", date(2023, 2, 28), date(2024, 2, 29)), ("monthly", date(2026, 4, 29), date(2026, 5, 29))],
)  # fmt: skip
def test_the_next_measurement_is_due_by_the_frequency(frequency: str, since: date, due: date) -> None:
    assert next_due(frequency, since) == due


def test_a_metric_is_overdue_once_the_day_its_frequency_gives_has_passed_unless_retired() -> None:
    assert not is_overdue("monthly", date(2026, 5, 1), TODAY)  # due on 1 June: not yet late
    assert is_overdue("monthly", date(2026, 4, 30), TODAY)
    assert not is_overdue("quarterly", date(2026, 3, 31), TODAY)
    assert is_overdue("weekly", date(2026, 5, 20), TODAY)
    assert not is_overdue("weekly", date(2026, 5, 20), TODAY, retired=True)
    assert can_change(False) and not can_change(True)


def _defined(s: Scenario, **change: Any) -> tuple[tuple[Any, Any, Any], Any]:
    owner = member_account(s)
    mine = (s.tenant, owner, s.members[0])
    given = DEFINITION | {"owner_id": owner} | change
    return mine, s.app.handle(DefineMetric(*mine, **given)).aggregate_id


def test_measurements_are_recorded_once_a_day_corrected_with_a_reason_and_refused_once_retired() -> None:
    s = Scenario()
    mine, metric = _defined(s, reference="8.8")
    with business_day(TODAY):
        s.app.handle(RecordMeasurement(*mine, metric, date(2026, 4, 30), 97.5))
        s.app.handle(RecordMeasurement(*mine, metric, date(2026, 5, 31), 91, "Two laptops were away"))
        before = s.position()
        with pytest.raises(ValidationFailed) as twice:
            s.app.handle(RecordMeasurement(*mine, metric, date(2026, 5, 31), 92))
        assert twice.value.field == "measured_on"
        with pytest.raises(ValidationFailed) as future:
            s.app.handle(RecordMeasurement(*mine, metric, date(2026, 6, 2), 92))
        assert future.value.field == "measured_on"
    found = s.app.get(Metric, s.tenant, metric)
    may = next(key for key, m in found.measurements.items() if m.measured_on == date(2026, 5, 31))
    with pytest.raises(ValidationFailed) as no_reason:
        s.app.handle(CorrectMeasurement(*mine, metric, may, 93, " "))
    assert no_reason.value.field == "reason"
    with pytest.raises(ValidationFailed) as unknown:
        s.app.handle(CorrectMeasurement(*mine, metric, s.members[1], 93, "Typo"))
    assert unknown.value.field == "measurement_id"
    assert s.position() == before
    s.app.handle(CorrectMeasurement(*mine, metric, may, 96, "The report counted a retired server"))
    corrected = s.app.get(Metric, s.tenant, metric).measurements[may]
    assert (corrected.value, corrected.note) == (96, "Two laptops were away"), "no note given: the note stays"
    s.app.handle(CorrectMeasurement(*mine, metric, may, 96, "The note was wrong", note=""))
    assert s.app.get(Metric, s.tenant, metric).measurements[may].note == ""
    s.app.handle(RetireMetric(*mine, metric, "Replaced by automatic patching"))
    retired = s.position()
    with business_day(TODAY), pytest.raises(ValidationFailed) as after_retirement:
        s.app.handle(RecordMeasurement(*mine, metric, date(2026, 6, 1), 99))
    assert after_retirement.value.field == "metric_id"
    for refused in (CorrectMeasurement(*mine, metric, may, 90, "Again"), RetireMetric(*mine, metric, "Twice"),
                    ReviseMetric(*mine, metric, **(DEFINITION | {"owner_id": mine[1], "target": 90}))):  # fmt: skip
        with pytest.raises(ValidationFailed):
            s.app.handle(refused)
    assert s.position() == retired


def test_the_owner_and_the_evaluator_are_people_of_the_organisation() -> None:
    s = Scenario()
    owner, foreign = member_account(s), member_account(s, 1)
    mine = (s.tenant, owner, s.members[0])
    before = s.position()
    for field, change in (("owner_id", {"owner_id": foreign}), ("evaluator_id", {"evaluator_id": foreign})):
        with pytest.raises(NotFound) as refused:
            s.app.handle(DefineMetric(*mine, **(DEFINITION | {"owner_id": owner} | change)))
        assert refused.value.field == field
    assert s.position() == before
    coach_evaluates = s.app.handle(DefineMetric(*mine, **(DEFINITION | {"owner_id": owner, "evaluator_id": s.coach})))
    metric = s.app.get(Metric, s.tenant, coach_evaluates.aggregate_id)
    assert (metric.owner_id, metric.evaluator_id) == (owner, s.coach)
    with pytest.raises(NotFound) as revised:
        s.app.handle(ReviseMetric(*mine, metric.id, **(DEFINITION | {"owner_id": foreign})))
    assert revised.value.field == "owner_id"


@pytest.mark.parametrize(
    ("change", "field"),
    [({"frequency": "daily"}, "frequency"), ({"direction": "exactly"}, "direction"), ({"name": ""}, "name"),
     ({"name": "a\nb"}, "name"), ({"method": "x" * 2001}, "method"), ({"unit": "x" * 31}, "unit"),
     ({"unit": " "}, "unit"), ({"target": float("nan")}, "target"), ({"target": 1e13}, "target"),
     ({"reference": "clause nine"}, "reference"), ({"reference": "9.1.1.1.1"}, "reference")],
)  # fmt: skip
def test_a_bad_definition_is_refused_naming_its_field(change: dict[str, Any], field: str) -> None:
    s = Scenario()
    owner = member_account(s)
    before = s.position()
    with pytest.raises(ValidationFailed) as refused:
        s.app.handle(DefineMetric(s.tenant, owner, s.members[0], **(DEFINITION | {"owner_id": owner} | change)))
    assert refused.value.field == field
    assert s.position() == before


def test_a_revision_is_a_new_event_with_the_new_definition_and_nothing_to_revise_is_refused() -> None:
    s = Scenario()
    mine, metric = _defined(s)
    same = DEFINITION | {"owner_id": mine[1]}
    with pytest.raises(ValidationFailed) as unchanged:
        s.app.handle(ReviseMetric(*mine, metric, **same))
    assert unchanged.value.field == "metric_id"
    s.app.handle(ReviseMetric(*mine, metric, **(same | {"target": 90, "reference": "A.8.8"})))
    revised = s.app.get(Metric, s.tenant, metric)
    assert (revised.definition.target, revised.definition.reference, revised.version) == (90, "A.8.8", 2)
    with pytest.raises(NotFound) as other_organisation:
        s.app.handle(RecordMeasurement(s.tenant, mine[1], s.members[1], metric, TODAY, 1))
    assert other_organisation.value.field == "metric_id"
