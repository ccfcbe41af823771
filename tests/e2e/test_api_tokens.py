"""A person makes an API token on a phone: the form, the secret said once, and the list fit 390 px."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import WIDTHS
from tests.e2e.test_dashboard import sign_in
from tests.e2e.test_working_pages import overflow


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=WIDTHS["phone"])
    yield context.new_page()
    context.close()


def test_a_token_is_made_on_a_phone_and_its_secret_said_once(phone: Page, server_url: str) -> None:
    sign_in(phone, server_url, "admin@alpine.example")
    phone.goto(f"{server_url}/account")
    phone.get_by_role("link", name="Your API tokens").click()
    phone.get_by_label("Name").fill("Nightly export")
    phone.get_by_label("Read: queries only").check()
    phone.get_by_label("Last day it works").fill("2027-03-01")
    phone.get_by_role("button", name="Make the token").click()
    expect(phone.get_by_role("status")).to_contain_text("Copy it now; it is not shown again.")
    expect(phone.get_by_role("heading", name="Nightly export")).to_be_visible()
    assert overflow(phone) <= 0
    phone.goto(f"{server_url}/settings/integrations")
    expect(phone.get_by_role("heading", name="Monitoring")).to_be_visible()
    assert overflow(phone) <= 0
