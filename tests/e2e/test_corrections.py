"""A coach corrects a session recorded as held by mistake, from its page, and sees the message and the new status."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import screenshot
from tests.e2e.test_working_pages import open_plan

pytestmark = pytest.mark.browser


def last_held_module(page: Page) -> str:
    """The key of the plan's last module shown as held."""
    rows = page.locator('tr[data-session^="module:"]').filter(has=page.locator(".status-held"))
    keys = [key for key in rows.evaluate_all("rows => rows.map(r => r.dataset.session)") if key]
    return max(keys, key=lambda key: int(key.split(":")[1]))


def test_a_coach_undoes_held_on_the_session_page_and_sees_it_planned_again(page: Page, server_url: str) -> None:
    open_plan(page, server_url)
    key = last_held_module(page)
    page.locator(f'tr[data-session="{key}"]').get_by_role("link").first.click()
    expect(page.locator(".facts")).to_contain_text("Held")
    form = page.locator("#undo-form")
    form.get_by_label("Reason").fill("Recorded on the wrong module")
    form.get_by_role("button", name='Undo "held"').click()
    expect(form.locator(".error-summary")).to_contain_text("Tick the box")  # asked to confirm, nothing written
    form.get_by_label("Yes, this session was not held").check()
    form.get_by_role("button", name='Undo "held"').click()
    said = page.get_by_role("status")
    expect(said).to_be_in_viewport()
    expect(said).to_contain_text("The session is planned again")
    expect(page.locator(".facts .status")).to_have_text(re.compile("Scheduled|Planned"))
    expect(page.locator("#history")).to_contain_text("Recorded on the wrong module")
    expect(page.get_by_role("heading", name="Record as held")).to_be_visible()
    screenshot(page, "held-undone")
