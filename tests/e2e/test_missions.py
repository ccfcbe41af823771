"""Alpine's admin gathers Sophie's mission with Kirchberg Dental from Alpine's records, confirms and attests it; Sophie
then sees it in her portfolio beside the demo's mission and downloads her portfolio as a PDF, read back here. On a
desktop and on a 390 px phone, with long names too; the admin then gathers the facts again to correct them."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from backend.services import Services
from domain.clusters.cluster import cluster_id
from domain.clusters.commands import ChangeClusterDetails
from domain.organisations.commands import ChangeOrganisationDetails
from domain.organisations.organisation import organisation_id
from domain.shared.aggregate import SYSTEM_ACTOR
from domain.tenancy.account import account_id
from domain.tenancy.consultancy import consultancy_id
from tests.e2e.conftest import screenshot
from tests.e2e.test_professionals import sign_in_home
from tests.e2e.test_working_pages import overflow

pytestmark = pytest.mark.browser


def test_an_admin_attests_a_mission_and_the_professional_downloads_her_portfolio(
    page: Page, browser: Browser, server_url: str, tmp_path: Path
) -> None:
    sign_in_home(page, server_url, "admin@alpine.example", "/")
    page.goto(f"{server_url}/professionals/missions")
    expect(page.get_by_role("heading", level=1)).to_have_text("Missions")
    expect(page.locator("#attested-missions")).to_contain_text("Food retail")  # the demo's attestation
    page.get_by_label("Linked professional").select_option(label="Sophie Martin (coach account Claire Coach)")
    page.get_by_label("Cluster and member").select_option(label="Luxembourg SMEs 2026: Kirchberg Dental")
    page.get_by_role("button", name="Gather the facts").click()
    gathered = page.locator("#gathered")
    expect(gathered).to_contain_text("Healthcare")
    expect(gathered).to_contain_text("Micro (under 10 people)")
    expect(gathered).not_to_contain_text("Kirchberg Dental")  # the facts name no member
    assert overflow(page) == 0
    screenshot(page, "mission-gathered")
    gathered.get_by_role("button", name="Attest this mission").click()
    expect(page).to_have_url(f"{server_url}/professionals/missions")
    expect(page.get_by_role("status")).to_contain_text("Attested")
    expect(page.locator("#attested-missions > li")).to_have_count(2)
    assert overflow(page) == 0

    sophie = browser.new_context(viewport=page.viewport_size).new_page()
    sign_in_home(sophie, server_url, "sophie@pro.example", "/professional")
    sophie.get_by_role("link", name="see your portfolio").click()
    expect(sophie).to_have_url(f"{server_url}/professional/portfolio")
    missions = sophie.locator("#portfolio-missions > li")
    expect(missions).to_have_count(2)
    expect(sophie.locator("#portfolio-missions")).to_contain_text("Healthcare")
    expect(sophie.get_by_text("2 missions for 1 consultancy.")).to_be_visible()
    assert overflow(sophie) == 0
    screenshot(sophie, "portfolio")
    with sophie.expect_download() as download:
        sophie.get_by_role("link", name="Download your portfolio (PDF)").click()
    assert download.value.suggested_filename == "Coached missions of Sophie Martin.pdf"
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    text = " ".join(p.extract_text() or "" for p in PdfReader(saved).pages)
    assert "Coached missions of Sophie Martin" in text and "Healthcare" in text and "Food retail" in text
    assert "Kirchberg Dental" not in text and "Boulangerie Muller" not in text
    sophie.context.close()


LONG_CLUSTER = "Gesundheitsdienstleistungsunternehmen-Kohorte"
LONG_SECTOR = "Informationstechnologiedienstleistungen"


def test_long_names_fit_the_screen_and_a_correction_shows_its_facts_first(
    page: Page, browser: Browser, server_url: str, demo_services: Services
) -> None:
    alpine = consultancy_id("alpine")
    cluster = cluster_id(alpine, "Luxembourg SMEs 2026")
    coach, renamed = account_id("coach@alpine.example"), "A German-speaking cohort."
    demo_services.execute(ChangeClusterDetails(alpine, SYSTEM_ACTOR, cluster, LONG_CLUSTER, coach, renamed))
    member = organisation_id(alpine, "Kirchberg Dental")
    demo_services.execute(ChangeOrganisationDetails(alpine, SYSTEM_ACTOR, member, LONG_SECTOR, 9, "LU", None))

    sign_in_home(page, server_url, "admin@alpine.example", "/")
    page.goto(f"{server_url}/professionals/missions")
    page.get_by_label("Linked professional").select_option(label="Sophie Martin (coach account Claire Coach)")
    page.get_by_label("Cluster and member").select_option(label=f"{LONG_CLUSTER}: Kirchberg Dental")
    page.get_by_role("button", name="Gather the facts").click()
    expect(page.locator("#gathered")).to_contain_text(LONG_SECTOR)
    assert overflow(page) == 0
    page.locator("#gathered").get_by_role("button", name="Attest this mission").click()
    expect(page.get_by_role("status")).to_contain_text("Attested")
    expect(page.locator("#attested-missions")).to_contain_text(LONG_CLUSTER)
    assert overflow(page) == 0
    screenshot(page, "missions-long-names")

    card = page.locator("#attested-missions > li", has_text=LONG_SECTOR)
    card.get_by_role("link", name="Gather the facts again to correct them").click()
    correcting = page.locator("#correcting")
    expect(correcting.get_by_role("heading", name="Confirm and correct")).to_be_visible()
    expect(correcting).to_contain_text(LONG_SECTOR)  # the facts gathered again, before the admin confirms them
    assert overflow(page) == 0
    correcting.get_by_label("Why correct it").fill("Checking the records once more.")
    correcting.get_by_role("button", name="Correct with these facts").click()
    expect(page.locator("#correcting .error-summary")).to_contain_text("nothing to correct")  # the records moved not
    assert overflow(page) == 0

    sophie = browser.new_context(viewport=page.viewport_size).new_page()
    sign_in_home(sophie, server_url, "sophie@pro.example", "/professional")
    sophie.goto(f"{server_url}/professional/portfolio")
    expect(sophie.locator("#portfolio-missions")).to_contain_text(LONG_SECTOR)
    assert overflow(sophie) == 0
    screenshot(sophie, "portfolio-long-names")
    sophie.context.close()
