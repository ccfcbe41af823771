"""What the Statement of Applicability's API tests share: the documents they run."""

from __future__ import annotations

from typing import Any

from tests.support.graphql_client import GraphQLClient

STATEMENT_FIELDS = """organisationId catalogueId catalogueVersion edition grouping version status approvedVersion
    moveTargets groups { id title controls decided applicable }
    history { version action detail actedBy }
    viewerCan { decide submit moveEdition }"""
CONTROL_FIELDS = """controlId group title applicable reasons justification implementation toReview decidedBy
    evidence { documentId title } risks { riskId } history { version action detail actedBy } viewerCanDecide"""
STATEMENT = f"""query($o: ID!) {{ s: statementOfApplicability(organisationId: $o) {{ __typename
    ... on StatementOfApplicability {{ {STATEMENT_FIELDS} }}
    ... on SoaNotStarted {{ catalogues viewerCanStart }}
    ... on UserError {{ code field message }} }} }}"""
CONTROLS = """query($o: ID!, $first: Int = 50, $after: String, $group: String, $decision: String,
    $implementation: String, $search: String, $orderBy: SoaControlOrder = CONTROL) {
  soaControls(organisationId: $o, first: $first, after: $after, group: $group, decision: $decision,
      implementation: $implementation, search: $search, orderBy: $orderBy) {
    totalCount edges { cursor node { controlId group applicable implementation } }
    pageInfo { hasNextPage endCursor } } }"""
CONTROL = f"""query($o: ID!, $c: String!) {{ c: soaControl(organisationId: $o, control: $c) {{ __typename
    ... on SoaControl {{ {CONTROL_FIELDS} }} ... on UserError {{ code field message }} }} }}"""
VERSIONS = """query($o: ID!, $first: Int = 20, $after: String, $status: SoaVersionStatus,
    $orderBy: SoaVersionOrder = NEWEST) {
  soaVersions(organisationId: $o, first: $first, after: $after, status: $status, orderBy: $orderBy) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { number status catalogueId catalogueVersion decided submittedBy approvedBy approvedAt reason
                          viewerCan { submit approve reject download } } } } }"""
REVIEW = """query($o: ID!) { r: soaReview(organisationId: $o) { __typename
    ... on SoaReview { findings applicableWithoutReason { controlId } groupsWithNothingApplicable { id }
        risksWithExcludedControls { control { controlId } } undecided { controlId } toReview { controlId } }
    ... on UserError { code field message } } }"""


def mutate(client: GraphQLClient, name: str, input_type: str, given: dict[str, Any]) -> dict[str, Any]:
    document = f"""mutation($input: {input_type}!) {{ result: {name}(input: $input) {{ __typename
        ... on SoaChange {{ statement {{ {STATEMENT_FIELDS} }} control {{ {CONTROL_FIELDS} }} }}
        ... on UserError {{ code field message }} ... on ValidationError {{ problems {{ field message }} }} }} }}"""
    result: dict[str, Any] = client.data(document, {"input": given})["result"]
    return result


def decide(client: GraphQLClient, organisation_id: str, control_id: str, **given: Any) -> dict[str, Any]:
    decision = {"applicable": True, "justification": "Needed.", "reasons": ["legal"], "implementation": "planned"}
    return mutate(client, "decideSoaControl", "DecideSoaControlInput",
                  {"organisationId": organisation_id, "control": control_id, **decision, **given})  # fmt: skip


def statement(client: GraphQLClient, organisation_id: str) -> dict[str, Any]:
    found: dict[str, Any] = client.data(STATEMENT, {"o": organisation_id})["s"]
    return found


def controls(client: GraphQLClient, organisation_id: str, **variables: Any) -> dict[str, Any]:
    found: dict[str, Any] = client.data(CONTROLS, {"o": organisation_id, **variables})["soaControls"]
    return found


def versions(client: GraphQLClient, organisation_id: str, **variables: Any) -> list[dict[str, Any]]:
    """A page of the statement's versions, as their nodes."""
    found = client.data(VERSIONS, {"o": organisation_id, **variables})["soaVersions"]
    return [edge["node"] for edge in found["edges"]]
