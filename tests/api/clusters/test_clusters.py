"""The programme through GraphQL: reads, commands, typed refusals that write nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from backend.services import Services
from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH, events_in_log, first_cluster
from tests.support.graphql_client import GraphQLClient

ClientFor = Callable[[str], GraphQLClient]

CHANGE = "__typename ... on UserError { code message field }"
REGISTER = f"mutation($input: RegisterOrganisationInput!) {{ r: registerOrganisation(input: $input) {{ {CHANGE} ... on OrganisationChange {{ organisation {{ id name employeeCount }} }} }} }}"
FORM = f"mutation($input: FormClusterInput!) {{ r: formCluster(input: $input) {{ {CHANGE} ... on ClusterChange {{ cluster {{ id name status memberCount coach {{ displayName }} }} }} }} }}"
ADMIT = f"mutation($input: AdmitOrganisationInput!) {{ r: admitOrganisation(input: $input) {{ {CHANGE} ... on ClusterChange {{ cluster {{ memberCount members {{ organisation {{ name }} admissionCriteria {{ managementCommitment }} }} }} }} }} }}"
START = f"mutation($input: StartClusterInput!) {{ r: startCluster(input: $input) {{ {CHANGE} ... on ClusterChange {{ cluster {{ status startedOn warnings }} }} }} }}"
COACHING = f"mutation($input: LogCoachingHalfDayInput!) {{ r: logCoachingHalfDay(input: $input) {{ {CHANGE} ... on ClusterChange {{ cluster {{ members {{ organisation {{ id }} coachingHalfDaysUsed coachingHalfDaysRemaining coachingHalfDays {{ workDone heldOn coachName moduleNumber }} }} }} }} }} }}"
COACHES = "{ coaches { id displayName } }"
ACCEPT = f"mutation($input: AcceptPlanInput!) {{ r: acceptPlan(input: $input) {{ {CHANGE} ... on ClusterChange {{ cluster {{ status }} }} }} }}"
CRITERIA = {"smallEnterprise": "15 staff", "managementCommitment": "Signed letter", "resourcesAvailable": "Budget"}


def register(client: GraphQLClient, name: str, employees: int = 15) -> dict[str, Any]:
    result: dict[str, Any] = client.data(
        REGISTER, {"input": {"name": name, "sector": "Retail", "employeeCount": employees}}
    )["r"]
    return result


def form(client: GraphQLClient, name: str, **extra: Any) -> dict[str, Any]:
    coach = client.data(COACHES)["coaches"][0]["id"]
    result: dict[str, Any] = client.data(FORM, {"input": {"name": name, "coachId": coach, **extra}})["r"]
    return result


def test_the_dashboard_query_shows_members_with_admission_and_coaching_use(client_for: ClientFor) -> None:
    admin = client_for(ALPINE_ADMIN)
    cluster_id = first_cluster(admin)["id"]
    document = """query($id: ID!) { cluster(id: $id) { __typename ... on Cluster { name status coach { displayName }
        members { organisation { name employeeCount } admissionCriteria { smallEnterprise managementCommitment resourcesAvailable }
        coachingHalfDaysUsed coachingHalfDaysCeiling coachingHalfDaysRemaining } } } }"""
    cluster = admin.data(document, {"id": cluster_id})["cluster"]
    assert cluster["name"] == "Luxembourg SMEs 2026" and cluster["status"] == "running"
    assert cluster["coach"]["displayName"] == "Claire Coach"
    assert [m["organisation"]["name"] for m in cluster["members"]] == [
        "Boulangerie Muller",
        "Kirchberg Dental",
        "Moselle Logistics",
    ]
    member = cluster["members"][0]
    assert member["admissionCriteria"]["managementCommitment"].startswith("Signed commitment letter")
    assert (member["coachingHalfDaysUsed"], member["coachingHalfDaysCeiling"], member["coachingHalfDaysRemaining"]) == (
        4,
        28,
        24,
    )


def test_a_whole_cluster_is_run_through_mutations(client_for: ClientFor, days_pass: Callable[[date], None]) -> None:
    admin = client_for(ALPINE_ADMIN)
    formed = form(admin, "Esch Manufacturers", plannedStart="2027-01-04", plannedEnd="2027-12-15")
    assert formed["__typename"] == "ClusterChange"
    cluster = formed["cluster"]
    assert (cluster["status"], cluster["memberCount"], cluster["coach"]["displayName"]) == (
        "forming",
        0,
        "Claire Coach",
    )
    organisations = [register(admin, name)["organisation"] for name in ("Forge A", "Forge B")]
    for organisation in organisations:
        admitted = admin.data(
            ADMIT, {"input": {"clusterId": cluster["id"], "organisationId": organisation["id"], "criteria": CRITERIA}}
        )["r"]
        assert admitted["__typename"] == "ClusterChange"
    assert admitted["cluster"]["memberCount"] == 2
    assert admitted["cluster"]["members"][0]["admissionCriteria"]["managementCommitment"] == "Signed letter"
    planned = admin.data(ACCEPT, {"input": {"clusterId": cluster["id"], "startsOn": "2027-01-04"}})["r"]
    assert planned["cluster"]["status"] == "planned"
    started = admin.data(START, {"input": {"clusterId": cluster["id"], "startedOn": "2027-01-04"}})["r"]
    assert started["cluster"]["status"] == "running" and started["cluster"]["startedOn"] == "2027-01-04"
    days_pass(date(2027, 1, 15))
    assert "Fewer than 3 members" in started["cluster"]["warnings"][0]
    logged = admin.data(
        COACHING,
        {
            "input": {
                "clusterId": cluster["id"],
                "organisationId": organisations[0]["id"],
                "heldOn": "2027-01-13",
                "workDone": "Scope workshop",
                "moduleNumber": 1,
                "coachId": admin.data(COACHES)["coaches"][0]["id"],
            }
        },
    )["r"]
    [member] = [m for m in logged["cluster"]["members"] if m["organisation"]["id"] == organisations[0]["id"]]
    assert member["coachingHalfDaysUsed"] == 1 and member["coachingHalfDaysRemaining"] == 27
    assert member["coachingHalfDays"] == [
        {"workDone": "Scope workshop", "moduleNumber": 1, "heldOn": "2027-01-13", "coachName": "Claire Coach"}
    ]


def test_admission_without_evidence_names_the_unmet_criterion_and_writes_nothing(
    client_for: ClientFor, demo_services: Services
) -> None:
    admin = client_for(ALPINE_ADMIN)
    cluster = form(admin, "Evidence Cluster")["cluster"]
    organisation = register(admin, "No Commitment Ltd")["organisation"]
    before = events_in_log(demo_services)
    refused = admin.data(
        ADMIT,
        {
            "input": {
                "clusterId": cluster["id"],
                "organisationId": organisation["id"],
                "criteria": {**CRITERIA, "managementCommitment": " "},
            }
        },
    )["r"]
    assert refused["__typename"] == "ValidationError"
    assert refused["code"] == "VALIDATION" and refused["field"] == "criteria.managementCommitment"
    assert "management commitment" in refused["message"]
    assert events_in_log(demo_services) == before


@pytest.mark.parametrize(
    ("document", "variables", "code", "field"),
    [
        (REGISTER, {"name": "", "sector": "Retail", "employeeCount": 5}, "VALIDATION", "name"),
        (REGISTER, {"name": "Negative Ltd", "sector": "Retail", "employeeCount": -4}, "VALIDATION", "employeeCount"),
        (FORM, {"name": "  ", "coachId": "COACH"}, "VALIDATION", "name"),
        (
            FORM,
            {"name": "Backwards", "coachId": "COACH", "plannedStart": "2026-05-01", "plannedEnd": "2026-04-01"},
            "VALIDATION",
            "plannedEnd",
        ),
        (FORM, {"name": "Nobody", "coachId": "0b9f4a4e-0000-4000-8000-000000000000"}, "NOT_FOUND", "coachId"),
        (FORM, {"name": "Garbled", "coachId": "not-a-uuid"}, "VALIDATION", "coachId"),
        (
            START,
            {"clusterId": "0b9f4a4e-0000-4000-8000-000000000000", "startedOn": "2026-04-01"},
            "NOT_FOUND",
            "clusterId",
        ),
        (START, {"clusterId": "12345", "startedOn": "2026-04-01"}, "VALIDATION", "clusterId"),
        (
            COACHING,
            {
                "clusterId": "CLUSTER",
                "organisationId": "0b9f4a4e-0000-4000-8000-000000000000",
                "heldOn": "2026-05-01",
                "workDone": "x",
                "coachId": "COACH",
            },
            "VALIDATION",
            "organisationId",
        ),
        (
            COACHING,
            {
                "clusterId": "CLUSTER",
                "organisationId": "MEMBER",
                "heldOn": "2026-05-01",
                "workDone": "",
                "coachId": "COACH",
            },
            "VALIDATION",
            "workDone",
        ),
        (
            COACHING,
            {
                "clusterId": "CLUSTER",
                "organisationId": "MEMBER",
                "heldOn": "2020-01-01",
                "workDone": "Too early",
                "coachId": "COACH",
            },
            "VALIDATION",
            "heldOn",
        ),
    ],
)
def test_bad_input_gets_a_typed_error_naming_the_field_and_writes_nothing(
    client_for: ClientFor, demo_services: Services, document: str, variables: dict[str, Any], code: str, field: str
) -> None:
    admin = client_for(ALPINE_ADMIN)
    cluster = admin.data("query { clusters { edges { node { id members { organisation { id } } } } } }")["clusters"][
        "edges"
    ][0]["node"]
    known = {
        "COACH": admin.data(COACHES)["coaches"][0]["id"],
        "CLUSTER": cluster["id"],
        "MEMBER": cluster["members"][0]["organisation"]["id"],
    }
    variables = {key: known.get(value, value) if isinstance(value, str) else value for key, value in variables.items()}
    before = events_in_log(demo_services)
    result = admin.data(document, {"input": variables})["r"]
    assert (result["code"], result["field"]) == (code, field), result
    assert result["message"]
    assert events_in_log(demo_services) == before


def test_a_second_organisation_with_the_same_name_is_a_conflict(client_for: ClientFor) -> None:
    admin = client_for(ALPINE_ADMIN)
    result = admin.data(REGISTER, {"input": {"name": "boulangerie   MULLER", "sector": "Food", "employeeCount": 3}})[
        "r"
    ]
    assert (result["__typename"], result["code"], result["field"]) == ("ConflictError", "CONFLICT", "name")


def test_a_coach_sees_only_the_clusters_they_lead_and_may_not_register_organisations(
    client_for: ClientFor, demo_services: Services
) -> None:
    admin, coach = client_for(ALPINE_ADMIN), client_for(ALPINE_COACH)
    assert [e["node"]["name"] for e in coach.data("{ clusters { edges { node { name } } } }")["clusters"]["edges"]] == [
        "Luxembourg SMEs 2026"
    ]
    before = events_in_log(demo_services)
    refused = coach.data(REGISTER, {"input": {"name": "Coach's Own", "sector": "X", "employeeCount": 3}})["r"]
    assert (refused["__typename"], refused["code"]) == ("ForbiddenError", "FORBIDDEN")
    assert events_in_log(demo_services) == before
    assert len(admin.data("{ organisations { id } }")["organisations"]) == 3


def test_clusters_are_a_keyset_connection(client_for: ClientFor) -> None:
    admin = client_for(ALPINE_ADMIN)
    for name in ("A cluster", "B cluster", "C cluster"):
        form(admin, name)
    page = "query($after: String) { clusters(first: 2, after: $after) { edges { cursor node { name } } pageInfo { hasNextPage endCursor } } }"
    first = admin.data(page)["clusters"]
    assert [e["node"]["name"] for e in first["edges"]] == ["A cluster", "B cluster"] and first["pageInfo"][
        "hasNextPage"
    ]
    second = admin.data(page, {"after": first["pageInfo"]["endCursor"]})["clusters"]
    assert [e["node"]["name"] for e in second["edges"]] == ["C cluster", "Luxembourg SMEs 2026"]
    assert not second["pageInfo"]["hasNextPage"]
    too_many = admin.execute("{ clusters(first: 1000) { edges { cursor } } }")
    assert too_many["errors"][0]["extensions"] == {"code": "VALIDATION", "field": "first"}
