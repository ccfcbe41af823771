"""Reading and changing an organisation's audits and nonconformities through the API, as their tests do."""

from __future__ import annotations

from typing import Any

from tests.support.graphql_client import GraphQLClient

REFUSAL = "__typename ... on UserError { code message field }"
FINDING = "id kind reference statement evidence nonconformityId viewerCanRaiseNonconformity"
AUDIT = f"""id organisationId programmeId title scope criteria plannedOn auditorId auditorName status heldOn
    conclusion findingCount nonconformityCount findings {{ {FINDING} }} history {{ action details actedBy }}
    viewerCan {{ recordFinding complete }}"""
PROGRAMME = "id year objectives areas { reference ownerId ownerName } viewerCan { revise planAudit }"
AUDITS = f"""query($id: ID!, $after: String, $first: Int, $status: String, $order: AuditOrder) {{
    audits(organisationId: $id, first: $first, after: $after, status: $status, orderBy: $order) {{
    totalCount pageInfo {{ hasNextPage endCursor }} edges {{ cursor node {{ {AUDIT} }} }}
    programmes {{ {PROGRAMME} }} viewerCan {{ planProgramme }} }} }}"""
ONE_AUDIT = f"query($id: ID!) {{ audit(id: $id) {{ {REFUSAL} ... on Audit {{ {AUDIT} }} }} }}"


def viewer_id(client: GraphQLClient) -> str:
    return str(client.data("{ viewer { id } }")["viewer"]["id"])


def audits(client: GraphQLClient, organisation_id: str, **given: Any) -> dict[str, Any]:
    result: dict[str, Any] = client.data(AUDITS, {"id": organisation_id, **given})["audits"]
    return result


def mutate(client: GraphQLClient, name: str, given: dict[str, Any], selection: str = "") -> dict[str, Any]:
    input_type = name[0].upper() + name[1:] + "Input"
    chosen = selection or _selection(name)
    document = f"mutation($input: {input_type}!) {{ r: {name}(input: $input) {{ {REFUSAL} {chosen} }} }}"
    result: dict[str, Any] = client.data(document, {"input": given})["r"]
    return result


def _selection(name: str) -> str:
    if "Programme" in name:
        return f"... on AuditProgrammeChange {{ programme {{ {PROGRAMME} }} }}"
    if "Audit" in name or "FromFinding" in name:
        return f"... on AuditChange {{ audit {{ {AUDIT} }} }}"
    return "... on NonconformityChange { nonconformity { id status } }"
