"""A member declares incident management with its evidence in the browser; the coach sees what it proposes for the
gap analysis and confirms it, and the member's gap analysis shows the confirmed level."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import open_menu, screenshot
from tests.e2e.test_dashboard import sign_in

pytestmark = pytest.mark.browser
EVIDENCE = "OTRS tickets with reaction times per severity, since May"


def test_a_member_declares_incident_management_and_the_coach_confirms_it_into_the_gap_analysis(
    page: Page, server_url: str
) -> None:
    sign_in(page, server_url, "member@muller.example")
    open_menu(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="ITIL").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("ITIL already in place at Boulangerie Muller")
    declared = page.locator('[data-item="incident-management"]')
    declared.locator("summary").click()  # the demo declared it: withdraw it, to declare it with new evidence
    declared.get_by_label("Why it no longer runs, or why the evidence changes").fill("The help desk moved to OTRS")
    declared.get_by_label("Yes, withdraw this declaration").check()
    declared.get_by_role("button", name="Withdraw").click()
    expect(page.get_by_role("status")).to_contain_text("The declaration is withdrawn")

    form = page.locator("#declare-form")
    if not form.is_visible():
        page.get_by_text("Declare an ITIL step or practice").click()
    form.get_by_role("button", name="Declare").click()
    expect(page.locator("#declare-form .error-summary")).to_be_in_viewport()
    form.get_by_label("What runs").select_option("incident-management")
    form.get_by_label("Evidence: how it runs and where that shows").fill(EVIDENCE)
    form.get_by_role("button", name="Declare").click()
    expect(page.get_by_role("status")).to_have_text("The declaration is recorded.")
    expect(page.locator('[data-item="incident-management"]')).to_contain_text(EVIDENCE)
    expect(page.get_by_role("img", name=re.compile("ITIL steps"))).to_be_visible()
    screenshot(page, "itil-member")
    here = page.url

    coach = page.context.browser.new_context(viewport=page.viewport_size).new_page()  # type: ignore[union-attr]
    sign_in(coach, server_url, "coach@alpine.example")
    coach.goto(here)
    proposals = coach.locator("table.gap-proposals")
    row = proposals.get_by_role("row", name=re.compile("Annex A: organisational controls"))
    expect(row).to_contain_text(f"evidence: ITIL incident management — {EVIDENCE}")
    expect(row.locator("td").nth(1)).to_have_text("2")
    coach.get_by_text("Confirm or correct, and record the gap analysis").click()
    today = date.today().isoformat()
    coach.get_by_label("Visited on").fill(today)
    coach.get_by_label("Analysed on").fill(today)
    expect(coach.get_by_label("Annex A: organisational controls")).to_have_value("2")
    coach.get_by_role("button", name="Record the gap analysis").click()
    expect(coach.get_by_role("status")).to_have_text("The gap analysis is recorded with the levels you confirmed.")
    expect(coach).to_have_url(re.compile(r"/clusters/[0-9a-f-]+/members/[0-9a-f-]+$"))
    latest = coach.locator("table.levels").get_by_role("row", name=re.compile("Annex A: organisational controls"))
    expect(latest).to_contain_text("2")
    screenshot(coach, "itil-confirmed")
    coach.context.close()
