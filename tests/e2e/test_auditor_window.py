"""An auditor's window ends while they are signed in: their next page is the sign-in page."""

from __future__ import annotations

import re
from datetime import date

from playwright.sync_api import Browser, expect

from backend.services import Services
from tests.e2e.conftest import WIDTHS
from tests.e2e.test_dashboard import sign_in

AUDITOR = "auditor@certify.example"
"""The demo's auditor of Boulangerie Muller, for the month from the demo's day (2026-03-02 to 2026-03-31)."""


def test_an_auditor_reads_the_registers_until_the_window_ends(
    browser: Browser, server_url: str, demo_services: Services
) -> None:
    demo_services.app.today = lambda: date(2026, 3, 31)  # type: ignore[method-assign]  # the window's last day
    context = browser.new_context(viewport=WIDTHS["phone"])
    page = context.new_page()
    sign_in(page, server_url, AUDITOR)
    page.goto(f"{server_url}/organisations")
    organisations = page.locator("main a[href^='/organisations/']")
    expect(organisations).to_have_count(1)
    expect(organisations).to_have_text("Boulangerie Muller")
    organisations.click()
    page.goto(f"{page.url}/risks")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Risk")
    expect(page.locator("main form[method='post']")).to_have_count(0)  # read-only: nothing to submit
    demo_services.app.today = lambda: date(2026, 4, 1)  # type: ignore[method-assign]  # the window has ended
    page.reload()
    expect(page).to_have_url(re.compile(r"/login\?next="))
    context.close()
