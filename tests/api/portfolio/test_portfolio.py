"""The consultancy's portfolio: an admin sees every cluster, a coach the clusters they lead, nobody else anything; its
effort figures are the effort report's, and across all clusters the same rule over every member."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from backend.services import Services
from domain.tenancy.account import Role
from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH, HARBOUR_ADMIN, HARBOUR_COACH
from tests.api.programme_support import CRITERIA, mutate
from tests.api.test_isolation_same_tenant import FORM, open_account, register
from tests.support.graphql_client import GraphQLClient

ClientFor = Callable[[str], GraphQLClient]
SECOND_COACH = "second@alpine.example"
INSIDE_THE_AUDITORS_WINDOW = date(2026, 3, 10)
PORTFOLIO = """query($first: Int! = 20, $after: String, $status: String) {
  portfolio(first: $first, after: $after, status: $status) { __typename
    ... on Portfolio {
      edges { cursor node { id name status coachName memberCount
        members { organisationName active stage readinessPercent coachingHalfDaysUsed coachingHalfDaysCeiling outcome
          effortDays shareOfBaseline }
        effort { organisations consultancyDays daysPerOrganisation singleOrganisationBaselineDays shareOfBaseline } } }
      pageInfo { hasNextPage endCursor }
      effort { organisations consultancyDays daysPerOrganisation singleOrganisationBaselineDays shareOfBaseline } }
    ... on UserError { code message field } } }"""
EFFORT = """query($id: ID!) { cluster(id: $id) { ... on Cluster { effort { members { organisationName gapAnalysisDays
    coachingDays } memberCount trainingDaysHeld consultancyDays daysPerOrganisation singleOrganisationBaselineDays
    shareOfBaseline } } } }"""
DEMO = "Luxembourg SMEs 2026"


def portfolio(client: GraphQLClient, **variables: Any) -> dict[str, Any]:
    answer: dict[str, Any] = client.data(PORTFOLIO, variables)["portfolio"]
    return answer


def clusters(answer: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {edge["node"]["name"]: edge["node"] for edge in answer["edges"]}


@pytest.fixture
def second_cluster(client_for: ClientFor, demo_services: Services) -> str:
    """A second cluster of the consultancy, led by another coach, with two members."""
    admin = client_for(ALPINE_ADMIN)
    open_account(demo_services, SECOND_COACH, "Sam Second", Role.COACH)
    coaches = {c["displayName"]: c["id"] for c in admin.data("{ coaches { id displayName } }")["coaches"]}
    cluster_id: str = admin.data(FORM, {"input": {"name": "Second cluster", "coachId": coaches["Sam Second"]}})["r"][
        "cluster"
    ]["id"]
    for name in ("Atelier Nord", "Atelier Sud"):
        input_ = {"clusterId": cluster_id, "organisationId": register(admin, name), "criteria": CRITERIA}
        assert mutate(admin, "admitOrganisation", "AdmitOrganisationInput", input_)["__typename"] == "ClusterChange"
    return cluster_id


def test_the_admin_sees_every_cluster_and_each_coach_only_the_clusters_they_lead(
    client_for: ClientFor, second_cluster: str
) -> None:
    everything = portfolio(client_for(ALPINE_ADMIN))
    assert set(clusters(everything)) == {DEMO, "Second cluster"}
    assert everything["effort"]["organisations"] == 5

    claire = portfolio(client_for(ALPINE_COACH))
    assert set(clusters(claire)) == {DEMO}
    assert claire["effort"]["organisations"] == 3  # the overall figure counts only the clusters in view

    sam = portfolio(client_for(SECOND_COACH))
    assert set(clusters(sam)) == {"Second cluster"}
    [atelier, _] = clusters(sam)["Second cluster"]["members"]
    assert (atelier["organisationName"], atelier["stage"], atelier["outcome"]) == (
        "Atelier Nord",
        "plan",
        "in_progress",
    )


@pytest.mark.parametrize("email", ["member@muller.example", "lea@muller.example", "auditor@certify.example"])
def test_members_and_auditors_are_refused(client_for: ClientFor, days_pass: Callable[[date], None], email: str) -> None:
    days_pass(INSIDE_THE_AUDITORS_WINDOW)
    refused = portfolio(client_for(email))
    assert (refused["__typename"], refused["code"]) == ("ForbiddenError", "FORBIDDEN")
    assert client_for(email).http.get("/portfolio").status_code == 404


@pytest.mark.parametrize("email", [HARBOUR_ADMIN, HARBOUR_COACH])
def test_another_consultancy_sees_none_of_alpines_clusters(client_for: ClientFor, email: str) -> None:
    assert DEMO not in clusters(portfolio(client_for(email)))
    assert DEMO not in client_for(email).http.get("/portfolio").text


def test_the_figures_are_the_effort_reports(client_for: ClientFor) -> None:
    admin = client_for(ALPINE_ADMIN)
    answer = portfolio(admin)
    demo = clusters(answer)[DEMO]
    report = admin.data(EFFORT, {"id": demo["id"]})["cluster"]["effort"]
    for name in ("consultancyDays", "daysPerOrganisation", "singleOrganisationBaselineDays", "shareOfBaseline"):
        assert demo["effort"][name] == report[name], name
    assert demo["effort"]["organisations"] == report["memberCount"] == 3
    # Each member: its gap analyses and coaching, and a third of the training the cluster held.
    share = report["trainingDaysHeld"] / 3
    days = {m["organisationName"]: m["gapAnalysisDays"] + m["coachingDays"] + share for m in report["members"]}
    baseline = report["singleOrganisationBaselineDays"]
    for member in demo["members"]:
        assert member["effortDays"] == pytest.approx(days[member["organisationName"]], abs=0.01)
        assert member["shareOfBaseline"] == pytest.approx(days[member["organisationName"]] / baseline, abs=0.001)
    assert sum(m["effortDays"] for m in demo["members"]) == pytest.approx(report["consultancyDays"], abs=0.02)
    # One cluster in the consultancy: across all clusters is that cluster.
    assert answer["effort"]["shareOfBaseline"] == report["shareOfBaseline"]
    muller = next(m for m in demo["members"] if m["organisationName"] == "Boulangerie Muller")
    assert (muller["readinessPercent"], muller["coachingHalfDaysCeiling"]) == (70, 28)


def test_across_clusters_the_days_of_every_member_are_shared_among_all(
    client_for: ClientFor, second_cluster: str
) -> None:
    answer = portfolio(client_for(ALPINE_ADMIN))
    days = sum(edge["node"]["effort"]["consultancyDays"] for edge in answer["edges"])
    overall = answer["effort"]
    assert overall["consultancyDays"] == days
    assert overall["daysPerOrganisation"] == round(days / 5, 2)
    assert overall["shareOfBaseline"] == round(overall["daysPerOrganisation"] / 45, 3)


def test_clusters_come_by_page_and_by_status(client_for: ClientFor, second_cluster: str) -> None:
    admin = client_for(ALPINE_ADMIN)
    first = portfolio(admin, first=1)
    assert [e["node"]["name"] for e in first["edges"]] == [DEMO] and first["pageInfo"]["hasNextPage"]
    after = portfolio(admin, first=1, after=first["pageInfo"]["endCursor"])
    assert [e["node"]["name"] for e in after["edges"]] == ["Second cluster"]
    assert not after["pageInfo"]["hasNextPage"]
    forming = portfolio(admin, status="forming")
    assert set(clusters(forming)) == {"Second cluster"} and forming["effort"]["organisations"] == 2
    page = admin.http.get("/portfolio?status=forming").text
    assert "Second cluster" in page and DEMO not in page


@pytest.mark.parametrize(
    ("variables", "field"),
    [({"after": "not-a-cursor"}, "after"), ({"status": "sleeping"}, "status"), ({"first": 0}, "first")],
)
def test_a_bad_cursor_status_or_page_size_is_refused_naming_it(
    client_for: ClientFor, variables: dict[str, Any], field: str
) -> None:
    refused = portfolio(client_for(ALPINE_ADMIN), **variables)
    assert (refused["__typename"], refused["field"]) == ("ValidationError", field)


def test_the_page_shows_every_member_with_its_figures_and_a_chart_block(client_for: ClientFor) -> None:
    page = client_for(ALPINE_COACH).http.get("/portfolio")
    assert page.status_code == 200
    for text in (
        'data-organisation="Moselle Logistics"',
        "26 of 28",
        'id="portfolio-data"',
        'data-live="/live/portfolio"',
    ):
        assert text in page.text
    assert '<li><a href="/portfolio">Portfolio</a></li>' in page.text
    member_page = client_for("member@muller.example").http.get("/clusters").text
    assert 'href="/portfolio"' not in member_page
