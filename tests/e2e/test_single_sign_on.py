"""Signing in through the consultancy's OpenID provider in a browser: Cordee's sign-in page, the provider's own
sign-in and consent pages (oidc-provider on loopback), and back."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from backend.auth.tenant_secrets import OIDC_CLIENT_SECRET
from backend.services import Services
from domain.shared.aggregate import SYSTEM_ACTOR
from domain.tenancy.commands import ConfigureSingleSignOn
from domain.tenancy.consultancy import consultancy_id
from tests.e2e.conftest import WIDTHS
from tests.support.oidc_provider import CALLBACK_PATH, CLIENT_ID, CLIENT_SECRET, OpenIdProvider

ALPINE = consultancy_id("alpine")


@pytest.fixture
def provider(server_url: str, demo_services: Services) -> Iterator[OpenIdProvider]:
    """The provider, knowing the served Cordee's callback, and Alpine configured to sign in through it."""
    with OpenIdProvider(server_url + CALLBACK_PATH) as running:
        assert demo_services.tenant_secrets is not None
        fingerprint = demo_services.tenant_secrets.store(ALPINE, OIDC_CLIENT_SECRET, CLIENT_SECRET)
        configure = ConfigureSingleSignOn(
            ALPINE, SYSTEM_ACTOR, running.issuer, CLIENT_ID, ("alpine.example",), True, fingerprint
        )
        demo_services.execute(configure)
        yield running


def through_provider(page: Page, server_url: str, email: str) -> None:
    page.goto(f"{server_url}/login")
    page.get_by_label("Your address for single sign-on").fill(email)
    page.get_by_role("button", name="Continue to your provider").click()
    page.locator("input[name=password]").fill("any password")  # the login is the address Cordee hinted
    page.get_by_role("button", name="Sign-in").click(timeout=5000)
    page.get_by_role("button", name="Continue").click()  # consent to Cordee reading the e-mail address


def test_people_sign_in_through_their_consultancys_provider(
    browser: Browser, server_url: str, provider: OpenIdProvider
) -> None:
    newcomer = browser.new_context(viewport=WIDTHS["phone"]).new_page()
    through_provider(newcomer, server_url, "newcomer@alpine.example")
    expect(newcomer).to_have_url(f"{server_url}/welcome")
    expect(newcomer.locator("#no-role")).to_contain_text("no role has been granted to your account yet")
    assert newcomer.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    newcomer.context.close()

    coach = browser.new_context(viewport=WIDTHS["desktop"]).new_page()
    through_provider(coach, server_url, "coach@alpine.example")
    expect(coach).to_have_url(f"{server_url}/")
    expect(coach.get_by_role("heading", name="What's next")).to_be_visible()
    coach.context.close()
