"""A consultancy's admin imports an OSCAL catalog after reading what it holds, then copies a skeleton of the
library into a member's documents, where it is a draft the member finds."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import open_menu, screenshot
from tests.e2e.test_dashboard import sign_in

pytestmark = pytest.mark.browser
OSCAL = Path(__file__).parents[1] / "fixtures" / "catalogues" / "oscal-small.json"


def test_an_admin_imports_an_oscal_catalog_after_its_dry_run(page: Page, server_url: str) -> None:
    sign_in(page, server_url, "admin@alpine.example")
    open_menu(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Controls").click()
    page.get_by_role("link", name="Import a catalogue").click()
    page.get_by_label("Format").select_option("oscal")
    page.get_by_label("Catalogue id").fill("acme-oscal")
    page.get_by_label("JSON file").set_input_files(OSCAL)
    page.get_by_role("button", name="Check the file").click()
    expect(page.locator("#ready")).to_contain_text("6 controls in 3 groups, ready to import as acme-oscal version 1.")
    screenshot(page, "catalogue-dry-run")
    page.get_by_role("button", name="Import 6 controls as version 1").click()
    said = page.get_by_role("status")
    expect(said).to_be_in_viewport()
    expect(said).to_contain_text("Acme baseline is imported as version 1.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Acme baseline")
    page.get_by_role("link", name="ac-2.1").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("ac-2.1 Automated account management")


def test_a_coach_copies_a_skeleton_into_a_member_s_documents(page: Page, server_url: str) -> None:
    sign_in(page, server_url, "coach@alpine.example")
    open_menu(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Library").click()
    page.get_by_role("link", name="Document skeletons").click()
    page.get_by_role("link", name="Access control policy").click()
    form = page.locator("#copy-form")
    form.get_by_label("Organisation").select_option(label="Boulangerie Muller")
    form.get_by_role("button", name="Copy").click()
    expect(page.locator("#copy-form .error-summary")).to_contain_text(
        "This field is required"
    )  # no owner: nothing written
    page.locator("#copy-form").get_by_label("Owner").fill("Marc Muller")
    page.locator("#copy-form").get_by_role("button", name="Copy").click()
    said = page.get_by_role("status")
    expect(said).to_be_in_viewport()
    expect(said).to_contain_text("Access control policy is a new draft, copied from the library.")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Access control policy")
    expect(page.locator("#copied-from")).to_contain_text("the library's skeleton, version 1")
    screenshot(page, "skeleton-copied")
    browser = page.context.browser
    assert browser is not None
    other = browser.new_context()  # the member signs in on a browser of its own
    try:
        member = other.new_page()
        sign_in(member, server_url, "member@muller.example")
        member.goto(f"{server_url}/documents")
        expect(member.get_by_role("link", name="Access control policy")).to_be_visible()
    finally:
        other.close()
