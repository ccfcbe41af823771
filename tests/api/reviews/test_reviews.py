"""A management review through the API: its inputs gathered from the registers and kept, decisions with how they
were reached and the resources committed, actions followed, frozen once closed; bad input refused by field with
nothing written; and nobody outside Boulangerie Muller, its coach and its consultancy's admins sees or acts on it."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest

from backend.services import Services
from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH, HARBOUR_ADMIN, HARBOUR_COACH, events_in_log
from tests.api.reviews.conftest import Muller
from tests.api.reviews.support import (
    KIRCHBERG_MEMBER,
    MULLER_MEMBER,
    REVIEWS,
    SECOND_COACH,
    mutate,
    review,
    reviews,
)
from tests.support.graphql_client import GraphQLClient

ClientFor = Callable[[str], GraphQLClient]
HARBOUR_MEMBER = "member@quayside.example"
OUTSIDERS = (KIRCHBERG_MEMBER, SECOND_COACH, HARBOUR_ADMIN, HARBOUR_COACH, HARBOUR_MEMBER)
DECISION = {"text": "Replace the till", "howReached": "Vote, 3 for", "resources": "900 EUR"}


def today(services: Services) -> date:
    return services.app.today()


def plan(client: GraphQLClient, on: date, chair: str = "Marc Muller") -> dict[str, Any]:
    given = {"heldOn": on.isoformat(), "chair": chair, "attendees": ["Marc Muller", "Luc Muller"]}
    return mutate(client, "planReview", "PlanReviewInput", given)


def test_the_demo_review_keeps_the_inputs_of_every_register(client_for: ClientFor, muller: Muller) -> None:
    held = review(client_for(MULLER_MEMBER), muller.review_id)
    sections = {s["key"]: s for s in held["inputs"]}
    assert list(sections) == [
        "previous_actions", "context_changes", "nonconformities", "monitoring", "audits", "risk_assessment",
        "treatment_plan", "objectives", "soa", "documents_due",
    ]  # fmt: skip
    assert [k for k, s in sections.items() if not s["recorded"]] == []
    monitoring = sections["monitoring"]["lines"]
    assert monitoring[0] == "Metrics kept: 3; measured: 3; latest measurement missed: 1; overdue: 1"
    assert any(line.startswith("Critical patches applied within 14 days: 91 % on ") and ", missed (target at least"
               in line for line in monitoring)  # fmt: skip
    assert any(
        line.startswith("Restore tests passed: 1 tests on ") and line.endswith("— overdue") for line in monitoring
    )
    assert any("Set up the nightly copy" in line for line in sections["treatment_plan"]["lines"])
    assert any(line.startswith("Issue (") for line in sections["context_changes"]["lines"])
    assert held["status"] == "held" and held["opportunities"]
    assert all(d["howReached"] and d["resources"] for d in held["decisions"])
    assert [a["owner"] for a in held["actions"]] == ["Luc Muller", "Luc Muller", "Sophie Muller"]
    assert held["viewerCan"] == {
        "gatherInputs": False, "noteOpportunity": True, "hold": False, "recordDecision": True, "close": True,
        "correctDecision": False, "changeActions": True,
    }  # fmt: skip


def test_the_gathered_monitoring_section_lists_each_metric_with_its_last_value_against_its_target(
    demo_services: Services, client_for: ClientFor, muller: Muller
) -> None:
    marc = client_for(MULLER_MEMBER)
    me = marc.data("{ viewer { id } }")["viewer"]["id"]
    define = """mutation($input: DefineMetricInput!) { r: defineMetric(input: $input) {
        ... on MetricChange { metric { id } } } }"""
    given = {"organisationId": muller.organisation_id, "name": "Incidents closed within a week", "method": "Count",
             "frequency": "weekly", "target": 2, "direction": "at_most", "unit": "open incidents", "ownerId": me}  # fmt: skip
    metric = marc.data(define, {"input": given})["r"]["metric"]["id"]
    record = """mutation($input: RecordMeasurementInput!) { r: recordMeasurement(input: $input) { __typename } }"""
    on = today(demo_services).isoformat()
    assert marc.data(record, {"input": {"metricId": metric, "measuredOn": on, "value": 4}})["r"]["__typename"] == (
        "MetricChange"
    )
    planned = plan(marc, today(demo_services))["review"]
    gathered = mutate(marc, "gatherReviewInputs", "ManagementReviewIdInput", {"reviewId": planned["id"]})["review"]
    [section] = [s for s in gathered["inputs"] if s["key"] == "monitoring"]
    assert section["recorded"] and section["title"] == "Monitoring and measurement results"
    assert (
        f"Incidents closed within a week: 4 open incidents on {on}, missed (target at most 2 open incidents)"
        in (section["lines"])
    )
    assert section["lines"][0].startswith("Metrics kept: 4; measured: 4; latest measurement missed: 2;")


def test_a_change_to_a_register_after_gathering_never_alters_the_inputs_kept(
    demo_services: Services, client_for: ClientFor, muller: Muller
) -> None:
    marc = client_for(MULLER_MEMBER)
    planned = plan(marc, today(demo_services))["review"]
    gathered = mutate(marc, "gatherReviewInputs", "ManagementReviewIdInput", {"reviewId": planned["id"]})["review"]
    plan_action = (
        """mutation($input: PlanTreatmentActionInput!) { planTreatmentAction(input: $input) { __typename } }"""
    )
    due = (today(demo_services) + timedelta(days=9)).isoformat()
    given = {"organisationId": muller.organisation_id, "title": "Lock the office", "owner": "Luc", "dueOn": due}
    assert marc.data(plan_action, {"input": given})["planTreatmentAction"]["__typename"] != "ValidationError"
    kept = review(marc, planned["id"])
    assert kept["inputs"] == gathered["inputs"]
    assert not any("Lock the office" in line for s in kept["inputs"] for line in s["lines"])


def test_a_review_is_held_decided_closed_and_then_frozen(
    demo_services: Services, client_for: ClientFor, muller: Muller
) -> None:
    marc, on = client_for(MULLER_MEMBER), today(demo_services)
    done = plan(marc, on)["review"]
    on_it = {"reviewId": done["id"]}
    assert mutate(marc, "holdReview", "ManagementReviewIdInput", on_it)["field"] == "reviewId"  # inputs first
    mutate(marc, "gatherReviewInputs", "ManagementReviewIdInput", on_it)
    mutate(marc, "noteImprovementOpportunity", "NoteOpportunityInput", on_it | {"text": "Fewer passwords"})
    mutate(marc, "holdReview", "ManagementReviewIdInput", on_it)
    action = {"title": "Order the till", "owner": "Marc", "dueOn": (on + timedelta(days=3)).isoformat()}
    decided = mutate(marc, "recordReviewDecision", "RecordDecisionInput", on_it | DECISION | {"actions": [action]})
    assert decided["review"]["decisions"][0]["howReached"] == "Vote, 3 for"
    closed = mutate(marc, "closeReview", "ManagementReviewIdInput", on_it)["review"]
    assert closed["status"] == "closed"
    assert closed["viewerCan"]["recordDecision"] is False and closed["viewerCan"]["correctDecision"] is True
    before = events_in_log(demo_services)
    again = mutate(marc, "recordReviewDecision", "RecordDecisionInput", on_it | DECISION)
    assert (again["code"], again["field"]) == ("VALIDATION", "reviewId")
    assert events_in_log(demo_services) == before
    fix = on_it | DECISION | {"number": 1, "resources": "950 EUR", "reason": "Quote came in higher"}
    fixed = mutate(marc, "correctReviewDecision", "CorrectDecisionInput", fix)["review"]
    assert fixed["decisions"][0] | {} == {
        "number": 1, "text": "Replace the till", "howReached": "Vote, 3 for", "resources": "950 EUR",
        "correctionReason": "Quote came in higher",
    }  # fmt: skip
    progressed = mutate(marc, "changeReviewAction", "ChangeActionInput", on_it | {"number": 1, "status": "done"})
    assert progressed["review"]["actions"][0]["status"] == "done"


def test_the_next_review_lists_the_actions_of_earlier_ones_with_their_status(
    demo_services: Services, client_for: ClientFor, muller: Muller
) -> None:
    marc = client_for(MULLER_MEMBER)
    next_one = plan(marc, today(demo_services))["review"]
    gathered = mutate(marc, "gatherReviewInputs", "ManagementReviewIdInput", {"reviewId": next_one["id"]})["review"]
    [previous] = [s for s in gathered["inputs"] if s["key"] == "previous_actions"]
    assert any(line.startswith("Buy and label the second backup disk") for line in previous["lines"])
    assert all(", open" in line for line in previous["lines"])


def test_the_next_review_lists_the_audits_and_nonconformities_since_the_previous_one(
    demo_services: Services, client_for: ClientFor, muller: Muller
) -> None:
    """The demo's audit and its nonconformity, open with one action overdue, come after the demo's review; once a
    review is held today, the next one leaves the audit out and keeps the open nonconformity."""
    marc, on = client_for(MULLER_MEMBER), today(demo_services)
    first = plan(marc, on)["review"]
    gathered = mutate(marc, "gatherReviewInputs", "ManagementReviewIdInput", {"reviewId": first["id"]})["review"]
    sections = {s["key"]: s for s in gathered["inputs"]}
    [audit] = sections["audits"]["lines"]
    assert audit.startswith("Access control and backups (Claire Coach): held on ")
    assert audit.endswith("report issued; findings: 0 major, 1 minor, 1 observation, 1 opportunity")
    assert sections["audits"]["title"].startswith("Audit results since ")  # the demo's review
    lines = sections["nonconformities"]["lines"]
    assert lines[0].startswith("Leavers keep their web shop accounts (minor, raised ")
    actions = [line for line in lines if line.startswith("Corrective action: ")]
    assert actions and any(line.endswith("open — overdue") for line in actions)
    mutate(marc, "holdReview", "ManagementReviewIdInput", {"reviewId": first["id"]})
    second = plan(marc, on, chair="Luc Muller")["review"]
    later = mutate(marc, "gatherReviewInputs", "ManagementReviewIdInput", {"reviewId": second["id"]})["review"]
    after = {s["key"]: s for s in later["inputs"]}
    assert after["audits"]["lines"] == ["None."]  # held on the day of the previous review
    assert after["nonconformities"]["lines"] == lines  # still open


@pytest.mark.parametrize(
    ("name", "input_type", "given", "field"),
    [
        ("planReview", "PlanReviewInput", {"heldOn": "2026-03-01", "chair": " ", "attendees": ["A"]}, "chair"),
        ("planReview", "PlanReviewInput", {"heldOn": "2026-03-01", "chair": "A", "attendees": []}, "attendees"),
        ("planReview", "PlanReviewInput", {"heldOn": "1999-03-01", "chair": "A", "attendees": ["A"]}, "heldOn"),
        (
            "planReview",
            "PlanReviewInput",
            {"heldOn": "2026-03-01", "chair": "A", "attendees": ["\u0007"]},
            "attendees.0",
        ),
        ("recordReviewDecision", "RecordDecisionInput", DECISION | {"howReached": ""}, "howReached"),
        ("recordReviewDecision", "RecordDecisionInput", DECISION | {"resources": "  "}, "resources"),
        ("recordReviewDecision", "RecordDecisionInput", DECISION | {"text": "x" * 2001}, "text"),
        (
            "recordReviewDecision",
            "RecordDecisionInput",
            DECISION | {"actions": [{"title": "T", "owner": "", "dueOn": "2030-01-01"}]},
            "actions.0.owner",
        ),
        (
            "recordReviewDecision",
            "RecordDecisionInput",
            DECISION | {"actions": [{"title": "T", "owner": "O", "dueOn": "2001-01-01"}]},
            "actions.0.dueOn",
        ),
        ("noteImprovementOpportunity", "NoteOpportunityInput", {"text": ""}, "text"),
        ("changeReviewAction", "ChangeActionInput", {"number": 1, "status": "finished"}, "status"),
        ("changeReviewAction", "ChangeActionInput", {"number": 9, "status": "done"}, "number"),
        ("changeReviewAction", "ChangeActionInput", {"number": 1, "status": "cancelled"}, "note"),
        ("holdReview", "ManagementReviewIdInput", {"reviewId": "not-an-id"}, "reviewId"),
    ],
)
def test_bad_input_is_refused_naming_its_field_and_nothing_is_written(
    demo_services: Services, client_for: ClientFor, muller: Muller, name: str, input_type: str,
    given: dict[str, Any], field: str,
) -> None:  # fmt: skip
    marc = client_for(MULLER_MEMBER)
    before = events_in_log(demo_services)
    refused = mutate(marc, name, input_type, {"reviewId": muller.review_id} | given if name != "planReview" else given)
    assert (refused["__typename"], refused["field"]) == ("ValidationError", field), refused
    assert events_in_log(demo_services) == before


def test_the_list_is_paged_by_keyset_filtered_by_status_and_sorted(
    demo_services: Services, client_for: ClientFor, muller: Muller
) -> None:
    marc, on = client_for(MULLER_MEMBER), today(demo_services)
    for days in (30, 60):
        plan(marc, on - timedelta(days=days))
    newest = [r["heldOn"] for r in reviews(marc, muller.organisation_id)]
    assert newest == sorted(newest, reverse=True) and len(newest) == 3
    assert [r["heldOn"] for r in reviews(marc, muller.organisation_id, orderBy="oldest")] == newest[::-1]
    first = marc.data(REVIEWS, {"organisationId": muller.organisation_id, "first": 2})["managementReviews"]
    assert first["pageInfo"]["hasNextPage"] and first["viewerCanPlan"]
    rest = reviews(marc, muller.organisation_id, first=2, after=first["pageInfo"]["endCursor"])
    assert [r["heldOn"] for r in rest] == newest[2:]
    assert [r["status"] for r in reviews(marc, muller.organisation_id, status="planned")] == ["planned", "planned"]
    for bad, field in (({"status": "open"}, "status"), ({"orderBy": "chair"}, "orderBy"), ({"after": "x"}, "after")):
        refused = marc.execute(REVIEWS, {"organisationId": muller.organisation_id, **bad})
        assert refused["errors"][0]["extensions"]["field"] == field


@pytest.mark.parametrize("email", [ALPINE_COACH, ALPINE_ADMIN])
def test_the_coach_and_the_admins_read_the_review_and_change_nothing(
    demo_services: Services, client_for: ClientFor, muller: Muller, email: str
) -> None:
    reader = client_for(email)
    found = review(reader, muller.review_id)
    assert found["status"] == "held" and not any(found["viewerCan"].values())
    assert not any(a["viewerCanChange"] for a in found["actions"])
    before = events_in_log(demo_services)
    refused = mutate(reader, "closeReview", "ManagementReviewIdInput", {"reviewId": muller.review_id})
    assert refused["code"] == "FORBIDDEN"
    assert events_in_log(demo_services) == before


STEPS: list[tuple[str, str, dict[str, Any]]] = [
    ("gatherReviewInputs", "ManagementReviewIdInput", {}),
    ("noteImprovementOpportunity", "NoteOpportunityInput", {"text": "Mine"}),
    ("holdReview", "ManagementReviewIdInput", {}),
    ("recordReviewDecision", "RecordDecisionInput", DECISION),
    ("closeReview", "ManagementReviewIdInput", {}),
    ("correctReviewDecision", "CorrectDecisionInput", DECISION | {"number": 1, "reason": "Mine"}),
    ("changeReviewAction", "ChangeActionInput", {"number": 1, "status": "done"}),
]


@pytest.mark.parametrize("email", OUTSIDERS)
def test_an_outsider_sees_no_review_of_muller_s_and_acts_on_none_just_as_a_random_id(
    demo_services: Services, client_for: ClientFor, muller: Muller, email: str
) -> None:
    outsider = client_for(email)
    assert review(outsider, muller.review_id) == review(outsider, str(uuid.uuid4()))
    assert review(outsider, muller.review_id)["code"] == "NOT_FOUND"
    listed = outsider.execute(REVIEWS, {"organisationId": muller.organisation_id})
    assert listed == outsider.execute(REVIEWS, {"organisationId": str(uuid.uuid4())})
    assert listed["errors"][0]["extensions"]["field"] == "organisationId"
    before = events_in_log(demo_services)
    for name, input_type, given in STEPS:
        on_muller = mutate(outsider, name, input_type, {"reviewId": muller.review_id} | given)
        on_random = mutate(outsider, name, input_type, {"reviewId": str(uuid.uuid4())} | given)
        assert on_muller == on_random, name
        assert on_muller["code"] in {"NOT_FOUND", "FORBIDDEN"}, (name, on_muller)
    assert events_in_log(demo_services) == before
    assert review(client_for(MULLER_MEMBER), muller.review_id)["status"] == "held"
