"""What the input-limits test needs of the monitoring and measurement register: a metric of one organisation of the
scenario, owned by the coach, with one measurement, made before a revision, retirement, measurement or correction
is tried."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID
from weakref import WeakKeyDictionary

from domain.metrics.commands import CorrectMeasurement, DefineMetric, RecordMeasurement, RetireMetric, ReviseMetric
from domain.metrics.metric import Metric
from domain.shared.aggregate import SYSTEM_ACTOR
from tests.unit.programme_scenario import Scenario

_MADE: WeakKeyDictionary[Scenario, tuple[UUID, UUID]] = WeakKeyDictionary()
FIRST, TODAY = date(2000, 1, 1), date(2027, 1, 4)
MEASURED = date(2026, 12, 31)


def _own(s: Scenario) -> tuple[Any, ...]:
    return (s.tenant, SYSTEM_ACTOR, s.members[0])


def _facts(s: Scenario, **given: Any) -> dict[str, Any]:
    facts = {"name": "Patching", "method": "Share patched", "frequency": "monthly", "target": 95.0,
             "direction": "at_least", "unit": "%", "owner_id": s.coach, "reference": "8.8"}  # fmt: skip
    return facts | given


def define(s: Scenario, **given: Any) -> object:
    return s.app.handle(DefineMetric(*_own(s), **_facts(s, **given)))


def revise(s: Scenario, **given: Any) -> object:
    return s.app.handle(ReviseMetric(*_own(s), _MADE[s][0], **_facts(s, target=90.0, **given)))


def record(s: Scenario, on: date = TODAY, note: str | None = None) -> object:
    return s.app.handle(RecordMeasurement(*_own(s), _MADE[s][0], on, 97.0, note))


def correct(s: Scenario, reason: str = "Misread", note: str | None = None) -> object:
    return s.app.handle(CorrectMeasurement(*_own(s), _MADE[s][0], _MADE[s][1], 96.0, reason, note))


def prepare_metrics(s: Scenario) -> None:
    metric = define(s).aggregate_id  # type: ignore[attr-defined]
    s.app.handle(RecordMeasurement(*_own(s), metric, MEASURED, 91.0))
    _MADE[s] = (metric, next(iter(s.app.get(Metric, s.tenant, metric).measurements)))


def _measure_on(s: Scenario, day: date) -> object:
    """Measures on `day` a metric defined just before, when the day could be a measurement's."""
    metric = define(s).aggregate_id if FIRST <= day <= TODAY else s.members[0]  # type: ignore[attr-defined]
    return s.app.handle(RecordMeasurement(*_own(s), metric, day, 97.0))


METRIC_TEXT_CALLS: dict[tuple[str, str], Any] = {
    ("DefineMetric", "name"): lambda s, t: define(s, name=t),
    ("DefineMetric", "method"): lambda s, t: define(s, method=t),
    ("DefineMetric", "unit"): lambda s, t: define(s, unit=t),
    ("ReviseMetric", "name"): lambda s, t: revise(s, name=t),
    ("ReviseMetric", "method"): lambda s, t: revise(s, method=t),
    ("ReviseMetric", "unit"): lambda s, t: revise(s, unit=t),
    ("RetireMetric", "reason"): lambda s, t: s.app.handle(RetireMetric(*_own(s), _MADE[s][0], t)),
    ("RecordMeasurement", "note"): lambda s, t: record(s, note=t),
    ("CorrectMeasurement", "reason"): lambda s, t: correct(s, reason=t),
    ("CorrectMeasurement", "note"): lambda s, t: correct(s, note=t),
}
METRIC_CHOICE_CALLS: dict[tuple[str, str], Any] = {
    ("DefineMetric", "frequency"): lambda s, t: define(s, frequency=t),
    ("DefineMetric", "direction"): lambda s, t: define(s, direction=t),
    ("DefineMetric", "reference"): lambda s, t: define(s, reference=t),
    ("ReviseMetric", "frequency"): lambda s, t: revise(s, frequency=t),
    ("ReviseMetric", "direction"): lambda s, t: revise(s, direction=t),
    ("ReviseMetric", "reference"): lambda s, t: revise(s, reference=t),
}
METRIC_DATE_CALLS: dict[tuple[str, str], Any] = {("RecordMeasurement", "measured_on"): _measure_on}
METRIC_HAPPENED = set(METRIC_DATE_CALLS)
METRIC_PREPARED = dict.fromkeys(
    [key for key in [*METRIC_TEXT_CALLS, *METRIC_CHOICE_CALLS] if key[0] != "DefineMetric"], prepare_metrics
)
