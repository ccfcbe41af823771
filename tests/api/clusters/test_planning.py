"""Planning through GraphQL: unavailability, the planner's proposal, accepting it, moves, clashes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from backend.services import Services
from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH, HARBOUR_ADMIN, events_in_log
from tests.api.programme_support import cluster_view, demo_cluster, forming_cluster, mutate
from tests.support.graphql_client import GraphQLClient

ClientFor = Callable[[str], GraphQLClient]
PROPOSAL = """query($c: ID!, $s: Date!) { planProposal(clusterId: $c, startsOn: $s) { __typename
  ... on PlanProposal { fingerprint startsOn sessions { key kind title on halfDay moduleNumber organisationName }
                        notes { key message } }
  ... on UserError { code field } } }"""


def declare(
    client: GraphQLClient, cluster_id: str, organisation_id: str, starts: str, ends: str, reason: str = "Away"
) -> dict:
    return mutate(
        client,
        "declareUnavailability",
        "DeclareUnavailabilityInput",
        {
            "clusterId": cluster_id,
            "organisationId": organisation_id,
            "startsOn": starts,
            "endsOn": ends,
            "reason": reason,
        },
    )


def test_the_planner_proposes_around_unavailability_and_accepting_it_plans_the_cluster(
    client_for: ClientFor, demo_services: Services, days_pass: Callable[[date], None]
) -> None:
    days_pass(date(2026, 4, 1))
    admin = client_for(ALPINE_ADMIN)
    cluster = forming_cluster(admin, "Spring Cluster", ("Atelier Un", "Atelier Deux", "Atelier Trois"))
    away = cluster["member_ids"]["Atelier Deux"]
    assert declare(admin, cluster["id"], away, "2026-05-04", "2026-05-29")["__typename"] == "ClusterChange"
    proposal = admin.data(PROPOSAL, {"c": cluster["id"], "s": "2026-04-06"})["planProposal"]
    modules = [s for s in proposal["sessions"] if s["kind"] == "module"]
    assert [m["moduleNumber"] for m in modules] == list(range(1, 11))
    assert [m["on"] for m in modules] == sorted(m["on"] for m in modules)
    assert modules[0]["title"] == "Module 1: Scope, ISMS policy and assets"
    assert all(
        not "2026-05-04" <= s["on"] <= "2026-05-29"
        for s in proposal["sessions"]
        if s["organisationName"] in (None, "Atelier Deux")
    )
    assert {s["organisationName"] for s in proposal["sessions"] if s["kind"] == "gap_analysis"} == {
        "Atelier Un",
        "Atelier Deux",
        "Atelier Trois",
    }

    before = events_in_log(demo_services)
    stale = mutate(
        admin,
        "acceptPlan",
        "AcceptPlanInput",
        {"clusterId": cluster["id"], "startsOn": "2026-04-06", "fingerprint": "0" * 64},
    )
    assert (stale["code"], stale["field"]) == ("CONFLICT", "fingerprint")
    assert events_in_log(demo_services) == before
    accepted = mutate(
        admin,
        "acceptPlan",
        "AcceptPlanInput",
        {"clusterId": cluster["id"], "startsOn": "2026-04-06", "fingerprint": proposal["fingerprint"]},
        "status planStartsOn templateVersion sessions { key scheduledOn status }",
    )
    assert accepted["cluster"]["status"] == "planned"
    assert accepted["cluster"]["templateVersion"] == 1
    planned = {s["key"]: s["scheduledOn"] for s in accepted["cluster"]["sessions"]}
    assert planned == {s["key"]: s["on"] for s in proposal["sessions"]}


def test_a_cycle_that_cannot_keep_four_weeks_is_explained(
    client_for: ClientFor, days_pass: Callable[[date], None]
) -> None:
    days_pass(date(2026, 4, 1))
    admin = client_for(ALPINE_ADMIN)
    cluster = forming_cluster(admin, "Busy Cluster", ("Busy One", "Busy Two"))
    declare(admin, cluster["id"], cluster["member_ids"]["Busy One"], "2026-04-27", "2026-06-05", "Peak season")
    proposal = admin.data(PROPOSAL, {"c": cluster["id"], "s": "2026-04-06"})["planProposal"]
    notes = [n["message"] for n in proposal["notes"]]
    assert notes, proposal
    assert any("Busy One" in note for note in notes)


def test_moves_keep_their_reason_and_a_later_declaration_shows_as_a_clash(client_for: ClientFor) -> None:
    admin = client_for(ALPINE_ADMIN)
    cluster = demo_cluster(admin)
    selection = "sessions { key scheduledOn } clashes { sessionKey organisationName organisationId } unavailability { organisationName endsOn }"
    view = cluster_view(admin, cluster["id"], selection)
    assert [(c["sessionKey"], c["organisationName"]) for c in view["clashes"]] == [("module:6", "Boulangerie Muller")]
    assert [c["organisationId"] for c in view["clashes"]] == [cluster["member_ids"]["Boulangerie Muller"]]
    sessions = {s["key"]: date.fromisoformat(s["scheduledOn"]) for s in view["sessions"]}
    back = max(
        date.fromisoformat(p["endsOn"]) for p in view["unavailability"] if p["organisationName"] == "Boulangerie Muller"
    )
    target = back + timedelta(days=1)
    while target.weekday() >= 5:
        target += timedelta(days=1)
    assert sessions["module:5"] < target < sessions["module:7"]
    reason = "Boulangerie Muller is at a trade fair"
    moved = mutate(
        admin,
        "moveSession",
        "MoveSessionInput",
        {
            "clusterId": cluster["id"],
            "sessionKey": "module:6",
            "on": target.isoformat(),
            "halfDay": "morning",
            "reason": reason,
        },
        'clashes { sessionKey } sessionMoves(key: "module:6") { fromOn toOn reason }',
    )
    assert moved["cluster"]["clashes"] == []
    assert moved["cluster"]["sessionMoves"] == [
        {"fromOn": sessions["module:6"].isoformat(), "toOn": target.isoformat(), "reason": reason}
    ]
    out_of_order = mutate(
        admin,
        "moveSession",
        "MoveSessionInput",
        {
            "clusterId": cluster["id"],
            "sessionKey": "module:6",
            "on": (sessions["module:7"] + timedelta(days=1)).isoformat(),
            "reason": "Later",
        },
    )
    assert (out_of_order["code"], out_of_order["field"]) == ("VALIDATION", "on")
    assert "out of order" in out_of_order["message"]


def test_unavailability_input_is_checked_and_nothing_is_written(client_for: ClientFor, demo_services: Services) -> None:
    admin = client_for(ALPINE_ADMIN)
    cluster = demo_cluster(admin)
    member = cluster["member_ids"]["Kirchberg Dental"]
    before = events_in_log(demo_services)
    inverted = declare(admin, cluster["id"], member, "2026-06-10", "2026-06-01")
    assert (inverted["code"], inverted["field"]) == ("VALIDATION", "endsOn")
    existing = cluster_view(admin, cluster["id"], "unavailability { organisationName startsOn endsOn }")[
        "unavailability"
    ]
    [period] = [p for p in existing if p["organisationName"] == "Kirchberg Dental"]
    overlapping = declare(admin, cluster["id"], member, period["endsOn"], period["endsOn"])
    assert (overlapping["code"], overlapping["field"]) == ("VALIDATION", "startsOn")
    assert events_in_log(demo_services) == before


def test_a_coach_of_another_consultancy_gets_no_proposal(client_for: ClientFor) -> None:
    cluster = demo_cluster(client_for(ALPINE_COACH))
    refused = client_for(HARBOUR_ADMIN).data(PROPOSAL, {"c": cluster["id"], "s": "2026-04-06"})["planProposal"]
    assert refused == {"__typename": "NotFoundError", "code": "NOT_FOUND", "field": "clusterId"}


def test_a_session_is_cancelled_with_a_reason_and_a_cluster_closes_after_its_start(
    client_for: ClientFor, demo_services: Services
) -> None:
    coach = client_for(ALPINE_COACH)
    cluster = demo_cluster(coach)
    cancelled = mutate(
        coach,
        "cancelSession",
        "CancelSessionInput",
        {"clusterId": cluster["id"], "sessionKey": "module:6", "reason": "Snow storm"},
        'session(key: "module:6") { status cancellationReason }',
    )
    assert cancelled["cluster"]["session"] == {"status": "cancelled", "cancellationReason": "Snow storm"}
    before = events_in_log(demo_services)
    too_early = mutate(
        coach, "closeCluster", "CloseClusterInput", {"clusterId": cluster["id"], "closedOn": "2025-01-01"}
    )
    assert (too_early["code"], too_early["field"]) == ("VALIDATION", "closedOn")
    assert events_in_log(demo_services) == before
    closed = mutate(
        coach,
        "closeCluster",
        "CloseClusterInput",
        {"clusterId": cluster["id"], "closedOn": "2026-03-02"},
        "status closedOn",
    )
    assert closed["cluster"] == {"status": "closed", "closedOn": "2026-03-02"}
    after = mutate(
        coach,
        "logCoachingHalfDay",
        "LogCoachingHalfDayInput",
        {
            "clusterId": cluster["id"],
            "organisationId": cluster["member_ids"]["Kirchberg Dental"],
            "heldOn": "2026-03-02",
            "workDone": "Late",
        },
    )
    assert (after["code"], after["field"]) == ("VALIDATION", "organisationId")


def test_dates_beyond_any_programme_are_refused_by_name(client_for: ClientFor, demo_services: Services) -> None:
    admin = client_for(ALPINE_ADMIN)
    demo = demo_cluster(admin)
    before = events_in_log(demo_services)
    moved = mutate(
        admin,
        "moveSession",
        "MoveSessionInput",
        {"clusterId": demo["id"], "sessionKey": "module:10", "on": "9999-12-31", "reason": "Later"},
    )
    assert (moved["code"], moved["field"]) == ("VALIDATION", "on")
    assert events_in_log(demo_services) == before
    cluster = forming_cluster(admin, "Far Cluster", ("Far One", "Far Two"))
    far = admin.data(PROPOSAL, {"c": cluster["id"], "s": "9999-12-01"})["planProposal"]
    assert far == {"__typename": "ValidationError", "code": "VALIDATION", "field": "startsOn"}
    before = events_in_log(demo_services)
    accepted = mutate(admin, "acceptPlan", "AcceptPlanInput", {"clusterId": cluster["id"], "startsOn": "9999-06-01"})
    assert (accepted["code"], accepted["field"]) == ("VALIDATION", "startsOn")
    assert events_in_log(demo_services) == before
