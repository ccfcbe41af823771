"""The nonconformity register through the API: the demo's nonconformity raised from an audit finding, with one
action overdue; a closure refused until each action is verified effective by someone other than its owner; bad
input refused with a typed error naming the field, and nothing written."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from backend.services import Services
from tests.api.audits.support import REFUSAL, viewer_id
from tests.api.conftest import ALPINE_COACH, events_in_log
from tests.api.test_isolation_same_tenant import ALPINE_MEMBER, Alpine, alpine
from tests.conftest import DEMO_DAY
from tests.support.graphql_client import GraphQLClient

ClientFor = Callable[[str], GraphQLClient]
__all__ = ["alpine"]
ACTION = """id description ownerName dueOn completedOn effective verifiedBy overdue viewerCan { complete verify }"""
NC = f"""id title severity sourceKind sourceReference status rootCause correction actionCount overdue
    actions {{ {ACTION} }} history {{ action details actedBy }} viewerCan {{ analyse planAction close }}"""
LIST = f"""query($id: ID!, $overdue: Boolean, $order: NonconformityOrder, $after: String, $first: Int,
    $severity: String) {{ nonconformities(organisationId: $id, overdue: $overdue, orderBy: $order, after: $after,
    first: $first, severity: $severity) {{ totalCount pageInfo {{ hasNextPage endCursor }}
    edges {{ node {{ {NC} }} }} viewerCan {{ raise }} }} }}"""


def ncs(client: GraphQLClient, organisation: str, **given: Any) -> dict[str, Any]:
    result: dict[str, Any] = client.data(LIST, {"id": organisation, **given})["nonconformities"]
    return result


def mutate(client: GraphQLClient, name: str, given: dict[str, Any]) -> dict[str, Any]:
    input_type = name[0].upper() + name[1:] + "Input"
    document = f"""mutation($input: {input_type}!) {{ r: {name}(input: $input) {{ {REFUSAL}
        ... on NonconformityChange {{ nonconformity {{ {NC} }} }} }} }}"""
    result: dict[str, Any] = client.data(document, {"input": given})["r"]
    return result


def test_the_demo_nonconformity_came_from_the_audit_and_has_an_overdue_action(
    client_for: ClientFor, alpine: Alpine, days_pass: Callable[[date], None]
) -> None:
    days_pass(DEMO_DAY)
    member = client_for(ALPINE_MEMBER)
    found = ncs(member, alpine.muller)
    [nc] = [edge["node"] for edge in found["edges"]]
    assert (nc["sourceKind"], nc["severity"], nc["status"]) == ("audit", "minor", "analysed")
    assert nc["overdue"] and [a["overdue"] for a in nc["actions"]] == [True, False]
    assert nc["actions"][0]["ownerName"] == "Marc Muller"
    assert nc["viewerCan"] == {"analyse": True, "planAction": True, "close": False}
    assert found["viewerCan"] == {"raise": True}
    assert ncs(member, alpine.muller, overdue=True)["totalCount"] == 1
    assert ncs(member, alpine.muller, severity="major")["totalCount"] == 0


def test_closure_waits_for_an_effectiveness_verified_by_someone_other_than_the_owner(
    client_for: ClientFor, demo_services: Services, alpine: Alpine
) -> None:
    member, coach = client_for(ALPINE_MEMBER), client_for(ALPINE_COACH)
    marc = viewer_id(member)
    given = {"organisationId": alpine.muller, "title": "Restore never tested", "description": "No restore test",
             "severity": "minor", "sourceKind": "incident", "sourceReference": "INC-7"}  # fmt: skip
    nc = mutate(member, "raiseNonconformity", given)["nonconformity"]
    assert nc["sourceReference"] == "INC-7"
    ids = {"nonconformityId": nc["id"]}
    mutate(member, "analyseNonconformity", ids | {"rootCause": "Nobody asked for one"})
    planned = mutate(member, "planCorrectiveAction", ids | {"description": "Test a restore", "ownerId": marc,
                                                            "dueOn": "2026-03-20"})  # fmt: skip
    [action] = planned["nonconformity"]["actions"]
    step = ids | {"actionId": action["id"]}
    mutate(member, "completeCorrectiveAction", step | {"completedOn": "2026-03-02"})
    before = events_in_log(demo_services)
    own = mutate(member, "verifyActionEffectiveness", step | {"effective": True, "evidence": "I did it"})
    assert (own["code"], own["field"]) == ("VALIDATION", "actionId"), own
    early = mutate(member, "closeNonconformity", ids)
    assert (early["code"], early["field"]) == ("VALIDATION", "nonconformityId")
    assert events_in_log(demo_services) == before
    seen_by_coach = coach.data(
        "query($id: ID!) { nonconformity(id: $id) { ... on Nonconformity { actions { viewerCan { verify } } } } }",
        {"id": nc["id"]},
    )
    assert seen_by_coach["nonconformity"]["actions"][0]["viewerCan"]["verify"]
    verified = mutate(coach, "verifyActionEffectiveness", step | {"effective": True, "evidence": "Restore log"})
    assert verified["nonconformity"]["viewerCan"]["close"]
    closed = mutate(member, "closeNonconformity", ids | {"note": "Done"})["nonconformity"]
    assert closed["status"] == "closed" and closed["history"][-1]["action"] == "closed"


@pytest.mark.parametrize(
    ("change", "field"),
    [({"severity": "huge"}, "severity"), ({"sourceKind": "rumour"}, "sourceKind"), ({"title": ""}, "title"),
     ({"title": "a\nb"}, "title"), ({"description": "x" * 4001}, "description"),
     ({"sourceReference": "x" * 101}, "sourceReference"), ({"organisationId": "nope"}, "organisationId")],
)  # fmt: skip
def test_a_bad_nonconformity_is_refused_naming_the_field_and_writes_nothing(
    client_for: ClientFor, demo_services: Services, alpine: Alpine, change: dict[str, Any], field: str
) -> None:
    member = client_for(ALPINE_MEMBER)
    given = {"organisationId": alpine.muller, "title": "T", "description": "D", "severity": "minor",
             "sourceKind": "other"}  # fmt: skip
    before = events_in_log(demo_services)
    refused = mutate(member, "raiseNonconformity", given | change)
    assert refused["field"] == field, refused
    assert events_in_log(demo_services) == before


@pytest.mark.parametrize(
    ("change", "field"),
    [({"ownerId": "nope"}, "ownerId"), ({"ownerId": "RANDOM"}, "ownerId"), ({"dueOn": "1999-01-01"}, "dueOn"),
     ({"description": " "}, "description"), ({"nonconformityId": "RANDOM"}, "nonconformityId")],
)  # fmt: skip
def test_a_bad_corrective_action_is_refused_naming_the_field_and_writes_nothing(
    client_for: ClientFor, demo_services: Services, alpine: Alpine, change: dict[str, Any], field: str
) -> None:
    member = client_for(ALPINE_MEMBER)
    [nc] = [edge["node"] for edge in ncs(member, alpine.muller)["edges"]]
    given = {"nonconformityId": nc["id"], "description": "D", "ownerId": viewer_id(member), "dueOn": "2026-04-01"}
    given |= {key: str(uuid.uuid4()) if value == "RANDOM" else value for key, value in change.items()}
    before = events_in_log(demo_services)
    refused = mutate(member, "planCorrectiveAction", given)
    assert refused["field"] == field, refused
    assert events_in_log(demo_services) == before


def test_the_register_pages_by_keyset_cursor(
    client_for: ClientFor, alpine: Alpine, days_pass: Callable[[date], None]
) -> None:
    days_pass(DEMO_DAY)
    member = client_for(ALPINE_MEMBER)
    for title in ("B second", "A first", "C third"):
        mutate(member, "raiseNonconformity", {"organisationId": alpine.muller, "title": title, "description": "D",
                                              "severity": "minor", "sourceKind": "review"})  # fmt: skip
    first = ncs(member, alpine.muller, first=2)
    assert [e["node"]["title"] for e in first["edges"]] == ["A first", "B second"]
    rest = ncs(member, alpine.muller, first=2, after=first["pageInfo"]["endCursor"])
    assert [e["node"]["title"] for e in rest["edges"]] == ["C third", "Leavers keep their web shop accounts"]
    by_due = ncs(member, alpine.muller, order="DUE", first=1)
    assert by_due["edges"][0]["node"]["overdue"]
    wrong_order = member.execute(LIST, {"id": alpine.muller, "after": first["pageInfo"]["endCursor"], "order": "DUE"})
    assert wrong_order["errors"][0]["extensions"] == {"code": "VALIDATION", "field": "after"}
