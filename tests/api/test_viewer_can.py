"""What the viewer may do, object by object: each flag is true exactly when the command would be accepted."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from backend.services import Services
from domain.tenancy.account import Role
from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH, HARBOUR_ADMIN
from tests.api.programme_support import cluster_view, demo_cluster, forming_cluster, mutate
from tests.api.test_isolation_same_tenant import SECOND_MEMBER, open_account
from tests.support.graphql_client import GraphQLClient

ClientFor = Callable[[str], GraphQLClient]

ALPINE_MEMBER = "member@muller.example"
OTHER_MEMBER = SECOND_MEMBER
"""A member account of Kirchberg Dental, another member of the demo cluster."""

VIEWER = "{ viewer { can { registerOrganisation changeOrganisationDetails formCluster changeSettings } } }"
CLUSTER_CAN = """viewerCan { admitOrganisation acceptPlan startCluster closeCluster declareUnavailability
    logCoachingHalfDay moveSession }"""
MEMBERS = """members { organisation { id name }
    viewerCan { assessGap logCoachingHalfDay raiseCoachingCeiling recordOutcome withdraw } }"""
SESSIONS = "sessions { key status organisationId viewerCan { hold move cancel shareFeedback } }"
FEEDBACK = "feedback { id mine status viewerCan { withdraw hide } }"


def _cluster(client: GraphQLClient, cluster_id: str, selection: str) -> dict[str, Any]:
    return cluster_view(client, cluster_id, selection)


def _members(client: GraphQLClient, cluster_id: str) -> dict[str, dict[str, Any]]:
    members = _cluster(client, cluster_id, MEMBERS)["members"]
    return {m["organisation"]["name"]: m["viewerCan"] for m in members}


def test_the_viewer_may_change_the_consultancy_by_role(client_for: ClientFor) -> None:
    everything = {
        "registerOrganisation": True,
        "changeOrganisationDetails": True,
        "formCluster": True,
        "changeSettings": True,
    }
    nothing = dict.fromkeys(everything, False)
    assert client_for(ALPINE_ADMIN).data(VIEWER)["viewer"]["can"] == everything
    assert client_for(ALPINE_COACH).data(VIEWER)["viewer"]["can"] == nothing
    assert client_for(ALPINE_MEMBER).data(VIEWER)["viewer"]["can"] == nothing
    refused = mutate(
        client_for(ALPINE_COACH),
        "registerOrganisation",
        "RegisterOrganisationInput",
        {"name": "Nope", "sector": "Retail", "employeeCount": 3},
    )
    assert refused["code"] == "FORBIDDEN"


def test_a_running_cluster_says_who_may_close_it_and_declare_unavailability(client_for: ClientFor) -> None:
    admin, coach, member = client_for(ALPINE_ADMIN), client_for(ALPINE_COACH), client_for(ALPINE_MEMBER)
    cluster_id = demo_cluster(admin)["id"]
    for staff in (admin, coach):
        flags = _cluster(staff, cluster_id, CLUSTER_CAN)["viewerCan"]
        assert flags == {
            "admitOrganisation": False,
            "acceptPlan": False,
            "startCluster": False,
            "closeCluster": True,
            "declareUnavailability": True,
            "logCoachingHalfDay": True,
            "moveSession": True,
        }
    flags = _cluster(member, cluster_id, CLUSTER_CAN)["viewerCan"]
    assert flags["declareUnavailability"] and not flags["closeCluster"] and not flags["logCoachingHalfDay"]
    refused = mutate(member, "closeCluster", "CloseClusterInput", {"clusterId": cluster_id, "closedOn": "2026-12-01"})
    assert refused["code"] == "FORBIDDEN"
    refused = mutate(admin, "startCluster", "StartClusterInput", {"clusterId": cluster_id, "startedOn": "2026-12-01"})
    assert refused["__typename"] != "ClusterChange"


def test_a_forming_cluster_admits_and_accepts_a_plan_but_does_not_start(client_for: ClientFor) -> None:
    admin = client_for(ALPINE_ADMIN)
    cluster = forming_cluster(admin, "Viewer flags", ("Flag One", "Flag Two"))
    flags = _cluster(admin, cluster["id"], CLUSTER_CAN)["viewerCan"]
    assert flags["admitOrganisation"] and flags["acceptPlan"]
    assert not flags["startCluster"] and not flags["closeCluster"] and not flags["logCoachingHalfDay"]
    refused = mutate(
        admin, "startCluster", "StartClusterInput", {"clusterId": cluster["id"], "startedOn": "2027-01-04"}
    )
    assert refused["__typename"] != "ClusterChange"
    member = _members(admin, cluster["id"])["Flag One"]
    assert member["logCoachingHalfDay"] is False and member["recordOutcome"] is None
    coaching = {
        "clusterId": cluster["id"],
        "organisationId": cluster["member_ids"]["Flag One"],
        "heldOn": "2027-01-05",
        "workDone": "Scope",
    }
    assert mutate(admin, "logCoachingHalfDay", "LogCoachingHalfDayInput", coaching)["__typename"] != "ClusterChange"
    assert member["withdraw"] is True
    withdrawn = mutate(
        admin,
        "withdrawMember",
        "WithdrawMemberInput",
        {
            "clusterId": cluster["id"],
            "organisationId": cluster["member_ids"]["Flag One"],
            "withdrawnOn": "2027-01-05",
            "reason": "Moved away",
        },
    )
    assert withdrawn["__typename"] == "ClusterChange"
    assert _members(admin, cluster["id"])["Flag One"]["withdraw"] is False


@pytest.fixture
def other_member(client_for: ClientFor, demo_services: Services) -> None:
    kirchberg = demo_cluster(client_for(ALPINE_ADMIN))["member_ids"]["Kirchberg Dental"]
    open_account(demo_services, OTHER_MEMBER, "Dr Lena Weber", Role.MEMBER, kirchberg)


@pytest.mark.usefixtures("other_member")
def test_member_flags_follow_the_role_and_the_organisation(client_for: ClientFor) -> None:
    admin, coach = client_for(ALPINE_ADMIN), client_for(ALPINE_COACH)
    cluster_id = demo_cluster(admin)["id"]
    muller = _members(admin, cluster_id)["Boulangerie Muller"]
    assert muller == {
        "assessGap": True,
        "logCoachingHalfDay": True,
        "raiseCoachingCeiling": True,
        "recordOutcome": "isms_established",
        "withdraw": True,
    }
    assert _members(coach, cluster_id)["Boulangerie Muller"]["raiseCoachingCeiling"] is False
    own = _members(client_for(ALPINE_MEMBER), cluster_id)
    assert list(own) == ["Boulangerie Muller"]
    assert not any(value for value in own["Boulangerie Muller"].values())
    assert list(_members(client_for(OTHER_MEMBER), cluster_id)) == ["Kirchberg Dental"]


@pytest.mark.usefixtures("other_member")
def test_sessions_and_feedback_say_who_may_act_on_them(client_for: ClientFor) -> None:
    admin, coach, member = client_for(ALPINE_ADMIN), client_for(ALPINE_COACH), client_for(ALPINE_MEMBER)
    cluster_id = demo_cluster(admin)["id"]
    sessions = {s["key"]: s for s in _cluster(member, cluster_id, SESSIONS)["sessions"]}
    held = next(s for s in sessions.values() if s["status"] == "held" and s["organisationId"] is None)
    own = next(s for s in sessions.values() if s["status"] == "held" and s["organisationId"] is not None)
    assert held["viewerCan"] == {"hold": False, "move": False, "cancel": False, "shareFeedback": True}
    assert own["viewerCan"]["shareFeedback"] is False
    share = {"clusterId": cluster_id, "sessionKey": own["key"], "kind": "worked", "text": "Useful"}
    assert mutate(member, "shareFeedback", "ShareFeedbackInput", share)["__typename"] != "ClusterChange"
    share["sessionKey"] = held["key"]
    assert mutate(member, "shareFeedback", "ShareFeedbackInput", share)["__typename"] == "ClusterChange"

    staff_sessions = _cluster(coach, cluster_id, SESSIONS)["sessions"]
    scheduled = next(s for s in staff_sessions if s["status"] == "scheduled")
    assert scheduled["viewerCan"]["move"] and scheduled["viewerCan"]["cancel"]
    assert not scheduled["viewerCan"]["shareFeedback"]

    mine = [item for item in _cluster(member, cluster_id, FEEDBACK)["feedback"] if item["mine"]]
    assert mine and mine[-1]["viewerCan"] == {"withdraw": True, "hide": False}
    item_id = mine[-1]["id"]
    others = {item["id"]: item for item in _cluster(client_for(OTHER_MEMBER), cluster_id, FEEDBACK)["feedback"]}
    assert others[item_id]["viewerCan"] == {"withdraw": False, "hide": False}
    as_coach = {item["id"]: item for item in _cluster(coach, cluster_id, FEEDBACK)["feedback"]}
    assert as_coach[item_id]["viewerCan"] == {"withdraw": False, "hide": True}
    hide = {"clusterId": cluster_id, "itemId": item_id, "reason": "Off topic"}
    assert mutate(coach, "hideFeedback", "HideFeedbackInput", hide)["__typename"] == "ClusterChange"
    as_coach = {item["id"]: item for item in _cluster(coach, cluster_id, FEEDBACK)["feedback"]}
    assert as_coach[item_id]["viewerCan"]["hide"] is False
    assert mutate(coach, "hideFeedback", "HideFeedbackInput", hide)["__typename"] != "ClusterChange"


def test_another_consultancy_sees_no_flags_of_this_one(client_for: ClientFor) -> None:
    cluster_id = demo_cluster(client_for(ALPINE_ADMIN))["id"]
    outsider = client_for(HARBOUR_ADMIN)
    assert outsider.data(VIEWER)["viewer"]["can"]["formCluster"] is True
    answer = _cluster(outsider, cluster_id, CLUSTER_CAN)
    assert answer == {"__typename": "NotFoundError", "code": "NOT_FOUND", "field": "id"}
