"""A member walks a risk in the browser from its identification to its owner's acceptance: the menu leads to the
register, a refusal shows in view, each success says so at the top, the heat map counts it."""

from __future__ import annotations

import re
import uuid

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import open_menu, screenshot
from tests.e2e.test_dashboard import sign_in

pytestmark = pytest.mark.browser


def test_a_member_identifies_assesses_treats_and_accepts_a_risk(page: Page, server_url: str) -> None:
    sign_in(page, server_url, "member@muller.example")
    open_menu(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Risks").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Risks of Boulangerie Muller")
    expect(page.locator("#inherent-heat-map")).to_be_visible()

    title = f"Flour supplier fails ({uuid.uuid4().hex[:6]})"
    identify = page.locator("#identify-form")
    identify.get_by_label("Title").fill(title)
    identify.get_by_label("Threat").fill("The only mill closes for a month")
    identify.get_by_label("Vulnerability").fill("One supplier, no stock beyond a week")
    identify.get_by_label("Risk owner").select_option(label="Marc Muller")
    identify.get_by_role("button", name="Identify the risk").click()
    expect(page.get_by_role("status")).to_have_text(f"{title} is identified; assess it next.")
    page.get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)

    assess = page.locator("#assess-form")
    assess.get_by_role("button", name="Save the assessment").click()
    expect(page.locator("#assess-form .error-summary")).to_be_in_viewport()
    page.locator("#assess-form").get_by_label(re.compile("^Likelihood")).select_option("2")
    page.locator("#assess-form").get_by_label("Impact").select_option("3")
    page.locator("#assess-form").get_by_role("button", name="Save the assessment").click()
    expect(page.get_by_role("status")).to_have_text("The risk is assessed.")
    expect(page.locator("#assessment")).to_contain_text("High")

    treat = page.locator("#treat-form")
    treat.get_by_label("Option", exact=True).select_option("mitigate")
    treat.get_by_label("Controls of the catalogue").fill("iso27001-2022:5.19")
    treat.get_by_label("The organisation's own controls").fill("A second mill under contract")
    treat.get_by_label("Residual likelihood").select_option("1")
    treat.get_by_label("Residual impact").select_option("2")
    treat.get_by_role("button", name="Save the treatment").click()
    expect(page.get_by_role("status")).to_have_text("The treatment is recorded.")
    expect(page.locator("#controls")).to_contain_text("5.19 (iso27001-2022)")

    accept = page.locator("#accept-form")
    accept.get_by_label("Why").fill("A week without the mill is survivable with the second one")
    accept.get_by_label("Until").fill("2027-12-31")
    accept.get_by_role("button", name="Accept the risk").click()
    expect(page.get_by_role("status")).to_have_text("You accepted what remains of the risk.")
    expect(page.locator("#acceptance")).to_contain_text("until 2027-12-31")
    expect(page.locator(".risk-history")).to_contain_text("Accepted")
    screenshot(page, "risk")
