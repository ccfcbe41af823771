"""The audit trail in a browser: a member reads a metric's audit trail on its page, each measurement recorded on
one day and dated another; an admin filters the consultancy's trail by register and opens one item's history."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import open_menu, screenshot
from tests.e2e.test_dashboard import sign_in

pytestmark = pytest.mark.browser


def test_a_member_reads_a_metric_s_audit_trail_on_its_page(page: Page, server_url: str) -> None:
    sign_in(page, server_url, "member@muller.example")
    open_menu(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Metrics").click()
    page.get_by_role("link", name="Restore tests passed").click()
    trail = page.locator("section.item-trail")
    expect(trail.get_by_role("heading", level=2)).to_have_text("Audit trail")
    measured = trail.locator("li", has_text="Measured").first
    expect(measured).to_contain_text("by Marc Muller")
    expect(measured).to_contain_text("; dated Tue 30 Sep 2025")
    expect(trail.locator("li").last).to_contain_text("Defined")
    screenshot(page, "item-audit-trail")


def test_an_admin_filters_the_trail_by_register_and_opens_an_item_s_history(page: Page, server_url: str) -> None:
    sign_in(page, server_url, "admin@alpine.example")
    open_menu(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Audit trail").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Audit trail")
    page.get_by_label("Register").select_option("risks")
    page.get_by_role("button", name="Show").click()
    entries = page.locator("ol.trail > li")
    expect(entries.first).to_contain_text("(risks)")
    screenshot(page, "audit-trail")
    identified = entries.filter(has_text="Identified").first
    identified.get_by_role("link", name="This item's history").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("History of")
    expect(page.locator("ol.trail > li").last).to_contain_text("Identified")
