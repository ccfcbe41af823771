"""Dates an auditor can believe: nothing happened in the future, modules were held in order, every date within one
bound. The tests run on 2027-01-04; the demo's programme was seeded as of 2026-03-02."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from backend.services import Services
from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH, events_in_log
from tests.api.programme_support import demo_cluster, forming_cluster, mutate
from tests.support.graphql_client import GraphQLClient

ClientFor = Callable[[str], GraphQLClient]
FUTURE = "Cannot be in the future (today is 2027-01-04)."
PROPOSAL = """query($c: ID!, $s: Date!) { planProposal(clusterId: $c, startsOn: $s) {
  __typename ... on UserError { code field message } } }"""


def hold(client: GraphQLClient, cluster_id: str, key: str, held_on: str) -> dict:
    held = {"clusterId": cluster_id, "sessionKey": key, "heldOn": held_on, "halfDays": 1, "attendance": []}
    return mutate(client, "holdSession", "HoldSessionInput", held)


def test_nothing_is_recorded_as_having_happened_in_the_future(client_for: ClientFor, demo_services: Services) -> None:
    coach = client_for(ALPINE_COACH)
    cluster = demo_cluster(coach)
    bakery = cluster["member_ids"]["Boulangerie Muller"]
    before = events_in_log(demo_services)
    held = hold(coach, cluster["id"], "module:6", "2027-01-05")
    assert (held["code"], held["field"], held["message"]) == ("VALIDATION", "heldOn", FUTURE)
    coaching = {"clusterId": cluster["id"], "organisationId": bakery, "heldOn": "2027-01-05", "workDone": "Risks"}
    logged = mutate(coach, "logCoachingHalfDay", "LogCoachingHalfDayInput", coaching)
    assert (logged["code"], logged["field"], logged["message"]) == ("VALIDATION", "heldOn", FUTURE)
    established = {"clusterId": cluster["id"], "organisationId": bakery, "establishedOn": "2027-02-01"}
    recorded = mutate(coach, "recordIsmsEstablished", "RecordIsmsEstablishedInput", established)
    assert (recorded["code"], recorded["field"], recorded["message"]) == ("VALIDATION", "establishedOn", FUTURE)
    assert events_in_log(demo_services) == before
    assert hold(coach, cluster["id"], "module:6", "2027-01-04")["__typename"] == "ClusterChange"


def test_a_module_is_not_held_before_the_previous_one_was(client_for: ClientFor, demo_services: Services) -> None:
    coach = client_for(ALPINE_COACH)
    cluster = demo_cluster(coach)
    assert hold(coach, cluster["id"], "module:6", "2026-03-19")["__typename"] == "ClusterChange"
    before = events_in_log(demo_services)
    early = hold(coach, cluster["id"], "module:7", "2026-03-18")
    assert (early["code"], early["field"]) == ("VALIDATION", "heldOn")
    assert early["message"] == "Cannot be before module 6 was held (2026-03-19)."
    assert events_in_log(demo_services) == before


def test_every_business_date_keeps_one_bound(client_for: ClientFor, demo_services: Services) -> None:
    admin = client_for(ALPINE_ADMIN)
    cluster = demo_cluster(admin)
    before = events_in_log(demo_services)
    away = {"clusterId": cluster["id"], "organisationId": cluster["member_ids"]["Kirchberg Dental"], "reason": "Away"}
    far = mutate(
        admin,
        "declareUnavailability",
        "DeclareUnavailabilityInput",
        away | {"startsOn": "2031-01-01", "endsOn": "2999-01-01"},
    )
    assert (far["code"], far["field"], far["message"]) == (
        "VALIDATION",
        "endsOn",
        "Choose a date from 2000-01-01 to 2032-01-04.",
    )
    moved = {"clusterId": cluster["id"], "sessionKey": "module:10", "on": "2032-01-05", "reason": "Later"}
    assert mutate(admin, "moveSession", "MoveSessionInput", moved)["field"] == "on"
    assert events_in_log(demo_services) == before


def test_a_plan_in_the_past_is_neither_proposed_nor_accepted(
    client_for: ClientFor, demo_services: Services, days_pass: Callable[[date], None]
) -> None:
    admin = client_for(ALPINE_ADMIN)
    cluster = forming_cluster(admin, "Late Cluster", ("Late One", "Late Two"))
    past = admin.data(PROPOSAL, {"c": cluster["id"], "s": "2027-01-01"})["planProposal"]
    assert (past["code"], past["field"]) == ("VALIDATION", "startsOn")
    assert past["message"] == "Cannot be in the past: a plan starts today (2027-01-04) or later."
    page = admin.http.get(f"/clusters/{cluster['id']}/plan", params={"startsOn": "2027-01-01"})
    assert page.status_code == 422 and "Cannot be in the past" in page.text and "Accept this plan" not in page.text
    before = events_in_log(demo_services)
    accepted = mutate(admin, "acceptPlan", "AcceptPlanInput", {"clusterId": cluster["id"], "startsOn": "2027-01-01"})
    assert (accepted["code"], accepted["field"]) == ("VALIDATION", "startsOn")
    assert events_in_log(demo_services) == before
    days_pass(date(2026, 12, 28))
    assert admin.data(PROPOSAL, {"c": cluster["id"], "s": "2027-01-01"})["planProposal"]["__typename"] == "PlanProposal"
