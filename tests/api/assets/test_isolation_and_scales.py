"""Nobody outside the organisation, its coach and its consultancy's admins sees or changes its inventory: not
another member of the same cluster, not a coach of another cluster, not another consultancy. Each gets the same
answer for an asset of Boulangerie Muller as for a random id, and writes nothing. The admins set the scales."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest

from backend.services import Services
from domain.tenancy.account import Role
from tests.api.assets.support import ASSETS, EXPORT, IMPORT, asset, mutate, organisation_id, register
from tests.api.conftest import ALPINE_ADMIN, HARBOUR_ADMIN, HARBOUR_COACH, events_in_log
from tests.api.page_support import MEMBER, ClientFor
from tests.api.test_isolation_same_tenant import HARBOUR_MEMBER, SECOND_COACH, SECOND_MEMBER, open_account
from tests.support.graphql_client import GraphQLClient

SCALES = """query($v: Int) { classificationScales(version: $v) { version
    confidentiality { value label } integrity { value label } availability { value label } } }"""
SET_SCALES = """mutation($input: SetClassificationScalesInput!) { r: setClassificationScales(input: $input) {
    __typename ... on UserError { code field message } ... on ScalesChange { scales { version } } } }"""


def levels(*labels: str) -> list[dict[str, Any]]:
    return [{"value": n, "label": label, "description": f"{label} level"} for n, label in enumerate(labels, 1)]


@pytest.fixture
def muller_asset(client_for: ClientFor, demo_services: Services) -> tuple[str, str, str]:
    """Boulangerie Muller's organisation id, and two of its assets; a second member account (of Kirchberg Dental,
    in the same cluster) and a coach leading no cluster of Muller's."""
    member = client_for(MEMBER)
    muller = organisation_id(member)
    open_account(
        demo_services,
        SECOND_MEMBER,
        "Dr Lena Weber",
        Role.MEMBER,
        organisation_id(client_for(ALPINE_ADMIN), "Kirchberg Dental"),
    )
    open_account(demo_services, SECOND_COACH, "Sam Second", Role.COACH)
    return muller, register(member, muller, "Recipes")["id"], register(member, muller, "Oven")["id"]


OUTSIDERS = [SECOND_MEMBER, SECOND_COACH, HARBOUR_ADMIN, HARBOUR_COACH, HARBOUR_MEMBER]
RANDOM = str(uuid.uuid4())


@pytest.mark.parametrize("outsider", OUTSIDERS)
def test_an_outsider_sees_nothing_of_the_inventory(
    client_for: ClientFor, muller_asset: tuple[str, str, str], outsider: str
) -> None:
    muller, recipes, _ = muller_asset
    client = client_for(outsider)
    assert (
        asset(client, recipes)
        == asset(client, RANDOM)
        == {"__typename": "NotFoundError", "code": "NOT_FOUND", "field": "id", "message": "No asset with this id."}
    )
    for query, variables in [(ASSETS, {}), (EXPORT, {"format": "csv"})]:
        mine, random = (client.execute(query, {"org": org, **variables}) for org in (muller, RANDOM))
        assert mine["errors"][0]["message"] == random["errors"][0]["message"] == "No organisation with this id."
        assert mine["errors"][0]["extensions"] == random["errors"][0]["extensions"]


MUTATIONS: list[tuple[str, Callable[[str, str], dict[str, Any]]]] = [
    ("changeAsset", lambda a, b: {"assetId": a, "name": "Mine now", "kind": "site", "owner": "Me"}),
    ("classifyAsset", lambda a, b: {"assetId": a, "confidentiality": 1, "integrity": 1, "availability": 1}),
    ("addAssetDependency", lambda a, b: {"assetId": a, "dependsOnId": b}),
    ("removeAssetDependency", lambda a, b: {"assetId": a, "dependsOnId": b}),
    ("retireAsset", lambda a, b: {"assetId": a, "reason": "Gone"}),
]


@pytest.mark.parametrize("outsider", OUTSIDERS)
def test_an_outsider_changes_nothing_and_learns_nothing(
    client_for: ClientFor, demo_services: Services, muller_asset: tuple[str, str, str], outsider: str
) -> None:
    muller, recipes, oven = muller_asset
    client = client_for(outsider)
    before = events_in_log(demo_services)
    for name, given in MUTATIONS:
        mine, random = mutate(client, name, given(recipes, oven)), mutate(client, name, given(RANDOM, oven))
        assert mine == random, (name, mine, random)
        assert mine["__typename"] in ("NotFoundError", "ForbiddenError"), mine
    registration = {"organisationId": muller, "name": "Intruder", "kind": "site", "owner": "Me"}
    refused = mutate(client, "registerAsset", registration)
    assert refused["code"] == "FORBIDDEN", refused
    assert refused == mutate(client, "registerAsset", registration | {"organisationId": RANDOM})
    upload = {"organisationId": muller, "fileName": "x.csv", "content": "bmFtZQo=", "dryRun": True}
    imported = client.data(IMPORT, {"input": upload})["r"]
    assert imported["code"] == "FORBIDDEN"
    assert imported == client.data(IMPORT, {"input": upload | {"organisationId": RANDOM}})["r"]
    assert events_in_log(demo_services) == before


def test_a_member_links_only_its_own_assets(
    client_for: ClientFor, demo_services: Services, muller_asset: tuple[str, str, str]
) -> None:
    _, recipes, _ = muller_asset
    second = client_for(SECOND_MEMBER)
    own = register(second, organisation_id(second, "Kirchberg Dental"), "X-ray archive")["id"]
    before = events_in_log(demo_services)
    into_muller = mutate(second, "addAssetDependency", {"assetId": own, "dependsOnId": recipes})
    assert into_muller == mutate(second, "addAssetDependency", {"assetId": own, "dependsOnId": RANDOM})
    assert into_muller["field"] == "dependsOnId"
    assert events_in_log(demo_services) == before


def test_the_admins_set_new_scales_and_assets_keep_theirs(
    client_for: ClientFor, demo_services: Services, muller_asset: tuple[str, str, str]
) -> None:
    _, recipes, oven = muller_asset
    member, admin = client_for(MEMBER), client_for(ALPINE_ADMIN)
    assert member.data(SCALES)["classificationScales"]["version"] == 1
    mutate(member, "classifyAsset", {"assetId": recipes, "confidentiality": 4, "integrity": 3, "availability": 1})
    new = {
        "confidentiality": levels("Open", "Restricted"),
        "integrity": levels("Low", "High"),
        "availability": levels("Low", "Medium", "High", "Critical"),
    }
    before = events_in_log(demo_services)
    assert mutate_scales(member, new)["code"] == "FORBIDDEN"
    assert mutate_scales(client_for(HARBOUR_ADMIN), new)["scales"]["version"] == 2  # Harbour's own, not Alpine's
    assert events_in_log(demo_services) == before + 1
    assert mutate_scales(admin, new)["scales"]["version"] == 2
    scales = member.data(SCALES)["classificationScales"]
    assert [level["label"] for level in scales["availability"]] == ["Low", "Medium", "High", "Critical"]
    assert member.data(SCALES, {"v": 1})["classificationScales"]["confidentiality"][3]["label"] == "Secret"
    assert asset(member, recipes)["classification"]["scaleVersion"] == 1
    refused = mutate(
        member, "classifyAsset", {"assetId": oven, "confidentiality": 3, "integrity": 1, "availability": 4}
    )
    assert refused["field"] == "confidentiality" and "version 2" in refused["message"]
    done = mutate(member, "classifyAsset", {"assetId": oven, "confidentiality": 2, "integrity": 1, "availability": 4})
    assert done["asset"]["classification"]["scaleVersion"] == 2


def mutate_scales(client: GraphQLClient, given: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = client.data(SET_SCALES, {"input": given})["r"]
    return result


def test_bad_scales_are_refused_on_their_field(client_for: ClientFor, demo_services: Services) -> None:
    admin = client_for(ALPINE_ADMIN)
    good = {"confidentiality": levels("A", "B"), "integrity": levels("A", "B"), "availability": levels("A", "B")}
    before = events_in_log(demo_services)
    for changed, field in [
        ({"confidentiality": levels("Only")}, "confidentiality"),
        (
            {
                "integrity": [
                    {"value": 2, "label": "A", "description": "x"},
                    {"value": 3, "label": "B", "description": "y"},
                ]
            },
            "integrity.value",
        ),
        ({"availability": levels("Same", "same")}, "availability.label"),
        ({"availability": levels("A", "x" * 51)}, "availability.label"),
        ({"confidentiality": levels("A", "B\u0007")}, "confidentiality.label"),
    ]:
        assert mutate_scales(admin, good | changed)["field"] == field, changed
    assert events_in_log(demo_services) == before
    body = admin.execute(SCALES, {"v": 7})
    assert body["errors"][0]["extensions"]["field"] == "version"
