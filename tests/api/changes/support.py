"""What the change log tests share: the documents, and Boulangerie Muller's member accounts (Marc, and Jonas, who
approves his changes and sits on the Change Advisory Board with him in the demo)."""

from __future__ import annotations

from typing import Any

from domain.tenancy.account import account_id
from tests.api.page_support import MEMBER
from tests.support.graphql_client import GraphQLClient

MULLER = "Boulangerie Muller"
JONAS = "jonas@muller.example"
ORGANISATIONS = "{ organisations { id name } }"
CHANGE_FIELDS = """id organisationId number ownerId ownerName initiator cause ticket hostname description configuration
    category risk standardChangeId standardChangeTitle approverName approvedOn executedOn succeeded scheduledFor
    fallback executionNotes status consentCount filedOn
    viewerCan { approve consent schedule execute executionAwaits }"""
SAVED = f"__typename ... on UserError {{ code field message }} ... on ChangeSaved {{ change {{ {CHANGE_FIELDS} }} }}"
RULES_SAVED = """__typename ... on UserError { code field message }
    ... on ChangeRulesSaved { rules { board { id name } standardChanges { id title } } }"""
CHANGE = f"""query($id: ID!) {{ change(id: $id) {{ __typename ... on UserError {{ code field message }}
    ... on Change {{ {CHANGE_FIELDS} consents {{ memberId name consentedOn }} history {{ action details actedBy }} }} }} }}"""
CHANGES = """query($org: ID!, $first: Int = 25, $after: String, $category: String, $risk: String, $status: String,
    $orderBy: ChangeOrder = NEWEST) {
  changes(organisationId: $org, first: $first, after: $after, category: $category, risk: $risk, status: $status,
    orderBy: $orderBy) {
    totalCount viewerCan { file nameBoard defineStandardChange }
    pageInfo { hasNextPage endCursor } edges { cursor node { id number category risk status } } } }"""
RULES = """query($org: ID!) { changeRules(organisationId: $org) { board { id name } standardChanges { id title procedure }
    viewerCan { file nameBoard defineStandardChange } } }"""
INPUT_TYPES = {"approveChange": "ChangeIdInput", "consentToChange": "ChangeIdInput"}


def organisation_id(client: GraphQLClient, name: str = MULLER) -> str:
    return str(next(o["id"] for o in client.data(ORGANISATIONS)["organisations"] if o["name"] == name))


def account(email: str = MEMBER) -> str:
    return str(account_id(email))


def mutate(client: GraphQLClient, name: str, given: dict[str, Any], shape: str = SAVED) -> dict[str, Any]:
    input_type = INPUT_TYPES.get(name, name[0].upper() + name[1:] + "Input")
    document = f"mutation($input: {input_type}!) {{ r: {name}(input: $input) {{ {shape} }} }}"
    result: dict[str, Any] = client.data(document, {"input": given})["r"]
    return result


def filing(**changed: Any) -> dict[str, Any]:
    given = {
        "ownerId": account(),
        "initiator": "Service desk",
        "hostname": "tills-db.muller.example",
        "description": "Move the till database to the new server",
        "category": "normal",
        "risk": "medium",
        "cause": "The old server is out of support.",
        "configuration": "host = tills-db-2",
    }
    return given | changed


def file_change(client: GraphQLClient, **changed: Any) -> dict[str, Any]:
    filed = mutate(client, "fileChange", filing(**changed))
    assert filed["__typename"] == "ChangeSaved", filed
    found: dict[str, Any] = filed["change"]
    return found


def change(client: GraphQLClient, change_id: str) -> dict[str, Any]:
    found: dict[str, Any] = client.data(CHANGE, {"id": change_id})["change"]
    return found
