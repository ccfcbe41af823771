"""The incident register through the API: a member of Boulangerie Muller agrees service levels, reports incidents
and takes them through their timeline; breaches show while open; bad input is refused naming the field and writes
nothing; nobody outside the organisation, its coach and its consultancy's admins sees or changes an incident."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from backend.services import Services
from domain.tenancy.account import Role
from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH, HARBOUR_ADMIN, HARBOUR_COACH, events_in_log
from tests.api.page_support import MEMBER, ClientFor
from tests.api.test_isolation_same_tenant import HARBOUR_MEMBER, SECOND_COACH, SECOND_MEMBER, open_account
from tests.support.graphql_client import GraphQLClient

ORGANISATIONS = "{ organisations { id name } }"
FIELDS = """id title service severity status level handledBy breached reportedAt lessonsLearned
    targets { target dueAt metAt breached } viewerCan { acknowledge escalate restore close link }
    steps { step level handledBy at note } assetIds riskIds"""
CHANGE = f"__typename ... on UserError {{ code field message }} ... on IncidentChange {{ incident {{ {FIELDS} }} }}"
INCIDENT = f"""query($id: ID!) {{ incident(id: $id) {{ __typename ... on UserError {{ code field message }}
    ... on Incident {{ {FIELDS} }} }} }}"""
INCIDENTS = """query($org: ID!, $first: Int = 25, $after: String, $severity: String, $status: String,
    $breached: Boolean, $orderBy: IncidentOrder = LATEST) {
  incidents(organisationId: $org, first: $first, after: $after, severity: $severity, status: $status,
    breached: $breached, orderBy: $orderBy) {
    viewerCan { report agreeServiceLevels } pageInfo { hasNextPage endCursor }
    edges { cursor node { id title severity breached } } } }"""
AGREE = """mutation($input: AgreeServiceLevelsInput!) { r: agreeServiceLevels(input: $input) {
    __typename ... on UserError { code field message } ... on ServiceLevelsChange { serviceLevels { version
    targets { severity reactionMinutes } } } } }"""
REPORT = """query($org: ID!, $service: String!, $month: String!) { serviceReport(organisationId: $org,
    service: $service, month: $month) { availabilityPercent outageMinutes missedTargets
    bySeverity { severity incidents missedTargets } } }"""
TARGETS = [
    {"severity": "critical", "reactionMinutes": 15, "escalationMinutes": 30, "recoveryMinutes": 240},
    {"severity": "high", "reactionMinutes": 30, "escalationMinutes": 60, "recoveryMinutes": 480},
    {"severity": "medium", "reactionMinutes": 60, "escalationMinutes": 240, "recoveryMinutes": 1440},
    {"severity": "low", "reactionMinutes": 240, "escalationMinutes": 480, "recoveryMinutes": 5760},
]
"""The demo's targets, but a low incident's recovery of four days: a new version of the bakery's service levels."""
OUTSIDERS = [SECOND_MEMBER, SECOND_COACH, HARBOUR_ADMIN, HARBOUR_COACH, HARBOUR_MEMBER]
RANDOM = str(uuid.uuid4())


def muller(client: GraphQLClient) -> str:
    return str(next(o["id"] for o in client.data(ORGANISATIONS)["organisations"] if o["name"] == "Boulangerie Muller"))


def mutate(client: GraphQLClient, name: str, input_type: str, given: dict[str, Any]) -> dict[str, Any]:
    document = f"mutation($input: {input_type}!) {{ r: {name}(input: $input) {{ {CHANGE} }} }}"
    result: dict[str, Any] = client.data(document, {"input": given})["r"]
    return result


def report(client: GraphQLClient, org: str, **more: Any) -> dict[str, Any]:
    given = {"organisationId": org, "title": "Oven controller down", "service": "Ordering", "severity": "high"}
    done = mutate(client, "reportIncident", "ReportIncidentInput", given | more)
    assert done["__typename"] == "IncidentChange", done
    incident: dict[str, Any] = done["incident"]
    return incident


def at(minutes_ago: int) -> str:
    return (datetime.now(UTC) - timedelta(minutes=minutes_ago)).isoformat()


def test_the_timeline_and_the_breaches(client_for: ClientFor) -> None:
    member = client_for(MEMBER)
    org = muller(member)
    agreed = member.data(AGREE, {"input": {"organisationId": org, "targets": TARGETS}})["r"]
    assert agreed["__typename"] == "ServiceLevelsChange", agreed
    late = report(member, org, reportedAt=at(120), severity="critical")
    assert late["breached"] and [t["breached"] for t in late["targets"]] == [True, True, False]
    step = {"incidentId": late["id"], "at": at(100)}
    assert mutate(member, "acknowledgeIncident", "IncidentStepInput", step)["__typename"] == "IncidentChange"
    skipped = mutate(
        member, "escalateIncident", "EscalateIncidentInput", step | {"level": "second", "handledBy": "Provider"}
    )
    assert skipped["__typename"] == "ValidationError" and skipped["field"] == "level"
    for level, who in (("first", "Service desk"), ("second", "Oven provider")):
        done = mutate(member, "escalateIncident", "EscalateIncidentInput", step | {"level": level, "handledBy": who})
        assert done["__typename"] == "IncidentChange", done
    restored = mutate(member, "restoreIncident", "IncidentStepInput", {"incidentId": late["id"]})["incident"]
    assert restored["status"] == "restored" and restored["viewerCan"]["close"]
    closed = mutate(
        member, "closeIncident", "CloseIncidentInput", {"incidentId": late["id"], "lessonsLearned": "Spare part"}
    )["incident"]
    assert [s["step"] for s in closed["steps"]] == [
        "reported", "acknowledged", "escalated", "escalated", "restored", "closed",
    ]  # fmt: skip
    assert closed["level"] == "second" and closed["lessonsLearned"] == "Spare part"
    fresh = report(member, org, severity="low")
    breached = member.data(INCIDENTS, {"org": org, "breached": True})["incidents"]
    ids = [e["node"]["id"] for e in breached["edges"]]
    assert late["id"] in ids and fresh["id"] not in ids
    month = datetime.now(UTC).strftime("%Y-%m")
    figures = member.data(REPORT, {"org": org, "service": "Ordering", "month": month})["serviceReport"]
    assert figures["missedTargets"] >= 1 and figures["availabilityPercent"] < 100


def test_the_list_pages_with_cursors(client_for: ClientFor) -> None:
    member = client_for(MEMBER)
    org = muller(member)
    made = {report(member, org, title=f"Incident {n}", reportedAt=at(n))["id"] for n in range(5)}
    seen: list[str] = []
    after = None
    for order in ("LATEST", "SEVERITY", "TITLE"):
        seen, after = [], None
        while True:
            page = member.data(INCIDENTS, {"org": org, "first": 2, "after": after, "orderBy": order})["incidents"]
            seen += [e["node"]["id"] for e in page["edges"]]
            if not page["pageInfo"]["hasNextPage"]:
                break
            after = page["pageInfo"]["endCursor"]
        assert made <= set(seen) and len(seen) == len(set(seen))
    refused = member.execute(INCIDENTS, {"org": org, "after": "bm90IGEgY3Vyc29y"})
    assert refused["errors"][0]["extensions"]["field"] == "after"


@pytest.mark.parametrize(
    ("given", "field"),
    [
        ({"severity": "urgent"}, "severity"),
        ({"title": ""}, "title"),
        ({"service": "a\nb"}, "service"),
        ({"reportedAt": "2026-03-02T09:00:00"}, "reportedAt"),
        ({"reportedAt": "2199-03-02T09:00:00+00:00"}, "reportedAt"),
        ({"assetIds": ["not-an-id"]}, "assetIds"),
        ({"assetIds": [RANDOM]}, "assetIds"),
        ({"riskIds": [RANDOM]}, "riskIds"),
    ],
)
def test_bad_reports_name_the_field_and_write_nothing(
    client_for: ClientFor, demo_services: Services, given: dict[str, Any], field: str
) -> None:
    member = client_for(MEMBER)
    org = muller(member)
    before = events_in_log(demo_services)
    base = {"organisationId": org, "title": "Down", "service": "Ordering", "severity": "high"}
    refused = mutate(member, "reportIncident", "ReportIncidentInput", base | given)
    assert refused["field"] == field, refused
    assert events_in_log(demo_services) == before


def test_bad_service_levels_name_the_field_and_write_nothing(client_for: ClientFor, demo_services: Services) -> None:
    member = client_for(MEMBER)
    org = muller(member)
    before = events_in_log(demo_services)
    slow_critical = [TARGETS[0] | {"reactionMinutes": 35, "escalationMinutes": 60}, *TARGETS[1:]]
    refused = member.data(AGREE, {"input": {"organisationId": org, "targets": slow_critical}})["r"]
    assert refused["__typename"] == "ValidationError" and refused["field"] == "critical.reaction"
    assert events_in_log(demo_services) == before


def test_coach_and_admin_read_but_do_not_write(client_for: ClientFor) -> None:
    member = client_for(MEMBER)
    org = muller(member)
    incident = report(member, org)
    for reader in (ALPINE_COACH, ALPINE_ADMIN):
        client = client_for(reader)
        found = client.data(INCIDENT, {"id": incident["id"]})["incident"]
        assert found["id"] == incident["id"] and not any(found["viewerCan"].values())
        refused = mutate(client, "acknowledgeIncident", "IncidentStepInput", {"incidentId": incident["id"]})
        assert refused["__typename"] != "IncidentChange"


@pytest.mark.parametrize("outsider", OUTSIDERS)
def test_an_outsider_sees_and_changes_nothing(client_for: ClientFor, demo_services: Services, outsider: str) -> None:
    member = client_for(MEMBER)
    org = muller(member)
    incident = report(member, org)
    open_account(demo_services, SECOND_MEMBER, "Dr Lena Weber", Role.MEMBER, _kirchberg(client_for))
    open_account(demo_services, SECOND_COACH, "Sam Second", Role.COACH)
    client = client_for(outsider)
    assert (
        client.data(INCIDENT, {"id": incident["id"]})["incident"] == client.data(INCIDENT, {"id": RANDOM})["incident"]
    )
    listed = client.execute(INCIDENTS, {"org": org})
    assert listed.get("data") is None or not listed["data"]["incidents"]["edges"]
    assert client.execute(REPORT, {"org": org, "service": "Ordering", "month": "2026-03"}).get("errors")
    before = events_in_log(demo_services)
    for name, input_type, given in (
        ("acknowledgeIncident", "IncidentStepInput", {"incidentId": incident["id"]}),
        ("linkIncident", "LinkIncidentInput", {"incidentId": incident["id"]}),
        (
            "reportIncident",
            "ReportIncidentInput",
            {"organisationId": org, "title": "x", "service": "x", "severity": "low"},
        ),
    ):
        assert mutate(client, name, input_type, given)["__typename"] != "IncidentChange"
    assert client.data(AGREE, {"input": {"organisationId": org, "targets": TARGETS}})["r"]["__typename"] != (
        "ServiceLevelsChange"
    )
    assert events_in_log(demo_services) == before


def _kirchberg(client_for: ClientFor) -> str:
    admin = client_for(ALPINE_ADMIN)
    return str(next(o["id"] for o in admin.data(ORGANISATIONS)["organisations"] if o["name"] == "Kirchberg Dental"))


REPORT_PAGE = """query($org: ID!, $month: String!, $first: Int = 50, $after: String) {
  serviceReport(organisationId: $org, service: "Paging", month: $month) { bySeverity { severity incidents }
    incidents(first: $first, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id } } } } }"""


def test_the_report_s_incidents_come_by_page_and_bad_paging_names_the_field(client_for: ClientFor) -> None:
    member = client_for(MEMBER)
    org = muller(member)
    # The 10th of last month: every incident in one month, whatever the day the test runs
    start = (datetime.now(UTC).replace(day=1) - timedelta(days=1)).replace(day=10, hour=9, minute=0, second=0)
    times = [(start + timedelta(minutes=n)).isoformat() for n in range(3)]
    made = [report(member, org, title=f"Paged {n}", service="Paging", reportedAt=t)["id"] for n, t in enumerate(times)]
    month = start.strftime("%Y-%m")
    seen: list[str] = []
    after = None
    while True:
        found = member.data(REPORT_PAGE, {"org": org, "month": month, "first": 2, "after": after})["serviceReport"]
        seen += [e["node"]["id"] for e in found["incidents"]["edges"]]
        if not found["incidents"]["pageInfo"]["hasNextPage"]:
            break
        after = found["incidents"]["pageInfo"]["endCursor"]
    assert seen == made and sum(s["incidents"] for s in found["bySeverity"]) == 3
    for variables, field in (
        ({"first": 0}, "first"),
        ({"first": 101}, "first"),
        ({"after": "bm90IGEgY3Vyc29y"}, "after"),
    ):
        refused = member.execute(REPORT_PAGE, {"org": org, "month": month} | variables)
        assert refused["errors"][0]["extensions"]["field"] == field, variables
