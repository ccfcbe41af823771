"""A register page as recorded at a past moment, chosen in the page's picker, on a desktop and a 390 px phone."""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import screenshot
from tests.e2e.test_dashboard import sign_in
from tests.e2e.test_working_pages import overflow

pytestmark = pytest.mark.browser


def test_a_member_reads_its_inventory_as_recorded_at_a_past_moment_and_goes_back_to_today(
    page: Page, server_url: str
) -> None:
    sign_in(page, server_url, "member@muller.example")
    page.goto(f"{server_url}/assets")
    inventory = page.url
    time.sleep(1.1)
    moment = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S")
    picker = page.locator("form.as-of-picker")
    expect(picker).to_be_visible()
    picker.get_by_label("Show as recorded on").fill(moment)
    picker.get_by_role("button", name="View", exact=True).click()
    expect(page).to_have_url(re.compile(r"\?as_of=" + re.escape(moment.replace(":", "%3A"))))
    banner = page.get_by_role("note")
    expect(banner).to_contain_text("As recorded on")
    expect(banner).to_be_in_viewport()
    assert page.locator("main form[method='post']").count() == 0
    asset = page.locator("main table a[href*='/assets/']").first
    expect(asset).to_have_attribute("href", re.compile(r"as_of="))
    assert overflow(page) == 0
    screenshot(page, "inventory-as-of")
    asset.click()
    expect(page.get_by_role("note")).to_contain_text("As recorded on")
    page.get_by_role("note").get_by_role("link", name="Back to today").click()
    expect(page.get_by_role("note")).to_have_count(0)
    assert "as_of" not in page.url and page.url.split("/assets")[0] == inventory.split("/assets")[0]


def test_a_bad_moment_in_the_address_says_why(page: Page, server_url: str) -> None:
    sign_in(page, server_url, "coach@alpine.example")
    page.goto(f"{server_url}/assets?as_of=next-tuesday")
    expect(page.get_by_role("heading", level=1)).to_have_text("Refused")
    expect(page.locator("main")).to_contain_text("is not one")
