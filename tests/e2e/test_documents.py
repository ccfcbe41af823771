"""A manager of Boulangerie Muller approves the information security policy its member drafted, confirming first,
then publishes it asking everyone to acknowledge it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from backend.demo import DEMO_PASSWORD
from backend.services import Services
from domain.organisations.organisation import organisation_id
from domain.tenancy.account import Role
from domain.tenancy.consultancy import consultancy_id
from tests.api.test_isolation_same_tenant import open_account
from tests.e2e.conftest import open_menu, screenshot

pytestmark = pytest.mark.browser
MULLER = str(organisation_id(consultancy_id("alpine"), "Boulangerie Muller"))


def test_a_manager_approves_and_publishes_the_security_policy(
    page: Page, server_url: str, demo_services: Services
) -> None:
    open_account(demo_services, "sophie@muller.example", "Sophie Muller", Role.MEMBER, MULLER)
    demo_services.runner.catch_up()
    page.goto(f"{server_url}/login")
    page.get_by_label("E-mail address").fill("sophie@muller.example")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    open_menu(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Documents").click()
    page.get_by_role("link", name="Information security policy").click()
    expect(page.get_by_role("heading", name="Version 1: submitted")).to_be_visible()
    form = page.locator("#approve-1-form")
    form.get_by_label("Review by").fill("2027-06-30")
    form.get_by_role("button", name="Approve").click()
    expect(page.locator("#approve-1-form .error-summary")).to_contain_text("Tick the box")  # nothing written
    page.locator("#approve-1-form").get_by_label("Yes, approve this text").check()
    page.locator("#approve-1-form").get_by_role("button", name="Approve").click()
    said = page.get_by_role("status")
    expect(said).to_be_in_viewport()
    expect(said).to_contain_text("Version 1 is approved")
    expect(page.locator('code[data-hash="1"]')).to_have_text(re.compile("^[0-9a-f]{64}$"))
    publish = page.locator("#publish-1-form")
    publish.get_by_label("Ask everyone of the organisation to acknowledge it").check()
    publish.get_by_label("Yes, put this version in force").check()
    publish.get_by_role("button", name="Publish").click()
    expect(page.get_by_role("status")).to_contain_text("Version 1 is published.")
    expect(page.locator(".not-acknowledged")).to_contain_text(
        "Jonas Muller, Lea Muller, Marc Muller, Paul Muller, Sophie Muller"
    )
    screenshot(page, "document-published")
