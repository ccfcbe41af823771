"""The members' anonymised comparison: median and range only with k contributors, the viewer's own figures always,
the cohort rule against differencing, and nobody outside the cluster learning that it exists."""

from __future__ import annotations

import statistics
import uuid
from collections.abc import Callable
from datetime import date

import pytest

from backend.auth.passwords import hash_password
from backend.demo import DEMO_PASSWORD
from backend.services import Services
from domain.clusters.commands import WithdrawMember
from domain.shared.aggregate import SYSTEM_ACTOR
from domain.tenancy.account import Role
from domain.tenancy.commands import OpenAccount
from domain.tenancy.consultancy import consultancy_id
from tests.api.comparison.support import (
    ALPINE_MEMBERS,
    ALPINE_NAMES,
    ANA,
    GIVE,
    LENA,
    MULLER,
    THRESHOLD,
    WITHDRAW,
    by_key,
    comparison,
    consent,
)
from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH, HARBOUR_ADMIN, events_in_log
from tests.api.programme_support import demo_cluster, forming_cluster
from tests.conftest import DEMO_DAY
from tests.support.graphql_client import GraphQLClient

ClientFor = Callable[[str], GraphQLClient]
REGISTER_FIGURES = ("readiness", "risks_treated", "documents_approved", "coaching_used", "modules_attended")


def test_with_k_contributors_each_member_sees_its_own_figures_beside_the_median_and_range_of_all(
    client_for: ClientFor,
) -> None:
    members = [client_for(email) for email in ALPINE_MEMBERS]
    cluster = demo_cluster(members[0])["id"]
    answers = [comparison(member, cluster) for member in members]
    assert {a["__typename"] for a in answers} == {"ClusterComparison"}
    assert {(a["contributors"], a["required"], a["viewerConsents"]) for a in answers} == {(3, 3, True)}
    own = [{key: f["own"] for key, f in by_key(a).items()} for a in answers]
    for key, figure in by_key(answers[0]).items():
        values = [o[key] for o in own if o[key] is not None]
        if len(values) < 3:
            assert figure["median"] is None, key  # an area not every contributor was assessed on
            continue
        assert figure["median"] == round(statistics.median(values), 1), key
        assert (figure["minimum"], figure["maximum"]) == (min(values), max(values)), key
    assert all(by_key(answers[0])[key]["median"] is not None for key in REGISTER_FIGURES)
    assert by_key(answers[0])["clause 4"]["median"] is not None
    assert len({tuple(sorted(o.items())) for o in own}) == 3  # each member reads its own figures
    for answer in answers:
        assert not any(name in str(answer) for name in ALPINE_NAMES)
    assert answers[0]["viewerCan"] == {"giveConsent": False, "withdrawConsent": True}


def test_k_minus_one_contributors_show_own_figures_and_say_why_there_is_no_comparison(
    client_for: ClientFor, demo_services: Services
) -> None:
    lena = client_for(LENA)
    cluster = demo_cluster(lena)
    withdrawn = lena.data(
        WITHDRAW, {"input": {"clusterId": cluster["id"], "organisationId": cluster["member_ids"]["Kirchberg Dental"]}}
    )["r"]
    assert withdrawn == {"__typename": "ComparisonConsentChange", "consenting": False}
    for email in (MULLER, LENA):
        held = comparison(client_for(email), cluster["id"])
        assert held["__typename"] == "NotEnoughMembersError"
        assert (held["code"], held["reason"], held["contributors"], held["required"]) == (
            "NOT_ENOUGH_MEMBERS", "TOO_FEW", 2, 3
        )  # fmt: skip
        assert "Fewer than 3" in held["message"]
        figures = by_key(held)
        assert all(f["median"] is None and f["minimum"] is None and f["maximum"] is None for f in figures.values())
        assert all(figures[key]["own"] is not None for key in REGISTER_FIGURES)
    assert comparison(lena, cluster["id"])["viewerConsents"] is False
    again = lena.data(
        GIVE, {"input": {"clusterId": cluster["id"], "organisationId": cluster["member_ids"]["Kirchberg Dental"]}}
    )["r"]
    assert again["consenting"] is True
    assert comparison(lena, cluster["id"])["__typename"] == "ClusterComparison"


def test_the_coach_and_the_admins_see_the_aggregates_and_no_own_figures(client_for: ClientFor) -> None:
    for email in (ALPINE_COACH, ALPINE_ADMIN):
        client = client_for(email)
        found = comparison(client, demo_cluster(client)["id"])
        assert found["__typename"] == "ClusterComparison" and found["viewerConsents"] is None
        assert all(f["own"] is None for f in found["figures"])
        assert found["viewerCan"] == {"giveConsent": False, "withdrawConsent": False}


def test_one_member_joining_or_leaving_is_published_only_when_k_of_the_last_comparison_remain(
    client_for: ClientFor, demo_services: Services
) -> None:
    admin = client_for(ALPINE_ADMIN)
    cluster = forming_cluster(admin, "Comparison cohort", ("North", "South", "East", "West", "Centre"))
    cid, ids = cluster["id"], cluster["member_ids"]

    def state() -> tuple[str, int, int, str | None]:
        found = comparison(admin, cid)
        return found["__typename"], found["contributors"], found["required"], found.get("reason")

    for name in ("North", "South"):
        consent(demo_services, cid, ids[name])
    assert state() == ("NotEnoughMembersError", 2, 3, "TOO_FEW")
    consent(demo_services, cid, ids["East"])
    assert state() == ("ClusterComparison", 3, 3, None)
    assert admin.data(THRESHOLD, {"k": 4})["r"] == {"__typename": "ComparisonThresholdChange", "k": 4}
    assert state() == ("NotEnoughMembersError", 3, 4, "TOO_FEW")  # k raised above the published cohort
    consent(demo_services, cid, ids["West"])
    assert state() == ("NotEnoughMembersError", 4, 4, "ONE_MEMBER_CHANGED")  # only 3 of the last 3 remain
    consent(demo_services, cid, ids["Centre"])
    assert state() == ("ClusterComparison", 5, 4, None)  # two joined since: no single member's difference
    consent(demo_services, cid, ids["Centre"], given=False)
    assert state() == ("ClusterComparison", 4, 4, None)  # one left, and 4 of the last 5 remain


def test_bad_input_is_refused_naming_the_field_and_writes_nothing(
    client_for: ClientFor, demo_services: Services
) -> None:
    muller = client_for(MULLER)
    cluster = demo_cluster(muller)
    own = cluster["member_ids"]["Boulangerie Muller"]
    admin = client_for(ALPINE_ADMIN)
    before = events_in_log(demo_services)
    cases = [
        (muller, GIVE, {"input": {"clusterId": cluster["id"], "organisationId": own}}, "VALIDATION", "organisationId"),
        (muller, GIVE, {"input": {"clusterId": "not-an-id", "organisationId": own}}, "VALIDATION", "clusterId"),
        (muller, GIVE, {"input": {"clusterId": cluster["id"], "organisationId": "x"}}, "VALIDATION", "organisationId"),
        (muller, GIVE, {"input": {"clusterId": own, "organisationId": own}}, "NOT_FOUND", "clusterId"),
        (admin, THRESHOLD, {"k": 2}, "VALIDATION", "k"),
        (admin, THRESHOLD, {"k": 21}, "VALIDATION", "k"),
    ]
    for client, document, variables, code, field in cases:
        refused = client.data(document, variables)["r"]
        assert (refused["code"], refused["field"]) == (code, field), (variables, refused)
    withdraw_twice = {"input": {"clusterId": cluster["id"], "organisationId": own}}
    assert muller.data(WITHDRAW, withdraw_twice)["r"]["__typename"] == "ComparisonConsentChange"
    after_one = events_in_log(demo_services)
    assert after_one == before + 1
    refused = muller.data(WITHDRAW, withdraw_twice)["r"]
    assert (refused["code"], refused["field"]) == ("VALIDATION", "organisationId")
    assert events_in_log(demo_services) == after_one


@pytest.mark.parametrize("email", [LENA, "lea@muller.example", ALPINE_COACH, ALPINE_ADMIN, HARBOUR_ADMIN])
def test_nobody_consents_for_an_organisation_but_its_own_isms_manager(
    client_for: ClientFor, demo_services: Services, email: str
) -> None:
    muller = client_for(MULLER)
    cluster = demo_cluster(muller)
    before = events_in_log(demo_services)
    refused = client_for(email).data(
        WITHDRAW, {"input": {"clusterId": cluster["id"], "organisationId": cluster["member_ids"]["Boulangerie Muller"]}}
    )["r"]
    assert refused["code"] in {"FORBIDDEN", "NOT_FOUND"}, refused
    assert events_in_log(demo_services) == before


def test_outside_the_cluster_the_comparison_does_not_exist(
    client_for: ClientFor, demo_services: Services, days_pass: Callable[[date], None]
) -> None:
    cluster = demo_cluster(client_for(MULLER))["id"]
    demo_services.execute(
        OpenAccount(
            consultancy_id("alpine"), SYSTEM_ACTOR, "other@alpine.example", "Otto Other", hash_password(DEMO_PASSWORD),
            (Role.COACH,), None,
        )
    )  # fmt: skip
    missing = comparison(client_for(HARBOUR_ADMIN), "00000000-0000-4000-8000-000000000000")
    outsiders = [client_for(HARBOUR_ADMIN), client_for("other@alpine.example")]
    days_pass(date(2026, 3, 10))  # inside the demo auditor's month
    outsiders.append(client_for("auditor@certify.example"))
    for outsider in outsiders:
        found = comparison(outsider, cluster)
        assert (found["__typename"], found["code"], found["field"], found["message"]) == (
            missing["__typename"], missing["code"], missing["field"], missing["message"]
        )  # fmt: skip


def test_two_consenting_members_of_three_see_no_comparison_in_harbour(client_for: ClientFor) -> None:
    quinn = client_for("member@quayside.example")
    found = comparison(quinn, demo_cluster(quinn)["id"])
    assert (found["__typename"], found["contributors"], found["required"]) == ("NotEnoughMembersError", 2, 3)
    assert ANA not in str(found)


def test_a_member_that_leaves_the_cluster_stops_contributing_and_consents_no_more(
    client_for: ClientFor, demo_services: Services
) -> None:
    ana = client_for(ANA)
    cluster = demo_cluster(ana)
    moselle = cluster["member_ids"]["Moselle Logistics"]
    demo_services.execute(
        WithdrawMember(
            consultancy_id("alpine"), SYSTEM_ACTOR, uuid.UUID(cluster["id"]), uuid.UUID(moselle), DEMO_DAY, "Sold"
        )
    )
    found = comparison(ana, cluster["id"])
    assert (found["__typename"], found["reason"]) == ("NotEnoughMembersError", "LEFT_THE_CLUSTER")
    assert found["viewerConsents"] is False and found["viewerCan"] == {"giveConsent": False, "withdrawConsent": False}
    assert by_key(found)["readiness"]["own"] is not None
    refused = ana.data(WITHDRAW, {"input": {"clusterId": cluster["id"], "organisationId": moselle}})["r"]
    assert (refused["code"], refused["field"]) == ("VALIDATION", "organisationId")
