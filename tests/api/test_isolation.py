"""Tenant isolation: consultancy B asking for, or acting on, consultancy A's ids gets NOT_FOUND and no data."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest

from backend.services import Services
from tests.api.conftest import ALPINE_ADMIN, HARBOUR_ADMIN, HARBOUR_COACH, events_in_log
from tests.support.graphql_client import GraphQLClient

ClientFor = Callable[[str], GraphQLClient]

CLUSTER = """query($id: ID!) { cluster(id: $id) { __typename
    ... on Cluster { name members { organisation { name } coachingHalfDays { workDone } gapAnalyses { number } }
                     unavailability { reason } feedback { text } effort { consultancyDays } }
    ... on UserError { code field } } }"""
ORGANISATION = """query($id: ID!) { organisation(id: $id) { __typename
    ... on Organisation { name } ... on UserError { code field } } }"""


@pytest.fixture
def alpine(client_for: ClientFor) -> dict[str, Any]:
    admin = client_for(ALPINE_ADMIN)
    cluster = admin.data("{ clusters { edges { node { id coach { id } members { organisation { id } } } } } }")
    node: dict[str, Any] = cluster["clusters"]["edges"][0]["node"]
    return node


@pytest.mark.parametrize("email", [HARBOUR_ADMIN, HARBOUR_COACH])
def test_another_consultancys_cluster_and_organisation_are_not_found(
    client_for: ClientFor, alpine: dict[str, Any], email: str
) -> None:
    harbour = client_for(email)
    cluster = harbour.data(CLUSTER, {"id": alpine["id"]})["cluster"]
    assert cluster == {"__typename": "NotFoundError", "code": "NOT_FOUND", "field": "id"}
    organisation_id = alpine["members"][0]["organisation"]["id"]
    organisation = harbour.data(ORGANISATION, {"id": organisation_id})["organisation"]
    assert organisation == {"__typename": "NotFoundError", "code": "NOT_FOUND", "field": "id"}


def test_lists_never_show_another_consultancys_rows(client_for: ClientFor, alpine: dict[str, Any]) -> None:
    harbour = client_for(HARBOUR_ADMIN)
    names = [e["node"]["name"] for e in harbour.data("{ clusters { edges { node { name } } } }")["clusters"]["edges"]]
    assert names == ["Harbour Tech Cluster"]
    organisations = {o["name"] for o in harbour.data("{ organisations { name } }")["organisations"]}
    assert organisations == {"Quayside Software", "Lighthouse Accounting", "Anchor Print Works"}
    coaches = [c["displayName"] for c in harbour.data("{ coaches { displayName } }")["coaches"]]
    assert coaches == ["Hana Coach"]
    assert (
        harbour.data("{ viewer { consultancy { name } } }")["viewer"]["consultancy"]["name"] == "Harbour Risk Partners"
    )


@pytest.mark.parametrize(
    ("document", "make_input"),
    [
        (
            "mutation($input: StartClusterInput!) { r: startCluster(input: $input) { ... on UserError { code field } } }",
            lambda a: {"clusterId": a["id"], "startedOn": "2026-05-01"},
        ),
        (
            "mutation($input: LogCoachingHalfDayInput!) { r: logCoachingHalfDay(input: $input) { ... on UserError { code field } } }",
            lambda a: {
                "clusterId": a["id"],
                "organisationId": a["members"][0]["organisation"]["id"],
                "heldOn": "2026-05-01",
                "workDone": "Planted",
                "coachId": a["coach"]["id"],
            },
        ),
        (
            "mutation($input: AdmitOrganisationInput!) { r: admitOrganisation(input: $input) { ... on UserError { code field } } }",
            lambda a: {
                "clusterId": a["id"],
                "organisationId": a["members"][0]["organisation"]["id"],
                "criteria": {"smallEnterprise": "x", "managementCommitment": "x", "resourcesAvailable": "x"},
            },
        ),
        (
            "mutation($input: AssessGapInput!) { r: assessGap(input: $input) { ... on UserError { code field } } }",
            lambda a: {
                "clusterId": a["id"],
                "organisationId": a["members"][0]["organisation"]["id"],
                "visitedOn": "2026-03-02",
                "analysedOn": "2026-03-02",
                "clauseLevels": [],
                "themeLevels": [],
            },
        ),
        (
            "mutation($input: DeclareUnavailabilityInput!) { r: declareUnavailability(input: $input) { ... on UserError { code field } } }",
            lambda a: {
                "clusterId": a["id"],
                "organisationId": a["members"][0]["organisation"]["id"],
                "startsOn": "2026-06-01",
                "endsOn": "2026-06-02",
                "reason": "Planted",
            },
        ),
        (
            "mutation($input: RaiseCoachingCeilingInput!) { r: raiseCoachingCeiling(input: $input) { ... on UserError { code field } } }",
            lambda a: {
                "clusterId": a["id"],
                "organisationId": a["members"][0]["organisation"]["id"],
                "additionalHalfDays": 2,
                "reason": "Planted",
            },
        ),
        (
            "mutation($input: HoldSessionInput!) { r: holdSession(input: $input) { ... on UserError { code field } } }",
            lambda a: {"clusterId": a["id"], "sessionKey": "module:6", "heldOn": "2026-03-02", "halfDays": 1},
        ),
        (
            "mutation($input: WithdrawMemberInput!) { r: withdrawMember(input: $input) { ... on UserError { code field } } }",
            lambda a: {
                "clusterId": a["id"],
                "organisationId": a["members"][0]["organisation"]["id"],
                "withdrawnOn": "2026-03-02",
                "reason": "Planted",
            },
        ),
    ],
)
def test_a_mutation_on_another_consultancys_ids_writes_no_event(
    client_for: ClientFor, demo_services: Services, alpine: dict[str, Any], document: str, make_input: Any
) -> None:
    harbour = client_for(HARBOUR_ADMIN)
    before = events_in_log(demo_services)
    result = harbour.data(document, {"input": make_input(alpine)})["r"]
    assert result == {"code": "NOT_FOUND", "field": "clusterId"}
    assert events_in_log(demo_services) == before


def test_a_coach_sees_and_acts_on_the_clusters_they_lead_and_no_other_of_their_consultancy(
    client_for: ClientFor, demo_services: Services
) -> None:
    from backend.auth.passwords import hash_password
    from domain.shared.aggregate import SYSTEM_ACTOR
    from domain.tenancy.account import Role
    from domain.tenancy.commands import OpenAccount
    from domain.tenancy.consultancy import consultancy_id

    tenant = consultancy_id("alpine")
    second = OpenAccount(
        tenant, SYSTEM_ACTOR, "second@alpine.example", "Sam Second", hash_password("cordee-demo-2026"), (Role.COACH,)
    )
    demo_services.execute(second)
    admin = client_for(ALPINE_ADMIN)
    coaches = {c["displayName"]: c["id"] for c in admin.data("{ coaches { id displayName } }")["coaches"]}
    form = "mutation($input: FormClusterInput!) { r: formCluster(input: $input) { ... on ClusterChange { cluster { id } } } }"
    theirs = admin.data(form, {"input": {"name": "Second cluster", "coachId": coaches["Sam Second"]}})["r"]["cluster"][
        "id"
    ]
    claire, sam = client_for("coach@alpine.example"), client_for("second@alpine.example")
    names = "{ clusters { edges { node { name } } } }"
    assert [e["node"]["name"] for e in claire.data(names)["clusters"]["edges"]] == ["Luxembourg SMEs 2026"]
    assert [e["node"]["name"] for e in sam.data(names)["clusters"]["edges"]] == ["Second cluster"]
    assert claire.data(CLUSTER, {"id": theirs})["cluster"] == {
        "__typename": "NotFoundError",
        "code": "NOT_FOUND",
        "field": "id",
    }
    claires = claire.data("{ clusters { edges { node { id } } } }")["clusters"]["edges"][0]["node"]["id"]
    before = events_in_log(demo_services)
    cancel = (
        "mutation($input: CancelSessionInput!) { r: cancelSession(input: $input) { ... on UserError { code field } } }"
    )
    refused = sam.data(cancel, {"input": {"clusterId": claires, "sessionKey": "module:9", "reason": "x"}})["r"]
    assert refused == {"code": "NOT_FOUND", "field": "clusterId"}
    assert events_in_log(demo_services) == before
    assert sam.http.get(f"/clusters/{claires}/calendar.ics").status_code == 404
    assert sam.http.get(f"/clusters/{claires}").status_code == 404


def test_an_organisation_awaiting_a_cluster_is_a_candidate_in_its_own_consultancy_only(
    client_for: ClientFor, demo_services: Services
) -> None:
    register = "mutation($input: RegisterOrganisationInput!) { r: registerOrganisation(input: $input) { ... on OrganisationChange { organisation { id } } } }"
    waiting = {"name": "Waiting Ltd", "sector": "Retail", "employeeCount": 8}
    candidate = client_for(ALPINE_ADMIN).data(register, {"input": waiting})["r"]["organisation"]["id"]
    assert "Waiting Ltd" in {
        o["name"] for o in client_for("coach@alpine.example").data("{ organisations { name } }")["organisations"]
    }
    harbour = client_for(HARBOUR_COACH)
    assert "Waiting Ltd" not in {o["name"] for o in harbour.data("{ organisations { name } }")["organisations"]}
    random_id = str(uuid.uuid4())
    organisation = "query($id: ID!) { organisation(id: $id) { __typename ... on UserError { code field message } } }"
    assert harbour.data(organisation, {"id": candidate}) == harbour.data(organisation, {"id": random_id})
    harbour_cluster = harbour.data("{ clusters { edges { node { id } } } }")["clusters"]["edges"][0]["node"]["id"]
    admit = "mutation($input: AdmitOrganisationInput!) { r: admitOrganisation(input: $input) { __typename ... on UserError { code field message } } }"
    criteria = {"smallEnterprise": "x", "managementCommitment": "x", "resourcesAvailable": "x"}
    before = events_in_log(demo_services)
    answers = [
        harbour.data(admit, {"input": {"clusterId": harbour_cluster, "organisationId": o, "criteria": criteria}})["r"]
        for o in (candidate, random_id)
    ]
    assert answers[0] == answers[1]
    assert answers[0]["code"] == "NOT_FOUND"
    assert events_in_log(demo_services) == before
