"""The register's handlers through the application: links stay in the organisation, incidents take the targets in
force when reported, and monitoring alerts open, update and restore incidents."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from domain.assets.commands import RegisterAsset
from domain.incidents.commands import (
    AgreeServiceLevels,
    IssueMonitoringToken,
    LinkIncident,
    ReceiveMonitoringAlert,
    ReportIncident,
    RevokeMonitoringToken,
)
from domain.incidents.incident import Incident
from domain.incidents.service_levels import ServiceLevels, service_levels_id
from domain.shared.aggregate import SYSTEM_ACTOR
from domain.shared.errors import NotFound, ValidationFailed
from tests.unit.programme_scenario import Scenario

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
TARGETS = {
    "critical": {"reaction": 15, "escalation": 30, "recovery": 240},
    "high": {"reaction": 30, "escalation": 60, "recovery": 480},
    "medium": {"reaction": 60, "escalation": 240, "recovery": 1440},
    "low": {"reaction": 240, "escalation": 480, "recovery": 4320},
}


def test_service_levels_are_versioned_and_incidents_keep_theirs() -> None:
    s = Scenario()
    mine = (s.tenant, SYSTEM_ACTOR, s.members[0])
    s.app.handle(AgreeServiceLevels(*mine, TARGETS))
    first = s.app.handle(ReportIncident(*mine, "Down", "Bridge", "high", T0)).aggregate_id
    slower = {**TARGETS, "low": {"reaction": 480, "escalation": 960, "recovery": 9000}}
    s.app.handle(AgreeServiceLevels(*mine, slower, "Weekend cover"))
    levels = s.app.get(ServiceLevels, s.tenant, service_levels_id(s.tenant, s.members[0]))
    assert levels.number == 2
    assert s.app.get(Incident, s.tenant, first).collect_events() == []
    with pytest.raises(ValidationFailed):
        s.app.handle(AgreeServiceLevels(*mine, slower))


def test_refused_service_levels_write_nothing() -> None:
    s = Scenario()
    before = s.position()
    bad = {**TARGETS, "critical": {"reaction": 90, "escalation": 90, "recovery": 240}}
    with pytest.raises(ValidationFailed) as refused:
        s.app.handle(AgreeServiceLevels(s.tenant, SYSTEM_ACTOR, s.members[0], bad))
    assert refused.value.field == "critical.reaction"
    assert s.position() == before


def test_assets_and_risks_are_the_organisations() -> None:
    s = Scenario()
    mine = (s.tenant, SYSTEM_ACTOR, s.members[0])
    theirs = s.app.handle(RegisterAsset(s.tenant, SYSTEM_ACTOR, s.members[1], "Their server", "hardware", "IT"))
    incident = s.app.handle(ReportIncident(*mine, "Down", "Bridge", "low", T0)).aggregate_id
    before = s.position()
    with pytest.raises(NotFound) as foreign:
        s.app.handle(LinkIncident(*mine, incident, (theirs.aggregate_id,), ()))
    assert foreign.value.field == "asset_ids"
    with pytest.raises(NotFound) as foreign_report:
        s.app.handle(ReportIncident(*mine, "Down", "Bridge", "low", T0, asset_ids=(theirs.aggregate_id,)))
    assert foreign_report.value.field == "asset_ids"
    with pytest.raises(NotFound) as risk:
        s.app.handle(LinkIncident(*mine, incident, (), (theirs.aggregate_id,)))
    assert risk.value.field == "risk_ids"
    with pytest.raises(NotFound) as other_incident:
        s.app.handle(LinkIncident(s.tenant, SYSTEM_ACTOR, s.members[1], incident, (), ()))
    assert other_incident.value.field == "incident_id"
    assert s.position() == before


def test_monitoring_opens_updates_and_restores() -> None:
    s = Scenario()
    mine = (s.tenant, SYSTEM_ACTOR, s.members[0])
    opened = s.app.handle(ReceiveMonitoringAlert(*mine, "vc-01", "HTTP", "CRITICAL", "timeout", T0)).aggregate_id
    repeat = ReceiveMonitoringAlert(*mine, "vc-01", "HTTP", "CRITICAL", "timeout", T0 + timedelta(minutes=5), opened)
    before = s.position()
    assert s.app.handle(repeat).aggregate_id == opened
    assert s.position() == before  # the same problem again: nothing new on the timeline
    warning = ReceiveMonitoringAlert(*mine, "vc-01", "HTTP", "WARNING", "slow", T0 + timedelta(minutes=6), opened)
    s.app.handle(warning)
    assert s.position() == before + 1
    assert s.app.handle(replace(warning, timestamp=T0 + timedelta(minutes=7))).position == 0
    assert s.app.handle(replace(warning, state="CRITICAL", timestamp=T0 + timedelta(minutes=1))).position == 0
    assert s.position() == before + 1  # the same state, or an alert older than the last step: repeats
    ok = ReceiveMonitoringAlert(*mine, "vc-01", "HTTP", "OK", "back", T0 + timedelta(minutes=9), opened)
    s.app.handle(ok)
    incident = s.app.get(Incident, s.tenant, opened)
    assert incident.status == "restored" and incident.severity == "high"
    with pytest.raises(ValidationFailed) as nothing_open:
        s.app.handle(ReceiveMonitoringAlert(*mine, "vc-01", "HTTP", "OK", "", T0 + timedelta(minutes=10)))
    assert nothing_open.value.field == "state"


def test_a_monitoring_token_is_kept_hashed_and_revoked_once_by_its_organisation() -> None:
    s = Scenario()
    mine = (s.tenant, SYSTEM_ACTOR, s.members[0])
    before = s.position()
    for bad, field in (("x" * 64, "key_hash"), ("A" * 64, "key_hash")):
        with pytest.raises(ValidationFailed) as refused:
            s.app.handle(IssueMonitoringToken(*mine, bad, "Nagios"))
        assert refused.value.field == field
    with pytest.raises(ValidationFailed) as unnamed:
        s.app.handle(IssueMonitoringToken(*mine, "a" * 64, " "))
    assert unnamed.value.field == "label" and s.position() == before
    token = s.app.handle(IssueMonitoringToken(*mine, "a" * 64, "Nagios")).aggregate_id
    with pytest.raises(NotFound):
        s.app.handle(RevokeMonitoringToken(s.tenant, SYSTEM_ACTOR, s.members[1], token))
    s.app.handle(RevokeMonitoringToken(*mine, token))
    with pytest.raises(ValidationFailed) as twice:
        s.app.handle(RevokeMonitoringToken(*mine, token))
    assert twice.value.field == "token_id"
