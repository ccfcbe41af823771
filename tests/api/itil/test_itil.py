"""An organisation's ITIL declarations through the API: its member declares with evidence (and one of its own
documents), withdraws with a reason that stays in the history; the coach reads them, with what they propose for the
gap analysis and the Statement of Applicability, and confirms a proposal by recording the gap analysis."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from backend.services import Services
from domain.documents.commands import CreateDocument
from domain.shared.aggregate import SYSTEM_ACTOR
from domain.tenancy.consultancy import consultancy_id
from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH, events_in_log
from tests.api.itil.support import MEMBER, SOA, change, declare, nodes, practices
from tests.api.test_isolation_same_tenant import Alpine, alpine
from tests.support.graphql_client import GraphQLClient

ClientFor = Callable[[str], GraphQLClient]
__all__ = ["alpine"]
DOCUMENTS = "query($org: ID!) { documents(organisationId: $org) { edges { node { id title } } } }"
ASSESSMENTS = """query($id: ID!, $org: ID!) { cluster(id: $id) { ... on Cluster {
    member(organisationId: $org) { gapAnalyses { number levels { area level } } } } } }"""


def policy_id(client: GraphQLClient, organisation: str) -> str:
    found = client.data(DOCUMENTS, {"org": organisation})["documents"]["edges"]
    return str(found[0]["node"]["id"])


def test_the_demo_member_shows_its_declarations_with_the_steps_they_feed(client_for: ClientFor, alpine: Alpine) -> None:
    seen = practices(client_for(MEMBER), alpine.muller)
    assert seen["viewerCan"] == {"declare": True, "withdraw": True}
    assert [d["item"] for d in seen["declarations"]] == ["step-1", "step-2", "incident-management", "change-management"]
    assert seen["declarations"][0]["documentTitle"] and seen["declarations"][0]["declaredBy"] == "Marc Muller"
    assert {s["number"]: s["fed"] for s in seen["isoSteps"]} == {
        1: True,
        2: True,
        3: False,
        4: False,
        5: False,
        6: False,
    }
    assert [item["key"] for item in seen["items"]][:6] == [f"step-{n}" for n in range(1, 7)]
    assert len(seen["items"]) == 14


def test_a_member_declares_incident_management_with_its_own_document_and_the_soa_proposals_follow(
    client_for: ClientFor, demo_services: Services, alpine: Alpine
) -> None:
    member = client_for(MEMBER)
    withdrawn = change(
        member,
        "withdrawItilPractice",
        {"organisationId": alpine.muller, "item": "incident-management", "reason": "The help desk changed"},
    )
    assert withdrawn["__typename"] == "ItilChange", withdrawn
    document = policy_id(member, alpine.muller)
    declared = declare(member, alpine.muller, "incident-management", "OTRS since May", documentId=document)
    assert declared["__typename"] == "ItilChange", declared
    found = {d["item"]: d for d in declared["itilPractices"]["declarations"]}
    assert (found["incident-management"]["evidence"], found["incident-management"]["documentId"]) == (
        "OTRS since May",
        document,
    )
    history = nodes(declared["itilPractices"]["history"])
    assert [(h["action"], h["text"]) for h in history if h["item"] == "incident-management"] == [
        ("declared", "OTRS since May"),
        ("withdrawn", "The help desk changed"),
        ("declared", "Help-desk tickets since 2022; the monthly service report counts them"),
    ]
    soa = client_for(ALPINE_COACH).data(SOA, {"id": alpine.muller})["itilSoaProposals"]
    by_control = {p["controlId"]: p for p in soa}
    assert list(by_control) == ["5.24", "5.25", "5.26", "5.27", "5.28", "8.32"]
    assert by_control["5.24"] == {
        "catalogueId": "iso27001-2022",
        "controlId": "5.24",
        "proposedStatus": "partial",
        "evidence": ["ITIL incident management: OTRS since May"],
    }


@pytest.mark.parametrize(
    ("given", "field", "code"),
    [
        ({"item": "incidents"}, "item", "VALIDATION"),
        ({"item": "step-1"}, "item", "VALIDATION"),  # already declared by the demo
        ({"evidence": "  "}, "evidence", "VALIDATION"),
        ({"evidence": "x" * 2001}, "evidence", "VALIDATION"),
        ({"evidence": "Tickets\u0007"}, "evidence", "VALIDATION"),
        ({"documentId": "not-an-id"}, "documentId", "VALIDATION"),
        ({"documentId": str(uuid.uuid4())}, "documentId", "NOT_FOUND"),
        ({"organisationId": "nope"}, "organisationId", "VALIDATION"),
    ],
)
def test_a_bad_declaration_is_refused_naming_the_field_and_writes_nothing(
    client_for: ClientFor, demo_services: Services, alpine: Alpine, given: dict[str, Any], field: str, code: str
) -> None:
    before = events_in_log(demo_services)
    facts = {"organisationId": alpine.muller, "item": "monitoring", "evidence": "Nagios alerts"} | given
    refused = change(client_for(MEMBER), "declareItilPractice", facts)
    assert (refused["code"], refused["field"]) == (code, field), refused
    assert events_in_log(demo_services) == before


def test_another_organisations_document_is_answered_as_a_missing_one(
    client_for: ClientFor, demo_services: Services, alpine: Alpine
) -> None:
    theirs = demo_services.execute(
        CreateDocument(
            consultancy_id("alpine"), SYSTEM_ACTOR, uuid.UUID(alpine.kirchberg), "policy", "Access", "Lena", "Text"
        )
    ).aggregate_id
    before = events_in_log(demo_services)
    refused = declare(client_for(MEMBER), alpine.muller, "monitoring", "Nagios", documentId=str(theirs))
    missing = declare(client_for(MEMBER), alpine.muller, "monitoring", "Nagios", documentId=str(uuid.uuid4()))
    assert refused == missing and (refused["code"], refused["field"]) == ("NOT_FOUND", "documentId")
    assert events_in_log(demo_services) == before


def test_withdrawing_what_is_not_declared_or_without_a_reason_is_refused(
    client_for: ClientFor, demo_services: Services, alpine: Alpine
) -> None:
    before = events_in_log(demo_services)
    member = client_for(MEMBER)
    for given, field in (
        ({"item": "monitoring", "reason": "Off"}, "item"),
        ({"item": "step-1", "reason": ""}, "reason"),
    ):
        refused = change(member, "withdrawItilPractice", {"organisationId": alpine.muller} | given)
        assert (refused["code"], refused["field"]) == ("VALIDATION", field), refused
    assert events_in_log(demo_services) == before


@pytest.mark.parametrize("who", [ALPINE_COACH, ALPINE_ADMIN])
def test_the_coach_and_the_admins_read_but_do_not_declare(
    client_for: ClientFor, demo_services: Services, alpine: Alpine, who: str
) -> None:
    client = client_for(who)
    seen = practices(client, alpine.muller)
    assert seen["viewerCan"] == {"declare": False, "withdraw": False}
    assert len(seen["declarations"]) == 4
    before = events_in_log(demo_services)
    refused = declare(client, alpine.muller, "monitoring", "Nagios")
    assert refused["__typename"] == "ForbiddenError", refused
    assert events_in_log(demo_services) == before


def test_the_history_pages_by_cursor_filters_by_item_and_refuses_a_bad_cursor_or_item(
    client_for: ClientFor, alpine: Alpine
) -> None:
    member = client_for(MEMBER)
    page = "history(first: 2, after: $after, item: $item, orderBy: OLDEST) { edges { cursor node { item action } } pageInfo { hasNextPage endCursor } }"
    document = f"""query($id: ID!, $after: String, $item: String) {{ itilPractices(organisationId: $id) {{
        ... on ItilPractices {{ {page} }} }} }}"""
    first = member.data(document, {"id": alpine.muller})["itilPractices"]["history"]
    assert [n["item"] for n in nodes(first)] == ["step-1", "step-2"] and first["pageInfo"]["hasNextPage"]
    second = member.data(document, {"id": alpine.muller, "after": first["pageInfo"]["endCursor"]})
    assert [n["item"] for n in nodes(second["itilPractices"]["history"])] == [
        "incident-management",
        "change-management",
    ]
    only = member.data(document, {"id": alpine.muller, "item": "step-2"})["itilPractices"]["history"]
    assert [n["item"] for n in nodes(only)] == ["step-2"]
    for variables, field in (({"after": "bm9wZQ=="}, "after"), ({"item": "nope"}, "item")):
        body = member.execute(document, {"id": alpine.muller, **variables})
        assert body["errors"][0]["extensions"]["field"] == field


def test_the_coach_sees_the_proposals_for_the_gap_analysis_and_confirms_them_by_recording_it(
    client_for: ClientFor, demo_services: Services, alpine: Alpine
) -> None:
    coach = client_for(ALPINE_COACH)
    [proposals] = practices(coach, alpine.muller)["gapProposals"]
    assert (proposals["clusterId"], proposals["baselineAssessment"], proposals["viewerCanConfirm"]) == (
        alpine.cluster_id,
        1,
        True,
    )
    areas = {a["area"]: a for a in proposals["areas"]}
    assert (areas["theme organisational"]["baselineLevel"], areas["theme organisational"]["proposedLevel"]) == (0, 2)
    assert areas["theme organisational"]["evidence"] == [
        "evidence: ITIL incident management — Help-desk tickets since 2022; the monthly service report counts them"
    ]
    assert (areas["theme technological"]["baselineLevel"], areas["theme technological"]["proposedLevel"]) == (3, 3)
    assert (areas["clause 6"]["proposedLevel"], areas["clause 6"]["evidence"]) == (0, [])
    assert not practices(client_for(MEMBER), alpine.muller)["gapProposals"][0]["viewerCanConfirm"]
    before = events_in_log(demo_services)
    assert practices(coach, alpine.muller)["gapProposals"] == [proposals]
    assert events_in_log(demo_services) == before  # a proposal writes nothing
    levels = {a["area"]: a["proposedLevel"] for a in proposals["areas"]} | {"clause 5": 3, "clause 6": 1}
    recorded = change(coach, "confirmItilGapProposals", confirmation(alpine, levels))
    assert recorded["__typename"] == "ItilChange", recorded
    analyses = coach.data(ASSESSMENTS, {"id": alpine.cluster_id, "org": alpine.muller})["cluster"]["member"]
    latest = {level["area"]: level["level"] for level in analyses["gapAnalyses"][-1]["levels"]}
    assert (latest["theme organisational"], latest["clause 5"], latest["clause 6"]) == (2, 3, 1)
    [record] = [n for n in nodes(recorded["itilPractices"]["history"]) if n["action"] == "gap_confirmed"]
    assert record["title"] == "Gap analysis" and record["actedBy"] == "Claire Coach"
    assert record["text"] == (
        "Gap analysis recorded from the proposals: clause 5 at 3, corrected from the proposed 2; "
        "theme organisational at 2 as proposed; theme technological at 3 as proposed."
    )
    after = practices(coach, alpine.muller)["gapProposals"][0]
    assert after["baselineAssessment"] == 2
    assert {a["area"]: a["baselineLevel"] for a in after["areas"]}["theme organisational"] == 2


def confirmation(alpine: Alpine, levels: dict[str, int], organisation: str | None = None) -> dict[str, Any]:
    today = date.today().isoformat()
    return {
        "clusterId": alpine.cluster_id,
        "organisationId": organisation or alpine.muller,
        "visitedOn": today,
        "analysedOn": today,
        "clauseLevels": [{"area": a.split()[1], "level": v} for a, v in levels.items() if a.startswith("clause")],
        "themeLevels": [{"area": a.split()[1], "level": v} for a, v in levels.items() if a.startswith("theme")],
    }


ALL_AT_ONE = {f"clause {n}": 1 for n in range(4, 11)} | {
    f"theme {t}": 1 for t in ("organisational", "people", "physical", "technological")
}


@pytest.mark.parametrize(
    ("who", "change_levels", "organisation", "expected"),
    [
        (ALPINE_COACH, {"clause 5": 6}, None, ("VALIDATION", "clauseLevels.5")),
        (ALPINE_COACH, {"theme people": None}, None, ("VALIDATION", "themeLevels.people")),
        (ALPINE_COACH, {}, "kirchberg", ("VALIDATION", "organisationId")),  # nothing declared there
        (MEMBER, {}, None, ("FORBIDDEN", None)),
    ],
)
def test_a_refused_confirmation_names_its_field_and_records_neither_the_analysis_nor_the_proposals(
    client_for: ClientFor,
    demo_services: Services,
    alpine: Alpine,
    who: str,
    change_levels: dict[str, int | None],
    organisation: str | None,
    expected: tuple[str, str | None],
) -> None:
    levels = {a: v for a, v in (ALL_AT_ONE | change_levels).items() if v is not None}
    given = confirmation(alpine, levels, alpine.kirchberg if organisation else None)
    before = events_in_log(demo_services)
    refused = change(client_for(who), "confirmItilGapProposals", given)
    assert (refused["code"], refused["field"]) == expected, refused
    assert events_in_log(demo_services) == before
