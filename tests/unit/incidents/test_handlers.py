"""The register's handlers through the application: links stay in the organisation, incidents take the targets in
force when reported, and monitoring alerts open, update and restore incidents."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

import pytest

from domain.assets.commands import RegisterAsset
from domain.incidents.commands import (
    AgreeServiceLevels,
    CloseIncident,
    IssueMonitoringToken,
    LinkIncident,
    RaiseNonconformityFromIncident,
    ReceiveMonitoringAlert,
    ReportIncident,
    RestoreIncident,
    RevokeMonitoringToken,
)
from domain.incidents.incident import Incident
from domain.incidents.service_levels import ServiceLevels, service_levels_id
from domain.nonconformities.nonconformity import Nonconformity
from domain.shared.aggregate import SYSTEM_ACTOR
from domain.shared.errors import NotFound, ValidationFailed
from domain.tenancy.commands import CreateConsultancy
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


def _closed_incident(s: Scenario, lessons: str = "Keep a spare router") -> UUID:
    mine = (s.tenant, SYSTEM_ACTOR, s.members[0])
    incident = s.app.handle(ReportIncident(*mine, "Router down", "Network", "high", T0)).aggregate_id
    s.app.handle(RestoreIncident(*mine, incident, T0 + timedelta(hours=1)))
    s.app.handle(CloseIncident(*mine, incident, T0 + timedelta(hours=2), lessons))
    return incident


def _raised(s: Scenario, nonconformity_id: UUID) -> Any:
    """The nonconformity's first event, as stored: what it was raised with."""
    assert s.app.get(Nonconformity, s.tenant, nonconformity_id).organisation_id == s.members[0]
    return next(iter(s.app.repository.event_store.get(nonconformity_id)))


def test_a_closed_incidents_lessons_open_a_nonconformity_sourced_to_it() -> None:
    s = Scenario()
    mine = (s.tenant, SYSTEM_ACTOR, s.members[0])
    incident = _closed_incident(s)
    raised = s.app.handle(RaiseNonconformityFromIncident(*mine, incident, "No spare router", "major"))
    found = _raised(s, raised.aggregate_id)
    assert (found.source_kind, found.source_reference) == ("incident", str(incident))
    assert (found.organisation_id, found.title, found.severity) == (s.members[0], "No spare router", "major")
    assert found.description == "Keep a spare router"
    written = s.app.handle(RaiseNonconformityFromIncident(*mine, incident, "Spares", "minor", "Buy two routers"))
    assert _raised(s, written.aggregate_id).description == "Buy two routers"
    assert s.app.get(Incident, s.tenant, incident).collect_events() == []


def test_only_a_closed_incident_opens_a_nonconformity() -> None:
    s = Scenario()
    mine = (s.tenant, SYSTEM_ACTOR, s.members[0])
    incident = s.app.handle(ReportIncident(*mine, "Router down", "Network", "high", T0)).aggregate_id
    restored = s.app.handle(ReportIncident(*mine, "Till down", "Till", "low", T0)).aggregate_id
    s.app.handle(RestoreIncident(*mine, restored, T0 + timedelta(hours=1)))
    before = s.position()
    for still_open in (incident, restored):
        with pytest.raises(ValidationFailed) as refused:
            s.app.handle(RaiseNonconformityFromIncident(*mine, still_open, "No spare router", "major"))
        assert refused.value.field == "incident_id"
        assert "closed incident" in refused.value.message
    assert s.position() == before


def test_the_incident_is_the_organisations_own_in_the_tenant() -> None:
    s = Scenario()
    incident = _closed_incident(s)
    other_tenant = s.app.handle(CreateConsultancy(SYSTEM_ACTOR, "Summit", "summit")).aggregate_id
    before = s.position()
    for tenant, organisation, missing in (
        (s.tenant, s.members[1], incident),
        (other_tenant, s.members[0], incident),
        (s.tenant, s.members[0], uuid.uuid4()),
    ):
        with pytest.raises(NotFound) as refused:
            s.app.handle(RaiseNonconformityFromIncident(tenant, SYSTEM_ACTOR, organisation, missing, "T", "minor"))
        assert refused.value.field == "incident_id"
    assert s.position() == before


def test_a_nonconformity_from_an_incident_is_checked_as_any_other() -> None:
    s = Scenario()
    mine = (s.tenant, SYSTEM_ACTOR, s.members[0])
    incident = _closed_incident(s)
    before = s.position()
    for title, severity, field in (("No spare", "critical", "severity"), (" ", "minor", "title")):
        with pytest.raises(ValidationFailed) as refused:
            s.app.handle(RaiseNonconformityFromIncident(*mine, incident, title, severity))
        assert refused.value.field == field
    assert s.position() == before
