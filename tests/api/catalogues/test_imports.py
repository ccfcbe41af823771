"""Importing catalogues and writing the consultancy's own text of a control, through the API: a dry run keeps
nothing, bad files are refused naming where and write no event, versions stay readable, and another consultancy
never sees any of it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from backend.services import Services
from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH, HARBOUR_ADMIN, events_in_log
from tests.support.graphql_client import GraphQLClient

ClientFor = Callable[[str], GraphQLClient]
MEMBER = "member@muller.example"
OSCAL = (Path(__file__).parents[2] / "fixtures" / "catalogues" / "oscal-small.json").read_text(encoding="utf-8")
IMPORT = """mutation($input: ImportCatalogueInput!) { r: importCatalogue(input: $input) { __typename
  ... on UserError { code field message }
  ... on CatalogueImport { dryRun catalogueId edition version groupCount controlCount groups { title controlCount }
    catalogue { id importedVersion controlCount } } } }"""
WRITE = """mutation($input: WriteControlTextInput!) { r: writeControlText(input: $input) { __typename
  ... on UserError { code field message }
  ... on ControlTextChange { control { id privateText { text version } } } } }"""
CATALOGUE = """query($id: ID!, $version: Int) { catalogue(id: $id, version: $version) { __typename
  ... on UserError { code field message }
  ... on Catalogue { id edition importedVersion controlCount versions { version fileFormat controlCount }
    control(id: "ac-1") { id title privateText { text } viewerCan { writeText } } } } }"""
PRIVATE = """query($id: ID!, $control: ID!) { catalogue(id: $id) { ... on Catalogue {
  control(id: $control) { privateText { text version } } } } }"""

LIST = """query($first: Int! = 25, $after: String, $origin: CatalogueOrigin, $search: String) {
  catalogues(first: $first, after: $after, origin: $origin, search: $search) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id importedVersion } } } }"""


def listed_catalogues(client: GraphQLClient, fields: str = "id") -> list[dict[str, Any]]:
    found = client.data("{ catalogues(first: 100) { edges { node { " + fields + " } } } }")["catalogues"]
    return [edge["node"] for edge in found["edges"]]


def ours(**changes: Any) -> str:
    data = {
        "format": "cordee-catalogue/1", "id": "acme-ours", "edition": "Acme ours", "title": "Ours", "version": "1",
        "grouping": "theme", "groups": [{"id": "g", "title": "G"}],
        "controls": [{"id": "G.1", "group": "g", "title": "One"}, {"id": "G.2", "group": "g", "title": "Two"}],
    } | changes  # fmt: skip
    return json.dumps(data)


def import_file(client: GraphQLClient, content: str, **given: Any) -> dict[str, Any]:
    result: dict[str, Any] = client.data(IMPORT, {"input": {"format": "cordee", "content": content} | given})["r"]
    return result


def test_a_dry_run_counts_the_oscal_catalog_and_keeps_nothing(client_for: ClientFor, demo_services: Services) -> None:
    admin, before = client_for(ALPINE_ADMIN), events_in_log(demo_services)
    checked = import_file(admin, OSCAL, format="oscal", catalogue="acme-oscal", dryRun=True)
    assert checked["__typename"] == "CatalogueImport"
    assert (checked["dryRun"], checked["version"], checked["groupCount"], checked["controlCount"]) == (True, 1, 3, 6)
    assert checked["catalogue"] is None
    assert events_in_log(demo_services) == before
    assert admin.data(CATALOGUE, {"id": "acme-oscal"})["catalogue"]["code"] == "NOT_FOUND"


def test_an_import_is_listed_with_its_version_and_earlier_versions_stay_readable(client_for: ClientFor) -> None:
    admin = client_for(ALPINE_ADMIN)
    first = import_file(admin, OSCAL, format="oscal", catalogue="acme-oscal")
    assert first["catalogue"] == {"id": "acme-oscal", "importedVersion": 1, "controlCount": 6}
    same = import_file(admin, OSCAL, format="oscal", catalogue="acme-oscal", dryRun=True)
    assert (same["field"], same["message"]) == (
        "content",
        "This file is the catalogue's current version: nothing new to import.",
    )
    smaller = json.loads(OSCAL)
    smaller["catalog"]["groups"].pop()
    second = import_file(admin, json.dumps(smaller), format="oscal", catalogue="acme-oscal")
    assert second["catalogue"]["importedVersion"] == 2
    current = admin.data(CATALOGUE, {"id": "acme-oscal"})["catalogue"]
    assert (current["importedVersion"], current["controlCount"]) == (2, 4)
    assert [(v["version"], v["controlCount"]) for v in current["versions"]] == [(2, 4), (1, 6)]
    assert admin.data(CATALOGUE, {"id": "acme-oscal", "version": 1})["catalogue"]["controlCount"] == 6
    listed = {c["id"]: c["importedVersion"] for c in listed_catalogues(admin, "id importedVersion")}
    assert listed == {"iso27001-2022": None, "iso27001-2005": None, "alpine-baseline": 1, "acme-oscal": 2}


@pytest.mark.parametrize(
    ("content", "given", "field", "says"),
    [
        ("{ not json", {}, "content", "Not JSON: line 1"),
        (OSCAL, {"format": "oscal"}, "catalogue", "required"),
        (OSCAL, {"format": "oscal", "catalogue": "Bad Id"}, "catalogue", "lower-case"),
        (json.dumps({"catalog": {"metadata": {}}}), {"format": "oscal", "catalogue": "x"}, "content", "title"),
        (ours(controls=[{"id": "G.1", "group": "g", "title": "a"}] * 2), {}, "content", "G.1 listed more than once"),
        (ours(controls=[{"id": "G.1", "group": "g"}]), {}, "content", "controls[0].title"),
        (ours(id="iso27001-2022"), {}, "content", "Cordee ships"),
        (ours(), {"format": "xml"}, "format", "Choose"),
        (" " * 60_000, {}, "content", "empty"),
    ],
)
def test_a_bad_file_is_refused_naming_the_field_and_writes_no_event(
    client_for: ClientFor, demo_services: Services, content: str, given: dict[str, Any], field: str, says: str
) -> None:
    before = events_in_log(demo_services)
    refused = import_file(client_for(ALPINE_ADMIN), content, **given)
    assert (refused["code"], refused["field"]) == ("VALIDATION", field), refused
    assert says in refused["message"]
    assert events_in_log(demo_services) == before


def test_only_an_admin_imports(client_for: ClientFor, demo_services: Services) -> None:
    before = events_in_log(demo_services)
    for email in (ALPINE_COACH, MEMBER):
        assert import_file(client_for(email), ours())["code"] == "FORBIDDEN"
    assert events_in_log(demo_services) == before


def test_another_consultancy_never_sees_an_imported_catalogue_or_a_private_text(client_for: ClientFor) -> None:
    admin, harbour = client_for(ALPINE_ADMIN), client_for(HARBOUR_ADMIN)
    import_file(admin, ours())
    admin.data(WRITE, {"input": {"catalogue": "iso27001-2022", "control": "5.7", "text": "Alpine's licence."}})
    assert "acme-ours" not in {c["id"] for c in listed_catalogues(harbour)}
    assert harbour.data(CATALOGUE, {"id": "acme-ours"})["catalogue"]["code"] == "NOT_FOUND"
    seen = harbour.data(PRIVATE, {"id": "iso27001-2022", "control": "5.7"})["catalogue"]["control"]
    assert seen["privateText"] is None
    written = harbour.data(WRITE, {"input": {"catalogue": "acme-ours", "control": "G.1", "text": "Ours."}})["r"]
    assert (written["code"], written["field"]) == ("NOT_FOUND", "catalogue")


def test_a_private_text_is_read_by_the_consultancy_s_people_and_written_by_admins_and_coaches(
    client_for: ClientFor, demo_services: Services
) -> None:
    coach, member = client_for(ALPINE_COACH), client_for(MEMBER)
    given = {"catalogue": "iso27001-2022", "control": "5.24", "text": "The licensed text of 5.24."}
    written = coach.data(WRITE, {"input": given})["r"]
    assert written["control"]["privateText"] == {"text": "The licensed text of 5.24.", "version": 1}
    seen = member.data(PRIVATE, {"id": "iso27001-2022", "control": "5.24"})["catalogue"]["control"]
    assert seen["privateText"]["text"] == "The licensed text of 5.24."
    before = events_in_log(demo_services)
    assert member.data(WRITE, {"input": given | {"text": "Mine."}})["r"]["code"] == "FORBIDDEN"
    for bad, field in [
        (given | {"text": "a\u0001b"}, "text"),
        (given | {"text": "x" * 20_001}, "text"),
        (given | {"control": "5.99"}, "control"),
        (given | {"catalogue": "nope"}, "catalogue"),
    ]:
        refused = coach.data(WRITE, {"input": bad})["r"]
        assert refused["field"] == field, refused
    assert events_in_log(demo_services) == before


def test_an_oversize_file_is_refused_before_it_is_read_and_writes_no_event(
    client_for: ClientFor, demo_services: Services
) -> None:
    """Over the API the request limit comes first; the pages' uploads are bounded by the file limit (2 MB)."""
    admin, before = client_for(ALPINE_ADMIN), events_in_log(demo_services)
    big = ours(note="x" * 70_000)
    body = {"query": IMPORT, "variables": {"input": {"format": "cordee", "content": big}}}
    response = admin.http.post("/graphql", json=body)
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"] == {"code": "VALIDATION", "field": "body"}
    assert events_in_log(demo_services) == before


def test_the_catalogues_come_by_page_shipped_first_then_the_imported_by_edition(client_for: ClientFor) -> None:
    admin = client_for(ALPINE_ADMIN)
    for n in (3, 1, 2):
        import_file(admin, ours(id=f"acme-{n}", edition=f"Acme edition {n}"))
    seen, after, pages = [], None, 0
    while True:
        page = admin.data(LIST, {"first": 2, "after": after})["catalogues"]
        assert page["totalCount"] == 6
        seen += [edge["node"]["id"] for edge in page["edges"]]
        pages += 1
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == ["iso27001-2022", "iso27001-2005", "acme-1", "acme-2", "acme-3", "alpine-baseline"]
    assert pages == 3
    imported = admin.data(LIST, {"origin": "IMPORTED", "search": "ACME EDITION"})["catalogues"]
    assert [e["node"]["id"] for e in imported["edges"]] == ["acme-1", "acme-2", "acme-3"]
    assert imported["totalCount"] == 3
    shipped = admin.data(LIST, {"origin": "SHIPPED", "search": "2005"})["catalogues"]
    assert [e["node"]["id"] for e in shipped["edges"]] == ["iso27001-2005"]
    nothing = admin.data(LIST, {"search": "100%_"})["catalogues"]  # the wildcards are words, not patterns
    assert (nothing["totalCount"], nothing["edges"]) == (0, [])
    harbour = client_for(HARBOUR_ADMIN).data(LIST, {"origin": "IMPORTED"})["catalogues"]
    assert [e["node"]["id"] for e in harbour["edges"]] == ["harbour-baseline"]


@pytest.mark.parametrize(
    ("variables", "field"),
    [
        ({"first": 0}, "first"),
        ({"first": 101}, "first"),
        ({"after": "bm90IGEgY3Vyc29y"}, "after"),
        ({"after": "WyJjYXRhbG9ndWUiLCA3LCAieCIsICJ5Il0="}, "after"),  # a catalogue cursor of no origin we give
        ({"search": "two\nlines"}, "search"),
        ({"search": "x" * 101}, "search"),
        ({"origin": "LOST"}, "origin"),
    ],
)
def test_a_bad_page_of_catalogues_is_refused_naming_the_argument(
    client_for: ClientFor, variables: dict[str, Any], field: str
) -> None:
    errors = client_for(ALPINE_COACH).execute(LIST, variables)["errors"]
    assert (errors[0]["extensions"]["code"], errors[0]["extensions"]["field"]) == ("VALIDATION", field), errors
