"""A coach follows the programme in a real browser: the plan with its clash, a held session, the effort chart."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import screenshot
from tests.e2e.test_dashboard import sign_in

pytestmark = pytest.mark.browser

CLASH_BACKGROUND = "rgb(253, 236, 234)"


def open_cluster_page(page: Page, name: str) -> None:
    page.get_by_role("navigation", name="Cluster").get_by_role("link", name=name, exact=True).click()


def test_a_coach_follows_the_plan_a_session_and_the_effort(page: Page, server_url: str) -> None:
    page.emulate_media(reduced_motion="reduce")  # the chart draws at once, so the screenshot shows it whole
    sign_in(page, server_url, "coach@alpine.example")
    page.get_by_role("link", name="Luxembourg SMEs 2026").click()

    open_cluster_page(page, "Plan")
    expect(page.get_by_role("heading", level=1)).to_have_text("Plan of Luxembourg SMEs 2026")
    timeline = page.locator("table.timeline")
    expect(timeline.get_by_role("rowheader", name="Gap analyses and initial training")).to_be_visible()
    module_6 = timeline.locator('tr[data-session="module:6"]')
    expect(module_6).to_contain_text("Clash: Boulangerie Muller unavailable")
    expect(module_6).to_have_css("background-color", CLASH_BACKGROUND)
    expect(timeline.locator('tr[data-session="module:5"]')).not_to_have_css("background-color", CLASH_BACKGROUND)
    expect(page.locator(".clashes")).to_contain_text("Boulangerie Muller declared itself unavailable")
    screenshot(page, "plan")

    timeline.get_by_role("link", name="Module 1: Scope, ISMS policy and assets").click()
    expect(page).to_have_url(re.compile(r"/sessions/module:1$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Module 1: Scope, ISMS policy and assets")
    dental = page.get_by_role("row", name=re.compile("^Kirchberg Dental"))
    expect(dental).to_contain_text("Dr Lena Weber")
    expect(dental).to_contain_text("Only one person attended")
    feedback = page.locator("li.feedback-item")
    expect(feedback).to_have_count(3)
    expect(feedback.filter(has_text="— signed by Marc Muller")).to_have_count(1)
    expect(feedback.filter(has_text="Anonymous")).to_have_count(2)
    screenshot(page, "session")

    open_cluster_page(page, "Effort")
    expect(page.get_by_role("heading", level=1)).to_have_text("Effort of Luxembourg SMEs 2026")
    chart = page.get_by_role("img", name=re.compile("Stacked bars of each member's days"))
    expect(chart).to_be_visible()
    page.wait_for_function("() => window.Chart && Chart.getChart(document.getElementById('effort-chart'))")
    box = chart.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 200
    expect(page.get_by_role("row", name=re.compile("^Single-organisation baseline"))).to_contain_text("45")
    screenshot(page, "effort")


def test_a_member_shares_feedback_anonymously_unless_they_sign(page: Page, server_url: str) -> None:
    sign_in(page, server_url, "member@muller.example")
    page.get_by_role("link", name="Luxembourg SMEs 2026").click()
    open_cluster_page(page, "Plan")
    page.locator("table.timeline").get_by_role("link", name="Module 2: Risk assessment").click()
    expect(page.get_by_label("Sign with my name")).not_to_be_checked()
    page.get_by_label("What was hard").check()
    page.get_by_label("Your feedback").fill("Too many templates at once.")
    page.get_by_role("button", name="Share").click()
    shared = page.locator("li.feedback-item", has_text="Too many templates at once.")
    expect(shared).to_contain_text("Anonymous")
    expect(shared).not_to_contain_text("Muller")
    shared.locator("summary", has_text="Withdraw").click()  # the fold that holds the confirmation
    shared.get_by_role("button", name="Withdraw").click()
    expect(shared.locator(".error-summary")).to_contain_text("Tick the box to confirm")
    shared = page.locator("li.feedback-item", has_text="Too many templates at once.")
    shared.get_by_label("Yes, withdraw this feedback").check()
    shared.get_by_role("button", name="Withdraw").click()
    expect(page.get_by_role("status")).to_have_text("Your feedback is withdrawn.")
    expect(page.locator("li.feedback-item", has_text="Too many templates at once.")).to_have_count(0)
