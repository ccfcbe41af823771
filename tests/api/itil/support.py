"""Reading and changing an organisation's ITIL declarations through the API, as the ITIL tests do."""

from __future__ import annotations

from typing import Any

from tests.support.graphql_client import GraphQLClient

MEMBER = "member@muller.example"
REFUSAL = "__typename ... on UserError { code message field }"
PRACTICES = """
    organisationName
    viewerCan { declare withdraw }
    items { key kind number title feedsIsoSteps controls gapAreas declaration { evidence documentId documentTitle declaredBy } }
    isoSteps { number title needs fed }
    declarations { item title evidence documentId documentTitle declaredBy }
    history(first: 50) { edges { cursor node { item title action text actedBy } } pageInfo { hasNextPage endCursor } }
    gapProposals { clusterId clusterName baselineAssessment viewerCanConfirm
        areas { area title baselineLevel proposedLevel evidence } }
    soaProposals { catalogueId controlId proposedStatus evidence }
"""
SOA = "query($id: ID!) { itilSoaProposals(organisationId: $id) { catalogueId controlId proposedStatus evidence } }"


def practices(client: GraphQLClient, organisation_id: str, selection: str = PRACTICES) -> dict[str, Any]:
    document = f"""query($id: ID!) {{ itilPractices(organisationId: $id) {{ __typename
        ... on ItilPractices {{ {selection} }} ... on UserError {{ code field message }} }} }}"""
    result: dict[str, Any] = client.data(document, {"id": organisation_id})["itilPractices"]
    return result


def change(client: GraphQLClient, name: str, given: dict[str, Any]) -> dict[str, Any]:
    """Runs `declareItilPractice` or `withdrawItilPractice`; answers the refusal, or the declarations it left."""
    input_type = name[0].upper() + name[1:] + "Input"
    document = f"""mutation($input: {input_type}!) {{ r: {name}(input: $input) {{ {REFUSAL}
        ... on ItilChange {{ itilPractices {{ {PRACTICES} }} }} }} }}"""
    result: dict[str, Any] = client.data(document, {"input": given})["r"]
    return result


def declare(client: GraphQLClient, organisation_id: str, item: str, evidence: str, **more: Any) -> dict[str, Any]:
    return change(
        client, "declareItilPractice", {"organisationId": organisation_id, "item": item, "evidence": evidence} | more
    )


def nodes(connection: dict[str, Any]) -> list[dict[str, Any]]:
    return [edge["node"] for edge in connection["edges"]]
