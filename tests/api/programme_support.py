"""GraphQL documents and set-ups shared by the programme's API tests."""

from __future__ import annotations

from typing import Any

from tests.support.graphql_client import GraphQLClient

REFUSAL = "__typename ... on UserError { code message field }"
CRITERIA = {"smallEnterprise": "15 staff", "managementCommitment": "Signed letter", "resourcesAvailable": "Budget"}


def mutate(
    client: GraphQLClient, name: str, input_type: str, variables: dict[str, Any], selection: str = ""
) -> dict[str, Any]:
    """Runs `name(input:)` and answers its result; `selection` picks fields of the cluster on success."""
    on_success = f"... on ClusterChange {{ cluster {{ {selection} }} }}" if selection else ""
    document = f"mutation($input: {input_type}!) {{ r: {name}(input: $input) {{ {REFUSAL} {on_success} }} }}"
    result: dict[str, Any] = client.data(document, {"input": variables})["r"]
    return result


def cluster_view(client: GraphQLClient, cluster_id: str, selection: str) -> dict[str, Any]:
    document = f"query($id: ID!) {{ cluster(id: $id) {{ __typename ... on Cluster {{ {selection} }} ... on UserError {{ code field }} }} }}"
    result: dict[str, Any] = client.data(document, {"id": cluster_id})["cluster"]
    return result


def demo_cluster(client: GraphQLClient) -> dict[str, Any]:
    """The signed-in user's first cluster, with its members' ids by name."""
    node = client.data("{ clusters { edges { node { id members { organisation { id name } } } } } }")
    cluster: dict[str, Any] = node["clusters"]["edges"][0]["node"]
    cluster["member_ids"] = {m["organisation"]["name"]: m["organisation"]["id"] for m in cluster["members"]}
    return cluster


def forming_cluster(admin: GraphQLClient, name: str, members: tuple[str, ...]) -> dict[str, Any]:
    """A new cluster led by the consultancy's first coach, with these organisations admitted."""
    coach = admin.data("{ coaches { id } }")["coaches"][0]["id"]
    form = "mutation($input: FormClusterInput!) { r: formCluster(input: $input) { ... on ClusterChange { cluster { id } } } }"
    cluster_id = admin.data(form, {"input": {"name": name, "coachId": coach}})["r"]["cluster"]["id"]
    register = "mutation($input: RegisterOrganisationInput!) { r: registerOrganisation(input: $input) { ... on OrganisationChange { organisation { id } } } }"
    ids = {}
    for organisation in members:
        ids[organisation] = admin.data(
            register, {"input": {"name": organisation, "sector": "Retail", "employeeCount": 12}}
        )["r"]["organisation"]["id"]
        admitted = mutate(
            admin,
            "admitOrganisation",
            "AdmitOrganisationInput",
            {"clusterId": cluster_id, "organisationId": ids[organisation], "criteria": CRITERIA},
        )
        assert admitted["__typename"] == "ClusterChange", admitted
    return {"id": cluster_id, "member_ids": ids, "coach_id": coach}
