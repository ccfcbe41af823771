"""An organisation keeps its asset inventory: its member accounts register, describe, classify, link and retire
assets; every step is in the asset's history with who and when; every bad value is refused on its field and a
refusal writes nothing."""

from __future__ import annotations

from typing import Any

import pytest

from backend.services import Services
from tests.api.assets.support import ASSETS, asset, mutate, organisation_id, register
from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH, events_in_log
from tests.api.page_support import MEMBER, ClientFor


def test_a_member_keeps_an_asset_from_registration_to_retirement(client_for: ClientFor) -> None:
    member = client_for(MEMBER)
    muller = organisation_id(member)
    server = register(member, muller, "Back-office server", location="Cellar rack")
    shop = register(member, muller, "Online shop", kind="saas")
    assert server["classification"] is None and server["viewerCan"]["classify"]

    classified = mutate(
        member, "classifyAsset", {"assetId": shop["id"], "confidentiality": 3, "integrity": 2, "availability": 3}
    )
    assert classified["asset"]["classification"] == {
        "confidentiality": 3,
        "integrity": 2,
        "availability": 3,
        "highest": 3,
        "scaleVersion": 1,
    }
    again = {"assetId": shop["id"], "confidentiality": 4, "integrity": 2, "availability": 3, "reason": "Card data"}
    assert mutate(member, "classifyAsset", again)["asset"]["classification"]["confidentiality"] == 4
    linked = mutate(member, "addAssetDependency", {"assetId": shop["id"], "dependsOnId": server["id"]})
    assert linked["__typename"] == "AssetChange"
    changed = {
        "assetId": server["id"],
        "name": "Back-office server",
        "kind": "hardware",
        "owner": "Marc Muller",
        "location": "Cellar rack",
    }
    assert mutate(member, "changeAsset", changed)["asset"]["owner"] == "Marc Muller"

    seen = asset(member, server["id"])
    assert [d["name"] for d in seen["dependants"]] == ["Online shop"]
    assert [d["name"] for d in asset(member, shop["id"])["dependencies"]] == ["Back-office server"]
    unlinked = {"assetId": shop["id"], "dependsOnId": server["id"], "reason": "Moved to the cloud"}
    assert mutate(member, "removeAssetDependency", unlinked)["__typename"] == "AssetChange"
    retired = mutate(member, "retireAsset", {"assetId": server["id"], "reason": "Sold"})["asset"]
    assert retired["retired"] and retired["retiredReason"] == "Sold" and not retired["viewerCan"]["change"]

    history = asset(member, shop["id"])["history"]
    assert [h["action"] for h in history] == [
        "registered",
        "classified",
        "classified",
        "dependency_added",
        "dependency_removed",
    ]
    assert history[2]["reason"] == "Card data" and history[3]["details"] == "Back-office server"
    assert {h["actedBy"] for h in history} == {"Marc Muller"}


def test_the_inventory_counts_its_unclassified_assets_and_pages_by_keyset(client_for: ClientFor) -> None:
    member = client_for(MEMBER)
    muller = organisation_id(member)
    ids = {
        name: register(member, muller, name, kind=kind)["id"]
        for name, kind in [("Alpha", "software"), ("beta", "hardware"), ("Gamma", "software"), ("Delta", "site")]
    }
    mutate(member, "classifyAsset", {"assetId": ids["Gamma"], "confidentiality": 2, "integrity": 1, "availability": 1})
    mutate(member, "classifyAsset", {"assetId": ids["Delta"], "confidentiality": 1, "integrity": 3, "availability": 1})

    first = member.data(ASSETS, {"org": muller, "first": 3})["assets"]
    assert (first["inventoryCount"], first["unclassifiedCount"], first["totalCount"]) == (4, 2, 4)
    assert [e["node"]["name"] for e in first["edges"]] == ["Alpha", "beta", "Delta"]
    assert first["pageInfo"]["hasNextPage"] and first["viewerCan"] == {"register": True, "import": True}
    rest = member.data(ASSETS, {"org": muller, "first": 3, "after": first["pageInfo"]["endCursor"]})["assets"]
    assert [e["node"]["name"] for e in rest["edges"]] == ["Gamma"] and not rest["pageInfo"]["hasNextPage"]

    by_highest = member.data(ASSETS, {"org": muller, "orderBy": "HIGHEST", "first": 1})["assets"]
    then = member.data(ASSETS, {"org": muller, "orderBy": "HIGHEST", "after": by_highest["pageInfo"]["endCursor"]})
    assert [e["node"]["name"] for e in by_highest["edges"] + then["assets"]["edges"]] == [
        "Delta",
        "Gamma",
        "Alpha",
        "beta",
    ]
    assert [e["node"]["name"] for e in member.data(ASSETS, {"org": muller, "kind": "software"})["assets"]["edges"]] == [
        "Alpha",
        "Gamma",
    ]
    unclassified = member.data(ASSETS, {"org": muller, "classified": False})["assets"]
    assert [e["node"]["name"] for e in unclassified["edges"]] == ["Alpha", "beta"]
    assert unclassified["totalCount"] == 2 and unclassified["inventoryCount"] == 4
    found = member.data(ASSETS, {"org": muller, "search": "IT LEAD", "first": 1})["assets"]
    assert found["totalCount"] == 4
    assert member.data(ASSETS, {"org": muller, "search": "amm"})["assets"]["edges"][0]["node"]["name"] == "Gamma"


@pytest.mark.parametrize(
    ("arguments", "field_name"),
    [
        ({"kind": "spaceship"}, "kind"),
        ({"first": 0}, "first"),
        ({"first": 101}, "first"),
        ({"after": "not-a-cursor"}, "after"),
        ({"search": "a\u0007b"}, "search"),
        ({"org": "not-an-id"}, "organisationId"),
        ({"org": "00000000-0000-0000-0000-000000000001"}, "organisationId"),
    ],
)
def test_a_bad_argument_of_the_list_is_refused_on_its_field(
    client_for: ClientFor, arguments: dict[str, Any], field_name: str
) -> None:
    member = client_for(MEMBER)
    body = member.execute(ASSETS, {"org": organisation_id(member)} | arguments)
    error = body["errors"][0]
    assert error["extensions"]["field"] == field_name, error


def test_a_cursor_of_one_order_is_refused_for_the_other(client_for: ClientFor) -> None:
    member = client_for(MEMBER)
    muller = organisation_id(member)
    for name in ("One", "Two"):
        register(member, muller, name)
    cursor = member.data(ASSETS, {"org": muller, "first": 1})["assets"]["pageInfo"]["endCursor"]
    body = member.execute(ASSETS, {"org": muller, "after": cursor, "orderBy": "HIGHEST"})
    assert body["errors"][0]["extensions"]["field"] == "after"


REGISTER_REFUSALS = [
    ({"kind": "spaceship"}, "kind", "Choose one of"),
    ({"name": "  "}, "name", "required"),
    ({"name": "x" * 201}, "name", "at most 200"),
    ({"owner": ""}, "owner", "required"),
    ({"owner": "IT\u0007lead"}, "owner", "control"),
    ({"location": "Rack\n3"}, "location", "one line"),
    ({"description": "x" * 2001}, "description", "at most 2,000"),
    ({"organisationId": "not-an-id"}, "organisationId", "not a valid id"),
]


@pytest.mark.parametrize(("given", "field_name", "message"), REGISTER_REFUSALS)
def test_a_bad_registration_is_refused_on_its_field_and_writes_nothing(
    client_for: ClientFor, demo_services: Services, given: dict[str, Any], field_name: str, message: str
) -> None:
    member = client_for(MEMBER)
    values = {"organisationId": organisation_id(member), "name": "Till", "kind": "hardware", "owner": "Shop"} | given
    before = events_in_log(demo_services)
    refused = mutate(member, "registerAsset", values)
    assert events_in_log(demo_services) == before
    assert refused["field"] == field_name and message.lower() in refused["message"].lower(), refused


@pytest.fixture
def two_assets(client_for: ClientFor) -> tuple[str, str, str]:
    member = client_for(MEMBER)
    muller = organisation_id(member)
    service = register(member, muller, "Payroll service", kind="service")["id"]
    server = register(member, muller, "Payroll server")["id"]
    mutate(member, "addAssetDependency", {"assetId": service, "dependsOnId": server})
    return muller, service, server


RANDOM = "00000000-0000-0000-0000-000000000001"


@pytest.mark.parametrize(
    ("name", "given", "field_name", "message"),
    [
        ("classifyAsset", {"confidentiality": 5, "integrity": 1, "availability": 1}, "confidentiality", "1 to 4"),
        ("classifyAsset", {"confidentiality": 1, "integrity": 0, "availability": 1}, "integrity", "1 to 3"),
        ("classifyAsset", {"confidentiality": 1, "integrity": 1, "availability": 4}, "availability", "1 to 3"),
        (
            "classifyAsset",
            {"assetId": RANDOM, "confidentiality": 1, "integrity": 1, "availability": 1},
            "assetId",
            "No asset",
        ),
        ("addAssetDependency", {"dependsOnId": "self"}, "dependsOnId", "itself"),
        ("addAssetDependency", {"dependsOnId": "server"}, "dependsOnId", "already depends"),
        ("addAssetDependency", {"dependsOnId": RANDOM}, "dependsOnId", "No asset"),
        ("removeAssetDependency", {"dependsOnId": "self"}, "dependsOnId", "does not depend"),
        ("retireAsset", {"reason": " "}, "reason", "required"),
        ("changeAsset", {"name": "Payroll", "kind": "robot", "owner": "HR"}, "kind", "Choose one of"),
    ],
)
def test_a_bad_change_is_refused_on_its_field_and_writes_nothing(
    client_for: ClientFor,
    demo_services: Services,
    two_assets: tuple[str, str, str],
    name: str,
    given: dict[str, Any],
    field_name: str,
    message: str,
) -> None:
    _, service, server = two_assets
    ids = {"self": service, "server": server}
    values = {"assetId": service} | {key: ids.get(value, value) for key, value in given.items()}
    before = events_in_log(client_for and demo_services)
    refused = mutate(client_for(MEMBER), name, values)
    assert events_in_log(demo_services) == before
    assert refused["field"] == field_name and message.lower() in refused["message"].lower(), refused


def test_no_loop_and_a_reclassification_says_why(
    client_for: ClientFor, demo_services: Services, two_assets: tuple[str, str, str]
) -> None:
    member = client_for(MEMBER)
    muller, service, server = two_assets
    rack = register(member, muller, "Rack")["id"]
    mutate(member, "addAssetDependency", {"assetId": server, "dependsOnId": rack})
    before = events_in_log(demo_services)
    loop = mutate(member, "addAssetDependency", {"assetId": rack, "dependsOnId": service})
    assert loop["field"] == "dependsOnId" and "loop" in loop["message"]
    levels = {"assetId": server, "confidentiality": 1, "integrity": 1, "availability": 1}
    assert mutate(member, "classifyAsset", levels)["__typename"] == "AssetChange"
    before = events_in_log(demo_services)
    unexplained = mutate(member, "classifyAsset", levels | {"availability": 2})
    assert unexplained["field"] == "reason" and events_in_log(demo_services) == before


def test_a_retired_asset_is_kept_as_it_was(
    client_for: ClientFor, demo_services: Services, two_assets: tuple[str, str, str]
) -> None:
    member = client_for(MEMBER)
    _, service, server = two_assets
    mutate(member, "retireAsset", {"assetId": server, "reason": "Replaced by the cloud"})
    before = events_in_log(demo_services)
    for name, given in [
        ("classifyAsset", {"assetId": server, "confidentiality": 1, "integrity": 1, "availability": 1}),
        ("retireAsset", {"assetId": server, "reason": "Again"}),
        ("changeAsset", {"assetId": server, "name": "Old", "kind": "hardware", "owner": "IT"}),
    ]:
        refused = mutate(member, name, given)
        assert refused["field"] == "assetId" and "retired" in refused["message"], refused
    target = mutate(
        member, "addAssetDependency", {"assetId": register(member, two_assets[0], "New")["id"], "dependsOnId": server}
    )
    assert target["field"] == "dependsOnId" and "retired" in target["message"]
    assert events_in_log(demo_services) == before + 1  # "New" only
    shown = client_for(MEMBER).data(ASSETS, {"org": two_assets[0]})["assets"]
    assert "Payroll server" not in [e["node"]["name"] for e in shown["edges"]]
    assert asset(member, service)["dependencies"] == [{"id": server, "name": "Payroll server"}]


def test_the_coach_and_the_admins_read_but_do_not_write(client_for: ClientFor, demo_services: Services) -> None:
    member = client_for(MEMBER)
    muller = organisation_id(member)
    till = register(member, muller, "Till")
    for reader in (ALPINE_COACH, ALPINE_ADMIN):
        client = client_for(reader)
        seen = asset(client, till["id"])
        assert seen["name"] == "Till" and seen["viewerCan"] == {
            "change": False,
            "classify": False,
            "link": False,
            "retire": False,
        }
        listed = client.data(ASSETS, {"org": muller})["assets"]
        assert listed["inventoryCount"] == 1 and listed["viewerCan"] == {"register": False, "import": False}
        before = events_in_log(demo_services)
        refused = mutate(client, "registerAsset", {"organisationId": muller, "name": "X", "kind": "site", "owner": "Y"})
        assert refused["code"] == "FORBIDDEN" and events_in_log(demo_services) == before
        refused = mutate(client, "retireAsset", {"assetId": till["id"], "reason": "No"})
        assert refused["code"] == "FORBIDDEN" and events_in_log(demo_services) == before
