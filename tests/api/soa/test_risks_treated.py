"""The Statement of Applicability reads the risks each control treats from the risk register: a control's page and
the review of Annex A show them, as far as the viewer sees the register."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH
from tests.api.documents.support import MULLER_AUTHOR
from tests.api.soa.conftest import Muller
from tests.support.graphql_client import GraphQLClient

ClientFor = Callable[[str], GraphQLClient]
CONTROL = """query($org: ID!, $control: String!) { soaControl(organisationId: $org, control: $control) {
    __typename ... on SoaControl { risks { riskId title level residualLevel status } } } }"""
REVIEW = """query($org: ID!) { soaReview(organisationId: $org) { __typename ... on SoaReview {
    risksWithExcludedControls { risk { title } control { controlId } } } } }"""
DECIDE = """mutation($input: DecideSoaControlInput!) { r: decideSoaControl(input: $input) { __typename } }"""
RISKS = """query($org: ID!) { risks(organisationId: $org, first: 50) { edges { node { id title } } } }"""


def risks_of(client: GraphQLClient, organisation: str, control: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = client.data(CONTROL, {"org": organisation, "control": control})["soaControl"]["risks"]
    return found


@pytest.mark.parametrize("who", [MULLER_AUTHOR, ALPINE_COACH, ALPINE_ADMIN])
def test_a_control_lists_the_risks_whose_treatment_chose_it(client_for: ClientFor, muller: Muller, who: str) -> None:
    client = client_for(who)
    register = {e["node"]["title"]: e["node"]["id"] for e in client.data(RISKS, {"org": muller.organisation_id})[
        "risks"]["edges"]}  # fmt: skip
    backup = risks_of(client, muller.organisation_id, "8.13")
    assert [(r["title"], r["riskId"]) for r in backup] == [
        ("Ransomware on the back-office PC", register["Ransomware on the back-office PC"])
    ]
    assert backup[0]["level"] and backup[0]["residualLevel"]
    assert [r["title"] for r in risks_of(client, muller.organisation_id, "5.23")] == [
        "Online shop down during the Christmas orders"
    ]
    assert risks_of(client, muller.organisation_id, "8.25") == []  # no treatment chose it


def test_excluding_a_control_a_treatment_chose_shows_in_the_review(client_for: ClientFor, muller: Muller) -> None:
    member = client_for(MULLER_AUTHOR)
    review = member.data(REVIEW, {"org": muller.organisation_id})["soaReview"]
    assert review["risksWithExcludedControls"] == []
    given = {"organisationId": muller.organisation_id, "control": "7.7", "applicable": False,
             "justification": "Nobody else enters the back room."}  # fmt: skip
    assert member.data(DECIDE, {"input": given})["r"]["__typename"] == "SoaChange"
    review = member.data(REVIEW, {"org": muller.organisation_id})["soaReview"]
    assert review["risksWithExcludedControls"] == [
        {"risk": {"title": "Order book read by a stranger"}, "control": {"controlId": "7.7"}}
    ]


def test_the_control_page_names_the_risks(client_for: ClientFor, muller: Muller) -> None:
    page = client_for(ALPINE_COACH).http.get(f"/organisations/{muller.organisation_id}/soa/controls/8.13").text
    assert "Ransomware on the back-office PC (" in page and "None in the risk register" not in page
