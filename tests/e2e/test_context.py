"""A member fills in its organisation's context in the browser: the menu leads there, a refusal shows in view, a
success says so at the top."""

from __future__ import annotations

import re
import uuid

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import open_menu, screenshot
from tests.e2e.test_dashboard import sign_in

pytestmark = pytest.mark.browser


def test_a_member_states_an_exclusion_only_with_its_reason_and_raises_an_issue(page: Page, server_url: str) -> None:
    sign_in(page, server_url, "member@muller.example")
    open_menu(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Context and scope").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Context and scope of Boulangerie Muller")

    page.locator("details:has(#scope-form-heading) > summary").click()
    scope = page.locator("#scope-form")
    scope.get_by_label("Exclusions, one a line").fill("Software development: none in house\nThe bakery machines")
    scope.get_by_label("Why the scope changes").fill("Machines listed")
    scope.get_by_role("button", name="Save the scope").click()
    summary = page.locator("#scope-form .error-summary")
    expect(summary).to_be_in_viewport()
    expect(summary).to_contain_text("Line 2: say why The bakery machines is left out")

    issue = f"Two bakers leave in spring ({uuid.uuid4().hex[:6]})"
    form = page.locator("#issue-form")
    form.get_by_label("The issue").fill(issue)
    form.get_by_label("Internal or external").select_option("internal")
    form.get_by_label("Category").select_option("people")
    form.get_by_label("How it affects the ISMS").fill("Access must be removed on their last day")
    form.get_by_role("button", name="Raise the issue").click()
    expect(page.get_by_role("status")).to_have_text("The issue is raised.")
    expect(page.get_by_role("strong").filter(has_text=issue)).to_be_visible()
    expect(page).to_have_url(re.compile(r"/organisations/[0-9a-f-]+/context$"))
    screenshot(page, "context")
