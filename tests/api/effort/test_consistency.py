"""A member sees the effort figures its coach sees for its organisation and for the cluster, or the page says why
it does not: the other members' rows stay theirs, and a cluster under three members keeps its totals from members.
"""

from __future__ import annotations

import re
from typing import Any

from backend.services import Services
from domain.tenancy.account import Role
from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH
from tests.api.page_support import MEMBER, ClientFor, demo_cluster, forming_cluster
from tests.api.test_isolation_same_tenant import open_account
from tests.support.graphql_client import GraphQLClient

FIGURES = """query($id: ID!, $org: ID!) { cluster(id: $id) { ... on Cluster {
    effort { members { organisationName gapAnalysisDays trainingDaysAttended coachingDays totalDays }
        memberCount totalsWithheld trainingDaysHeld consultancyDays daysPerOrganisation
        singleOrganisationBaselineDays shareOfBaseline }
    member(organisationId: $org) { coachingHalfDaysUsed coachingHalfDaysCeiling } } } }"""
TOTALS = (
    "memberCount",
    "trainingDaysHeld",
    "consultancyDays",
    "daysPerOrganisation",
    "singleOrganisationBaselineDays",
    "shareOfBaseline",
)


def figures(client: GraphQLClient, cluster_id: str, organisation_id: str) -> dict[str, Any]:
    cluster: dict[str, Any] = client.data(FIGURES, {"id": cluster_id, "org": organisation_id})["cluster"]
    return cluster


def facts(html: str) -> dict[str, str]:
    """The figures at the top of the effort page, by their label."""
    return dict(re.findall(r"<div><dt>([^<]+)</dt><dd>([^<]+)</dd></div>", html))


def row_of(html: str, name: str) -> str:
    found = re.search(rf'<tr><th scope="row">{re.escape(name)}</th>.*?</tr>', html)
    assert found is not None, name
    return found.group(0)


def test_a_member_sees_its_coachs_figures_for_its_organisation_and_the_cluster(client_for: ClientFor) -> None:
    coach, member = client_for(ALPINE_COACH), client_for(MEMBER)
    cluster_id, members = demo_cluster(coach)
    muller = members["Boulangerie Muller"]
    seen_by_coach, seen_by_member = figures(coach, cluster_id, muller), figures(member, cluster_id, muller)
    [coach_row] = [m for m in seen_by_coach["effort"]["members"] if m["organisationName"] == "Boulangerie Muller"]
    assert seen_by_member["effort"]["members"] == [coach_row]
    for total in TOTALS:
        assert seen_by_member["effort"][total] == seen_by_coach["effort"][total], total
    assert seen_by_member["effort"]["daysPerOrganisation"] is not None
    assert seen_by_member["member"] == seen_by_coach["member"]
    assert seen_by_member["member"]["coachingHalfDaysUsed"] == 2 * coach_row["coachingDays"]

    coach_page = coach.http.get(f"/clusters/{cluster_id}/effort").text
    member_page = member.http.get(f"/clusters/{cluster_id}/effort").text
    assert facts(member_page) == facts(coach_page)
    assert row_of(member_page, "Boulangerie Muller") == row_of(coach_page, "Boulangerie Muller")
    assert "the cluster's other 2 members are not named" in member_page
    assert "they are the figures your coach sees" in member_page
    assert 'id="effort-view"' not in coach_page


def test_a_member_of_a_cluster_under_three_members_is_told_why_it_sees_no_totals(
    client_for: ClientFor, demo_services: Services
) -> None:
    admin = client_for(ALPINE_ADMIN)
    cluster_id = forming_cluster(admin, "Atelier Nord", "Atelier Sud")
    members = {
        m["organisation"]["name"]: m["organisation"]["id"]
        for m in admin.data(
            "query($id: ID!) { cluster(id: $id) { ... on Cluster { members { organisation { id name } } } } }",
            {"id": cluster_id},
        )["cluster"]["members"]
    }
    open_account(demo_services, "member@nord.example", "Nina Nord", Role.MEMBER, members["Atelier Nord"])
    member = client_for("member@nord.example")
    seen_by_member = figures(member, cluster_id, members["Atelier Nord"])["effort"]
    seen_by_admin = figures(admin, cluster_id, members["Atelier Nord"])["effort"]
    assert seen_by_member["totalsWithheld"] and not seen_by_admin["totalsWithheld"]
    assert seen_by_member["consultancyDays"] is seen_by_member["daysPerOrganisation"] is None
    assert seen_by_admin["consultancyDays"] is not None
    assert [m["organisationName"] for m in seen_by_member["members"]] == ["Atelier Nord"]
    page = member.http.get(f"/clusters/{cluster_id}/effort").text
    assert "shown to members only when the cluster has at least three members" in page
    assert "Atelier Sud" not in page
    assert "Atelier Sud" not in member.http.get(f"/clusters/{cluster_id}/effort.csv").content.decode("utf-8-sig")
