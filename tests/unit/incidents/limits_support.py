"""What the input-limits test needs of the incident register: agreed service levels, and incidents reported,
open and restored, made before an argument is tried (so that the tries themselves write nothing else)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from uuid import UUID
from weakref import WeakKeyDictionary

from domain.incidents.commands import (
    AcknowledgeIncident,
    AgreeServiceLevels,
    CloseIncident,
    EscalateIncident,
    IssueMonitoringToken,
    RaiseNonconformityFromIncident,
    ReceiveMonitoringAlert,
    ReportIncident,
    RestoreIncident,
)
from domain.shared.aggregate import SYSTEM_ACTOR
from tests.unit.programme_scenario import Scenario

TextCall = Callable[[Scenario, str], object]
TimeCall = Callable[[Scenario, datetime], object]
AT = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
LATER = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
TARGETS = {
    "critical": {"reaction": 15, "escalation": 30, "recovery": 240},
    "high": {"reaction": 30, "escalation": 60, "recovery": 480},
    "medium": {"reaction": 60, "escalation": 240, "recovery": 1440},
    "low": {"reaction": 240, "escalation": 480, "recovery": 4320},
}
SLOWER = {**TARGETS, "low": {"reaction": 480, "escalation": 960, "recovery": 9000}}


@dataclass(frozen=True)
class IncidentItems:
    reported: UUID
    restored: UUID
    closed: UUID


_MADE: WeakKeyDictionary[Scenario, IncidentItems] = WeakKeyDictionary()


def _own(s: Scenario) -> tuple[Any, ...]:
    return (s.tenant, SYSTEM_ACTOR, s.members[0])


def _report(s: Scenario, **given: Any) -> object:
    facts: dict[str, Any] = {"title": "Till down", "service": "Till", "severity": "high", "reported_at": AT} | given
    return s.app.handle(ReportIncident(*_own(s), **facts))


def _alert(s: Scenario, **given: Any) -> object:
    facts: dict[str, Any] = {
        "host": "till-1",
        "service": "HTTP",
        "state": "CRITICAL",
        "output": "Connection refused",
        "timestamp": AT,
    } | given
    return s.app.handle(ReceiveMonitoringAlert(*_own(s), **facts))


def prepare_incidents(s: Scenario) -> None:
    s.app.handle(AgreeServiceLevels(*_own(s), TARGETS))
    reported = _report(s).aggregate_id  # type: ignore[attr-defined]
    restored = _report(s, title="Scale down").aggregate_id  # type: ignore[attr-defined]
    s.app.handle(RestoreIncident(*_own(s), restored, AT))
    closed = _report(s, title="Printer down").aggregate_id  # type: ignore[attr-defined]
    s.app.handle(RestoreIncident(*_own(s), closed, AT))
    s.app.handle(CloseIncident(*_own(s), closed, LATER, "Keep a spare printer"))
    _MADE[s] = IncidentItems(reported, restored, closed)


def _raise(s: Scenario, **given: Any) -> object:
    facts: dict[str, Any] = {"title": "No spare printer", "severity": "minor"} | given
    return s.app.handle(RaiseNonconformityFromIncident(*_own(s), _MADE[s].closed, **facts))


def _on(s: Scenario) -> tuple[Any, ...]:
    return (*_own(s), _MADE[s].reported)


INCIDENT_TEXT_CALLS: dict[tuple[str, str], TextCall] = {
    ("AgreeServiceLevels", "reason"): lambda s, t: s.app.handle(AgreeServiceLevels(*_own(s), SLOWER, t)),
    ("ReportIncident", "title"): lambda s, t: _report(s, title=t),
    ("ReportIncident", "service"): lambda s, t: _report(s, service=t),
    ("ReportIncident", "description"): lambda s, t: _report(s, description=t),
    ("AcknowledgeIncident", "note"): lambda s, t: s.app.handle(AcknowledgeIncident(*_on(s), LATER, t)),
    ("EscalateIncident", "handled_by"): lambda s, t: s.app.handle(EscalateIncident(*_on(s), "first", t, LATER)),
    ("EscalateIncident", "note"): lambda s, t: s.app.handle(EscalateIncident(*_on(s), "first", "Desk", LATER, t)),
    ("RestoreIncident", "note"): lambda s, t: s.app.handle(RestoreIncident(*_on(s), LATER, t)),
    ("CloseIncident", "lessons_learned"): lambda s, t: s.app.handle(
        CloseIncident(*_own(s), _MADE[s].restored, LATER, t)
    ),
    ("RaiseNonconformityFromIncident", "title"): lambda s, t: _raise(s, title=t),
    ("RaiseNonconformityFromIncident", "description"): lambda s, t: _raise(s, description=t),
    ("ReceiveMonitoringAlert", "host"): lambda s, t: _alert(s, host=t),
    ("ReceiveMonitoringAlert", "service"): lambda s, t: _alert(s, service=t),
    ("ReceiveMonitoringAlert", "output"): lambda s, t: _alert(s, output=t),
    ("IssueMonitoringToken", "label"): lambda s, t: s.app.handle(IssueMonitoringToken(*_own(s), "a" * 64, t)),
}

INCIDENT_PREPARED = dict.fromkeys(INCIDENT_TEXT_CALLS, prepare_incidents)

INCIDENT_CHOICE_CALLS: dict[tuple[str, str], TextCall] = {
    ("ReportIncident", "severity"): lambda s, t: _report(s, severity=t),
    ("EscalateIncident", "level"): lambda s, t: s.app.handle(EscalateIncident(*_on(s), t, "Desk", LATER)),
    ("ReceiveMonitoringAlert", "state"): lambda s, t: _alert(s, state=t),
    ("IssueMonitoringToken", "key_hash"): lambda s, t: s.app.handle(IssueMonitoringToken(*_own(s), t, "Nagios")),
    ("RaiseNonconformityFromIncident", "severity"): lambda s, t: _raise(s, severity=t),
}
INCIDENT_CHOICE_PREPARED = {
    ("EscalateIncident", "level"): prepare_incidents,
    ("RaiseNonconformityFromIncident", "severity"): prepare_incidents,
}


def _time_call(name: str) -> TimeCall:
    """Each time tried on the incidents `prepare_incidents` made (reported and restored at `AT`)."""

    def call(s: Scenario, at: datetime) -> object:
        if name == "ReportIncident":
            return _report(s, reported_at=at)
        if name == "ReceiveMonitoringAlert":
            return _alert(s, timestamp=at)
        if name == "AcknowledgeIncident":
            return s.app.handle(AcknowledgeIncident(*_on(s), at))
        if name == "EscalateIncident":
            return s.app.handle(EscalateIncident(*_on(s), "first", "Desk", at))
        if name == "RestoreIncident":
            return s.app.handle(RestoreIncident(*_on(s), at))
        return s.app.handle(CloseIncident(*_own(s), _MADE[s].restored, at, "Lessons"))

    return call


INCIDENT_TIME_CALLS: dict[tuple[str, str], TimeCall] = {
    (name, argument): _time_call(name)
    for name, argument in (
        ("ReportIncident", "reported_at"),
        ("AcknowledgeIncident", "at"),
        ("EscalateIncident", "at"),
        ("RestoreIncident", "at"),
        ("CloseIncident", "at"),
        ("ReceiveMonitoringAlert", "timestamp"),
    )
}
FOLLOWS_A_STEP = {k for k in INCIDENT_TIME_CALLS if k[0] not in ("ReportIncident", "ReceiveMonitoringAlert")}
"""Times of a step of the timeline: never before the step it follows."""
