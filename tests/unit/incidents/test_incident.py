"""An incident's timeline: in order, each step when allowed, every value checked before an event."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from domain.incidents.incident import Incident, Report
from domain.incidents.monitoring import MonitoringAlert
from domain.incidents.rules import Targets
from domain.shared.calendar import business_day
from domain.shared.errors import ValidationFailed

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
ACTOR = uuid.uuid4()


def reported(at: datetime = T0) -> Incident:
    report = Report.checked("Bridge down", "Video bridge", "critical", "No calls connect")
    return Incident.report(uuid.uuid4(), ACTOR, uuid.uuid4(), uuid.uuid4(), report, at, Targets(15, 30, 240), 1)


def test_the_timeline_reads_in_order() -> None:
    incident = reported()
    incident.acknowledge(ACTOR, T0 + timedelta(minutes=5), None)
    incident.escalate(ACTOR, "first", "Service desk", T0 + timedelta(minutes=6), None)
    incident.escalate(ACTOR, "second", "Provider", T0 + timedelta(minutes=20), "Needs the provider")
    incident.restore(ACTOR, T0 + timedelta(hours=2), None)
    incident.close(ACTOR, T0 + timedelta(days=1), "Keep a spare bridge")
    names = [type(e).__name__ for e in incident.collect_events()]
    assert names == ["Reported", "Acknowledged", "Escalated", "Escalated", "Restored", "Closed"]
    assert incident.status == "closed" and incident.level == "second"


def test_escalation_skips_no_level_and_stops_at_the_third() -> None:
    incident = reported()
    with pytest.raises(ValidationFailed) as skipped:
        incident.escalate(ACTOR, "second", "Provider", T0, None)
    assert skipped.value.field == "level"
    for level in ("first", "second", "third"):
        incident.escalate(ACTOR, level, "Someone", T0, None)
    with pytest.raises(ValidationFailed) as beyond:
        incident.escalate(ACTOR, "third", "Someone", T0, None)
    assert beyond.value.field == "level"


def test_a_step_before_the_previous_one_or_without_time_zone_is_refused() -> None:
    incident = reported()
    with pytest.raises(ValidationFailed) as earlier:
        incident.acknowledge(ACTOR, T0 - timedelta(minutes=1), None)
    assert earlier.value.field == "at"
    with pytest.raises(ValidationFailed) as naive:
        incident.acknowledge(ACTOR, datetime(2026, 3, 2, 10, 0), None)
    assert naive.value.field == "at"
    assert len(incident.collect_events()) == 1


def test_a_report_in_the_future_is_refused() -> None:
    with business_day(T0.date()), pytest.raises(ValidationFailed) as future:
        reported(T0 + timedelta(days=2))
    assert future.value.field == "reported_at"


def test_closing_needs_a_restored_incident_and_lessons_learned() -> None:
    incident = reported()
    with pytest.raises(ValidationFailed) as open_one:
        incident.close(ACTOR, T0, "x")
    assert open_one.value.field == "incident_id"
    incident.restore(ACTOR, T0 + timedelta(hours=1), None)
    with pytest.raises(ValidationFailed) as no_lessons:
        incident.close(ACTOR, T0 + timedelta(hours=2), "  ")
    assert no_lessons.value.field == "lessons_learned"
    with pytest.raises(ValidationFailed):
        incident.restore(ACTOR, T0 + timedelta(hours=2), None)


def test_only_a_reported_incident_is_acknowledged() -> None:
    incident = reported()
    incident.acknowledge(ACTOR, T0, None)
    with pytest.raises(ValidationFailed):
        incident.acknowledge(ACTOR, T0, None)


def test_report_fields_are_checked() -> None:
    with pytest.raises(ValidationFailed) as severity:
        Report.checked("Down", "Bridge", "urgent", None)
    assert severity.value.field == "severity"
    with pytest.raises(ValidationFailed) as title:
        Report.checked("Two\nlines", "Bridge", "low", None)
    assert title.value.field == "title"
    with pytest.raises(ValidationFailed) as service:
        Report.checked("Down", "", "low", None)
    assert service.value.field == "service"


def test_links_are_bounded_and_unique_and_closed_incidents_keep_theirs() -> None:
    incident = reported()
    asset = uuid.uuid4()
    with pytest.raises(ValidationFailed) as twice:
        incident.link(ACTOR, (asset, asset), ())
    assert twice.value.field == "asset_ids"
    incident.link(ACTOR, (asset,), ())
    incident.restore(ACTOR, T0, None)
    incident.close(ACTOR, T0, "Lesson")
    with pytest.raises(ValidationFailed):
        incident.link(ACTOR, (), ())


def test_a_monitoring_alert_names_its_field_at_fault() -> None:
    with pytest.raises(ValidationFailed) as state:
        MonitoringAlert.checked("vc-01", "HTTP", "DOWN", "", T0)
    assert state.value.field == "state"
    with pytest.raises(ValidationFailed) as host:
        MonitoringAlert.checked("", "HTTP", "CRITICAL", "", T0)
    assert host.value.field == "host"
    alert = MonitoringAlert.checked("vc-01", "HTTP", "CRITICAL", "timeout", T0)
    assert alert.severity == "high" and not alert.recovered
