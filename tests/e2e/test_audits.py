"""A member plans an audit in the browser, a dependent auditor refused beside the field; the coach, its auditor,
records a minor nonconformity; the member raises it into the register in one step, plans its corrective action, and
finds the demo's overdue action flagged."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import open_menu, screenshot
from tests.e2e.test_dashboard import sign_in

pytestmark = pytest.mark.browser


def test_an_audit_finds_a_nonconformity_that_the_member_raises_and_corrects(page: Page, server_url: str) -> None:
    sign_in(page, server_url, "member@muller.example")
    open_menu(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Audits").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Internal audits of Boulangerie Muller")
    expect(page.locator("table.audits")).to_contain_text("Access control and backups")
    year = date.today().year
    form = page.locator("form[action$='/audits/plan']")
    if not form.count():  # the demo's programme is of the demo's year: plan this year's
        programme = page.locator("form[action$='/audits/programmes']")
        programme.get_by_label("Year").fill(str(year))
        programme.get_by_label("Areas and their owners").fill("7.5: Marc Muller\nA.5.37: Marc Muller")
        programme.get_by_role("button", name="Plan the programme").click()
        expect(page.get_by_role("status")).to_have_text("The audit programme is planned.")
    form = page.locator("form[action$='/audits/plan']")
    programme_year = form.get_by_label("Programme").locator("option:checked").inner_text()
    form.get_by_label("Title").fill("Documented information")
    form.get_by_label("Areas audited").fill("7.5")
    form.get_by_label("Criteria").fill("Clause 7.5 and our document procedure")
    form.get_by_label("Planned on").fill(f"{programme_year}-11-02")
    form.get_by_label("Auditor").select_option(label="Marc Muller")
    form.get_by_role("button", name="Plan the audit").click()
    expect(page.locator(".field.has-error")).to_contain_text("choose someone independent")
    form = page.locator("form[action$='/audits/plan']")
    form.get_by_label("Auditor").select_option(label="Claire Coach")
    form.get_by_role("button", name="Plan the audit").click()
    expect(page.get_by_role("status")).to_have_text("The audit is planned.")
    page.get_by_role("link", name="Documented information").click()
    audit_page = page.url
    expect(page.locator("#auditor")).to_have_text("Claire Coach")
    expect(page.get_by_role("heading", name="Record a finding")).to_have_count(0)

    coach = page.context.browser.new_context(viewport=page.viewport_size).new_page()  # type: ignore[union-attr]
    sign_in(coach, server_url, "coach@alpine.example")
    coach.goto(audit_page)
    coach.get_by_label("Kind").select_option("minor_nonconformity")
    coach.get_by_label("Clause or control").fill("7.5")
    coach.get_by_label("Finding", exact=True).fill("Two versions of the backup procedure are in use")
    coach.get_by_label("Evidence").fill("The shop and the office hold different printed copies")
    coach.get_by_role("button", name="Record the finding").click()
    expect(coach.get_by_role("status")).to_have_text("The finding is recorded.")
    expect(coach.locator("table.findings")).to_contain_text("Minor nonconformity")
    screenshot(coach, "audit-coach")
    coach.context.close()

    page.goto(audit_page)
    page.locator("table.findings").get_by_text("Raise a nonconformity").click()
    page.get_by_role("button", name="Raise it").click()
    expect(page.get_by_role("status")).to_contain_text("The nonconformity is raised")
    page.locator("table.findings").get_by_role("link", name="Raised").click()
    expect(page.locator("#source")).to_contain_text("audit")
    page.get_by_label("Root cause", exact=True).fill("Nobody withdraws an old version")
    page.get_by_role("button", name="Record the analysis").click()
    expect(page.get_by_role("status")).to_have_text("The root cause is recorded.")
    plan = page.locator("form[action$='/plan']")
    plan.get_by_label("Action").fill("Withdraw superseded copies when a version is published")
    plan.get_by_label("Owner").select_option(label="Marc Muller")
    plan.get_by_label("Due on").fill(date.today().isoformat())
    plan.get_by_role("button", name="Plan the action").click()
    expect(page.get_by_role("status")).to_have_text("The corrective action is planned.")
    expect(page.locator("table.actions")).to_contain_text("Withdraw superseded copies")
    expect(page.locator("ol.history")).to_contain_text("action planned")
    screenshot(page, "nonconformity-member")

    page.get_by_role("link", name="The nonconformities").click()
    page.get_by_label("Only with an overdue action").check()
    page.get_by_role("button", name="Show").click()
    expect(page.locator("table.nonconformities")).to_contain_text("Leavers keep their web shop accounts")
    expect(page.locator("table.nonconformities .overdue").first).to_be_visible()
    assert re.search(r"overdue=yes", page.url)


def test_a_member_revises_the_programme_in_its_prefilled_form(page: Page, server_url: str) -> None:
    sign_in(page, server_url, "member@muller.example")
    page.goto(f"{server_url}/audits")
    programme = page.locator("section.programme").first
    programme.get_by_text(re.compile(r"Revise the \d{4} programme")).click()
    form = programme.locator("form[action$='/revise']")
    areas = form.get_by_label("Areas and their owners")
    expect(areas).to_have_value(re.compile(r"A\.5\.18: Marc Muller"))
    typed = areas.input_value()
    form.get_by_role("button", name="Revise the programme").click()  # no reason given
    expect(page.locator(".error-summary")).to_contain_text("Why it is revised")
    form = page.locator("section.programme").first.locator("form[action$='/revise']")
    expect(form.locator(".field.has-error")).to_contain_text("This field is required.")
    form.get_by_label("Areas and their owners").fill(f"{typed}\n10.2: Marc Muller")
    form.get_by_label("Why it is revised").fill("Clause 10 added after the review")
    form.get_by_role("button", name="Revise the programme").click()
    expect(page.get_by_role("status")).to_have_text(re.compile(r"The \d{4} audit programme is revised\."))
    expect(page.locator("section.programme").first.locator("table.areas")).to_contain_text("10.2")
    screenshot(page, "audit-programme-revised")
