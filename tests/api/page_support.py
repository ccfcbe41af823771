"""What the page tests share: reading a form's CSRF token, fields and feedback items, and the demo cluster."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from tests.api.conftest import first_cluster
from tests.support.graphql_client import GraphQLClient

ClientFor = Callable[[str], GraphQLClient]

MEMBER = "member@muller.example"
CHANGE = "__typename ... on UserError { message }"
FORM = f"mutation($input: FormClusterInput!) {{ r: formCluster(input: $input) {{ {CHANGE} ... on ClusterChange {{ cluster {{ id }} }} }} }}"
REGISTER = f"mutation($input: RegisterOrganisationInput!) {{ r: registerOrganisation(input: $input) {{ {CHANGE} ... on OrganisationChange {{ organisation {{ id }} }} }} }}"
ADMIT = f"mutation($input: AdmitOrganisationInput!) {{ r: admitOrganisation(input: $input) {{ {CHANGE} }} }}"
CRITERIA = {"smallEnterprise": "15 staff", "managementCommitment": "Signed letter", "resourcesAvailable": "Budget"}
STATUS = "query($id: ID!) { cluster(id: $id) { ... on Cluster { status sessions { key } } } }"
ASSESSMENTS = """query($id: ID!, $org: ID!) { cluster(id: $id) { ... on Cluster {
    member(organisationId: $org) { gapAnalyses { analysedOn levels { area level } } } } } }"""
NAMES = ("Boulangerie", "Kirchberg", "Moselle", "Muller", "Weber", "Schmit", "Costa")


def csrf(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found is not None
    return found.group(1)


def demo_cluster(client: GraphQLClient) -> tuple[str, dict[str, str]]:
    """The demo cluster's id and its members' organisation ids by name."""
    cluster = first_cluster(client)
    members: list[dict[str, Any]] = cluster["members"]  # type: ignore[assignment]
    return str(cluster["id"]), {m["organisation"]["name"]: m["organisation"]["id"] for m in members}


def forming_cluster(admin: GraphQLClient, *members: str) -> str:
    """A cluster formed through GraphQL, with newly registered organisations admitted; its id."""
    coach_id = admin.data("{ coaches { id } }")["coaches"][0]["id"]
    formed = admin.data(FORM, {"input": {"name": "Esch Manufacturers", "coachId": coach_id}})["r"]
    cluster_id: str = formed["cluster"]["id"]
    for name in members:
        registered = {"name": name, "sector": "Metalwork", "employeeCount": 15}
        organisation_id = admin.data(REGISTER, {"input": registered})["r"]["organisation"]["id"]
        admission = {"clusterId": cluster_id, "organisationId": organisation_id, "criteria": CRITERIA}
        assert admin.data(ADMIT, {"input": admission})["r"]["__typename"] == "ClusterChange"
    return cluster_id


def row(html: str, session_key: str) -> str:
    found = re.search(rf'<tr class="[^"]*" data-session="{re.escape(session_key)}">.*?</tr>', html, re.S)
    assert found is not None, session_key
    return found.group(0)


def field(html: str, name: str) -> str:
    """The form field `name` with its label and error, as shown."""
    found = re.search(rf'<div class="field[^"]*">\s*<label for="{re.escape(name)}">.*?</div>', html, re.S)
    assert found is not None, name
    return found.group(0)


def items(html: str) -> list[str]:
    return re.findall(r'<li class="feedback-item.*?</li>', html, re.S)
