"""A professional signs in, lands on their own home, sees Harbour's request beside Alpine's link in force, and
consents: Harbour's link is then in force too, on a desktop and on a 390 px phone; the labelling body's home fits
the phone too."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from backend.demo import DEMO_PASSWORD
from tests.e2e.conftest import screenshot
from tests.e2e.test_working_pages import overflow

pytestmark = pytest.mark.browser


def sign_in_home(page: Page, server_url: str, email: str, home: str) -> None:
    page.goto(f"{server_url}/login")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{server_url}{home}")


def test_a_professional_consents_to_a_consultancy_s_request(page: Page, server_url: str) -> None:
    sign_in_home(page, server_url, "sophie@pro.example", "/professional")
    requests, links = page.locator("#requests"), page.locator("#links")
    expect(requests.get_by_role("heading", name="Harbour Risk Partners")).to_be_visible()
    expect(requests).to_contain_text("Hana Coach")
    expect(links.get_by_role("heading", name="Alpine Security Coaching")).to_be_visible()
    assert overflow(page) == 0
    requests.get_by_role("button", name="Consent").click()
    expect(page).to_have_url(f"{server_url}/professional")
    expect(page.get_by_role("status")).to_contain_text("You consented")
    expect(page.get_by_text("No request waits for your answer.")).to_be_visible()
    expect(page.locator("#links").get_by_role("heading", name="Harbour Risk Partners")).to_be_visible()
    assert overflow(page) == 0
    screenshot(page, "professional-home")


def test_the_labelling_body_s_home_shows_its_staff(page: Page, server_url: str) -> None:
    sign_in_home(page, server_url, "registrar@label-board.example", "/labelling-body")
    expect(page.get_by_role("heading", level=1)).to_have_text("ISMS Label Board")
    expect(page.locator("#staff")).to_contain_text("Rita Registrar")
    assert overflow(page) == 0
