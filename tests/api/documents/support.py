"""The documents' API tests share: the demo's accounts around Boulangerie Muller, and the documents they run."""

from __future__ import annotations

from typing import Any

from tests.support.graphql_client import GraphQLClient

MULLER_AUTHOR = "member@muller.example"
MULLER_MANAGER = "sophie@muller.example"
KIRCHBERG_MEMBER = "member@kirchberg.example"
SECOND_COACH = "second@alpine.example"

VERSION_FIELDS = """number status text author contentHash reviewOn approvedBy requiresAcknowledgement reason
    attachments { filename mediaType size contentHash }
    acknowledgements { name } notAcknowledged
    viewerCan { revise attach submit approve reject publish withdraw acknowledge }"""
DOCUMENT_FIELDS = f"""id organisationId kind title owner status latestVersion publishedVersion reviewOn reviewOverdue
    viewerCan {{ draftVersion attach }}
    versions {{ {VERSION_FIELDS} }}
    history {{ version action detail actedBy }}"""
DOCUMENT = f"""query($id: ID!) {{ document(id: $id) {{ __typename
    ... on Document {{ {DOCUMENT_FIELDS} }} ... on UserError {{ code field message }} }} }}"""
DOCUMENTS = """query($organisationId: ID!, $first: Int = 20, $after: String, $filter: DocumentFilterInput,
    $orderBy: String = "title") {
  documents(organisationId: $organisationId, first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    edges { cursor node { id title kind status reviewOn reviewOverdue viewerCan { draftVersion } } }
    pageInfo { hasNextPage endCursor } } }"""
ORGANISATIONS = "{ organisations { id name } }"


def mutate(client: GraphQLClient, name: str, input_type: str, given: dict[str, Any]) -> dict[str, Any]:
    """Runs one of the documents' mutations; answers the document changed, or the refusal."""
    document = f"""mutation($input: {input_type}!) {{ result: {name}(input: $input) {{ __typename
        ... on DocumentChange {{ document {{ {DOCUMENT_FIELDS} }} }}
        ... on UserError {{ code field message }} }} }}"""
    result: dict[str, Any] = client.data(document, {"input": given})["result"]
    return result


def organisation_ids(client: GraphQLClient) -> dict[str, str]:
    return {o["name"]: o["id"] for o in client.data(ORGANISATIONS)["organisations"]}


def documents(client: GraphQLClient, organisation_id: str, **variables: Any) -> list[dict[str, Any]]:
    found = client.data(DOCUMENTS, {"organisationId": organisation_id, **variables})["documents"]["edges"]
    return [edge["node"] for edge in found]


def document(client: GraphQLClient, document_id: str) -> dict[str, Any]:
    result: dict[str, Any] = client.data(DOCUMENT, {"id": document_id})["document"]
    return result
