"""Before the certification audit, Boulangerie Muller's coach goes from its ISMS page to its audit evidence, exports
an auditor's bundle of the last twelve months (a window that ends before it starts is refused first, beside its
field), sees it listed above the demo's and downloads it; the member finds it there too, without the form. On a
phone as on a desktop."""

from __future__ import annotations

import json
import zipfile

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import open_menu, screenshot
from tests.e2e.test_dashboard import sign_in
from tests.e2e.test_working_pages import overflow

pytestmark = pytest.mark.browser


def test_the_coach_exports_a_bundle_and_the_member_downloads_it(page: Page, server_url: str) -> None:
    sign_in(page, server_url, "coach@alpine.example")
    open_menu(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="ISMS").click()
    page.get_by_role("link", name="Boulangerie Muller").click()
    page.get_by_role("link", name="Audit evidence").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Audit evidence")
    expect(page.get_by_role("link", name="/audit/keys")).to_be_visible()
    form = page.locator("#export-form")
    expect(form.get_by_label("Window from")).to_have_value("2026-01-05")  # twelve months up to the business day
    expect(form.get_by_label("Window to")).to_have_value("2027-01-04")

    form.get_by_label("Window from").fill("2027-01-05")
    form.get_by_role("button", name="Export the bundle").click()
    expect(page.locator("#export-form .error-summary")).to_be_in_viewport()
    expect(page.locator("#export-windowFrom-error")).to_contain_text("starts after it ends")
    page.locator("#export-form").get_by_label("Window from").fill("2026-01-01")
    page.locator("#export-form").get_by_role("button", name="Export the bundle").click()
    expect(page.get_by_role("status")).to_contain_text("Bundle 2 is exported")
    rows = page.locator("table.bundles tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("Claire Coach")
    expect(rows.first).to_contain_text("Thu 1 Jan 2026 to Mon 4 Jan 2027")
    assert overflow(page) <= 0, "the evidence page fits the screen"
    screenshot(page, "evidence")

    with page.expect_download() as downloading:
        page.get_by_role("link", name="Bundle 2 (ZIP)").click()
    download = downloading.value
    assert download.suggested_filename.startswith("Boulangerie Muller - audit bundle 2")
    with zipfile.ZipFile(download.path()) as zipped:
        manifest = json.loads(zipped.read("manifest.json"))
    assert manifest["window"] == {"from": "2026-01-01", "to": "2027-01-04"}

    page.get_by_role("button", name="Sign out").click()
    sign_in(page, server_url, "member@muller.example")
    open_menu(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="ISMS").click()
    page.get_by_role("link", name="Audit evidence").click()
    expect(page.locator("table.bundles tbody tr")).to_have_count(2)
    expect(page.locator("#export-form")).to_have_count(0)
    assert overflow(page) <= 0
