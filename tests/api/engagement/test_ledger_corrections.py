"""Corrections of a member's coaching ledger through the API: an entry corrected or voided with a reason; the ledger
shows the original beside the correction; a void entry leaves the counts (used, remaining, effort)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from backend.services import Services
from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH, HARBOUR_ADMIN, HARBOUR_COACH, events_in_log
from tests.api.programme_support import cluster_view, mutate
from tests.api.test_isolation_same_tenant import ALPINE_MEMBER, SECOND_COACH, SECOND_MEMBER, Alpine, alpine
from tests.support.graphql_client import GraphQLClient

__all__ = ["alpine"]  # the fixture, reused

ClientFor = Callable[[str], GraphQLClient]
LEDGER = """member(organisationId: $o) { coachingHalfDaysUsed coachingHalfDaysRemaining
  coachingHalfDays { entryNumber heldOn moduleNumber workDone nextSteps viewerCan { correct } }
  coachingCorrections { entryNumber action reason actedBy heldOn workDone correctedHeldOn correctedWorkDone } }
  effort { members { organisationName coachingDays } }"""


def ledger(client: GraphQLClient, cluster_id: str, organisation_id: str) -> dict[str, Any]:
    document = f"query($id: ID!, $o: ID!) {{ cluster(id: $id) {{ ... on Cluster {{ {LEDGER} }} }} }}"
    cluster: dict[str, Any] = client.data(document, {"id": cluster_id, "o": organisation_id})["cluster"]
    return cluster


def muller_days(view: dict[str, Any]) -> float:
    effort = view["effort"]["members"]
    return float(next(m["coachingDays"] for m in effort if m["organisationName"] == "Boulangerie Muller"))


def correction(alpine: Alpine, entry: int, **given: Any) -> dict[str, Any]:
    fields = {"heldOn": "2026-12-01", "workDone": "Risk treatment plan", "reason": "Wrong day and notes"}
    return {"clusterId": alpine.cluster_id, "organisationId": alpine.muller, "entryNumber": entry, **fields, **given}


def void(alpine: Alpine, entry: int, reason: str = "Logged twice") -> dict[str, Any]:
    return {"clusterId": alpine.cluster_id, "organisationId": alpine.muller, "entryNumber": entry, "reason": reason}


def test_a_corrected_entry_shows_its_new_values_and_what_it_said_before(client_for: ClientFor, alpine: Alpine) -> None:
    coach = client_for(ALPINE_COACH)
    before = ledger(coach, alpine.cluster_id, alpine.muller)
    first = before["member"]["coachingHalfDays"][0]
    assert first["viewerCan"] == {"correct": True}
    done = mutate(coach, "correctCoachingEntry", "CorrectCoachingEntryInput", correction(alpine, first["entryNumber"]))
    assert done["__typename"] == "ClusterChange", done
    after = ledger(coach, alpine.cluster_id, alpine.muller)
    entry = after["member"]["coachingHalfDays"][0]
    assert (entry["heldOn"], entry["workDone"]) == ("2026-12-01", "Risk treatment plan")
    assert after["member"]["coachingCorrections"] == [
        {
            "entryNumber": first["entryNumber"],
            "action": "corrected",
            "reason": "Wrong day and notes",
            "actedBy": "Claire Coach",
            "heldOn": first["heldOn"],
            "workDone": first["workDone"],
            "correctedHeldOn": "2026-12-01",
            "correctedWorkDone": "Risk treatment plan",
        }
    ]
    assert after["member"]["coachingHalfDaysUsed"] == before["member"]["coachingHalfDaysUsed"]


def test_a_voided_entry_stops_counting_and_stays_in_the_ledgers_history(client_for: ClientFor, alpine: Alpine) -> None:
    coach = client_for(ALPINE_COACH)
    before = ledger(coach, alpine.cluster_id, alpine.muller)
    last = before["member"]["coachingHalfDays"][-1]
    assert mutate(coach, "voidCoachingEntry", "VoidCoachingEntryInput", void(alpine, last["entryNumber"]))[
        "__typename"
    ] == ("ClusterChange")
    after = ledger(coach, alpine.cluster_id, alpine.muller)
    member = after["member"]
    assert member["coachingHalfDaysUsed"] == before["member"]["coachingHalfDaysUsed"] - 1
    assert member["coachingHalfDaysRemaining"] == before["member"]["coachingHalfDaysRemaining"] + 1
    assert last["entryNumber"] not in {e["entryNumber"] for e in member["coachingHalfDays"]}
    assert muller_days(after) == muller_days(before) - 0.5
    [voided] = member["coachingCorrections"]
    assert (voided["action"], voided["entryNumber"], voided["reason"], voided["workDone"]) == (
        "voided",
        last["entryNumber"],
        "Logged twice",
        last["workDone"],
    )
    refused = mutate(coach, "voidCoachingEntry", "VoidCoachingEntryInput", void(alpine, last["entryNumber"]))
    assert (refused["code"], refused["field"]) == ("VALIDATION", "entryNumber")


def test_a_bad_correction_names_its_field_and_writes_nothing(
    client_for: ClientFor, demo_services: Services, alpine: Alpine
) -> None:
    coach = client_for(ALPINE_COACH)
    before = events_in_log(demo_services)
    for given, code, field in [
        ({"entryNumber": 999}, "NOT_FOUND", "entryNumber"),
        ({"entryNumber": 0}, "NOT_FOUND", "entryNumber"),
        ({"reason": " "}, "VALIDATION", "reason"),
        ({"reason": "x" * 1001}, "VALIDATION", "reason"),
        ({"reason": "a\u0001b"}, "VALIDATION", "reason"),
        ({"workDone": ""}, "VALIDATION", "workDone"),
        ({"heldOn": "2031-01-05"}, "VALIDATION", "heldOn"),
        ({"heldOn": "2001-01-05"}, "VALIDATION", "heldOn"),
        ({"organisationId": "not-an-id"}, "VALIDATION", "organisationId"),
        ({"organisationId": alpine.second_members["Atelier Nord"]}, "VALIDATION", "organisationId"),
    ]:
        refused = mutate(coach, "correctCoachingEntry", "CorrectCoachingEntryInput", correction(alpine, 1, **given))
        assert (refused["code"], refused["field"]) == (code, field), (given, refused)
    for reason in ("", "x" * 1001):
        refused = mutate(coach, "voidCoachingEntry", "VoidCoachingEntryInput", void(alpine, 1, reason))
        assert (refused["code"], refused["field"]) == ("VALIDATION", "reason")
    unknown = mutate(coach, "voidCoachingEntry", "VoidCoachingEntryInput", void(alpine, 999))
    assert (unknown["code"], unknown["field"]) == ("NOT_FOUND", "entryNumber")
    assert events_in_log(demo_services) == before


def test_only_the_clusters_coach_and_admins_correct_a_ledger(
    client_for: ClientFor, demo_services: Services, alpine: Alpine
) -> None:
    before = events_in_log(demo_services)
    for member in (ALPINE_MEMBER, SECOND_MEMBER):
        refused = mutate(client_for(member), "voidCoachingEntry", "VoidCoachingEntryInput", void(alpine, 1))
        assert refused["code"] == "FORBIDDEN", (member, refused)
        shown = ledger(client_for(ALPINE_MEMBER), alpine.cluster_id, alpine.muller)["member"]["coachingHalfDays"]
        assert all(entry["viewerCan"] == {"correct": False} for entry in shown)
    for outsider in (HARBOUR_ADMIN, HARBOUR_COACH, SECOND_COACH):
        for name, kind, given in (
            ("voidCoachingEntry", "VoidCoachingEntryInput", void(alpine, 1)),
            ("correctCoachingEntry", "CorrectCoachingEntryInput", correction(alpine, 1)),
        ):
            refused = mutate(client_for(outsider), name, kind, given)
            assert (refused["code"], refused["field"]) == ("NOT_FOUND", "clusterId"), (outsider, refused)
    assert events_in_log(demo_services) == before
    admin = mutate(client_for(ALPINE_ADMIN), "voidCoachingEntry", "VoidCoachingEntryInput", void(alpine, 1))
    assert admin["__typename"] == "ClusterChange"
    view = cluster_view(client_for(ALPINE_MEMBER), alpine.cluster_id, "members { coachingCorrections { action } }")
    assert view["members"][0]["coachingCorrections"] == [{"action": "voided"}]  # the member sees its own ledger


def test_voiding_the_entry_that_held_a_coaching_slot_plans_the_slot_again(
    client_for: ClientFor, alpine: Alpine
) -> None:
    coach = client_for(ALPINE_COACH)
    entries = ledger(coach, alpine.cluster_id, alpine.muller)["member"]["coachingHalfDays"]
    entry = next(e for e in entries if e.get("moduleNumber"))
    slot = f"coaching:{entry['moduleNumber']}:{alpine.muller}"
    document = "query($id: ID!, $key: String!) { cluster(id: $id) { ... on Cluster { session(key: $key) { status heldOn } } } }"

    def shown() -> dict[str, Any]:
        found: dict[str, Any] = coach.data(document, {"id": alpine.cluster_id, "key": slot})["cluster"]["session"]
        return found

    assert shown() == {"status": "held", "heldOn": entry["heldOn"]}
    fixed = correction(alpine, entry["entryNumber"], heldOn="2026-12-02")
    assert mutate(coach, "correctCoachingEntry", "CorrectCoachingEntryInput", fixed)["__typename"] == "ClusterChange"
    assert shown() == {"status": "held", "heldOn": "2026-12-02"}
    voided = mutate(coach, "voidCoachingEntry", "VoidCoachingEntryInput", void(alpine, entry["entryNumber"]))
    assert voided["__typename"] == "ClusterChange"
    assert shown() == {"status": "scheduled", "heldOn": None}
