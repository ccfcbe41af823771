"""An organisation's context through the API: its member accounts read and write it, every step refused with a typed
error naming the field and writing nothing when the input is bad; lists are connections with filters and sorts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from backend.services import Services
from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH, events_in_log
from tests.api.context.support import MEMBER, change, context, nodes
from tests.api.programme_support import demo_cluster
from tests.support.graphql_client import GraphQLClient

ClientFor = Callable[[str], GraphQLClient]


@pytest.fixture
def muller(client_for: ClientFor) -> str:
    organisation: str = demo_cluster(client_for(ALPINE_ADMIN))["member_ids"]["Boulangerie Muller"]
    return organisation


def test_the_member_sees_the_demo_context_with_the_admission_evidence_beside_its_own_commitment(
    client_for: ClientFor, muller: str
) -> None:
    seen = context(client_for(MEMBER), muller)
    assert seen["organisationName"] == "Boulangerie Muller"
    assert seen["viewerCan"] == {"edit": True}
    [issue] = nodes(seen["issues"])
    assert (issue["side"], issue["category"], issue["history"][0]["actedBy"]) == ("external", "market", "Marc Muller")
    [party] = nodes(seen["parties"])
    assert (party["kindLabel"], party["environment"]) == ("Cloud provider", "direct")
    assert [q["answer"] for q in party["questions"]] == ["Fill its data centres in Germany", None, None]
    assert party["requirements"][0]["text"] == "Customers encrypt data they store"
    roles = nodes(seen["roles"])
    assert {r["title"] for r in roles} == {"CISO", "ISMS manager"}
    assert all(r["personName"] == "Marc Muller" and r["conflicts"] == [] for r in roles), roles
    [scope] = seen["scopeVersions"]
    assert scope["exclusions"] == [
        {"what": "Software development", "justification": "No software is developed in house"}
    ]
    [commitment] = seen["commitments"]
    [admission] = seen["admissionCommitments"]
    assert commitment["admissionClusterId"] == admission["clusterId"]
    assert admission["evidence"] == "Signed commitment letter from the managing director"
    assert commitment["evidence"] == "Minutes of the board meeting"


def test_the_stakeholder_templates_are_served_as_data(client_for: ClientFor) -> None:
    kinds = client_for(MEMBER).data("{ stakeholderKinds { key environment questions { key } } }")["stakeholderKinds"]
    by_key = {k["key"]: k for k in kinds}
    assert by_key["legislator"]["environment"] == "indirect"
    assert [q["key"] for q in by_key["end_customer"]["questions"]] == ["motivation", "requirements", "interaction"]


def test_an_issue_is_raised_changed_and_retired_each_with_its_reason_kept(client_for: ClientFor, muller: str) -> None:
    member = client_for(MEMBER)
    facts = {"text": "Staff turnover", "side": "internal", "category": "people", "effect": "Access reviews"}
    raised = change(member, "raiseContextIssue", "RaiseContextIssueInput", {"organisationId": muller, **facts})
    item = raised["itemId"]
    changed = change(
        member,
        "changeContextIssue",
        "ChangeContextIssueInput",
        {"organisationId": muller, "itemId": item, **facts, "text": "High staff turnover", "reason": "Worse"},
    )
    assert changed["__typename"] == "ContextChange", changed
    retired = change(
        member,
        "retireContextIssue",
        "RetireContextItemInput",
        {"organisationId": muller, "itemId": item, "reason": "Team stable now"},
    )
    [issue] = [i for i in nodes(retired["organisationContext"]["issues"]) if i["id"] == item]
    assert (issue["text"], issue["status"], issue["retiredReason"]) == (
        "High staff turnover",
        "retired",
        "Team stable now",
    )
    assert [(h["action"], h["reason"]) for h in issue["history"]] == [
        ("raised", None),
        ("changed", "Worse"),
        ("retired", "Team stable now"),
    ]
    assert issue["viewerCan"] == {"change": False, "retire": False}


def test_a_party_answers_its_template_and_lists_then_withdraws_a_requirement(
    client_for: ClientFor, muller: str
) -> None:
    member = client_for(MEMBER)
    party = change(
        member,
        "identifyInterestedParty",
        "IdentifyInterestedPartyInput",
        {"organisationId": muller, "name": "CNPD", "kind": "legislator"},
    )["itemId"]
    own = {"organisationId": muller, "itemId": party}
    answer = {**own, "questionKey": "requirements", "answer": "GDPR"}
    change(member, "answerPartyQuestion", "AnswerPartyQuestionInput", answer)
    change(member, "listPartyRequirement", "ListPartyRequirementInput", {**own, "text": "Breach notice in 72 h"})
    done = change(
        member,
        "withdrawPartyRequirement",
        "WithdrawPartyRequirementInput",
        {**own, "requirementNumber": 1, "reason": "Covered by the DPO's procedure"},
    )
    [found] = [p for p in nodes(done["organisationContext"]["parties"]) if p["id"] == party]
    assert found["environment"] == "indirect"
    assert [q["answer"] for q in found["questions"]] == [None, "GDPR", None]
    assert found["requirements"] == [
        {
            "number": 1,
            "text": "Breach notice in 72 h",
            "status": "withdrawn",
            "withdrawnReason": "Covered by the DPO's procedure",
        }
    ]


def test_a_new_scope_version_keeps_the_earlier_one(client_for: ClientFor, muller: str) -> None:
    given = {
        "organisationId": muller,
        "statement": "Ordering, delivery and the web shop",
        "boundaries": "Shop, office, hosted web shop",
        "interfaces": "Bank, web host",
        "exclusions": [{"what": "Bakery machines", "justification": "Not connected to any network"}],
        "reason": "The web shop opened",
    }
    done = change(client_for(MEMBER), "stateIsmsScope", "StateIsmsScopeInput", given)
    versions = done["organisationContext"]["scopeVersions"]
    assert [(v["version"], v["reason"]) for v in versions] == [(2, "The web shop opened"), (1, None)]
    assert versions[0]["statedBy"] == "Marc Muller"


def test_one_person_holds_several_roles_and_an_auditor_of_their_own_work_is_flagged(
    client_for: ClientFor, muller: str
) -> None:
    member = client_for(MEMBER)
    auditor = {
        "organisationId": muller,
        "kind": "internal_auditor",
        "title": "Internal auditor",
        "responsibilities": "Audit programme",
        "personName": "  marc   MULLER ",
    }
    done = change(member, "defineIsmsRole", "DefineIsmsRoleInput", auditor)
    roles = {r["title"]: r for r in nodes(done["organisationContext"]["roles"])}
    assert roles["CISO"]["conflicts"] == [], "the CISO is held by his account, the auditor by a name"
    role = done["itemId"]
    reassigned = change(
        member,
        "changeIsmsRole",
        "ChangeIsmsRoleInput",
        {**auditor, "itemId": role, "personName": "Marc Muller", "reason": "Name as on his account"},
    )
    roles = {r["title"]: r for r in nodes(reassigned["organisationContext"]["roles"])}
    assert roles["Internal auditor"]["conflicts"] == [], "a name alone is not the account"
    account = roles["CISO"]["accountId"]
    linked = change(
        member,
        "changeIsmsRole",
        "ChangeIsmsRoleInput",
        {**auditor, "itemId": role, "personName": "Marc Muller", "accountId": account, "reason": "His account"},
    )
    roles = {r["title"]: r for r in nodes(linked["organisationContext"]["roles"])}
    assert roles["Internal auditor"]["conflicts"] == [
        "An internal auditor who is also ciso would audit their own work.",
        "An internal auditor who is also isms manager would audit their own work.",
    ]
    assert roles["CISO"]["conflicts"] == roles["Internal auditor"]["conflicts"]
    retired = change(
        member,
        "retireIsmsRole",
        "RetireContextItemInput",
        {"organisationId": muller, "itemId": role, "reason": "Outsourced"},
    )
    assert all(r["conflicts"] == [] for r in nodes(retired["organisationContext"]["roles"]))


def test_the_commitment_is_renewed_with_a_reason_and_names_the_admission_it_answers(
    client_for: ClientFor, muller: str
) -> None:
    member = client_for(MEMBER)
    cluster = demo_cluster(member)["id"]
    given = {
        "organisationId": muller,
        "evidence": "New board's letter",
        "committedOn": "2026-12-01",
        "clusterId": cluster,
    }
    refused = change(member, "recordManagementCommitment", "RecordManagementCommitmentInput", given)
    assert (refused["code"], refused["field"]) == ("VALIDATION", "reason")
    done = change(
        member, "recordManagementCommitment", "RecordManagementCommitmentInput", given | {"reason": "New board"}
    )
    assert [c["version"] for c in done["organisationContext"]["commitments"]] == [2, 1]


# Bad input: a typed error naming the field, and nothing written

ITEM = "00000000-0000-0000-0000-000000000000"
EXCLUSION = {"what": "Bakery machines", "justification": "  "}
BAD: dict[str, tuple[str, str, dict[str, Any], str]] = {
    "issue text too long": ("raiseContextIssue", "RaiseContextIssueInput", {"text": "x" * 1001}, "text"),
    "issue side unknown": ("raiseContextIssue", "RaiseContextIssueInput", {"side": "both"}, "side"),
    "issue category unknown": ("raiseContextIssue", "RaiseContextIssueInput", {"category": "weather"}, "category"),
    "issue effect with a control character": (
        "raiseContextIssue",
        "RaiseContextIssueInput",
        {"effect": "a\x00b"},
        "effect",
    ),
    "change of a missing issue": ("changeContextIssue", "ChangeContextIssueInput", {"itemId": ITEM}, "itemId"),
    "change without a reason": ("changeContextIssue", "ChangeContextIssueInput", {"reason": " "}, "reason"),
    "retire with a malformed id": ("retireContextIssue", "RetireContextItemInput", {"itemId": "nope"}, "itemId"),
    "party kind unknown": ("identifyInterestedParty", "IdentifyInterestedPartyInput", {"kind": "weather"}, "kind"),
    "party name on two lines": ("identifyInterestedParty", "IdentifyInterestedPartyInput", {"name": "a\nb"}, "name"),
    "question unknown": ("answerPartyQuestion", "AnswerPartyQuestionInput", {"questionKey": "colour"}, "questionKey"),
    "requirement text blank": ("listPartyRequirement", "ListPartyRequirementInput", {"text": " "}, "text"),
    "requirement number unknown": (
        "withdrawPartyRequirement",
        "WithdrawPartyRequirementInput",
        {"requirementNumber": 9},
        "requirementNumber",
    ),
    "exclusion without justification": (
        "stateIsmsScope",
        "StateIsmsScopeInput",
        {"exclusions": [{"what": "Site", "justification": "Remote"}, EXCLUSION]},
        "exclusions.1.justification",
    ),
    "scope version without a reason": ("stateIsmsScope", "StateIsmsScopeInput", {"reason": None}, "reason"),
    "role kind unknown": ("defineIsmsRole", "DefineIsmsRoleInput", {"kind": "chief"}, "kind"),
    "role holder not a member account": ("defineIsmsRole", "DefineIsmsRoleInput", {"accountId": ITEM}, "accountId"),
    "role change without a reason": ("changeIsmsRole", "ChangeIsmsRoleInput", {"reason": ""}, "reason"),
    "commitment in the future": (
        "recordManagementCommitment",
        "RecordManagementCommitmentInput",
        {"committedOn": "2027-02-01"},
        "committedOn",
    ),
    "commitment evidence blank": (
        "recordManagementCommitment",
        "RecordManagementCommitmentInput",
        {"evidence": ""},
        "evidence",
    ),
}


def valid(name: str, muller: str, existing: dict[str, str]) -> dict[str, Any]:
    """A valid input of the mutation, on the demo's items."""
    issue = {"text": "Growth", "side": "internal", "category": "strategy", "effect": "More assets"}
    role = {"kind": "risk_owner", "title": "Risk owner", "responsibilities": "Risks", "personName": "Sophie"}
    scope = {"statement": "All", "boundaries": "Shop", "interfaces": "Bank", "reason": "Again"}
    party = {"organisationId": muller, "itemId": existing["party"]}
    return {"organisationId": muller} | {
        "raiseContextIssue": issue,
        "changeContextIssue": issue | {"itemId": existing["issue"], "reason": "Grew"},
        "retireContextIssue": {"itemId": existing["issue"], "reason": "Gone"},
        "identifyInterestedParty": {"name": "Beta", "kind": "developer"},
        "answerPartyQuestion": party | {"questionKey": "interaction", "answer": "Hosts our VMs"},
        "listPartyRequirement": party | {"text": "Yearly pen test"},
        "withdrawPartyRequirement": party | {"requirementNumber": 1, "reason": "Gone"},
        "stateIsmsScope": scope,
        "defineIsmsRole": role,
        "changeIsmsRole": role | {"itemId": existing["role"], "reason": "New owner"},
        "recordManagementCommitment": {"evidence": "Letter", "committedOn": "2026-12-01", "reason": "Renewed"},
    }[name]


@pytest.mark.parametrize("case", BAD)
def test_bad_input_is_refused_naming_the_field_and_writes_nothing(
    client_for: ClientFor, demo_services: Services, muller: str, case: str
) -> None:
    member = client_for(MEMBER)
    seen = context(member, muller)
    existing = {
        "issue": nodes(seen["issues"])[0]["id"],
        "party": nodes(seen["parties"])[0]["id"],
        "role": nodes(seen["roles"])[0]["id"],
    }
    name, input_type, bad, field = BAD[case]
    before = events_in_log(demo_services)
    refused = change(member, name, input_type, valid(name, muller, existing) | bad)
    assert refused["field"] == field, refused
    assert refused["code"] in {"VALIDATION", "NOT_FOUND"}
    assert events_in_log(demo_services) == before


def test_every_mutation_of_the_table_is_tried_and_each_valid_input_is_accepted(
    client_for: ClientFor, muller: str
) -> None:
    member = client_for(MEMBER)
    seen = context(member, muller)
    existing = {
        "issue": nodes(seen["issues"])[0]["id"],
        "party": nodes(seen["parties"])[0]["id"],
        "role": nodes(seen["roles"])[0]["id"],
    }
    tried = {name: input_type for name, input_type, _, _ in BAD.values()}
    assert len(tried) == 11
    order = [n for n in tried if n != "retireContextIssue"] + ["retireContextIssue"]
    for name in order:
        done = change(member, name, tried[name], valid(name, muller, existing))
        assert done["__typename"] == "ContextChange", (name, done)


# Lists: keyset pages, filters and sorts


def test_issues_page_by_keyset_with_filters_and_sorts(client_for: ClientFor, muller: str) -> None:
    member = client_for(MEMBER)
    for n, side in enumerate(["internal", "external", "internal", "internal"]):
        facts = {"text": f"Issue {n}", "side": side, "category": "technology", "effect": "Some"}
        change(member, "raiseContextIssue", "RaiseContextIssueInput", {"organisationId": muller, **facts})
    page = """issues(first: 2, after: $after, filter: {side: "internal"}, sort: OLDEST) {
        edges { cursor node { text } } pageInfo { hasNextPage endCursor } }"""
    document = f"""query($id: ID!, $after: String) {{ organisationContext(organisationId: $id) {{
        ... on OrganisationContext {{ {page} }} }} }}"""
    first = member.data(document, {"id": muller})["organisationContext"]["issues"]
    assert [e["node"]["text"] for e in first["edges"]] == ["Issue 0", "Issue 2"]
    assert first["pageInfo"]["hasNextPage"]
    second = member.data(document, {"id": muller, "after": first["pageInfo"]["endCursor"]})
    rest = second["organisationContext"]["issues"]
    assert [e["node"]["text"] for e in rest["edges"]] == ["Issue 3"]
    assert not rest["pageInfo"]["hasNextPage"]
    newest = context(member, muller, "issues(first: 1, sort: NEWEST) { edges { node { text } } }")
    assert nodes(newest["issues"])[0]["text"] == "Issue 3"
    found = context(member, muller, 'issues(filter: {search: "PROOF"}) { edges { node { text } } }')
    assert [i["text"] for i in nodes(found["issues"])] == ["Customers ask for proof of security before signing"]


@pytest.mark.parametrize(
    ("selection", "field"),
    [
        ('issues(filter: {side: "both"}) { edges { cursor } }', "filter.side"),
        ('parties(filter: {kind: "weather"}) { edges { cursor } }', "filter.kind"),
        ('roles(filter: {status: "gone"}) { edges { cursor } }', "filter.status"),
        ("roles(first: 0) { edges { cursor } }", "first"),
        ('parties(after: "nope") { edges { cursor } }', "after"),
    ],
)
def test_a_bad_filter_or_page_is_refused_naming_it(
    client_for: ClientFor, muller: str, selection: str, field: str
) -> None:
    document = f"""query($id: ID!) {{ organisationContext(organisationId: $id) {{
        ... on OrganisationContext {{ {selection} }} }} }}"""
    body = client_for(MEMBER).execute(document, {"id": muller})
    assert body["errors"][0]["extensions"]["field"] == field, body


def test_parties_and_roles_filter_and_sort(client_for: ClientFor, muller: str) -> None:
    member = client_for(MEMBER)
    for name, kind in [("CNPD", "legislator"), ("Bakers' guild", "domain"), ("Zeta hosting", "cloud_provider")]:
        change(
            member,
            "identifyInterestedParty",
            "IdentifyInterestedPartyInput",
            {"organisationId": muller, "name": name, "kind": kind},
        )
    indirect = context(member, muller, 'parties(filter: {environment: "indirect"}) { edges { node { name } } }')
    assert [p["name"] for p in nodes(indirect["parties"])] == ["Bakers' guild", "CNPD"]
    by_kind = context(member, muller, "parties(sort: KIND) { edges { node { kind } } }")
    kinds = [p["kind"] for p in nodes(by_kind["parties"])]
    assert kinds == sorted(kinds)
    roles = context(member, muller, 'roles(sort: KIND, filter: {person: "marc"}) { edges { node { kind } } }')
    assert [r["kind"] for r in nodes(roles["roles"])] == ["ciso", "isms_manager"]


# Who: the coach of its cluster and the consultancy's admins read, and may not write


@pytest.mark.parametrize("reader", [ALPINE_COACH, ALPINE_ADMIN])
def test_the_coach_and_the_admins_read_the_context_but_do_not_write_it(
    client_for: ClientFor, demo_services: Services, muller: str, reader: str
) -> None:
    client = client_for(reader)
    seen = context(client, muller)
    assert seen["viewerCan"] == {"edit": False}
    assert all(i["viewerCan"] == {"change": False, "retire": False} for i in nodes(seen["issues"]))
    assert seen["admissionCommitments"][0]["evidence"] == "Signed commitment letter from the managing director"
    before = events_in_log(demo_services)
    facts = {"organisationId": muller, "text": "Growth", "side": "internal", "category": "strategy", "effect": "More"}
    refused = change(client, "raiseContextIssue", "RaiseContextIssueInput", facts)
    assert refused["code"] == "FORBIDDEN"
    assert events_in_log(demo_services) == before


def test_a_malformed_organisation_id_is_refused_naming_it(client_for: ClientFor) -> None:
    refused = context(client_for(MEMBER), "not-an-id", "organisationName")
    assert (refused["__typename"], refused["code"], refused["field"]) == (
        "ValidationError",
        "VALIDATION",
        "organisationId",
    )
