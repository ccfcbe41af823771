"""The management reviews' API tests share: the demo's accounts around Boulangerie Muller, and the documents run."""

from __future__ import annotations

from typing import Any

from tests.support.graphql_client import GraphQLClient

MULLER_MEMBER = "member@muller.example"
KIRCHBERG_MEMBER = "member@kirchberg.example"
SECOND_COACH = "second@alpine.example"

REVIEW_FIELDS = """id organisationId heldOn chair attendees status gatheredOn decisionCount
    inputs { key title recorded lines } opportunities
    decisions { number text howReached resources correctionReason }
    actions { number decision title owner dueOn status note overdue viewerCanChange }
    viewerCan { gatherInputs noteOpportunity hold recordDecision close correctDecision changeActions }"""
REVIEW = f"""query($id: ID!) {{ managementReview(id: $id) {{ __typename
    ... on ManagementReview {{ {REVIEW_FIELDS} }} ... on UserError {{ code field message }} }} }}"""
REVIEWS = """query($organisationId: ID!, $first: Int = 20, $after: String, $status: String, $orderBy: String = "newest") {
  managementReviews(organisationId: $organisationId, first: $first, after: $after, status: $status, orderBy: $orderBy) {
    edges { cursor node { id heldOn status chair } } pageInfo { hasNextPage endCursor } viewerCanPlan } }"""
ORGANISATIONS = "{ organisations { id name } }"


def mutate(client: GraphQLClient, name: str, input_type: str, given: dict[str, Any]) -> dict[str, Any]:
    """Runs one of the reviews' mutations; answers the review changed, or the refusal."""
    document = f"""mutation($input: {input_type}!) {{ result: {name}(input: $input) {{ __typename
        ... on ManagementReviewChange {{ review {{ {REVIEW_FIELDS} }} }}
        ... on UserError {{ code field message }} }} }}"""
    result: dict[str, Any] = client.data(document, {"input": given})["result"]
    return result


def organisation_ids(client: GraphQLClient) -> dict[str, str]:
    return {o["name"]: o["id"] for o in client.data(ORGANISATIONS)["organisations"]}


def reviews(client: GraphQLClient, organisation_id: str, **variables: Any) -> list[dict[str, Any]]:
    found = client.data(REVIEWS, {"organisationId": organisation_id, **variables})["managementReviews"]["edges"]
    return [edge["node"] for edge in found]


def review(client: GraphQLClient, review_id: str) -> dict[str, Any]:
    result: dict[str, Any] = client.data(REVIEW, {"id": review_id})["managementReview"]
    return result
