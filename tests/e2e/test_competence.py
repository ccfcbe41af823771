"""A member records a training in the browser, at desktop and phone widths: the menu leads to its organisation's
competence record, a refusal shows in view beside its field, the success is said at the top and the training shows
on the person's row."""

from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import open_menu, screenshot
from tests.e2e.test_dashboard import sign_in
from tests.e2e.test_working_pages import overflow

pytestmark = pytest.mark.browser


def test_a_member_records_a_training_and_sees_it_on_the_persons_row(page: Page, server_url: str) -> None:
    sign_in(page, server_url, "member@muller.example")
    open_menu(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Competence").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Competence and awareness of Boulangerie Muller")

    course = f"Card payment security ({uuid.uuid4().hex[:6]})"
    record = page.locator("#record-form")
    record.get_by_label("Course").fill(course)
    record.get_by_label("Completed on").fill("1999-12-31")
    record.get_by_label("Provider", exact=True).fill("The bank")
    record.get_by_label("Account").select_option(label="Marc Muller")
    record.get_by_role("button", name="Record the training").click()
    expect(page.locator("#record-form .error-summary")).to_be_in_viewport()
    expect(page.locator("#record-completedOn-error")).to_be_visible()

    page.locator("#record-form").get_by_label("Completed on").fill("2026-04-20")
    page.locator("#record-form").get_by_role("button", name="Record the training").click()
    expect(page.get_by_role("status")).to_have_text(f"{course} is recorded for Marc Muller.")
    row = page.locator("tr.person", has=page.get_by_role("rowheader", name="Marc Muller"))
    expect(row).to_contain_text(course)
    expect(row).to_contain_text("Phishing awareness")
    assert overflow(page) == 0
    screenshot(page, "competence")

    row.get_by_role("link", name=course).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(course)
    expect(page.locator(".competence-history")).to_contain_text("Recorded")
