"""Corrections through the API: "held" undone, a cancellation restored, an unavailability retracted; each with a
reason, shown in the history, and felt on the read side (plan, clashes, effort). A refusal names its field and
writes nothing; outsiders get the answer an unknown id gets."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from backend.services import Services
from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH, HARBOUR_ADMIN, HARBOUR_COACH, events_in_log
from tests.api.programme_support import cluster_view, demo_cluster, mutate
from tests.api.test_isolation_same_tenant import ALPINE_MEMBER, SECOND_COACH, SECOND_MEMBER, Alpine, alpine
from tests.support.graphql_client import GraphQLClient

__all__ = ["alpine"]  # the fixture, reused

ClientFor = Callable[[str], GraphQLClient]
SESSIONS = "sessions { key kind moduleNumber status scheduledOn heldOn viewerCan { undoHeld restore } }"
EFFORT = "effort { trainingDaysHeld members { organisationName trainingDaysAttended coachingDays } }"
HISTORY = "session(key: $key) { status history { action on reason actedBy } }"


def sessions(client: GraphQLClient, cluster_id: str) -> dict[str, dict[str, Any]]:
    return {s["key"]: s for s in cluster_view(client, cluster_id, SESSIONS)["sessions"]}


def last_held_module(client: GraphQLClient, cluster_id: str) -> dict[str, Any]:
    held = [s for s in sessions(client, cluster_id).values() if s["kind"] == "module" and s["status"] == "held"]
    return max(held, key=lambda s: s["moduleNumber"])


def history(client: GraphQLClient, cluster_id: str, key: str) -> dict[str, Any]:
    document = f"query($id: ID!, $key: String!) {{ cluster(id: $id) {{ ... on Cluster {{ {HISTORY} }} }} }}"
    session: dict[str, Any] = client.data(document, {"id": cluster_id, "key": key})["cluster"]["session"]
    return session


def correct(client: GraphQLClient, name: str, cluster_id: str, key: str, reason: str = "By mistake") -> dict[str, Any]:
    given = {"clusterId": cluster_id, "sessionKey": key, "reason": reason}
    return mutate(client, name, "CorrectSessionInput", given, "id")


def test_undoing_held_plans_the_module_again_and_takes_its_attendance_out_of_the_effort(
    client_for: ClientFor,
) -> None:
    coach = client_for(ALPINE_COACH)
    cluster = demo_cluster(coach)["id"]
    module = last_held_module(coach, cluster)
    assert module["viewerCan"] == {"undoHeld": True, "restore": False}
    before = cluster_view(coach, cluster, EFFORT)["effort"]
    assert correct(coach, "undoSessionHeld", cluster, module["key"], "Recorded on the wrong module")["__typename"] == (
        "ClusterChange"
    )
    now = sessions(coach, cluster)[module["key"]]
    assert (now["status"], now["heldOn"], now["scheduledOn"]) == ("scheduled", None, module["scheduledOn"])
    after = cluster_view(coach, cluster, EFFORT)["effort"]
    assert after["trainingDaysHeld"] < before["trainingDaysHeld"]
    attended = {m["organisationName"]: m["trainingDaysAttended"] for m in after["members"]}
    assert any(attended[m["organisationName"]] < m["trainingDaysAttended"] for m in before["members"])
    steps = history(coach, cluster, module["key"])["history"]
    assert [s["action"] for s in steps][-2:] == ["held", "held_undone"]
    assert steps[-1]["reason"] == "Recorded on the wrong module" and steps[-1]["actedBy"] == "Claire Coach"


def test_held_is_not_undone_under_a_later_module_and_the_refusal_says_which(
    client_for: ClientFor, demo_services: Services
) -> None:
    coach = client_for(ALPINE_COACH)
    cluster = demo_cluster(coach)["id"]
    last = last_held_module(coach, cluster)
    earlier = f"module:{last['moduleNumber'] - 1}"
    before = events_in_log(demo_services)
    refused = correct(coach, "undoSessionHeld", cluster, earlier)
    assert (refused["code"], refused["field"]) == ("VALIDATION", "sessionKey")
    assert f"Module {last['moduleNumber']} has been held since" in refused["message"]
    assert events_in_log(demo_services) == before


def test_a_restored_session_is_planned_again_at_its_date_and_clashes_again(client_for: ClientFor) -> None:
    coach, admin = client_for(ALPINE_COACH), client_for(ALPINE_ADMIN)
    demo = demo_cluster(admin)
    cluster = demo["id"]
    planned = [s for s in sessions(coach, cluster).values() if s["kind"] == "module" and s["status"] == "scheduled"]
    target = max(planned, key=lambda s: s["moduleNumber"])
    member = demo["member_ids"]["Boulangerie Muller"]
    day = target["scheduledOn"]
    away = {"clusterId": cluster, "organisationId": member, "startsOn": day, "endsOn": day, "reason": "Inventory"}
    assert mutate(coach, "declareUnavailability", "DeclareUnavailabilityInput", away)["__typename"] == "ClusterChange"
    clashing = {c["sessionKey"] for c in cluster_view(coach, cluster, "clashes { sessionKey }")["clashes"]}
    assert target["key"] in clashing
    cancel = {"clusterId": cluster, "sessionKey": target["key"], "reason": "Trainer ill"}
    assert mutate(coach, "cancelSession", "CancelSessionInput", cancel)["__typename"] == "ClusterChange"
    assert target["key"] not in {
        c["sessionKey"] for c in cluster_view(coach, cluster, "clashes { sessionKey }")["clashes"]
    }
    assert sessions(coach, cluster)[target["key"]]["viewerCan"]["restore"] is True
    assert correct(coach, "restoreSession", cluster, target["key"], "The trainer is back")["__typename"] == (
        "ClusterChange"
    )
    now = sessions(coach, cluster)[target["key"]]
    assert (now["status"], now["scheduledOn"]) == ("scheduled", day)
    assert target["key"] in {c["sessionKey"] for c in cluster_view(coach, cluster, "clashes { sessionKey }")["clashes"]}
    steps = history(coach, cluster, target["key"])
    assert [(s["action"], s["reason"]) for s in steps["history"]][-2:] == [
        ("cancelled", "Trainer ill"),
        ("restored", "The trainer is back"),
    ]


LAST_HELD = "the last module held"


@pytest.mark.parametrize(
    ("mutation", "key", "reason", "field", "message"),
    [
        ("restoreSession", "module:1", "Not cancelled", "sessionKey", "This session is held, not cancelled."),
        ("undoSessionHeld", "module:10", "Not held", "sessionKey", "This session is planned, not held."),
        ("undoSessionHeld", "module:99", "Unknown", "sessionKey", "No session with this key in the cluster's plan."),
        ("undoSessionHeld", LAST_HELD, "  ", "reason", "This field is required."),
        ("undoSessionHeld", LAST_HELD, "x" * 1001, "reason", "Must be at most 1,000 characters."),
        ("undoSessionHeld", LAST_HELD, "a\u0007b", "reason", None),
    ],
)
def test_a_bad_session_correction_names_its_field_and_writes_nothing(
    client_for: ClientFor,
    demo_services: Services,
    mutation: str,
    key: str,
    reason: str,
    field: str,
    message: str | None,
) -> None:
    coach = client_for(ALPINE_COACH)
    cluster = demo_cluster(coach)["id"]
    key = last_held_module(coach, cluster)["key"] if key == LAST_HELD else key
    before = events_in_log(demo_services)
    refused = correct(coach, mutation, cluster, key, reason)
    assert (refused["code"], refused["field"]) == ("VALIDATION", field), refused
    assert message is None or refused["message"] == message
    assert events_in_log(demo_services) == before


def test_outsiders_cannot_correct_a_session(client_for: ClientFor, demo_services: Services, alpine: Alpine) -> None:
    held = last_held_module(client_for(ALPINE_COACH), alpine.cluster_id)["key"]
    before = events_in_log(demo_services)
    for outsider in (HARBOUR_ADMIN, HARBOUR_COACH, SECOND_COACH, SECOND_MEMBER, ALPINE_MEMBER):
        for mutation in ("undoSessionHeld", "restoreSession"):
            refused = correct(client_for(outsider), mutation, alpine.cluster_id, held)
            assert refused["code"] in ("NOT_FOUND", "FORBIDDEN"), (outsider, refused)
            if outsider in (HARBOUR_ADMIN, HARBOUR_COACH, SECOND_COACH):
                assert (refused["code"], refused["field"]) == ("NOT_FOUND", "clusterId")
    assert events_in_log(demo_services) == before
    second = correct(client_for(SECOND_COACH), "undoSessionHeld", alpine.second_cluster_id, held)
    assert (second["code"], second["field"]) == ("VALIDATION", "sessionKey")  # its own cluster has no plan yet


# Unavailability

UNAVAILABILITY = "unavailability { organisationName startsOn viewerCan { retract } } " + (
    "retractedUnavailability { organisationName startsOn endsOn reason retractedBy }"
)


def declare(client: GraphQLClient, cluster: str, member: str, day: str) -> None:
    away = {"clusterId": cluster, "organisationId": member, "startsOn": day, "endsOn": day, "reason": "Inventory"}
    assert mutate(client, "declareUnavailability", "DeclareUnavailabilityInput", away)["__typename"] == "ClusterChange"


def retract(client: GraphQLClient, cluster: str, member: str, day: str, reason: str = "Wrong week") -> dict[str, Any]:
    given = {"clusterId": cluster, "organisationId": member, "startsOn": day, "reason": reason}
    return mutate(client, "retractUnavailability", "RetractUnavailabilityInput", given)


def test_a_member_retracts_its_own_unavailability_and_the_clash_goes(client_for: ClientFor, alpine: Alpine) -> None:
    coach, member = client_for(ALPINE_COACH), client_for(ALPINE_MEMBER)
    planned = [s for s in sessions(coach, alpine.cluster_id).values() if s["status"] == "scheduled"]
    day = max(planned, key=lambda s: s["scheduledOn"])["scheduledOn"]
    declare(member, alpine.cluster_id, alpine.muller, day)
    clashes = cluster_view(coach, alpine.cluster_id, "clashes { organisationName scheduledOn }")["clashes"]
    assert {"organisationName": "Boulangerie Muller", "scheduledOn": day} in clashes
    mine = cluster_view(member, alpine.cluster_id, UNAVAILABILITY)
    assert [p["viewerCan"]["retract"] for p in mine["unavailability"] if p["startsOn"] == day] == [True]
    assert retract(member, alpine.cluster_id, alpine.muller, day, "Declared for the wrong week")["__typename"] == (
        "ClusterChange"
    )
    view = cluster_view(coach, alpine.cluster_id, UNAVAILABILITY + " clashes { organisationName scheduledOn }")
    assert {"organisationName": "Boulangerie Muller", "scheduledOn": day} not in view["clashes"]
    assert day not in {p["startsOn"] for p in view["unavailability"] if p["organisationName"] == "Boulangerie Muller"}
    assert view["retractedUnavailability"][-1] == {
        "organisationName": "Boulangerie Muller",
        "startsOn": day,
        "endsOn": day,
        "reason": "Declared for the wrong week",
        "retractedBy": "Marc Muller",
    }


def test_a_bad_retraction_names_its_field_and_writes_nothing(
    client_for: ClientFor, demo_services: Services, alpine: Alpine
) -> None:
    coach = client_for(ALPINE_COACH)
    declare(coach, alpine.cluster_id, alpine.muller, "2027-03-01")
    before = events_in_log(demo_services)
    for day, reason, code, field in [
        ("2027-03-02", "Inside, not its start", "NOT_FOUND", "startsOn"),
        ("2027-03-01", "", "VALIDATION", "reason"),
        ("2027-03-01", "x" * 1001, "VALIDATION", "reason"),
        ("2027-03-01", "a\u0000b", "VALIDATION", "reason"),
        ("2999-03-01", "Far", "VALIDATION", "startsOn"),
    ]:
        refused = retract(coach, alpine.cluster_id, alpine.muller, day, reason)
        assert (refused["code"], refused["field"]) == (code, field), refused
    unknown = retract(coach, alpine.cluster_id, "not-an-id", "2027-03-01")
    assert (unknown["code"], unknown["field"]) == ("VALIDATION", "organisationId")
    assert events_in_log(demo_services) == before


def test_only_the_member_its_coach_and_admins_retract_an_unavailability(
    client_for: ClientFor, demo_services: Services, alpine: Alpine
) -> None:
    declare(client_for(ALPINE_MEMBER), alpine.cluster_id, alpine.muller, "2027-03-01")
    before = events_in_log(demo_services)
    other_member = retract(client_for(SECOND_MEMBER), alpine.cluster_id, alpine.muller, "2027-03-01")
    assert other_member["code"] == "FORBIDDEN"
    for outsider in (HARBOUR_ADMIN, HARBOUR_COACH, SECOND_COACH):
        refused = retract(client_for(outsider), alpine.cluster_id, alpine.muller, "2027-03-01")
        assert (refused["code"], refused["field"]) == ("NOT_FOUND", "clusterId"), (outsider, refused)
    assert events_in_log(demo_services) == before
    theirs = cluster_view(client_for(SECOND_MEMBER), alpine.cluster_id, UNAVAILABILITY)
    assert {p["organisationName"] for p in theirs["unavailability"]} == {"Kirchberg Dental"}  # its own only
    assert retract(client_for(ALPINE_ADMIN), alpine.cluster_id, alpine.muller, "2027-03-01")["__typename"] == (
        "ClusterChange"
    )


def test_a_module_whose_follow_up_coaching_is_logged_stays_held(client_for: ClientFor, demo_services: Services) -> None:
    coach = client_for(ALPINE_COACH)
    cluster = demo_cluster(coach)["id"]
    last = last_held_module(coach, cluster)
    assert correct(coach, "undoSessionHeld", cluster, last["key"])["__typename"] == "ClusterChange"
    coached = f"module:{last['moduleNumber'] - 1}"  # the demo logged coaching after it
    before = events_in_log(demo_services)
    refused = correct(coach, "undoSessionHeld", cluster, coached)
    assert (refused["code"], refused["field"]) == ("VALIDATION", "sessionKey")
    assert f"Coaching after module {last['moduleNumber'] - 1} is logged in a member's ledger" in refused["message"]
    assert events_in_log(demo_services) == before and sessions(coach, cluster)[coached]["status"] == "held"


def test_a_gap_analysis_visit_whose_analysis_is_recorded_stays_held(
    client_for: ClientFor, demo_services: Services
) -> None:
    coach = client_for(ALPINE_COACH)
    demo = demo_cluster(coach)
    visit = f"gap-analysis:{demo['member_ids']['Boulangerie Muller']}"  # the demo recorded Muller's analysis
    assert sessions(coach, demo["id"])[visit]["status"] == "held"
    before = events_in_log(demo_services)
    refused = correct(coach, "undoSessionHeld", demo["id"], visit)
    assert (refused["field"], refused["message"]) == (
        "sessionKey",
        "The member's gap analysis is recorded from this visit: the visit took place.",
    )
    assert events_in_log(demo_services) == before
