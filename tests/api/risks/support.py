"""What the risk tests share: the documents, and Boulangerie Muller's member accounts."""

from __future__ import annotations

from typing import Any

from domain.tenancy.account import account_id
from tests.api.page_support import MEMBER
from tests.support.graphql_client import GraphQLClient

MULLER = "Boulangerie Muller"
SECOND_MULLER = "anna@muller.example"
ORGANISATIONS = "{ organisations { id name } }"
RISK_FIELDS = """id organisationId title threat vulnerability status sinceReview sourceLibraryItem sourceLibraryVersion
    owner { id name }
    assessment { likelihood impact level levelLabel methodVersion }
    treatment { option managementDecided needsManagementDecision
        residual { likelihood impact level levelLabel methodVersion } }
    acceptance { until reason expired }
    viewerCan { change assess treat recordManagementDecision accept close }"""
CHANGE = f"""__typename ... on UserError {{ code field message }} ... on RiskChange {{ risk {{ {RISK_FIELDS} }} }}"""
RISK = f"""query($id: ID!) {{ risk(id: $id) {{ __typename ... on UserError {{ code field message }}
    ... on Risk {{ {RISK_FIELDS} suggestedImpact assets {{ id name }} controls {{ catalogueId controlId name }}
    history {{ action details reason actedBy }} }} }} }}"""
RISKS = """query($org: ID!, $first: Int = 25, $after: String, $level: Int, $status: String, $ownerId: ID,
    $option: String, $search: String, $orderBy: RiskOrder = TITLE) {
  risks(organisationId: $org, first: $first, after: $after, level: $level, status: $status, ownerId: $ownerId,
    option: $option, search: $search, orderBy: $orderBy) {
    totalCount registerCount viewerCan { identify holdReview plan setObjectives }
    sinceReview { newCount changedCount closedCount lastReview { heldOn notes heldBy } }
    pageInfo { hasNextPage endCursor } edges { cursor node { id title status sinceReview
      assessment { level } treatment { residual { level } } } } } }"""
INPUT_TYPES = {"recordManagementDecision": "RiskDecisionInput"}


def organisation_id(client: GraphQLClient, name: str = MULLER) -> str:
    return str(next(o["id"] for o in client.data(ORGANISATIONS)["organisations"] if o["name"] == name))


def owner_id(email: str = MEMBER) -> str:
    return str(account_id(email))


def mutate(client: GraphQLClient, name: str, given: dict[str, Any], shape: str = CHANGE) -> dict[str, Any]:
    input_type = INPUT_TYPES.get(name, name[0].upper() + name[1:] + "Input")
    document = f"mutation($input: {input_type}!) {{ r: {name}(input: $input) {{ {shape} }} }}"
    result: dict[str, Any] = client.data(document, {"input": given})["r"]
    return result


def identify(client: GraphQLClient, organisation: str, title: str, **more: Any) -> dict[str, Any]:
    given = {
        "organisationId": organisation,
        "title": title,
        "threat": "Criminal gang",
        "vulnerability": "No offline backup",
        "ownerId": owner_id(),
    } | more
    identified = mutate(client, "identifyRisk", given)
    assert identified["__typename"] == "RiskChange", identified
    risk: dict[str, Any] = identified["risk"]
    return risk


def risk(client: GraphQLClient, risk_id: str) -> dict[str, Any]:
    found: dict[str, Any] = client.data(RISK, {"id": risk_id})["risk"]
    return found
