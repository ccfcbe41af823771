"""An emergency change in the browser: its owner files it from the menu, a second member account approves it, both
members of the Change Advisory Board consent, its owner schedules it with its fallback and records that it
succeeded; the log then exports in the paper's columns, and the downloaded file reads back."""

from __future__ import annotations

import csv
import uuid
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from tests.conftest import TEST_DAY
from tests.e2e.conftest import open_menu, screenshot
from tests.e2e.test_dashboard import sign_in

pytestmark = pytest.mark.browser

PAPER_COLUMNS = [
    "ID", "Change owner", "Initiator", "Cause", "Hostname", "Description", "Configuration change", "Category", "Risk",
    "Approver", "Approval date", "Execution date", "Successful",
]  # fmt: skip


def switch_to(page: Page, server_url: str, email: str, path: str) -> None:
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, server_url, email)
    page.goto(f"{server_url}{path}")


def test_an_emergency_change_runs_with_the_boards_consent_and_the_log_exports(
    page: Page, server_url: str, tmp_path: Path
) -> None:
    sign_in(page, server_url, "member@muller.example")
    open_menu(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Changes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Change log of Boulangerie Muller")

    description = f"Patch the till gateway ({uuid.uuid4().hex[:6]})"
    form = page.locator("#file-form")
    form.get_by_label("Change owner").select_option(label="Marc Muller")
    form.get_by_label("Initiator").fill("Till vendor")
    form.get_by_label("Cause").fill("Security notice of the vendor")
    form.get_by_label("Hostname").fill("not a host")
    form.get_by_label("Description").fill(description)
    form.get_by_label("Configuration change").fill("apt-get install till-gateway=2.0.1")
    form.get_by_label("Category").select_option("emergency")
    form.get_by_label("Risk").select_option("high")
    form.get_by_role("button", name="File the change").click()
    expect(page.locator("#file-form .error-summary")).to_be_in_viewport()
    page.locator("#file-form").get_by_label("Hostname").fill("till-gw.muller.example")
    page.locator("#file-form").get_by_role("button", name="File the change").click()
    expect(page.get_by_role("status")).to_have_text("Change 5 is filed in the log.")
    page.get_by_role("link", name=description).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Change 5: till-gw.muller.example")
    expect(page.get_by_role("button", name="Approve the change")).to_have_count(0)  # its owner: four eyes
    change_page = page.url.removeprefix(server_url)

    switch_to(page, server_url, "jonas@muller.example", change_page)
    page.get_by_role("button", name="Approve the change").click()
    expect(page.get_by_role("status")).to_have_text("You approved the change.")
    expect(page.locator("#change-approver")).to_have_text("Jonas Muller")
    page.get_by_role("button", name="Consent to the change").click()
    expect(page.get_by_role("status")).to_have_text("Your consent for the Change Advisory Board is recorded.")

    switch_to(page, server_url, "member@muller.example", change_page)
    schedule = page.locator("#schedule-form")
    schedule.get_by_label("Day it runs").fill(TEST_DAY.isoformat())
    schedule.get_by_label("Fallback procedure").fill("Reinstall till-gateway=2.0.0")
    schedule.get_by_role("button", name="Schedule the change").click()
    expect(page.get_by_role("status")).to_have_text("The change is scheduled, with its fallback.")
    expect(page.locator("#execution-awaits")).to_contain_text("Every member of the Change Advisory Board")
    expect(page.get_by_role("button", name="Record the execution")).to_have_count(0)
    page.get_by_role("button", name="Consent to the change").click()
    expect(page.locator("#change-consents")).to_contain_text("Jonas Muller")
    expect(page.locator("#change-consents")).to_contain_text("Marc Muller")
    execute = page.locator("#execute-form")
    execute.get_by_label("Day it ran").fill(TEST_DAY.isoformat())
    execute.get_by_label("Yes").check()
    execute.get_by_role("button", name="Record the execution").click()
    expect(page.get_by_role("status")).to_have_text("The execution is recorded in the log.")
    expect(page.locator("#change-succeeded")).to_have_text("Yes")
    expect(page.locator(".change-history")).to_contain_text("Executed")
    screenshot(page, "change")

    page.get_by_role("link", name="The change log").click()
    with page.expect_download() as exported:
        page.get_by_role("link", name="Export CSV").click()
    saved = tmp_path / "changes.csv"
    exported.value.save_as(saved)
    rows = list(csv.reader(saved.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0] == PAPER_COLUMNS
    mine = next(row for row in rows if row[5] == description)
    assert mine[0] == "5" and mine[7:] == ["emergency", "high", "Jonas Muller", "2027-01-04", "2027-01-04", "yes"]
    with page.expect_download() as workbook:
        page.get_by_role("link", name="Export XLSX").click()
    saved_xlsx = tmp_path / "changes.xlsx"
    workbook.value.save_as(saved_xlsx)
    sheet = load_workbook(saved_xlsx).active
    assert sheet is not None
    assert [cell.value for cell in sheet[1]] == PAPER_COLUMNS
    assert [sheet.cell(row=6, column=n).value for n in (1, 2, 6)] == [5, "Marc Muller", description]
