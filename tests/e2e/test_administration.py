"""An admin at work: invites someone, who chooses a password through the link and signs in; deactivates an account,
which is then refused at sign-in. Each at a desktop's width and a phone's, without sideways scrolling."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import open_menu, screenshot
from tests.e2e.test_dashboard import sign_in
from tests.e2e.test_working_pages import WIDE, overflow

pytestmark = pytest.mark.browser

PASSWORD = "snow on the ridge at noon"


def open_accounts(page: Page, server_url: str) -> None:
    sign_in(page, server_url, "admin@alpine.example")
    open_menu(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Accounts").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Accounts")
    assert overflow(page) == 0, page.evaluate(WIDE)


def sign_in_as(page: Page, server_url: str, email: str, password: str) -> None:
    page.goto(f"{server_url}/login")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_an_admin_creates_an_account_and_that_account_signs_in(page: Page, browser: Browser, server_url: str) -> None:
    open_accounts(page, server_url)
    form = page.locator("#invite-form")
    form.get_by_role("button", name="Invite").click()
    expect(page.locator("#invite-form .error-summary")).to_be_in_viewport()
    form.get_by_label("Name").fill("Dario Duarte")
    form.get_by_label("E-mail address").fill("dario@alpine.example")
    form.get_by_label("Coach").check()
    form.get_by_role("button", name="Invite").click()
    said = page.get_by_role("status")
    expect(said).to_contain_text("Dario Duarte is invited.")
    assert overflow(page) == 0, page.evaluate(WIDE.replace("body *", "body *:not(table *)"))
    found = re.search(r"https?://\S+/invitations/[A-Za-z0-9_-]{43}", said.inner_text())
    assert found is not None
    screenshot(page, "account-invited")

    invited = browser.new_context(viewport=page.viewport_size).new_page()
    invited.goto(found.group(0))
    expect(invited.get_by_role("heading", level=1)).to_have_text("Welcome, Dario Duarte")
    assert overflow(invited) == 0, invited.evaluate(WIDE)
    invited.get_by_label("Your password").fill("short")
    invited.get_by_label("The same password again").fill("short")
    invited.get_by_role("button", name="Set my password and sign in").click()
    expect(invited.get_by_role("alert")).to_contain_text("Use at least 12 characters.")
    invited.get_by_label("Your password").fill(PASSWORD)
    invited.get_by_label("The same password again").fill(PASSWORD)
    invited.get_by_role("button", name="Set my password and sign in").click()
    expect(invited.get_by_text("Dario Duarte")).to_be_visible()
    invited.get_by_role("button", name="Sign out").click()
    sign_in_as(invited, server_url, "dario@alpine.example", PASSWORD)
    expect(invited.get_by_role("button", name="Sign out")).to_be_visible()
    invited.goto(found.group(0))
    expect(invited.get_by_role("heading", level=1)).to_have_text("This link does not work")
    invited.context.close()


def test_a_deactivated_account_is_refused_at_sign_in(page: Page, browser: Browser, server_url: str) -> None:
    open_accounts(page, server_url)
    page.get_by_role("link", name="Claire Coach").click()
    assert overflow(page) == 0, page.evaluate(WIDE)
    form = page.locator("#deactivate-form")
    form.get_by_label("Why").fill("Left the consultancy")
    form.get_by_role("button", name="Deactivate").click()
    expect(page.locator("#deactivate-form .error-summary")).to_contain_text("Tick the box to confirm")
    page.locator("#deactivate-form").get_by_label("Yes, deactivate Claire Coach").check()
    page.locator("#deactivate-form").get_by_role("button", name="Deactivate").click()
    expect(page.get_by_role("status")).to_contain_text("The account is deactivated")
    screenshot(page, "account-deactivated")

    coach = browser.new_context(viewport=page.viewport_size).new_page()
    sign_in_as(coach, server_url, "coach@alpine.example", "cordee-demo-2026")
    expect(coach.get_by_role("alert")).to_contain_text("E-mail address or password is not right")
    expect(coach.get_by_role("button", name="Sign out")).to_have_count(0)
    coach.context.close()


def test_the_admin_s_settings_pages_fit_a_phone(page: Page, server_url: str) -> None:
    sign_in(page, server_url, "admin@alpine.example")
    cluster = page.get_by_role("link", name="Luxembourg SMEs 2026").get_attribute("href")
    for path in ("/settings", f"{cluster}/settings"):
        page.goto(f"{server_url}{path}")
        expect(page.get_by_role("heading", level=1)).to_contain_text("Settings")
        assert overflow(page) == 0, (path, page.evaluate(WIDE))
    page.goto(f"{server_url}{cluster}")
    page.get_by_role("link", name="Cluster settings").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Settings of Luxembourg SMEs 2026")
