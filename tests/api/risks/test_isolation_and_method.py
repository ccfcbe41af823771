"""Nobody outside the organisation, its coach and its consultancy's admins sees or changes its risks: not another
member of the same cluster, not a coach of another cluster, not another consultancy. Each gets the same answer for
a risk of Boulangerie Muller as for a random id, and writes nothing. The coach and the admins read the register;
the admins set the risk method, and past assessments keep theirs."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest

from backend.services import Services
from domain.tenancy.account import Role
from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH, HARBOUR_ADMIN, HARBOUR_COACH, events_in_log
from tests.api.page_support import MEMBER, ClientFor
from tests.api.risks.support import RISKS, identify, mutate, organisation_id, owner_id, risk
from tests.api.test_isolation_same_tenant import HARBOUR_MEMBER, SECOND_COACH, SECOND_MEMBER, open_account
from tests.support.graphql_client import GraphQLClient

OUTSIDERS = [SECOND_MEMBER, SECOND_COACH, HARBOUR_ADMIN, HARBOUR_COACH, HARBOUR_MEMBER]
RANDOM = str(uuid.uuid4())
METHOD = """query($v: Int) { riskMethod(version: $v) { version likelihood { value label } impact { value label }
    levels { value label } matrix { likelihood impact level } acceptance { level acceptedBy } } }"""
SET_METHOD = """mutation($input: SetRiskMethodInput!) { r: setRiskMethod(input: $input) {
    __typename ... on UserError { code field message } ... on RiskMethodChange { method { version } } } }"""
LISTS = [
    ("query($org: ID!) { risks(organisationId: $org) { totalCount } }", {}),
    ("query($org: ID!) { riskHeatMap(organisationId: $org) { inherent { count } } }", {}),
    ("query($org: ID!) { treatmentActions(organisationId: $org) { edges { cursor } } }", {}),
    ("query($org: ID!) { securityObjectives(organisationId: $org) { edges { cursor } } }", {}),
    ("query($org: ID!) { riskOwners(organisationId: $org) { id } }", {}),
]


@pytest.fixture
def muller_risk(client_for: ClientFor, demo_services: Services) -> tuple[str, str]:
    """Boulangerie Muller's organisation id and one of its risks, treated; a second member account (of Kirchberg
    Dental, in the same cluster) and a coach leading no cluster of Muller's."""
    member = client_for(MEMBER)
    muller = organisation_id(member)
    found = identify(member, muller, "Oven fire")
    mutate(member, "assessRisk", {"riskId": found["id"], "likelihood": 2, "impact": 3})
    kirchberg = organisation_id(client_for(ALPINE_ADMIN), "Kirchberg Dental")
    open_account(demo_services, SECOND_MEMBER, "Dr Lena Weber", Role.MEMBER, kirchberg)
    open_account(demo_services, SECOND_COACH, "Sam Second", Role.COACH)
    return muller, found["id"]


@pytest.mark.parametrize("outsider", OUTSIDERS)
def test_an_outsider_sees_nothing_of_the_register(
    client_for: ClientFor, muller_risk: tuple[str, str], outsider: str
) -> None:
    muller, oven_fire = muller_risk
    client = client_for(outsider)
    assert (
        risk(client, oven_fire)
        == risk(client, RANDOM)
        == {"__typename": "NotFoundError", "code": "NOT_FOUND", "field": "id", "message": "No risk with this id."}
    )
    for query, variables in LISTS:
        mine, random = (client.execute(query, {"org": org, **variables}) for org in (muller, RANDOM))
        assert mine["errors"][0]["message"] == random["errors"][0]["message"] == "No organisation with this id."
        assert mine["errors"][0]["extensions"] == random["errors"][0]["extensions"]


MUTATIONS: list[tuple[str, Callable[[str], dict[str, Any]]]] = [
    ("changeRisk", lambda r: {"riskId": r, "title": "Mine", "threat": "x", "vulnerability": "y", "ownerId": owner_id(),
                              "assetIds": [], "reason": "Taken"}),
    ("assessRisk", lambda r: {"riskId": r, "likelihood": 1, "impact": 1, "reason": "Mine"}),
    ("treatRisk", lambda r: {"riskId": r, "option": "avoid", "residualLikelihood": 1, "residualImpact": 1}),
    ("recordManagementDecision", lambda r: {"riskId": r, "reason": "Mine"}),
    ("acceptRisk", lambda r: {"riskId": r, "reason": "Mine", "until": "2027-06-30"}),
    ("closeRisk", lambda r: {"riskId": r, "reason": "Gone"}),
]  # fmt: skip


@pytest.mark.parametrize("outsider", OUTSIDERS)
def test_an_outsider_changes_nothing_and_learns_nothing(
    client_for: ClientFor, demo_services: Services, muller_risk: tuple[str, str], outsider: str
) -> None:
    muller, oven_fire = muller_risk
    client = client_for(outsider)
    before = events_in_log(demo_services)
    for name, given in MUTATIONS:
        mine, random = mutate(client, name, given(oven_fire)), mutate(client, name, given(RANDOM))
        assert mine == random, (name, mine, random)
        assert mine["code"] in ("NOT_FOUND", "FORBIDDEN"), mine
    identification = {"organisationId": muller, "title": "Intruder", "threat": "x", "vulnerability": "y",
                      "ownerId": owner_id()}  # fmt: skip
    refused = mutate(client, "identifyRisk", identification)
    assert refused["code"] == "FORBIDDEN", refused
    assert refused == mutate(client, "identifyRisk", identification | {"organisationId": RANDOM})
    assert events_in_log(demo_services) == before


def test_the_coach_and_the_admins_read_the_register_and_change_nothing(
    client_for: ClientFor, demo_services: Services, muller_risk: tuple[str, str]
) -> None:
    muller, oven_fire = muller_risk
    before = events_in_log(demo_services)
    for reader in (ALPINE_COACH, ALPINE_ADMIN):
        client = client_for(reader)
        seen = risk(client, oven_fire)
        assert seen["title"] == "Oven fire" and not any(seen["viewerCan"].values())
        register = client.data(RISKS, {"org": muller, "search": "oven fire"})["risks"]
        assert register["totalCount"] == 1 and not any(register["viewerCan"].values())
        assert mutate(client, "assessRisk", MUTATIONS[1][1](oven_fire))["code"] == "FORBIDDEN"
    assert events_in_log(demo_services) == before


def test_a_member_links_only_its_own_assets_and_risks(
    client_for: ClientFor, demo_services: Services, muller_risk: tuple[str, str]
) -> None:
    _, oven_fire = muller_risk
    second = client_for(SECOND_MEMBER)
    kirchberg = organisation_id(second, "Kirchberg Dental")
    before = events_in_log(demo_services)
    given = {"organisationId": kirchberg, "title": "X", "owner": "IT", "dueOn": "2027-03-01", "riskIds": [oven_fire]}
    shape = "__typename ... on UserError { code field message }"
    into_muller = mutate(second, "planTreatmentAction", given, shape)
    assert into_muller == mutate(second, "planTreatmentAction", given | {"riskIds": [RANDOM]}, shape)
    assert into_muller["field"] == "riskIds"
    muller_owner = {"organisationId": kirchberg, "title": "X", "threat": "x", "vulnerability": "y",
                    "ownerId": owner_id(MEMBER)}  # fmt: skip
    assert mutate(second, "identifyRisk", muller_owner)["field"] == "ownerId"
    assert events_in_log(demo_services) == before


def levels(*labels: str) -> list[dict[str, Any]]:
    return [{"value": n, "label": label, "description": f"{label} level"} for n, label in enumerate(labels, 1)]


def five_by_five() -> dict[str, Any]:
    scale = levels("Rare", "Unlikely", "Possible", "Likely", "Certain")
    matrix = [
        {"likelihood": lk, "impact": im, "level": 1 if lk * im <= 4 else 2 if lk * im <= 12 else 3}
        for lk in range(1, 6)
        for im in range(1, 6)
    ]
    acceptance = [{"level": 1, "acceptedBy": "owner"}, {"level": 2, "acceptedBy": "owner"},
                  {"level": 3, "acceptedBy": "management"}]  # fmt: skip
    return {"likelihood": scale, "impact": scale, "levels": levels("Low", "Medium", "High"), "matrix": matrix,
            "acceptance": acceptance}  # fmt: skip


def set_method(client: GraphQLClient, given: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = client.data(SET_METHOD, {"input": given})["r"]
    return result


def test_the_admins_set_a_new_method_and_assessments_keep_theirs(
    client_for: ClientFor, demo_services: Services, muller_risk: tuple[str, str]
) -> None:
    _, oven_fire = muller_risk
    member, admin = client_for(MEMBER), client_for(ALPINE_ADMIN)
    assert member.data(METHOD)["riskMethod"]["version"] == 1
    before = events_in_log(demo_services)
    assert set_method(member, five_by_five())["code"] == "FORBIDDEN"
    assert events_in_log(demo_services) == before
    assert set_method(admin, five_by_five())["method"]["version"] == 2
    assert member.data(METHOD)["riskMethod"]["likelihood"][4]["label"] == "Certain"
    assert len(member.data(METHOD, {"v": 1})["riskMethod"]["matrix"]) == 9
    assert risk(member, oven_fire)["assessment"]["methodVersion"] == 1
    again = mutate(member, "assessRisk", {"riskId": oven_fire, "likelihood": 5, "impact": 5, "reason": "New scale"})
    assert again["risk"]["assessment"] == {
        "likelihood": 5,
        "impact": 5,
        "level": 3,
        "levelLabel": "High",
        "methodVersion": 2,
    }


def test_an_incomplete_or_wrong_method_is_refused_on_its_field(client_for: ClientFor, demo_services: Services) -> None:
    admin = client_for(ALPINE_ADMIN)
    good = five_by_five()
    before = events_in_log(demo_services)
    for changed, field in [
        ({"matrix": good["matrix"][:-1]}, "matrix"),
        ({"matrix": [*good["matrix"][:-1], {"likelihood": 5, "impact": 5, "level": 4}]}, "matrix.level"),
        ({"likelihood": levels("Only")}, "likelihood"),
        ({"levels": levels("Low", "low", "High")}, "levels.label"),
        ({"impact": levels("A", "B", "C", "D", "x" * 51)}, "impact.label"),
        ({"acceptance": good["acceptance"][:2]}, "acceptance"),
        ({"acceptance": [*good["acceptance"][:2], {"level": 3, "acceptedBy": "nobody"}]}, "acceptance.acceptedBy"),
    ]:
        assert set_method(admin, good | changed)["field"] == field, changed
    assert events_in_log(demo_services) == before
    assert admin.execute(METHOD, {"v": 9})["errors"][0]["extensions"]["field"] == "version"
