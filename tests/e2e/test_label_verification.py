"""Anyone opening a label's address, signed in or not, reads whether it is valid and for whom; once revoked, the page
says so and names no one; an address of no label says there is none: on a desktop and on a 390 px phone."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from backend.services import Services
from domain.labels.commands import RevokeLabel
from domain.shared.aggregate import SYSTEM_ACTOR
from tests.api.labels.test_credentials import BOARD, LEA, grant
from tests.e2e.conftest import screenshot
from tests.e2e.test_working_pages import overflow

pytestmark = pytest.mark.browser


def test_the_public_verification_page_shows_a_valid_then_a_revoked_label(
    page: Page, server_url: str, demo_services: Services
) -> None:
    issued = grant(demo_services, "Coaching Label Board", BOARD, LEA, "Léa Fontaine", 36)
    address = f"{server_url}/labels/{BOARD}/credentials/{issued.credential_id}"
    page.goto(address)
    expect(page.get_by_role("heading", level=1)).to_have_text("Valid label")
    expect(page.locator("#holder")).to_have_text("Léa Fontaine")
    expect(page.get_by_role("status")).to_contain_text("valid")
    expect(page.locator(".facts")).to_contain_text("2029-02-02")
    assert overflow(page) == 0
    screenshot(page, "label-verification-valid")

    demo_services.execute(
        RevokeLabel(issued.body, SYSTEM_ACTOR, issued.professional, date(2026, 3, 1), "Falsified evidence")
    )
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Revoked label")
    expect(page.locator("#reason")).to_contain_text("revoked")
    expect(page.get_by_text("Léa Fontaine")).to_have_count(0)
    assert overflow(page) == 0
    screenshot(page, "label-verification-revoked")

    response = page.goto(f"{server_url}/labels/{BOARD}/credentials/{uuid.uuid4()}")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("No such label")
    assert overflow(page) == 0


LONG_NAME = "Bundesverband für Informationssicherheitszertifizierungsberatungsgesellschaften"


def test_a_body_s_long_name_wraps_within_the_page(page: Page, server_url: str, demo_services: Services) -> None:
    issued = grant(demo_services, LONG_NAME, "bundesverband", "jonas@pro.example", "Jonas Wirtschaftsprüfer", 36)
    page.goto(f"{server_url}/labels/bundesverband/credentials/{issued.credential_id}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Valid label")
    expect(page.locator(".facts")).to_contain_text(LONG_NAME)
    assert overflow(page) == 0
    for name in page.get_by_text(LONG_NAME).all():  # every mention stays inside the screen
        box = name.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= page.viewport_size["width"]
    screenshot(page, "label-verification-long-name")
