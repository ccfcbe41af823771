"""The catalogues' reads: listed for every signed-in person alike, controls a page at a time, bad input named."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH, HARBOUR_ADMIN
from tests.support.graphql_client import GraphQLClient

ClientFor = Callable[[str], GraphQLClient]
MEMBER = "member@muller.example"

CATALOGUES = "{ catalogues { edges { node { id edition version controlCount groups { id title controlCount } } } } }"
CONTROLS = """query($id: ID!, $first: Int! = 50, $after: String, $group: String, $search: String) {
  catalogue(id: $id) { __typename
    ... on Catalogue { controls(first: $first, after: $after, group: $group, search: $search) {
      edges { cursor node { id title group newInEdition objective { id objective } } }
      pageInfo { hasNextPage endCursor } } }
    ... on UserError { code field message } } }"""
CLAUSES = """query($id: ID!) { catalogue(id: $id) { ... on Catalogue { clauses { id title parent } } } }"""
CORRESPONDENCE = """query($from: ID!, $to: ID!) { correspondence(from: $from, to: $to) { __typename
  ... on Correspondence { fromCatalogue { id } toCatalogue { id } version
    lines { control { id } correspondsTo { id title } note } newInTarget { id } }
  ... on UserError { code field message } } }"""


def controls(client: GraphQLClient, **variables: Any) -> dict[str, Any]:
    result: dict[str, Any] = client.data(CONTROLS, {"id": "iso27001-2022", **variables})["catalogue"]["controls"]
    return result


def ids(connection: dict[str, Any]) -> list[str]:
    return [edge["node"]["id"] for edge in connection["edges"]]


@pytest.mark.parametrize("email", [ALPINE_ADMIN, ALPINE_COACH, MEMBER, HARBOUR_ADMIN])
def test_every_signed_in_person_reads_the_shipped_catalogues_and_its_consultancy_s_own(
    client_for: ClientFor, email: str
) -> None:
    catalogues = [edge["node"] for edge in client_for(email).data(CATALOGUES)["catalogues"]["edges"]]
    own = "harbour-baseline" if email == HARBOUR_ADMIN else "alpine-baseline"
    assert [(c["id"], c["controlCount"]) for c in catalogues] == [
        ("iso27001-2022", 93),
        ("iso27001-2005", 133),
        (own, 8),
    ]
    themes = {group["id"]: group["controlCount"] for group in catalogues[0]["groups"]}
    assert themes == {"organisational": 37, "people": 8, "physical": 14, "technological": 34}
    assert sum(group["controlCount"] for group in catalogues[1]["groups"]) == 133


def test_controls_come_a_page_at_a_time_in_natural_order(client_for: ClientFor) -> None:
    coach = client_for(ALPINE_COACH)
    first = controls(coach, first=12)
    assert ids(first) == [f"5.{n}" for n in range(1, 13)]
    assert first["pageInfo"]["hasNextPage"]
    second = controls(coach, first=12, after=first["pageInfo"]["endCursor"])
    assert ids(second)[0] == "5.13"
    seen, after = [], None
    while True:
        page = controls(coach, first=40, after=after)
        seen += ids(page)
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(seen) == 93 and len(set(seen)) == 93 and seen[-1] == "8.34"


def test_controls_are_filtered_by_theme_and_by_words_of_their_id_or_title(client_for: ClientFor) -> None:
    member = client_for(MEMBER)
    people = controls(member, group="people")
    assert ids(people) == [f"6.{n}" for n in range(1, 9)] and not people["pageInfo"]["hasNextPage"]
    assert ids(controls(member, search="CLOUD")) == ["5.23"]
    assert ids(controls(member, group="technological", search="8.3")) == ["8.3", "8.30", "8.31", "8.32", "8.33", "8.34"]
    assert ids(controls(member, group="people", search="cloud")) == []
    new = [edge["node"] for edge in controls(member, search="threat")["edges"]]
    assert new == [
        {"id": "5.7", "title": "Threat information gathered and used", "group": "organisational",
         "newInEdition": True, "objective": None}
    ]  # fmt: skip


def test_a_2005_control_names_its_domain_and_control_objective(client_for: ClientFor) -> None:
    found = client_for(ALPINE_COACH).data(CONTROLS, {"id": "iso27001-2005", "group": "A.10", "search": "back"})
    node = found["catalogue"]["controls"]["edges"][0]["node"]
    assert node["id"] == "A.10.5.1" and node["group"] == "A.10"
    assert node["objective"]["id"] == "A.10.5"


def test_the_2022_clauses_are_listed_with_their_parents(client_for: ClientFor) -> None:
    clauses = client_for(MEMBER).data(CLAUSES, {"id": "iso27001-2022"})["catalogue"]["clauses"]
    by_id = {clause["id"]: clause for clause in clauses}
    assert [c["id"] for c in clauses if c["parent"] is None] == ["4", "5", "6", "7", "8", "9", "10"]
    assert by_id["7.5.3"]["parent"] == "7.5" and by_id["9.3.2"]["parent"] == "9.3"


def test_the_correspondence_shows_where_each_2005_control_went(client_for: ClientFor) -> None:
    table = client_for(ALPINE_ADMIN).data(CORRESPONDENCE, {"from": "iso27001-2005", "to": "iso27001-2022"})
    correspondence = table["correspondence"]
    lines = {line["control"]["id"]: line for line in correspondence["lines"]}
    assert len(lines) == 133
    assert [c["id"] for c in lines["A.13.2.1"]["correspondsTo"]] == ["5.24", "5.25", "5.26"]
    assert lines["A.6.1.1"]["correspondsTo"] == [] and "clause 5.1" in lines["A.6.1.1"]["note"]
    assert len(correspondence["newInTarget"]) == 11


@pytest.mark.parametrize(
    ("variables", "field"),
    [
        ({"after": "not-a-cursor"}, "after"),
        ({"after": "WyJjb250cm9sIiwgIjkuOSJd"}, "after"),  # well formed, but no control 9.9 in this catalogue
        ({"group": "legal"}, "group"),
        ({"first": 0}, "first"),
        ({"first": 101}, "first"),
        ({"search": "x" * 101}, "search"),
        ({"search": "cloud\u0000"}, "search"),
    ],
)
def test_bad_paging_or_filters_are_refused_naming_the_argument(
    client_for: ClientFor, variables: dict[str, Any], field: str
) -> None:
    body = client_for(ALPINE_COACH).execute(CONTROLS, {"id": "iso27001-2022", **variables})
    assert body["errors"][0]["extensions"] == {"code": "VALIDATION", "field": field}


def test_an_unknown_catalogue_is_not_found_naming_the_argument(client_for: ClientFor) -> None:
    coach = client_for(ALPINE_COACH)
    assert coach.data(CONTROLS, {"id": "iso27001-2013"})["catalogue"] == {
        "__typename": "NotFoundError", "code": "NOT_FOUND", "field": "id", "message": "No catalogue with this id.",
    }  # fmt: skip
    unknown_to = coach.data(CORRESPONDENCE, {"from": "iso27001-2005", "to": "nist-800-53"})["correspondence"]
    assert (unknown_to["code"], unknown_to["field"]) == ("NOT_FOUND", "to")
    unknown_from = coach.data(CORRESPONDENCE, {"from": "", "to": "iso27001-2022"})["correspondence"]
    assert (unknown_from["code"], unknown_from["field"]) == ("NOT_FOUND", "from")
    backwards = coach.data(CORRESPONDENCE, {"from": "iso27001-2022", "to": "iso27001-2005"})["correspondence"]
    assert (backwards["code"], backwards["field"]) == ("NOT_FOUND", "to")


def test_signed_out_people_get_nothing(anonymous: GraphQLClient) -> None:
    for document, variables in ((CATALOGUES, {}), (CONTROLS, {"id": "iso27001-2022"})):
        body = anonymous.execute(document, variables)
        assert body == {
            "data": None,
            "errors": [{"message": "Sign in first.", "extensions": {"code": "UNAUTHENTICATED"}}],
        }
    body = anonymous.execute(CORRESPONDENCE, {"from": "iso27001-2005", "to": "iso27001-2022"})
    assert body["data"] is None
