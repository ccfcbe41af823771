"""A member copies a risk scenario of its consultancy's library into its register: the risk takes the scenario's
words and records its id and version; a risk never names a source the library does not hold."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from backend.services import Services
from tests.api.conftest import ALPINE_COACH, HARBOUR_ADMIN, events_in_log
from tests.api.page_support import MEMBER, csrf
from tests.api.risks.support import CHANGE, mutate, organisation_id, owner_id
from tests.support.graphql_client import GraphQLClient

ClientFor = Callable[[str], GraphQLClient]
SCENARIOS = """{ libraryRiskScenarios { edges { node { id title version riskScenario { threat vulnerability } } } } }"""
THREATS = """{ libraryItems(kind: "threat") { edges { node { id } } } }"""


def scenarios(client: GraphQLClient) -> list[dict[str, Any]]:
    return [edge["node"] for edge in client.data(SCENARIOS)["libraryRiskScenarios"]["edges"]]


def test_a_copied_scenario_becomes_a_risk_that_names_its_source(client_for: ClientFor) -> None:
    member = client_for(MEMBER)
    scenario = scenarios(member)[0]
    given = {"organisationId": organisation_id(member), "libraryItemId": scenario["id"], "ownerId": owner_id()}
    risk = mutate(member, "copyRiskScenario", given)["risk"]
    assert (risk["title"], risk["status"]) == (scenario["title"], "identified")
    assert (risk["threat"], risk["vulnerability"]) == (
        scenario["riskScenario"]["threat"], scenario["riskScenario"]["vulnerability"]
    )  # fmt: skip
    assert (risk["sourceLibraryItem"], risk["sourceLibraryVersion"]) == (scenario["id"], scenario["version"])


def refusals(client_for: ClientFor) -> dict[str, tuple[GraphQLClient, dict[str, Any], str, str]]:
    member = client_for(MEMBER)
    own = {"organisationId": organisation_id(member), "ownerId": owner_id()}
    threat = member.data(THREATS)["libraryItems"]["edges"][0]["node"]["id"]
    foreign = scenarios(client_for(HARBOUR_ADMIN))[0]["id"]
    first = scenarios(member)[0]["id"]
    return {
        "a threat, not a scenario": (member, own | {"libraryItemId": threat}, "VALIDATION", "libraryItemId"),
        "another consultancy's scenario": (member, own | {"libraryItemId": foreign}, "NOT_FOUND", "libraryItemId"),
        "a malformed id": (member, own | {"libraryItemId": "nope"}, "VALIDATION", "libraryItemId"),
        "an owner of another organisation": (
            member, own | {"libraryItemId": first, "ownerId": owner_id(ALPINE_COACH)}, "NOT_FOUND", "ownerId"
        ),
        "the coach, who reads the register": (
            client_for(ALPINE_COACH), own | {"libraryItemId": first}, "FORBIDDEN", ""
        ),
    }  # fmt: skip


@pytest.mark.parametrize(
    "case",
    ["a threat, not a scenario", "another consultancy's scenario", "a malformed id", "an owner of another organisation",
     "the coach, who reads the register"],
)  # fmt: skip
def test_a_bad_copy_is_refused_and_writes_nothing(client_for: ClientFor, demo_services: Services, case: str) -> None:
    client, given, code, field = refusals(client_for)[case]
    before = events_in_log(demo_services)
    refused = mutate(client, "copyRiskScenario", given, CHANGE)
    assert refused["code"] == code, refused
    if field:
        assert refused["field"] == field, refused
    assert events_in_log(demo_services) == before


def test_the_register_page_copies_a_scenario(client_for: ClientFor) -> None:
    member = client_for(MEMBER)
    register = f"/organisations/{organisation_id(member)}/risks"
    page = member.http.get(register).text
    assert "Copy a scenario from the library" in page
    scenario = scenarios(member)[0]
    assert f'<option value="{scenario["id"]}">{scenario["title"]} (version {scenario["version"]})</option>' in page
    done = member.http.post(f"{register}/copy", data={
        "csrf_token": csrf(page), "copy-libraryItemId": scenario["id"], "copy-ownerId": owner_id(),
    })  # fmt: skip
    assert "The scenario is copied into the register" in done.text
    assert re.search(rf">{re.escape(scenario['title'])}</a>", done.text)
    coach = client_for(ALPINE_COACH).http.get(register).text
    assert "Copy a scenario from the library" not in coach
