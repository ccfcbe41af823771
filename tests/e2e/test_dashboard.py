"""A coach signs in, opens the cluster dashboard, sees the cluster and each member's burn-up, and logs coaching in a
real browser."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from backend.demo import DEMO_PASSWORD
from tests.e2e.conftest import open_menu, screenshot

pytestmark = pytest.mark.browser


def sign_in(page: Page, server_url: str, email: str) -> None:
    page.goto(f"{server_url}/clusters")
    expect(page).to_have_url(re.compile(r"/login\?next=/clusters$"))
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{server_url}/clusters")


def test_a_coach_opens_the_dashboard_and_sees_the_cluster(page: Page, server_url: str) -> None:
    sign_in(page, server_url, "coach@alpine.example")
    page.get_by_role("link", name="Luxembourg SMEs 2026").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Luxembourg SMEs 2026")
    members = page.locator("li.member")
    expect(members).to_have_count(3)
    bakery = page.locator("li.member", has_text="Boulangerie Muller")
    expect(bakery.locator("meter")).to_have_attribute("value", "4")
    expect(bakery).to_contain_text("4 used · 19 estimated · 28 ceiling · 24 left")
    expect(page.locator("#cluster-members[data-live-region]")).to_have_count(1)
    progress = bakery.locator(".member-progress")
    expect(progress).to_contain_text(re.compile(r"Progress: \d+ of 21 milestones reached since the first gap analysis"))
    burn_up = progress.locator("canvas[data-burn-up]")
    expect(burn_up).to_be_visible()
    page.wait_for_function("c => window.Chart && Chart.getChart(c) !== undefined", arg=burn_up.element_handle())
    drawn = burn_up.evaluate("c => Chart.getChart(c).data.datasets.map(d => [d.label, d.data[d.data.length - 1]])")
    assert drawn[1] == ["All milestones", 21]
    progress.get_by_text("Milestones", exact=True).click()
    expect(progress.locator("tr[data-milestone='audit_results.approved']")).to_contain_text("2 Mar 2026")
    expect(progress.locator("tr[data-milestone='policy.approved']")).to_contain_text("not yet")
    progress.get_by_text("Burn-up, week by week").click()
    weeks = progress.locator("table.burn-up-weeks tbody tr")
    expect(weeks).to_have_count(burn_up.evaluate("c => Chart.getChart(c).data.labels.length"))
    mondays = {
        date.fromisoformat(day).weekday() for day in weeks.locator("time").evaluate_all("ts => ts.map(t => t.dateTime)")
    }
    assert mondays == {0}  # a row a week, each by its Monday
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0  # fits a 390 px phone
    screenshot(page, "cluster-dashboard")

    page.get_by_label("Organisation").select_option(label="Kirchberg Dental")
    page.get_by_label("Held on").fill("2026-03-20")
    page.get_by_label("Work done").fill("Asset classification")
    page.get_by_role("button", name="Log half-day").click()
    dental = page.locator("li.member", has_text="Kirchberg Dental")
    expect(dental).to_contain_text("5 used · 18 estimated · 28 ceiling · 23 left")
    expect(dental.locator(".ledger-link")).to_contain_text("Coaching ledger: 5 half-days logged")
    dental.get_by_role("link", name="Coaching ledger").click()
    expect(page.locator("table.ledger")).to_contain_text("Asset classification")


def test_a_form_error_is_shown_beside_its_field(page: Page, server_url: str) -> None:
    sign_in(page, server_url, "admin@alpine.example")
    open_menu(page)
    page.get_by_role("link", name="Organisations").click()
    page.get_by_label("Name").fill("Backwards Ltd")
    page.get_by_label("Sector").fill("Retail")
    page.get_by_label("Employees").fill("-5")
    page.get_by_role("button", name="Register").click()
    employees = page.get_by_label("Employees")
    expect(employees).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#employeeCount-error")).to_contain_text("Must be a whole number from 1")
    expect(page.get_by_label("Name")).to_have_value("Backwards Ltd")
    screenshot(page, "form-error")


def test_another_consultancy_sees_none_of_it(page: Page, server_url: str) -> None:
    sign_in(page, server_url, "admin@harbour.example")
    expect(page.get_by_role("link", name="Harbour Tech Cluster")).to_be_visible()
    expect(page.get_by_text("Luxembourg SMEs 2026")).to_have_count(0)
