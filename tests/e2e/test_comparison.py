"""Each member of a three-member cluster opens its comparison: its own figures beside the median and range, and no
other member named on the page or in the GraphQL answer; a cluster of two shows no comparison, and says why."""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from backend.auth.passwords import hash_password
from backend.demo import DEMO_PASSWORD
from backend.services import Services
from domain.shared.aggregate import SYSTEM_ACTOR
from domain.tenancy.account import Role
from domain.tenancy.commands import OpenAccount
from domain.tenancy.consultancy import consultancy_id
from tests.e2e.conftest import screenshot

pytestmark = pytest.mark.browser

MEMBERS = {
    "member@muller.example": "Boulangerie Muller",
    "lena@kirchberg.example": "Kirchberg Dental",
    "ana@moselle.example": "Moselle Logistics",
}
COMPARISON = """query($id: ID!) { c: clusterComparison(clusterId: $id) { __typename
  ... on ClusterComparison { contributors figures { key title own median minimum maximum } }
  ... on NotEnoughMembersError { reason } } }"""


def sign_in(page: Page, server_url: str, email: str) -> None:
    page.goto(f"{server_url}/login?next=/clusters")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{server_url}/clusters")


def graphql(page: Page, server_url: str, document: str, variables: dict[str, Any]) -> dict[str, Any]:
    """The document run by the signed-in browser itself, with its session."""
    answer = page.request.post(f"{server_url}/graphql", data={"query": document, "variables": variables})
    assert answer.ok, answer.text()
    data: dict[str, Any] = answer.json()["data"]
    return data


def test_each_member_sees_its_own_figures_beside_the_median_and_range_and_no_other_member(
    page: Page, server_url: str
) -> None:
    for email in MEMBERS:
        page.context.clear_cookies()
        sign_in(page, server_url, email)
        page.get_by_role("link", name="Luxembourg SMEs 2026").click()
        page.get_by_role("link", name="Comparison").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("How Luxembourg SMEs 2026 compares")
        figures = page.locator("#comparison-figures")
        expect(figures.get_by_role("columnheader", name="Yours").first).to_be_visible()
        expect(figures.get_by_role("columnheader", name="Cluster median").first).to_be_visible()
        expect(figures.get_by_role("row", name=re.compile("Readiness for certification"))).to_contain_text(" to ")
        main = page.locator("main").inner_text()
        assert not any(name in main for name in MEMBERS.values()), (email, main)  # not even its own
        cluster_id = page.url.split("/clusters/")[1].split("/")[0]
        answer = graphql(page, server_url, COMPARISON, {"id": cluster_id})["c"]
        assert answer["__typename"] == "ClusterComparison" and answer["contributors"] == 3
        assert not any(name in str(answer) for name in MEMBERS.values())
        assert all(f["own"] is not None for f in answer["figures"] if f["key"] == "readiness")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, (email, overflow)
    screenshot(page, "comparison")


def test_a_cluster_of_two_shows_no_comparison_but_the_reason(
    page: Page, server_url: str, demo_services: Services
) -> None:
    sign_in(page, server_url, "admin@alpine.example")
    coach = graphql(page, server_url, "{ coaches { id } }", {})["coaches"][0]["id"]
    form = """mutation($input: FormClusterInput!) { r: formCluster(input: $input) { ... on ClusterChange {
        cluster { id } } } }"""
    cluster_id = graphql(page, server_url, form, {"input": {"name": "Pair 2026", "coachId": coach}})["r"]["cluster"][
        "id"
    ]
    register = """mutation($input: RegisterOrganisationInput!) { r: registerOrganisation(input: $input) {
        ... on OrganisationChange { organisation { id } } } }"""
    admit = """mutation($input: AdmitOrganisationInput!) { r: admitOrganisation(input: $input) { __typename } }"""
    consent = """mutation($input: ComparisonConsentInput!) { r: giveComparisonConsent(input: $input) {
        __typename } }"""
    criteria = {"smallEnterprise": "15 staff", "managementCommitment": "Signed letter", "resourcesAvailable": "Budget"}
    managers = []
    for name in ("Pair One", "Pair Two"):
        organisation = graphql(
            page, server_url, register, {"input": {"name": name, "sector": "Retail", "employeeCount": 12}}
        )["r"]["organisation"]["id"]
        admitted = graphql(
            page,
            server_url,
            admit,
            {"input": {"clusterId": cluster_id, "organisationId": organisation, "criteria": criteria}},
        )["r"]
        assert admitted["__typename"] == "ClusterChange"
        email = f"manager@{name.lower().replace(' ', '-')}.example"
        demo_services.execute(
            OpenAccount(
                consultancy_id("alpine"), SYSTEM_ACTOR, email, f"{name} Manager", hash_password(DEMO_PASSWORD),
                (Role.ISMS_MANAGER,), uuid.UUID(organisation),
            )
        )  # fmt: skip
        managers.append((email, organisation))
    for email, organisation in managers:
        page.context.clear_cookies()
        sign_in(page, server_url, email)
        given = graphql(page, server_url, consent, {"input": {"clusterId": cluster_id, "organisationId": organisation}})
        assert given["r"]["__typename"] == "ComparisonConsentChange"
    page.goto(f"{server_url}/clusters/{cluster_id}/comparison")
    expect(page.get_by_role("heading", name="No comparison is shown")).to_be_visible()
    expect(page.locator("#comparison-figures")).to_contain_text(
        "2 of this cluster's member organisations contribute their figures"
    )
    expect(page.get_by_role("columnheader", name="Yours").first).to_be_visible()
    assert "Pair One" not in page.locator("main").inner_text()
    answer = graphql(page, server_url, COMPARISON, {"id": cluster_id})["c"]
    assert answer == {"__typename": "NotEnoughMembersError", "reason": "TOO_FEW"}
    screenshot(page, "comparison-two-members")
