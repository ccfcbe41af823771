"""A member downloads the effort report and its own coaching ledger from the pages, in a real browser."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.e2e.test_dashboard import sign_in

pytestmark = pytest.mark.browser


def test_a_member_downloads_the_effort_pdf_and_its_ledger(page: Page, server_url: str, tmp_path: Path) -> None:
    sign_in(page, server_url, "member@muller.example")
    page.get_by_role("link", name="Luxembourg SMEs 2026").click()
    page.get_by_role("navigation", name="Cluster").get_by_role("link", name="Effort", exact=True).click()
    expect(page.locator("#effort-view")).to_contain_text("the cluster's other 2 members are not named")
    with page.expect_download() as pdf:
        page.get_by_role("link", name="PDF for funders, with the chart").click()
    assert pdf.value.suggested_filename == "Luxembourg SMEs 2026 - effort.pdf"
    saved = tmp_path / pdf.value.suggested_filename
    pdf.value.save_as(saved)
    text = " ".join(p.extract_text() or "" for p in PdfReader(saved).pages)
    assert "Effort of Luxembourg SMEs 2026" in text and "Boulangerie Muller" in text and "Moselle" not in text

    page.get_by_role("navigation", name="Cluster").get_by_role("link", name="Boulangerie Muller").click()
    with page.expect_download() as ledger:
        page.get_by_role("link", name="CSV").click()
    saved = tmp_path / ledger.value.suggested_filename
    ledger.value.save_as(saved)
    header, *rows = csv.reader(io.StringIO(saved.read_text(encoding="utf-8-sig")))
    assert header[:2] == ["Half-day", "Date"] and rows
