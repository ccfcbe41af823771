"""The change log through the API: a member files changes numbered after the demo's, a second member approves, the
Change Advisory Board consents to an emergency change, which then runs; the log pages, filters and sorts; bad input
is refused with a typed error naming the field and writes nothing."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from backend.services import Services
from tests.api.changes.support import (
    CHANGES,
    JONAS,
    RULES,
    RULES_SAVED,
    account,
    change,
    file_change,
    filing,
    mutate,
    organisation_id,
)
from tests.api.conftest import events_in_log
from tests.api.page_support import MEMBER, ClientFor

TODAY = "2027-01-04"


def test_the_demo_log_shows_every_category(client_for: ClientFor, demo_services: Services) -> None:
    member = client_for(MEMBER)
    log = member.data(CHANGES, {"org": organisation_id(member), "orderBy": "OLDEST"})["changes"]
    nodes = [edge["node"] for edge in log["edges"]]
    assert [(n["number"], n["category"], n["status"]) for n in nodes] == [
        (1, "standard", "succeeded"),
        (2, "normal", "scheduled"),
        (3, "emergency", "succeeded"),
        (4, "non_operational", "filed"),
    ]
    assert log["viewerCan"] == {"file": True, "nameBoard": True, "defineStandardChange": True}


def test_an_emergency_change_runs_with_the_boards_consent(client_for: ClientFor, demo_services: Services) -> None:
    marc, jonas = client_for(MEMBER), client_for(JONAS)
    filed = file_change(marc, category="emergency", risk="high", ticket="SD-77")
    assert (filed["number"], filed["status"], filed["ownerName"]) == (5, "filed", "Marc Muller")
    assert filed["viewerCan"]["approve"] is False  # Marc owns it: four eyes
    assert "approved" in filed["viewerCan"]["executionAwaits"]
    refused = mutate(marc, "approveChange", {"changeId": filed["id"]})
    assert (refused["code"], refused["field"]) == ("FORBIDDEN", "changeId")
    assert change(jonas, filed["id"])["viewerCan"]["approve"] is True
    approved = mutate(jonas, "approveChange", {"changeId": filed["id"]})["change"]
    assert (approved["approverName"], approved["approvedOn"]) == ("Jonas Muller", TODAY)
    scheduled = mutate(marc, "scheduleChange", {"changeId": filed["id"], "scheduledFor": TODAY, "fallback": "Undo"})
    awaits = scheduled["change"]["viewerCan"]
    assert awaits["execute"] is False and "Every member" in awaits["executionAwaits"]
    execute = {"changeId": filed["id"], "executedOn": TODAY, "succeeded": True}
    assert mutate(marc, "recordChangeExecution", execute)["field"] == "changeId"
    for client in (marc, jonas):
        assert change(client, filed["id"])["viewerCan"]["consent"] is True
        mutate(client, "consentToChange", {"changeId": filed["id"]})
    twice = mutate(jonas, "consentToChange", {"changeId": filed["id"]})
    assert twice["code"] == "VALIDATION"
    executed = mutate(marc, "recordChangeExecution", execute | {"notes": "Patched"})["change"]
    assert (executed["status"], executed["executedOn"], executed["succeeded"]) == ("succeeded", TODAY, True)
    seen = change(jonas, filed["id"])
    assert {c["name"] for c in seen["consents"]} == {"Marc Muller", "Jonas Muller"}
    assert [h["action"] for h in seen["history"]] == [
        "filed", "approved", "scheduled", "consented", "consented", "executed"
    ]  # fmt: skip


def test_a_standard_change_is_taken_from_the_catalogue(client_for: ClientFor, demo_services: Services) -> None:
    marc = client_for(MEMBER)
    muller = organisation_id(marc)
    defined = mutate(marc, "defineStandardChange", {"title": "Add a till user", "procedure": "In the till admin"},
                     RULES_SAVED)  # fmt: skip
    entry = next(s for s in defined["rules"]["standardChanges"] if s["title"] == "Add a till user")
    filed = file_change(marc, category="standard", standardChangeId=entry["id"], risk="low")
    assert (filed["status"], filed["standardChangeTitle"], filed["approvedOn"]) == (
        "approved",
        "Add a till user",
        TODAY,
    )
    assert filed["viewerCan"]["approve"] is False
    titles = [s["title"] for s in marc.data(RULES, {"org": muller})["changeRules"]["standardChanges"]]
    assert "Add a till user" in titles


def test_the_log_pages_filters_and_sorts(client_for: ClientFor, demo_services: Services) -> None:
    marc = client_for(MEMBER)
    muller = organisation_id(marc)
    for n in range(3):
        file_change(marc, hostname=f"host-{n}.example", risk="high")
    first = marc.data(CHANGES, {"org": muller, "first": 2})["changes"]
    assert [e["node"]["number"] for e in first["edges"]] == [7, 6] and first["pageInfo"]["hasNextPage"]
    rest = marc.data(CHANGES, {"org": muller, "first": 10, "after": first["pageInfo"]["endCursor"]})["changes"]
    assert [e["node"]["number"] for e in rest["edges"]] == [5, 4, 3, 2, 1] and not rest["pageInfo"]["hasNextPage"]
    high = marc.data(CHANGES, {"org": muller, "risk": "high", "orderBy": "OLDEST"})["changes"]
    assert [e["node"]["number"] for e in high["edges"]] == [3, 5, 6, 7] and high["totalCount"] == 4
    assert marc.data(CHANGES, {"org": muller, "category": "emergency"})["changes"]["totalCount"] == 1
    assert marc.data(CHANGES, {"org": muller, "status": "succeeded"})["changes"]["totalCount"] == 2
    wrong_order = marc.execute(CHANGES, {"org": muller, "orderBy": "OLDEST", "after": first["pageInfo"]["endCursor"]})
    assert wrong_order["errors"][0]["extensions"]["field"] == "after"
    for name, value in (("category", "urgent"), ("risk", "extreme"), ("status", "done"), ("after", "junk")):
        refused = marc.execute(CHANGES, {"org": muller, name: value})
        assert refused["errors"][0]["extensions"] == {"code": "VALIDATION", "field": name}, name
    assert marc.execute(CHANGES, {"org": muller, "first": 0})["errors"][0]["extensions"]["field"] == "first"


BAD_FILINGS: list[tuple[dict[str, Any], str]] = [
    ({"initiator": " "}, "initiator"),
    ({"hostname": "two words"}, "hostname"),
    ({"hostname": "x" * 254}, "hostname"),
    ({"description": ""}, "description"),
    ({"description": "a\x00b"}, "description"),
    ({"cause": None, "ticket": None}, "cause"),
    ({"ticket": "SD\n1"}, "ticket"),
    ({"configuration": None}, "configuration"),
    ({"configuration": "x" * 20001}, "configuration"),
    ({"category": "urgent"}, "category"),
    ({"risk": "extreme"}, "risk"),
    ({"category": "standard"}, "standardChangeId"),
    ({"standardChangeId": "not-an-id"}, "standardChangeId"),
    ({"ownerId": "not-an-id"}, "ownerId"),
    ({"ownerId": account("member@kirchberg.example")}, "ownerId"),
]


@pytest.mark.parametrize(("changed", "field"), BAD_FILINGS, ids=[f for _, f in BAD_FILINGS])
def test_a_bad_filing_is_refused_naming_its_field(
    client_for: ClientFor, demo_services: Services, changed: dict[str, Any], field: str
) -> None:
    marc = client_for(MEMBER)
    before = events_in_log(demo_services)
    refused = mutate(marc, "fileChange", filing(**changed))
    assert refused["field"] == field and refused["code"] in ("VALIDATION", "NOT_FOUND"), refused
    assert events_in_log(demo_services) == before


def test_bad_steps_are_refused_naming_their_field(client_for: ClientFor, demo_services: Services) -> None:
    marc, jonas = client_for(MEMBER), client_for(JONAS)
    filed = file_change(marc)
    before = events_in_log(demo_services)
    yesterday = (datetime.date(2027, 1, 4) - datetime.timedelta(days=1)).isoformat()
    for name, given, field in [
        ("scheduleChange", {"changeId": filed["id"], "scheduledFor": yesterday, "fallback": "Undo"}, "scheduledFor"),
        ("scheduleChange", {"changeId": filed["id"], "scheduledFor": TODAY, "fallback": " "}, "fallback"),
        ("scheduleChange", {"changeId": "x", "scheduledFor": TODAY, "fallback": "Undo"}, "changeId"),
        ("recordChangeExecution", {"changeId": filed["id"], "executedOn": "2027-01-05", "succeeded": True},
         "executedOn"),
        ("recordChangeExecution", {"changeId": filed["id"], "executedOn": TODAY, "succeeded": True}, "changeId"),
        ("consentToChange", {"changeId": filed["id"]}, "changeId"),
        ("approveChange", {"changeId": filed["id"]}, "changeId"),
    ]:  # fmt: skip
        refused = mutate(marc, name, given)
        assert refused["field"] == field, (name, refused)
    board = mutate(jonas, "nameChangeAdvisoryBoard", {"memberIds": [account("member@kirchberg.example")]}, RULES_SAVED)
    assert board["field"] == "memberIds"
    assert mutate(jonas, "defineStandardChange", {"title": "", "procedure": "x"}, RULES_SAVED)["field"] == "title"
    assert events_in_log(demo_services) == before
