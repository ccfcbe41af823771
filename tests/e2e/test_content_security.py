"""The main pages under the content security policy, in a real browser: nothing refused, the gauge and chart shown."""

from __future__ import annotations

import pytest
from playwright.sync_api import ConsoleMessage, Locator, Page, expect

from tests.e2e.conftest import open_menu, screenshot
from tests.e2e.test_dashboard import sign_in

pytestmark = pytest.mark.browser

# Runs before any script of each page: keeps every violation the browser reports, as the page sees it.
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(`${event.violatedDirective} refused ${event.blockedURI || "inline"} on ${location.pathname}`);
});
"""
CLUSTER = "Luxembourg SMEs 2026"


class Violations:
    """What the browser refused: its console's CSP errors and the pages' `securitypolicyviolation` events."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.console: list[str] = []
        page.context.add_init_script(RECORD_VIOLATIONS)
        page.on("console", self._console)

    def _console(self, message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            self.console.append(message.text)

    def on_this_page(self) -> list[str]:
        found: list[str] = self.page.evaluate("window.cspViolations || []")
        return found

    def assert_none(self) -> None:
        assert self.on_this_page() == [] and self.console == [], (self.on_this_page(), self.console)


@pytest.fixture
def violations(page: Page) -> Violations:
    return Violations(page)


def visit(page: Page, violations: Violations, link: str, heading: str) -> None:
    open_menu(page)
    page.get_by_role("link", name=link, exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
    page.wait_for_load_state("load")
    violations.assert_none()


def estimate_mark_at(gauge: Locator) -> float:
    """Where the estimate's mark stands along the coaching gauge, from 0 (left) to 1 (right)."""
    bar, mark = gauge.locator("meter").bounding_box(), gauge.locator(".gauge-estimate .mark").bounding_box()
    assert bar is not None and mark is not None
    return (mark["x"] + mark["width"] / 2 - bar["x"]) / bar["width"]


def test_the_coach_pages_run_under_the_policy(page: Page, server_url: str, violations: Violations) -> None:
    sign_in(page, server_url, "coach@alpine.example")
    violations.assert_none()
    visit(page, violations, CLUSTER, CLUSTER)
    bakery = page.locator("li.member", has_text="Boulangerie Muller")
    expect(bakery.locator("meter")).to_have_attribute("value", "4")
    expect(bakery.locator(".gauge-estimate .mark")).to_be_visible()
    assert abs(estimate_mark_at(bakery) - 19 / 28) < 0.02, "the mark stands at 19 of 28 half-days"
    screenshot(page, "csp-dashboard")

    visit(page, violations, "Plan", f"Plan of {CLUSTER}")
    visit(page, violations, "Module 1: Scope, ISMS policy and assets", "Module 1")
    page.emulate_media(reduced_motion="reduce")
    visit(page, violations, "Effort", f"Effort of {CLUSTER}")
    page.wait_for_function("() => window.Chart && Chart.getChart(document.getElementById('effort-chart'))")
    visit(page, violations, "Boulangerie Muller", "Boulangerie Muller")
    expect(page.locator(".gauge-estimate .mark")).to_be_visible()
    visit(page, violations, "Organisations", "Organisations")

    # The listener hears a refusal when there is one: an inline style is refused and reported.
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<p style=\"color: red\">inline</p>')")
    page.wait_for_function("() => window.cspViolations.length > 0")
    assert any("style-src" in found for found in violations.on_this_page())


def test_the_member_pages_run_under_the_policy(page: Page, server_url: str, violations: Violations) -> None:
    sign_in(page, server_url, "member@muller.example")
    violations.assert_none()
    visit(page, violations, CLUSTER, CLUSTER)
    visit(page, violations, "Boulangerie Muller", "Boulangerie Muller")
    gauge = page.locator(".gauge")
    expect(gauge).to_contain_text("4 used · 19 estimated · 28 ceiling · 24 left")
    expect(gauge.locator(".gauge-estimate .mark")).to_be_visible()
    assert abs(estimate_mark_at(gauge) - 19 / 28) < 0.02
    screenshot(page, "csp-member")
    visit(page, violations, "Plan", f"Plan of {CLUSTER}")
    visit(page, violations, "Module 1: Scope, ISMS policy and assets", "Module 1")
    visit(page, violations, "Clusters", "Clusters")
