"""A coach's open dashboard shows a change made elsewhere without a reload."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import screenshot
from tests.e2e.test_dashboard import sign_in

pytestmark = pytest.mark.browser

CLUSTER = "Luxembourg SMEs 2026"
CLUSTER_ID = """() => document.querySelector('main').getAttribute('data-live').split('/').pop()"""
LOG = """mutation($input: LogCoachingHalfDayInput!) { r: logCoachingHalfDay(input: $input) { __typename } }"""
MEMBERS = "{ clusters { edges { node { id members { organisation { id name } } } } } }"


def test_the_dashboard_shows_coaching_logged_in_another_session_without_a_reload(
    server_url: str, page: Page, browser: Browser
) -> None:
    sign_in(page, server_url, "coach@alpine.example")
    page.get_by_role("link", name=CLUSTER).click()
    dental = page.locator("li.member", has_text="Kirchberg Dental")
    expect(dental).to_contain_text("4 used · 18 estimated · 28 ceiling · 24 left")
    expect(page.locator("main[data-live-open]")).to_have_count(1)  # the page listens
    page.evaluate("window.stayedOnThePage = true")

    elsewhere = browser.new_context()
    try:
        other = elsewhere.new_page()
        sign_in(other, server_url, "coach@alpine.example")
        [cluster] = other.request.post(f"{server_url}/graphql", data={"query": MEMBERS}).json()["data"]["clusters"][
            "edges"
        ]
        [kirchberg] = [m["organisation"]["id"] for m in cluster["node"]["members"] if "Kirchberg" in str(m)]
        logged = {"clusterId": cluster["node"]["id"], "organisationId": kirchberg, "heldOn": "2026-03-20"}
        variables = {"input": {**logged, "workDone": "Asset classification"}}
        answer = other.request.post(f"{server_url}/graphql", data={"query": LOG, "variables": variables}).json()
        assert answer["data"]["r"]["__typename"] == "ClusterChange", answer
    finally:
        elsewhere.close()

    expect(dental).to_contain_text("5 used · 18 estimated · 28 ceiling · 23 left")
    expect(page.locator(".live-note")).to_have_text("Updated just now")
    assert page.evaluate("window.stayedOnThePage") is True  # no navigation: the same document, updated in place
    screenshot(page, "live-dashboard")
