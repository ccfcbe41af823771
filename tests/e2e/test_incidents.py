"""A member walks an incident in the browser, at desktop and phone widths: the menu leads to the register, the
report is said at the top, the incident is escalated, restored and closed with its lessons, each step on its
timeline, and its lessons open a nonconformity whose page links back to it; the time it was reported is the one entered, and it names an asset it concerns; the monthly service report
counts it."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import open_menu, screenshot
from tests.e2e.test_dashboard import sign_in

pytestmark = pytest.mark.browser


def test_a_member_reports_escalates_restores_and_closes_an_incident(page: Page, server_url: str) -> None:
    sign_in(page, server_url, "member@muller.example")
    open_menu(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Incidents").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Incidents of Boulangerie Muller")

    title = f"Card reader frozen ({uuid.uuid4().hex[:6]})"
    report = page.locator("#report-form")
    report.get_by_label("Title").fill(title)
    report.get_by_label("Service").fill("Shop tills")
    report.get_by_label("Severity").select_option("high")
    reported_at = (datetime.now(UTC) - timedelta(hours=2)).replace(second=0, microsecond=0)
    report.get_by_label("Reported at").fill(reported_at.strftime("%Y-%m-%dT%H:%M"))
    report.get_by_role("button", name="Report the incident").click()
    expect(page.get_by_role("status")).to_have_text(
        f"{title} is reported; its targets run from the time it was reported."
    )
    page.get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.locator("#timeline")).to_contain_text(reported_at.strftime("%Y-%m-%d %H:%M UTC"))

    link = page.locator("#link-form")
    link.locator("#link-assetIds input[type=checkbox]").first.check()
    link.get_by_role("button", name="Save the assets and risks").click()
    expect(page.get_by_role("status")).to_have_text("The incident's assets and risks are saved.")
    expect(page.locator("#incident-links")).to_be_visible()

    escalate = page.locator("#escalate-form")
    escalate.get_by_role("button", name="Escalate the incident").click()
    expect(page.locator("#escalate-form .error-summary")).to_be_in_viewport()
    page.locator("#escalate-form").get_by_label("Handed to").fill("Service desk")
    page.locator("#escalate-form").get_by_role("button", name="Escalate the incident").click()
    expect(page.get_by_role("status")).to_have_text("Escalated to Service desk.")
    expect(page.locator("#incident-status")).to_contain_text("first level: Service desk")

    page.locator("#restore-form").get_by_role("button", name="The service works again").click()
    expect(page.get_by_role("status")).to_contain_text("The service is restored")
    close = page.locator("#close-form")
    close.get_by_label("Lessons learned").fill("Keep a spare reader charged")
    close.get_by_role("button", name="Close the incident").click()
    expect(page.get_by_role("status")).to_have_text("The incident is closed.")
    expect(page.locator("#timeline")).to_contain_text("Escalated")
    expect(page.locator("#timeline")).to_contain_text("Closed")
    expect(page.locator("#lessons")).to_have_text("Keep a spare reader charged")
    screenshot(page, "incident")

    lessons = page.locator("#lessons-form")
    expect(lessons.get_by_label("Title")).to_have_value(title)
    lessons.get_by_label("Severity").select_option("minor")
    lessons.get_by_role("button", name="Open the nonconformity").click()
    expect(page.get_by_role("status")).to_have_text("The nonconformity is opened from the incident's lessons learned.")
    expect(page.locator("#source")).to_contain_text(f"From incident {title}")
    page.locator("#source").get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)

    page.get_by_role("link", name="The incidents").click()
    page.get_by_role("link", name="Monthly service report").click()
    page.get_by_label("Service", exact=True).select_option("Shop tills")
    page.get_by_role("button", name="Show").click()
    expect(page.locator("#availability")).to_contain_text("Available")
    expect(page.locator("#report-incidents")).to_contain_text(title)
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
