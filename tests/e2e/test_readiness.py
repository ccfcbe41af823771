"""Before its certification audit, Boulangerie Muller's member goes from the ISMS page to the pre-audit page: every
item an auditor asks for, grouped by clause, what is missing, each leading to where it is fixed; printable, and on a
phone as on a desktop. Its coach finds each member's readiness on the cluster page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import open_menu, screenshot
from tests.e2e.test_dashboard import sign_in
from tests.e2e.test_working_pages import CLUSTER, overflow

pytestmark = pytest.mark.browser


def test_the_member_reads_what_an_auditor_will_ask_for(page: Page, server_url: str) -> None:
    sign_in(page, server_url, "member@muller.example")
    open_menu(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="ISMS").click()
    card = page.locator("section.readiness-card")
    expect(card).to_contain_text("% of the auditor's checks met")
    expect(card.locator("ul.pdca li")).to_have_count(4)
    card.get_by_role("link", name="What an auditor will ask for, and what is missing").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Certification readiness of Boulangerie Muller")
    expect(page.locator("li.readiness-item")).to_have_count(15)
    expect(page.get_by_role("heading", level=2, name="9 Performance evaluation")).to_be_visible()
    monitoring = page.locator("li.readiness-item", has_text="Monitoring and measurement results")
    expect(monitoring).to_contain_text(re.compile(r"Missing: \d+ metrics? overdue for measurement\."))
    expect(monitoring.get_by_role("link")).to_have_attribute(
        "href", re.compile(r"/organisations/[0-9a-f-]{36}/metrics$")
    )
    assert overflow(page) <= 0, "the pre-audit page fits the screen"
    screenshot(page, "readiness")

    page.emulate_media(media="print")
    expect(page.locator("header.top")).to_be_hidden()
    expect(page.locator("li.readiness-item").first).to_be_visible()
    page.emulate_media(media="screen")

    page.locator("li.readiness-item", has_text="Statement of Applicability").get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"/organisations/[0-9a-f-]{36}/soa$"))


def test_the_coach_sees_each_members_readiness_on_the_cluster_page(page: Page, server_url: str) -> None:
    sign_in(page, server_url, "coach@alpine.example")
    page.get_by_role("link", name=CLUSTER).click()
    muller = page.locator("li.member", has_text="Boulangerie Muller")
    expect(muller.locator(".member-readiness")).to_contain_text("Readiness")
    expect(muller.locator(".member-readiness .status")).to_have_count(4)
    muller.locator(".member-readiness a").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Certification readiness of Boulangerie Muller")
