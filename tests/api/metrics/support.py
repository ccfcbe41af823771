"""Reading and changing an organisation's metrics through the API, as their tests do."""

from __future__ import annotations

from typing import Any

from tests.support.graphql_client import GraphQLClient

REFUSAL = "__typename ... on UserError { code message field }"
MEASUREMENT = "id measuredOn value note target direction met missed corrected"
METRIC = f"""id organisationId name method frequency target direction unit reference ownerId ownerName evaluatorId
    evaluatorName status retiredReason measurementCount lastMeasuredOn lastValue missed overdue nextDueOn
    measurements {{ {MEASUREMENT} }} history {{ action details actedBy }}
    viewerCan {{ revise retire recordMeasurement correctMeasurement }}"""
LIST = f"""query($id: ID!, $first: Int, $after: String, $status: String, $missed: Boolean, $overdue: Boolean,
    $ownerId: ID, $order: MetricOrder) {{ metrics(organisationId: $id, first: $first, after: $after, status: $status,
    missed: $missed, overdue: $overdue, ownerId: $ownerId, orderBy: $order) {{ totalCount
    pageInfo {{ hasNextPage endCursor }} edges {{ cursor node {{ {METRIC} }} }} viewerCan {{ define }} }} }}"""
ONE = f"query($id: ID!) {{ metric(id: $id) {{ {REFUSAL} ... on Metric {{ {METRIC} }} }} }}"


def viewer_id(client: GraphQLClient) -> str:
    return str(client.data("{ viewer { id } }")["viewer"]["id"])


def metrics(client: GraphQLClient, organisation_id: str, **given: Any) -> dict[str, Any]:
    result: dict[str, Any] = client.data(LIST, {"id": organisation_id, **given})["metrics"]
    return result


def by_name(client: GraphQLClient, organisation_id: str) -> dict[str, dict[str, Any]]:
    return {edge["node"]["name"]: edge["node"] for edge in metrics(client, organisation_id)["edges"]}


def mutate(client: GraphQLClient, name: str, given: dict[str, Any]) -> dict[str, Any]:
    input_type = name[0].upper() + name[1:] + "Input"
    document = f"""mutation($input: {input_type}!) {{ r: {name}(input: $input) {{ {REFUSAL}
        ... on MetricChange {{ metric {{ {METRIC} }} }} }} }}"""
    result: dict[str, Any] = client.data(document, {"input": given})["r"]
    return result


def definition(organisation_id: str, owner_id: str, **change: Any) -> dict[str, Any]:
    given = {"organisationId": organisation_id, "name": "Laptops encrypted", "method": "From the device list",
             "frequency": "monthly", "target": 100, "direction": "at_least", "unit": "%", "ownerId": owner_id}  # fmt: skip
    return given | change
