"""What the asset tests share: the documents, and the demo's Boulangerie Muller keeping its inventory."""

from __future__ import annotations

from typing import Any

from tests.support.graphql_client import GraphQLClient

MULLER = "Boulangerie Muller"
ORGANISATIONS = "{ organisations { id name } }"
ASSET_FIELDS = """id name kind owner location description retired retiredReason
    classification { confidentiality integrity availability highest scaleVersion }
    viewerCan { change classify link retire }"""
CHANGE = f"""__typename ... on UserError {{ code field message }} ... on AssetChange {{ asset {{ {ASSET_FIELDS} }} }}"""
ASSET = f"""query($id: ID!) {{ asset(id: $id) {{ __typename ... on UserError {{ code field message }}
    ... on Asset {{ {ASSET_FIELDS} dependencies {{ id name }} dependants {{ id name }}
    history {{ action details reason actedBy actedAt }} }} }} }}"""
ASSETS = """query($org: ID!, $first: Int = 25, $after: String, $kind: String, $classified: Boolean, $search: String,
    $orderBy: AssetOrder = NAME) {
  assets(organisationId: $org, first: $first, after: $after, kind: $kind, classified: $classified, search: $search,
    orderBy: $orderBy) {
    totalCount inventoryCount unclassifiedCount viewerCan { register import }
    pageInfo { hasNextPage endCursor } edges { cursor node { id name kind classification { highest } } } } }"""
IMPORT = """mutation($input: ImportAssetsInput!) { r: importAssets(input: $input) {
    __typename ... on UserError { code field message }
    ... on AssetImport { dryRun validRows imported errorCount problems { line column message } } } }"""
EXPORT = "query($org: ID!, $format: String!) { assetExport(organisationId: $org, format: $format) { fileName contentType content } }"


def organisation_id(client: GraphQLClient, name: str = MULLER) -> str:
    return str(next(o["id"] for o in client.data(ORGANISATIONS)["organisations"] if o["name"] == name))


def mutate(client: GraphQLClient, name: str, given: dict[str, Any]) -> dict[str, Any]:
    input_type = name[0].upper() + name[1:] + "Input"
    if name in ("addAssetDependency",):
        input_type = "AssetDependencyInput"
    document = f"mutation($input: {input_type}!) {{ r: {name}(input: $input) {{ {CHANGE} }} }}"
    result: dict[str, Any] = client.data(document, {"input": given})["r"]
    return result


def register(
    client: GraphQLClient, organisation: str, name: str, kind: str = "hardware", **more: Any
) -> dict[str, Any]:
    given = {"organisationId": organisation, "name": name, "kind": kind, "owner": "IT lead"} | more
    registered = mutate(client, "registerAsset", given)
    assert registered["__typename"] == "AssetChange", registered
    asset: dict[str, Any] = registered["asset"]
    return asset


def asset(client: GraphQLClient, asset_id: str) -> dict[str, Any]:
    found: dict[str, Any] = client.data(ASSET, {"id": asset_id})["asset"]
    return found
