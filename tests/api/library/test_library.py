"""The library through the API: its keepers add, revise and retire; everyone of the consultancy reads it; refused
input names its field and writes nothing; copies record their source; no other consultancy, and no other member,
reaches any of it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from backend.services import Services
from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH, HARBOUR_ADMIN, HARBOUR_COACH, events_in_log
from tests.support.graphql_client import GraphQLClient

ClientFor = Callable[[str], GraphQLClient]
MEMBER = "member@muller.example"
HARBOUR_MEMBER = "member@quayside.example"
ITEM = """id kind title version retired description assetTemplate { assetKind confidentiality }
  riskScenario { threat vulnerability likelihood impact } documentSkeleton { documentKind text }
  viewerCan { revise retire copy }"""
CHANGE = f"__typename ... on UserError {{ code field message }} ... on LibraryItemChange {{ item {{ {ITEM} }} }}"
ADD = f"mutation($input: AddLibraryItemInput!) {{ r: addLibraryItem(input: $input) {{ {CHANGE} }} }}"
REVISE = f"mutation($input: ReviseLibraryItemInput!) {{ r: reviseLibraryItem(input: $input) {{ {CHANGE} }} }}"
RETIRE = f"mutation($input: RetireLibraryItemInput!) {{ r: retireLibraryItem(input: $input) {{ {CHANGE} }} }}"
ITEMS = f"""query($kind: String!, $first: Int = 25, $after: String, $retired: Boolean = false, $search: String,
  $orderBy: LibraryOrder = TITLE) {{ libraryItems(kind: $kind, first: $first, after: $after, retired: $retired,
  search: $search, orderBy: $orderBy) {{ totalCount pageInfo {{ hasNextPage endCursor }}
  edges {{ cursor node {{ {ITEM} }} }} }} }}"""
ONE = f"""query($id: ID!) {{ libraryItem(id: $id) {{ __typename ... on UserError {{ code field message }}
  ... on LibraryItem {{ {ITEM} history {{ action version title reason actedBy }} }} }} }}"""
ORGANISATIONS = "{ organisations { id name } }"
COPY_DOC = """mutation($input: CopyDocumentSkeletonInput!) { r: copyDocumentSkeleton(input: $input) { __typename
  ... on UserError { code field message }
  ... on DocumentChange { document { id title kind status organisationId copiedFrom { libraryItemId libraryVersion }
    versions { number text status } } } } }"""
COPY_ASSET = """mutation($input: CopyAssetTemplateInput!) { r: copyAssetTemplate(input: $input) { __typename
  ... on UserError { code field message }
  ... on AssetChange { asset { id name kind owner classification { confidentiality integrity availability }
    copiedFrom { libraryItemId libraryVersion } } } } }"""


def add(client: GraphQLClient, kind: str, title: str, **fields: Any) -> dict[str, Any]:
    result: dict[str, Any] = client.data(ADD, {"input": {"kind": kind, "title": title, "fields": fields}})["r"]
    return result


def titles(client: GraphQLClient, kind: str, **variables: Any) -> list[str]:
    found = client.data(ITEMS, {"kind": kind, **variables})["libraryItems"]
    return [edge["node"]["title"] for edge in found["edges"]]


def organisation(client: GraphQLClient, name: str) -> str:
    return str(next(o["id"] for o in client.data(ORGANISATIONS)["organisations"] if o["name"] == name))


def test_a_coach_adds_and_revises_an_item_and_everyone_of_the_consultancy_reads_it(client_for: ClientFor) -> None:
    coach, member = client_for(ALPINE_COACH), client_for(MEMBER)
    added = add(coach, "risk_scenario", "Flood in the cellar", threat="Flood", vulnerability="Servers on the floor")
    item = added["item"]
    assert (item["version"], item["riskScenario"]["threat"], item["viewerCan"]["revise"]) == (1, "Flood", True)
    given = {"libraryItemId": item["id"], "title": "Flood in the cellar", "fields": {
        "threat": "Flood", "vulnerability": "Servers on the floor", "likelihood": "Once in ten years"}}  # fmt: skip
    revised = coach.data(REVISE, {"input": given})["r"]["item"]
    assert (revised["version"], revised["riskScenario"]["likelihood"]) == (2, "Once in ten years")
    seen = member.data(ONE, {"id": item["id"]})["libraryItem"]
    assert seen["viewerCan"] == {"revise": False, "retire": False, "copy": False}
    assert [(h["action"], h["version"]) for h in seen["history"]] == [("added", 1), ("revised", 2)]
    assert "Flood in the cellar" in titles(member, "risk_scenario")
    scenarios = member.data("{ libraryRiskScenarios { edges { node { id version riskScenario { threat } } } } }")
    assert "Flood" in {e["node"]["riskScenario"]["threat"] for e in scenarios["libraryRiskScenarios"]["edges"]}


def test_a_retired_item_leaves_the_list_and_is_kept_with_its_reason(client_for: ClientFor) -> None:
    coach = client_for(ALPINE_COACH)
    item = add(coach, "threat", "Meteorite")["item"]
    retired = coach.data(RETIRE, {"input": {"libraryItemId": item["id"], "reason": "Not a credible threat"}})["r"]
    assert retired["item"]["retired"] is True
    assert "Meteorite" not in titles(coach, "threat") and "Meteorite" in titles(coach, "threat", retired=True)
    again = coach.data(REVISE, {"input": {"libraryItemId": item["id"], "title": "Asteroid"}})["r"]
    assert (again["code"], again["field"]) == ("VALIDATION", "libraryItemId")


def test_items_come_a_page_at_a_time_by_title_or_by_last_change_with_a_search(client_for: ClientFor) -> None:
    coach = client_for(ALPINE_COACH)
    for title in ("Ageing hardware", "Burglary", "Phishing"):
        add(coach, "threat", title)
    first = coach.data(ITEMS, {"kind": "threat", "first": 2})["libraryItems"]
    assert [e["node"]["title"] for e in first["edges"]] == ["Ageing hardware", "Burglary"]
    rest = titles(coach, "threat", first=50, after=first["pageInfo"]["endCursor"])
    assert rest[0] == "Fire in the server room" and "Phishing" in rest
    latest = coach.data(ITEMS, {"kind": "threat", "first": 2, "orderBy": "CHANGED"})["libraryItems"]
    assert [e["node"]["title"] for e in latest["edges"]] == ["Phishing", "Burglary"]
    older = titles(coach, "threat", orderBy="CHANGED", after=latest["pageInfo"]["endCursor"])
    assert older[0] == "Ageing hardware" and len(older) == 4
    assert titles(coach, "threat", search="phish") == ["Phishing"]
    wrong = coach.execute(ITEMS, {"kind": "threat", "after": first["pageInfo"]["endCursor"], "orderBy": "CHANGED"})
    assert wrong["errors"][0]["extensions"] == {"code": "VALIDATION", "field": "after"}
    assert coach.execute(ITEMS, {"kind": "castle"})["errors"][0]["extensions"]["field"] == "kind"


@pytest.mark.parametrize(
    ("kind", "title", "fields", "field"),
    [
        ("threat", " ", {}, "title"),
        ("threat", "Fire", {"assetKind": "hardware"}, "fields.assetKind"),
        ("asset_template", "Safe", {"assetKind": "castle"}, "fields.assetKind"),
        ("asset_template", "Safe", {"assetKind": "hardware", "confidentiality": 11}, "fields.confidentiality"),
        ("risk_scenario", "Flood", {"threat": "Flood"}, "fields.vulnerability"),
        ("document_skeleton", "Policy", {"documentKind": "policy", "text": "a\u0000b"}, "fields.text"),
        ("document_skeleton", "Policy", {"documentKind": "policy", "text": "x" * 50_001}, "fields.text"),
        ("poem", "Ode", {}, "kind"),
    ],
)
def test_bad_input_is_refused_naming_the_field_and_writes_no_event(
    client_for: ClientFor, demo_services: Services, kind: str, title: str, fields: dict[str, Any], field: str
) -> None:
    before = events_in_log(demo_services)
    refused = add(client_for(ALPINE_COACH), kind, title, **fields)
    assert (refused["code"], refused["field"]) == ("VALIDATION", field), refused
    assert events_in_log(demo_services) == before


def test_only_admins_and_coaches_keep_the_library(client_for: ClientFor, demo_services: Services) -> None:
    before = events_in_log(demo_services)
    assert add(client_for(MEMBER), "threat", "Mine")["code"] == "FORBIDDEN"
    assert events_in_log(demo_services) == before
    assert add(client_for(ALPINE_ADMIN), "threat", "Admin's")["item"]["version"] == 1


def skeleton_id(client: GraphQLClient) -> str:
    found = client.data(ITEMS, {"kind": "document_skeleton", "search": "backup"})["libraryItems"]["edges"]
    return str(found[0]["node"]["id"])


def template_id(client: GraphQLClient) -> str:
    found = client.data(ITEMS, {"kind": "asset_template", "search": "laptop"})["libraryItems"]["edges"]
    return str(found[0]["node"]["id"])


def test_a_member_copies_a_skeleton_into_its_documents_as_a_draft_that_records_its_source(
    client_for: ClientFor,
) -> None:
    member = client_for(MEMBER)
    muller = organisation(member, "Boulangerie Muller")
    item = skeleton_id(member)
    copied = member.data(COPY_DOC, {"input": {"organisationId": muller, "libraryItemId": item, "owner": "Marc"}})["r"]
    document = copied["document"]
    assert (document["title"], document["kind"], document["status"]) == ("Backup procedure", "procedure", "draft")
    assert document["copiedFrom"] == {"libraryItemId": item, "libraryVersion": 1}
    assert document["versions"][0]["text"].startswith("# Backup procedure")


def test_a_coach_copies_an_asset_template_classified_as_suggested(client_for: ClientFor) -> None:
    coach = client_for(ALPINE_COACH)
    dental = organisation(coach, "Kirchberg Dental")
    item = template_id(coach)
    copied = coach.data(COPY_ASSET, {"input": {"organisationId": dental, "libraryItemId": item, "owner": "Dr Weber"}})
    asset = copied["r"]["asset"]
    assert (asset["name"], asset["kind"], asset["owner"]) == ("Staff laptop", "hardware", "Dr Weber")
    assert asset["classification"] == {"confidentiality": 3, "integrity": 2, "availability": 2}
    assert asset["copiedFrom"] == {"libraryItemId": item, "libraryVersion": 2}


def test_nobody_copies_where_they_may_not(client_for: ClientFor, demo_services: Services) -> None:
    member, alpine_coach = client_for(MEMBER), client_for(ALPINE_COACH)
    dental, muller = organisation(alpine_coach, "Kirchberg Dental"), organisation(member, "Boulangerie Muller")
    item = skeleton_id(member)
    quayside = organisation(client_for(HARBOUR_MEMBER), "Quayside Software")
    harbour_skeleton = skeleton_id(client_for(HARBOUR_MEMBER))
    before = events_in_log(demo_services)
    attempts = [
        (member, {"organisationId": dental, "libraryItemId": item}, "FORBIDDEN"),  # another member of the cluster
        (client_for(HARBOUR_MEMBER), {"organisationId": muller, "libraryItemId": item}, "FORBIDDEN"),
        (client_for(HARBOUR_COACH), {"organisationId": muller, "libraryItemId": harbour_skeleton}, "NOT_FOUND"),
        (client_for(HARBOUR_ADMIN), {"organisationId": quayside, "libraryItemId": item}, "NOT_FOUND"),
        (member, {"organisationId": muller, "libraryItemId": template_id(member)}, "VALIDATION"),
        (member, {"organisationId": muller, "libraryItemId": "not-an-id"}, "VALIDATION"),
        (member, {"organisationId": muller, "libraryItemId": item, "owner": " "}, "VALIDATION"),
    ]
    for client, given, code in attempts:
        refused = client.data(COPY_DOC, {"input": {"owner": "Someone"} | given})["r"]
        assert refused["code"] == code, (given, refused)
    assert events_in_log(demo_services) == before


def test_another_consultancy_never_sees_the_library(client_for: ClientFor) -> None:
    alpine, harbour = client_for(ALPINE_COACH), client_for(HARBOUR_ADMIN)
    item = add(alpine, "threat", "Alpine's own threat")["item"]
    assert "Alpine's own threat" not in titles(harbour, "threat")
    assert harbour.data(ONE, {"id": item["id"]})["libraryItem"]["code"] == "NOT_FOUND"
    refused = harbour.data(RETIRE, {"input": {"libraryItemId": item["id"], "reason": "Mine now"}})["r"]
    assert refused["code"] == "NOT_FOUND"
