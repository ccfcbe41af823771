"""Reading and changing an organisation's context through the API, as the tests of the context do."""

from __future__ import annotations

from typing import Any

from tests.support.graphql_client import GraphQLClient

MEMBER = "member@muller.example"
REFUSAL = "__typename ... on UserError { code message field }"
CONTEXT = """
    organisationName
    viewerCan { edit }
    issues(first: 50, filter: {status: null}) { edges { node { id text side category status retiredReason
        viewerCan { change retire } history { action reason actedBy } } } }
    parties { edges { node { id name kind kindLabel environment questions { key text answer }
        requirements { number text status withdrawnReason } viewerCan { change retire } } } }
    roles { edges { node { id kind title personName accountId conflicts viewerCan { change retire } } } }
    scopeVersions { version statement boundaries interfaces exclusions { what justification } reason statedBy }
    commitments { version evidence committedOn admissionClusterId reason recordedBy }
    admissionCommitments { clusterId clusterName evidence }
"""


def context(client: GraphQLClient, organisation_id: str, selection: str = CONTEXT) -> dict[str, Any]:
    document = f"""query($id: ID!) {{ organisationContext(organisationId: $id) {{ __typename
        ... on OrganisationContext {{ {selection} }} ... on UserError {{ code field message }} }} }}"""
    result: dict[str, Any] = client.data(document, {"id": organisation_id})["organisationContext"]
    return result


def change(client: GraphQLClient, name: str, input_type: str, given: dict[str, Any]) -> dict[str, Any]:
    """Runs the mutation; answers the refusal, or the item's id and the context it left."""
    document = f"""mutation($input: {input_type}!) {{ r: {name}(input: $input) {{ {REFUSAL}
        ... on ContextChange {{ itemId organisationContext {{ {CONTEXT} }} }} }} }}"""
    result: dict[str, Any] = client.data(document, {"input": given})["r"]
    return result


def nodes(connection: dict[str, Any]) -> list[dict[str, Any]]:
    return [edge["node"] for edge in connection["edges"]]
