"""A coach sets up an authenticator, signs out, and signs in again with their password and a code."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import pyotp
import pytest
from playwright.sync_api import Browser, Page, expect

from backend.demo import DEMO_PASSWORD
from tests.e2e.conftest import WIDTHS, screenshot
from tests.e2e.test_dashboard import sign_in


@pytest.fixture
def desktop(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=WIDTHS["desktop"])
    yield context.new_page()
    context.close()


def test_a_coach_sets_up_a_second_factor_and_signs_in_with_password_and_code(desktop: Page, server_url: str) -> None:
    page = desktop
    sign_in(page, server_url, "coach@alpine.example")
    page.goto(f"{server_url}/account")
    page.get_by_role("link", name="Second factor (authenticator app)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Second factor")
    secret = page.locator("#totp-key").inner_text().replace(" ", "")
    assert page.locator("#totp-uri").get_attribute("href") == pyotp.TOTP(secret).provisioning_uri(
        name="coach@alpine.example", issuer_name="Cordee"
    )
    enrolled_at = time.time()
    page.get_by_label("Code from your app").fill(pyotp.TOTP(secret).at(enrolled_at))
    page.get_by_role("button", name="Confirm and turn on").click()
    expect(page.get_by_role("heading", name="Your recovery codes")).to_be_visible()
    expect(page.locator("#recovery-codes li")).to_have_count(10)
    expect(page.locator("#factor-state")).to_contain_text("Recovery codes left: 10")
    screenshot(page, "second-factor-recovery-codes")

    page.get_by_role("button", name="Sign out").click()
    page.get_by_label("E-mail address").fill("coach@alpine.example")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your second factor")
    page.get_by_label("Code").fill(pyotp.TOTP(secret).at(enrolled_at))  # the code already used: refused
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("#login-error")).to_contain_text("not right, or was used already")
    page.get_by_label("Code").fill(pyotp.TOTP(secret).at(enrolled_at + 30))  # the next code: no waiting
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(rf"{re.escape(server_url)}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("What's next")
