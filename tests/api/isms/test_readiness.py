"""Certification readiness through the API: the member, its coach and the consultancy's admins read it, on its own
and on the cluster's members; another member of the cluster, a coach of another cluster and another consultancy
read nothing of it."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest

from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH, HARBOUR_ADMIN, HARBOUR_COACH
from tests.api.test_isolation_same_tenant import HARBOUR_MEMBER, SECOND_COACH, SECOND_MEMBER, Alpine, alpine
from tests.conftest import TEST_DAY
from tests.support.graphql_client import GraphQLClient

ClientFor = Callable[[str], GraphQLClient]
__all__ = ["alpine"]  # the fixture
MEMBER = "member@muller.example"
READINESS = """query($id: ID!) { readiness(organisationId: $id) { __typename
    ... on Readiness { organisationId organisationName percent met checks phases { phase status met checks }
        items { clause title phase status state { present approved current } missing reason link checks met } }
    ... on UserError { code field message } } }"""
ON_ORGANISATION = """query($id: ID!) { organisation(id: $id) { __typename
    ... on Organisation { name readiness { percent phases { phase status } } } } }"""
ON_CLUSTER = """query($id: ID!) { cluster(id: $id) { __typename ... on Cluster {
    members { organisation { id name readiness { percent phases { phase status } } } } } } }"""
OUTSIDERS = {
    "another member of the cluster": SECOND_MEMBER,
    "a coach of another cluster": SECOND_COACH,
    "an admin of another consultancy": HARBOUR_ADMIN,
    "a coach of another consultancy": HARBOUR_COACH,
    "a member of another consultancy": HARBOUR_MEMBER,
}


def readiness(client: GraphQLClient, organisation_id: str) -> dict[str, Any]:
    found: dict[str, Any] = client.data(READINESS, {"id": organisation_id})["readiness"]
    return found


@pytest.mark.parametrize("who", [MEMBER, ALPINE_COACH, ALPINE_ADMIN])
def test_the_member_its_coach_and_the_admins_read_the_demo_members_partial_readiness(
    client_for: ClientFor, alpine: Alpine, who: str
) -> None:
    found = readiness(client_for(who), alpine.muller)
    assert found["__typename"] == "Readiness" and found["organisationName"] == "Boulangerie Muller"
    items = {(i["clause"], i["title"]): i for i in found["items"]}
    assert len(found["items"]) == 15
    assert found["met"] == sum(i["met"] for i in found["items"]) and found["checks"] == sum(
        i["checks"] for i in found["items"]
    )
    assert found["percent"] == found["met"] * 100 // found["checks"]
    assert 0 < found["percent"] < 100, "the demo's bakery is on its way: partly ready"
    statuses = {i["status"] for i in found["items"]}
    assert {"met", "partly"} <= statuses
    assert {p["phase"] for p in found["phases"]} == {"plan", "do", "check", "act"}
    assert any(p["status"] == "in_progress" for p in found["phases"])
    scope = items[("4.3", "Scope of the ISMS")]
    assert scope["state"]["present"] is True and scope["link"] == f"/organisations/{alpine.muller}/context"
    soa = items[("6.1.3 d", "Statement of Applicability")]
    assert (soa["state"]["present"], soa["state"]["approved"]) == (True, True), "the demo approved a version"
    monitoring = items[("9.1", "Monitoring and measurement results")]
    assert monitoring["status"] == "partly", "the demo measured its metrics, none since its day"
    assert monitoring["missing"] == ["3 metrics overdue for measurement."]
    assert monitoring["link"] == f"/organisations/{alpine.muller}/metrics"
    assert monitoring["reason"] == " ".join(monitoring["missing"])
    for item in found["items"]:
        assert item["link"].startswith((f"/organisations/{alpine.muller}/", "/risk-method"))
        assert (item["status"] == "met") is (item["missing"] == [])


def test_the_cluster_page_shows_the_coach_each_members_readiness(client_for: ClientFor, alpine: Alpine) -> None:
    coach = client_for(ALPINE_COACH)
    members = coach.data(ON_CLUSTER, {"id": alpine.cluster_id})["cluster"]["members"]
    assert len(members) > 1
    for member in members:
        own = readiness(coach, member["organisation"]["id"])
        assert member["organisation"]["readiness"]["percent"] == own["percent"]
        assert member["organisation"]["readiness"]["phases"] == [
            {"phase": p["phase"], "status": p["status"]} for p in own["phases"]
        ]


def test_another_member_of_the_cluster_sees_only_its_own_readiness(client_for: ClientFor, alpine: Alpine) -> None:
    kirchberg = client_for(SECOND_MEMBER)
    members = kirchberg.data(ON_CLUSTER, {"id": alpine.cluster_id})["cluster"]["members"]
    assert [m["organisation"]["name"] for m in members] == ["Kirchberg Dental"]
    assert members[0]["organisation"]["readiness"] is not None
    assert kirchberg.data(ON_ORGANISATION, {"id": alpine.muller}) == kirchberg.data(
        ON_ORGANISATION, {"id": str(uuid.uuid4())}
    )


def test_a_coach_sees_the_readiness_of_its_own_clusters_members_only(client_for: ClientFor, alpine: Alpine) -> None:
    sam = client_for(SECOND_COACH)
    for organisation_id in alpine.second_members.values():
        assert readiness(sam, organisation_id)["__typename"] == "Readiness"
    claire = client_for(ALPINE_COACH)
    for organisation_id in alpine.second_members.values():
        assert readiness(claire, organisation_id)["__typename"] == "NotFoundError"


def test_an_organisation_awaiting_a_cluster_shows_a_coach_no_readiness(client_for: ClientFor, alpine: Alpine) -> None:
    seen = client_for(ALPINE_COACH).data(ON_ORGANISATION, {"id": alpine.candidate})["organisation"]
    assert seen["__typename"] != "Organisation" or seen["readiness"] is None
    assert readiness(client_for(ALPINE_COACH), alpine.candidate)["__typename"] == "NotFoundError"
    admin = client_for(ALPINE_ADMIN).data(ON_ORGANISATION, {"id": alpine.candidate})["organisation"]
    assert admin["readiness"]["percent"] < 10, "the admins see it, and nothing is recorded yet"


@pytest.mark.parametrize("who", OUTSIDERS)
def test_an_outsider_finds_the_readiness_as_of_a_random_id(client_for: ClientFor, alpine: Alpine, who: str) -> None:
    client = client_for(OUTSIDERS[who])
    seen = readiness(client, alpine.muller)
    assert seen == readiness(client, str(uuid.uuid4()))
    assert (seen["__typename"], seen["field"]) == ("NotFoundError", "organisationId")
    on_cluster = client.data(ON_CLUSTER, {"id": alpine.cluster_id})["cluster"]
    shown = [m["organisation"] for m in on_cluster.get("members", [])]
    assert all(m["readiness"] is None for m in shown if m["id"] == alpine.muller)


def test_a_malformed_id_names_its_field(client_for: ClientFor, alpine: Alpine) -> None:
    seen = readiness(client_for(MEMBER), "not-an-id")
    assert (seen["__typename"], seen["field"]) == ("ValidationError", "organisationId")


IDENTIFY = """mutation($input: IdentifyRiskInput!) { r: identifyRisk(input: $input) { __typename } }"""


def test_readiness_follows_the_work_in_the_registers(client_for: ClientFor, alpine: Alpine) -> None:
    """Kirchberg Dental has barely started: identifying its first risk makes the risk assessment results present,
    not yet approved (the risk is not assessed)."""
    kirchberg = client_for(SECOND_MEMBER)
    before = readiness(kirchberg, alpine.kirchberg)
    results = next(i for i in before["items"] if i["clause"] == "8.2")
    assert results["state"] == {"present": False, "approved": False, "current": False}
    owner = kirchberg.data("query($id: ID!) { riskOwners(organisationId: $id) { id } }", {"id": alpine.kirchberg})[
        "riskOwners"
    ][0]  # fmt: skip  (the demo's Dr Lena Weber, or the test's account)
    given = {"organisationId": alpine.kirchberg, "title": "Patient files leaked", "threat": "Theft",
             "vulnerability": "Unlocked cabinet", "ownerId": owner["id"]}  # fmt: skip
    assert kirchberg.data(IDENTIFY, {"input": given})["r"]["__typename"] == "RiskChange"
    after = readiness(kirchberg, alpine.kirchberg)
    results = next(i for i in after["items"] if i["clause"] == "8.2")
    assert results["state"] == {"present": True, "approved": False, "current": False}
    assert results["missing"][0] == "1 risk not assessed."
    assert after["met"] == before["met"] + 1


# The pages


def test_the_isms_page_shows_the_readiness_card(client_for: ClientFor, alpine: Alpine) -> None:
    member = client_for(MEMBER)
    found = readiness(member, alpine.muller)
    page = member.http.get(f"/organisations/{alpine.muller}/isms").text
    assert "Certification readiness" in page
    assert f"{found['percent']} % of the auditor's checks met" in page
    assert f'href="/organisations/{alpine.muller}/readiness"' in page
    for phase in ("Plan (4-6)", "Do (7-8)", "Check (9)", "Act (10)"):
        assert phase in page


def test_the_pre_audit_page_lists_every_item_by_clause_with_what_is_missing(
    client_for: ClientFor, alpine: Alpine
) -> None:
    member = client_for(MEMBER)
    found = readiness(member, alpine.muller)
    response = member.http.get(f"/organisations/{alpine.muller}/readiness")
    assert response.status_code == 200
    page = response.text
    assert "Certification readiness of Boulangerie Muller" in page and f"{found['percent']} % ready" in page
    for chapter in ("4 Context of the organisation", "6 Planning", "9 Performance evaluation", "10 Improvement"):
        assert chapter in page
    for item in found["items"]:
        assert f'<a href="{item["link"]}">{item["title"]}</a>' in page
        for sentence in item["missing"]:
            assert sentence.replace("'", "&#39;") in page
    assert "@media print" in member.http.get("/static/cordee.css").text


def test_the_pre_audit_page_is_not_found_for_another_member_of_the_cluster(
    client_for: ClientFor, alpine: Alpine
) -> None:
    assert client_for(SECOND_MEMBER).http.get(f"/organisations/{alpine.muller}/readiness").status_code == 404
    assert client_for(SECOND_COACH).http.get(f"/organisations/{alpine.muller}/readiness").status_code == 404
    assert client_for(MEMBER).http.get("/organisations/not-an-id/readiness").status_code == 404


def test_the_cluster_page_shows_readiness_to_the_coach_and_a_member_only_its_own(
    client_for: ClientFor, alpine: Alpine
) -> None:
    coach = client_for(ALPINE_COACH)
    page = coach.http.get(f"/clusters/{alpine.cluster_id}").text
    for organisation_id in (alpine.muller, alpine.kirchberg):
        percent = readiness(coach, organisation_id)["percent"]
        assert f'<a href="/organisations/{organisation_id}/readiness">Readiness {percent} %</a>' in page
    theirs = client_for(SECOND_MEMBER).http.get(f"/clusters/{alpine.cluster_id}").text
    assert f"/organisations/{alpine.muller}/readiness" not in theirs
    assert f"/organisations/{alpine.kirchberg}/readiness" in theirs


def test_a_risk_review_recorded_late_for_the_record_leaves_the_latest_one_current(
    client_for: ClientFor, alpine: Alpine
) -> None:
    member = client_for(MEMBER)
    hold = """mutation($input: HoldRiskReviewInput!) { holdRiskReview(input: $input) { __typename
        ... on UserError { field message } } }"""

    def results() -> dict[str, Any]:
        items = readiness(member, alpine.muller)["items"]
        return next(i for i in items if i["clause"] == "8.2")["state"]

    for on in (TEST_DAY, TEST_DAY.replace(year=TEST_DAY.year - 2)):  # today, then one long before, for the record
        held = member.data(hold, {"input": {"organisationId": alpine.muller, "heldOn": on.isoformat()}})
        assert held["holdRiskReview"]["__typename"] == "RiskReviewHeld"
    assert results()["current"] is True
