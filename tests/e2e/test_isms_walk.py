"""The Plan half of an ISMS walked in the browser, register to register: a member registers an asset, identifies a
risk to it from the asset's page, assesses and treats it with a control of the catalogue; the Statement of
Applicability shows that control treating the risk, the member decides and submits it, someone else approves it, and
the approved version downloads as XLSX and PDF stamped with its version and approver. The ISMS home counts it all."""

from __future__ import annotations

import re
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
from tests.e2e.conftest import screenshot
from tests.e2e.test_dashboard import sign_in

pytestmark = pytest.mark.browser
MULLER = str(organisation_id(consultancy_id("alpine"), "Boulangerie Muller"))
RISK = "Laptop stolen with the customer orders"


def test_asset_to_risk_to_treatment_to_an_approved_statement(
    page: Page, server_url: str, demo_services: Services, tmp_path: Path
) -> None:
    open_account(demo_services, "sophie@muller.example", "Sophie Muller", Role.MEMBER, MULLER)
    demo_services.runner.catch_up()
    sign_in(page, server_url, "member@muller.example")

    page.goto(f"{server_url}/assets")
    register = page.locator("#register-form")
    register.get_by_label("Name").fill("Delivery laptop")
    register.get_by_label("Kind").select_option("hardware")
    register.get_by_label("Owner").fill("Marc Muller")
    register.get_by_role("button", name="Register the asset").click()
    expect(page.get_by_role("status")).to_contain_text("Delivery laptop")
    page.get_by_role("link", name="Delivery laptop").first.click()
    page.get_by_role("link", name="Identify a risk to this asset").click()

    identify = page.locator("#identify-form")
    expect(identify.get_by_label("Delivery laptop")).to_be_checked()
    identify.get_by_label("Title").fill(RISK)
    identify.get_by_label("Threat").fill("A thief takes the laptop from the delivery van")
    identify.get_by_label("Vulnerability").fill("The disk is not encrypted")
    identify.get_by_label("Risk owner").select_option(label="Marc Muller")
    identify.get_by_role("button", name="Identify the risk").click()
    expect(page.get_by_role("status")).to_have_text(f"{RISK} is identified; assess it next.")
    page.get_by_role("link", name=RISK).click()
    expect(page.locator("main dl")).to_contain_text("Delivery laptop")

    assess = page.locator("#assess-form")
    assess.get_by_label(re.compile("^Likelihood")).select_option("2")
    assess.get_by_label("Impact").select_option("3")
    assess.get_by_role("button", name="Save the assessment").click()
    expect(page.get_by_role("status")).to_have_text("The risk is assessed.")
    treat = page.locator("#treat-form")
    treat.get_by_label("Option", exact=True).select_option("mitigate")
    treat.get_by_label("Controls of the catalogue").fill("iso27001-2022:8.24")
    treat.get_by_label("Residual likelihood").select_option("1")
    treat.get_by_label("Residual impact").select_option("2")
    treat.get_by_role("button", name="Save the treatment").click()
    expect(page.get_by_role("status")).to_have_text("The treatment is recorded.")

    page.goto(f"{server_url}/organisations/{MULLER}/soa/controls/8.24")
    facts = page.locator("main dl.facts")
    expect(facts).to_contain_text(f"{RISK} (")
    decide = page.locator("#decide-form")
    decide.get_by_label("Applicable", exact=True).check()
    decide.get_by_label("Risk treatment", exact=True).check()
    decide.get_by_label("Implementation (when applicable)").select_option("planned")
    decide.get_by_label("Justification").fill("Laptops that leave the shop get an encrypted disk.")
    decide.get_by_role("button", name="Save the decision").click()
    expect(page.get_by_role("status")).to_contain_text("Control 8.24 is decided.")
    page.goto(f"{server_url}/organisations/{MULLER}/soa/versions")
    page.get_by_role("button", name="Submit version 2 for approval").click()
    expect(page.get_by_role("status")).to_contain_text("Version 2 is submitted")
    page.get_by_role("button", name="Sign out").click()

    page.get_by_label("E-mail address").fill("sophie@muller.example")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{server_url}/organisations/{MULLER}/soa/versions")
    approve = page.locator("#approve-2-form")
    approve.get_by_label("I approve these decisions: version 2 is frozen").check()
    approve.get_by_role("button", name="Approve version 2").click()
    expect(page.get_by_role("status")).to_contain_text("Version 2 is approved and frozen")

    section = page.locator("#version-2")
    with page.expect_download() as xlsx:
        section.get_by_role("link", name="XLSX").click()
    saved = tmp_path / "soa.xlsx"
    xlsx.value.save_as(saved)
    sheet = load_workbook(saved).active
    assert sheet is not None
    stamp = str(sheet["A2"].value)
    assert stamp.startswith("Version 2, approved on ") and "by Sophie Muller" in stamp
    rows = {r[0]: r for r in sheet.iter_rows(min_row=6, values_only=True)}
    assert rows["8.24"][3] == "Yes" and "risk treatment" in str(rows["8.24"][4]).lower()
    assert rows["8.24"][6] == "Laptops that leave the shop get an encrypted disk."
    with page.expect_download() as pdf:
        section.get_by_role("link", name="PDF").click()
    saved = tmp_path / "soa.pdf"
    pdf.value.save_as(saved)
    text = " ".join(p.extract_text() or "" for p in PdfReader(saved).pages)
    assert "Version 2, approved on" in text and "Sophie Muller" in text
    assert "Laptops that leave the shop get an encrypted disk." in text

    page.goto(f"{server_url}/isms")
    expect(page.get_by_role("heading", level=1)).to_have_text("ISMS of Boulangerie Muller")
    expect(page.locator("dl.registers")).to_contain_text("version 2 approved on")
    screenshot(page, "isms-home")
