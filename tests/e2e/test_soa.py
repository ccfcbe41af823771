"""Boulangerie Muller's member decides controls of its Statement of Applicability and submits version 2; its
manager, someone else, approves it; the approved version downloads as XLSX and PDF, each stamped with the version
and the approver."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from backend.demo import DEMO_PASSWORD
from backend.services import Services
from domain.organisations.organisation import organisation_id
from domain.tenancy.account import Role
from domain.tenancy.consultancy import consultancy_id
from tests.api.test_isolation_same_tenant import open_account
from tests.e2e.conftest import open_menu, screenshot
from tests.e2e.test_dashboard import sign_in

pytestmark = pytest.mark.browser
MULLER = str(organisation_id(consultancy_id("alpine"), "Boulangerie Muller"))


def decide(page: Page, control: str, applicable: bool, justification: str, reason: str = "") -> None:
    page.get_by_role("link", name=control, exact=False).first.click()
    form = page.locator("#decide-form")
    form.get_by_label("Applicable" if applicable else "Not applicable", exact=True).check()
    if reason:
        form.get_by_label(reason, exact=True).check()
        form.get_by_label("Implementation (when applicable)").select_option("planned")
    else:
        form.get_by_label("Implementation (when applicable)").select_option("")
    form.get_by_label("Justification").fill(justification)
    form.get_by_role("button", name="Save the decision").click()


def test_decide_submit_approve_by_someone_else_and_download(
    page: Page, server_url: str, demo_services: Services, tmp_path: Path
) -> None:
    open_account(demo_services, "sophie@muller.example", "Sophie Muller", Role.MEMBER, MULLER)
    demo_services.runner.catch_up()
    sign_in(page, server_url, "member@muller.example")
    open_menu(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Applicability").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Statement of Applicability of Boulangerie Muller")
    page.get_by_label("Theme").select_option("physical")
    page.get_by_role("button", name="Show").click()
    decide(page, "7.4 ", True, "", reason="Risk treatment")  # refused: no justification
    expect(page.locator("#decide-form .error-summary")).to_contain_text("Justification")
    page.locator("#decide-form").get_by_label("Justification").fill("Cameras watch the shop at night.")
    page.locator("#decide-form").get_by_role("button", name="Save the decision").click()
    expect(page.get_by_role("status")).to_contain_text("Control 7.4 is decided.")
    expect(page.locator(".history")).to_contain_text("Version 2: decided by Marc Muller")
    page.get_by_role("link", name="Statement of Applicability of Boulangerie Muller").click()
    decide(page, "7.7 ", False, "Nothing sensitive is left on desks: orders are kept on the PC.")
    expect(page.get_by_role("status")).to_contain_text("Control 7.7 is decided.")
    page.get_by_role("link", name="Statement of Applicability of Boulangerie Muller").click()
    page.get_by_role("link", name="Versions and downloads").click()
    page.get_by_role("button", name="Submit version 2 for approval").click()
    expect(page.get_by_role("status")).to_contain_text("Version 2 is submitted")
    expect(page.get_by_role("button", name="Approve version 2")).to_have_count(0)
    page.get_by_role("button", name="Sign out").click()

    page.get_by_label("E-mail address").fill("sophie@muller.example")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{server_url}/organisations/{MULLER}/soa/versions")
    form = page.locator("#approve-2-form")
    form.get_by_role("button", name="Approve version 2").click()
    expect(page.locator("#approve-2-form .error-summary")).to_contain_text("Tick the box")
    page.locator("#approve-2-form").get_by_label("I approve these decisions: version 2 is frozen").check()
    page.locator("#approve-2-form").get_by_role("button", name="Approve version 2").click()
    expect(page.get_by_role("status")).to_contain_text("Version 2 is approved and frozen")
    screenshot(page, "soa-approved")

    section = page.locator("#version-2")
    with page.expect_download() as xlsx:
        section.get_by_role("link", name="XLSX").click()
    saved = tmp_path / "soa.xlsx"
    xlsx.value.save_as(saved)
    sheet = load_workbook(saved).active
    assert sheet is not None
    assert str(sheet["A2"].value).startswith("Version 2, approved on ") and "by Sophie Muller" in str(sheet["A2"].value)
    rows = {r[0]: r for r in sheet.iter_rows(min_row=6, values_only=True)}
    assert rows["7.4"][3] == "Yes" and rows["7.7"][3] == "No"
    with page.expect_download() as pdf:
        section.get_by_role("link", name="PDF").click()
    saved = tmp_path / "soa.pdf"
    pdf.value.save_as(saved)
    text = " ".join(p.extract_text() or "" for p in PdfReader(saved).pages)
    assert "Version 2, approved on" in text and "Sophie Muller" in text
    assert "Cameras watch the shop at night." in text
