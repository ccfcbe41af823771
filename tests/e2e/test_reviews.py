"""Boulangerie Muller's member opens the management review the bakery held, records a decision with how it was
reached and the resources committed, closes the review and downloads its minutes as PDF and XLSX."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.e2e.conftest import open_menu, screenshot
from tests.e2e.test_dashboard import sign_in

pytestmark = pytest.mark.browser


def test_hold_decide_close_and_download_the_minutes(page: Page, server_url: str, tmp_path: Path) -> None:
    sign_in(page, server_url, "member@muller.example")
    open_menu(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Management reviews").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Management reviews of Boulangerie Muller")
    page.locator("table.reviews a").first.click()
    expect(page.get_by_role("heading", name="Nonconformities and corrective actions")).to_be_visible()

    form = page.locator("#decision-form")
    form.get_by_label("Decision", exact=True).fill("Renew the shop's router before the warranty ends.")
    form.get_by_label("Resources committed").fill("250 EUR")
    form.get_by_role("button", name="Record the decision").click()  # refused: how it was reached is missing
    expect(page.locator("#decision-form .error-summary")).to_contain_text("How it was reached")
    form = page.locator("#decision-form")
    form.get_by_label("How it was reached").fill("Luc's quote compared with two others; agreed by all.")
    form.get_by_label("Action", exact=True).fill("Order the router")
    form.get_by_label("Owner").fill("Luc Muller")
    form.get_by_label("Due on").fill("2030-01-31")
    form.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_role("status")).to_contain_text("The decision is recorded.")
    expect(page.locator("article.decision").last).to_contain_text("Resources committed: 250 EUR")
    expect(page.locator("table.review-actions")).to_contain_text("Order the router")

    close = page.locator("#close-form")
    close.get_by_label("Yes, approve the minutes and close the review").check()
    close.get_by_role("button", name="Close the review").click()
    expect(page.get_by_role("status")).to_contain_text("The review is closed")
    expect(page.get_by_role("button", name="Record the decision")).to_have_count(0)
    screenshot(page, "review-closed")

    with page.expect_download() as pdf:
        page.get_by_role("link", name="PDF").click()
    saved = tmp_path / "minutes.pdf"
    pdf.value.save_as(saved)
    text = " ".join((p.extract_text() or "").replace("\n", " ") for p in PdfReader(saved).pages)
    assert "Minutes approved on" in text and "Renew the shop's router" in text
    with page.expect_download() as xlsx:
        page.get_by_role("link", name="XLSX").click()
    saved = tmp_path / "minutes.xlsx"
    xlsx.value.save_as(saved)
    sheet = load_workbook(saved).active
    assert sheet is not None
    lines = [str(row[0]) for row in sheet.iter_rows(values_only=True) if row[0] is not None]
    assert "Resources committed: 250 EUR" in lines
    assert any(line.startswith("Action: Order the router: Luc Muller, due 2030-01-31") for line in lines)
