"""Pages a person works in: a refusal in view, a success that says so, and every page on a 390 px phone."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from playwright.sync_api import Browser, Page, expect

from backend.demo import DEMO_PASSWORD
from tests.e2e.conftest import WIDTHS, open_menu, screenshot
from tests.e2e.test_dashboard import sign_in

pytestmark = pytest.mark.browser

CLUSTER = "Luxembourg SMEs 2026"
WIDE = """() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
 .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).slice(0, 8)"""
"""The elements that stick out on the right: a failure names what widens the page."""


def open_plan(page: Page, server_url: str) -> None:
    sign_in(page, server_url, "coach@alpine.example")
    page.get_by_role("link", name=CLUSTER).click()
    page.get_by_role("navigation", name="Cluster").get_by_role("link", name="Plan", exact=True).click()


def fill_move(page: Page, on: str) -> None:
    form = page.locator("#move-form")
    form.get_by_label("Session").select_option("module:6")
    form.get_by_label("New date").fill(on)
    form.get_by_label("Reason").fill("Trade fair")
    form.get_by_role("button", name="Move").click()


def test_a_refused_move_shows_its_errors_in_view(page: Page, server_url: str) -> None:
    open_plan(page, server_url)
    fill_move(page, "2026-06-01")
    summary = page.locator("#move-form .error-summary")
    expect(summary).to_be_in_viewport()
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Module 6 is out of order there")
    summary.get_by_role("link").click()
    expect(page.locator("#move-form").get_by_label("New date")).to_be_focused()
    expect(page.locator("#move-form").get_by_label("Reason")).to_have_value("Trade fair")
    screenshot(page, "refused-move")


def test_a_successful_move_says_so_at_the_top(page: Page, server_url: str) -> None:
    open_plan(page, server_url)
    fill_move(page, "2026-04-01")
    said = page.get_by_role("status")
    expect(said).to_be_in_viewport()
    expect(said).to_contain_text(
        re.compile(r"^Module 6: .* moved to Wed 1 Apr 2026, morning; no member is unavailable then\.$")
    )
    page.reload()
    expect(page.get_by_role("status")).to_have_count(0)


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=WIDTHS["phone"])
    yield context.new_page()
    context.close()


def page_paths(page: Page) -> list[str]:
    """Every page a signed-in person reaches from the current one through the cluster's links."""
    cluster = page.get_by_role("link", name=CLUSTER).get_attribute("href")
    assert cluster is not None
    return [
        "/",
        "/clusters",
        "/organisations",
        "/account",
        "/assets",
        cluster,
        f"{cluster}/plan",
        f"{cluster}/effort",
        f"{cluster}/comparison",
        f"{cluster}/feedback",
        f"{cluster}/sessions/module:1",
        f"{cluster}/sessions/module:6",
        "/catalogues",
        "/catalogues/iso27001-2022",
        "/catalogues/iso27001-2005",
        "/catalogues/iso27001-2005?group=A.13",
        "/catalogues/iso27001-2022/controls/5.23",
        "/catalogues/alpine-baseline",
        "/catalogues/alpine-baseline/controls/sob-acc-2.1",
        "/catalogue-import",
        "/library",
        "/library/threat",
        "/library/risk_scenario",
        "/library/asset_template",
        "/documents",
        "/asset-scales",
        "/risks",
        "/risk-method",
        "/no-such-page",
        "/context",
        "/isms",
        "/soa",
        "/itil",
        "/changes",
        "/audits",
        "/nonconformities",
        "/incidents",
        "/reviews",
        "/competence",
        "/audit/trail",
        "/audit/trail?register=metrics",
        "/account/api-tokens",
        "/settings/integrations",
        "/account/second-factor",
        "/account/sessions",
        "/access",
        "/people",
        "/auditor-reads",
        "/portfolio",
        "/professionals",
    ]


def overflow(page: Page) -> int:
    """How many pixels the document is wider than the screen: what a person would have to scroll sideways."""
    page.wait_for_load_state()  # measured once the page is there, not while it is being replaced
    width: int = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    return width


LISTINGS = (
    ("/organisations", "a[href^='/organisations/']"),
    ("/clusters/", "a[href*='/members/']"),  # the cluster: its path is found on the page signed in to
    ("/documents", "a[href*='documents']"),
    ("/assets", "main a[href*='/assets']:not([href*='export'])"),
    ("/soa", "main a[href$='/soa']"),
    ("/risks", "main a[href*='/risks'], main a[href*='/treatment-plan'], main a[href*='/objectives']"),
    ("/library/document_skeleton", "a[href^='/library/items/']"),
    ("/changes", "main a[href$='/changes'], main a[href*='/changes/'], main a[href$='/change-rules']"),
    ("/audits", "main a[href*='/audits']:not([href*='report.'])"),
    ("/nonconformities", "main a[href*='/nonconformities']"),
    ("/incidents", "main a[href*='/incidents']"),
    ("/reviews", "main a[href^='/reviews/'], main a[href$='/reviews']"),
    ("/competence", "main a[href*='/competence']"),
    ("/metrics", "main a[href*='/metrics']:not([href$='.xlsx'])"),
)
"""The listings a person reaches through the cluster's links, and the links followed from each."""
REGISTERS_FOUND_ON = ("/organisations", "/soa", "/risks")  # in the listings' order
"""The listings that name what the registers' pages are made of: the organisations, their statements, their risks."""


def found_on(phone: Page, server_url: str, listings: tuple[tuple[str, str], ...]) -> dict[str, list[str]]:
    """The pages each listing links to, by listing, in the listings' order."""
    cluster = page_paths(phone)[5]
    paths: dict[str, list[str]] = {}
    for listing, links in listings:
        phone.goto(f"{server_url}{cluster if listing == '/clusters/' else listing}")
        found = phone.locator(links).evaluate_all("links => links.map(a => a.getAttribute('href'))")
        assert found, f"no {links} on {listing}"
        paths[listing] = sorted(set(found))
    return paths


def listed_pages(phone: Page, server_url: str) -> list[str]:
    """The pages the listings link to; their organisations, risks and statements are those of three of them."""
    by_listing = found_on(phone, server_url, LISTINGS)
    paths = [path for found in by_listing.values() for path in found]
    on_three = [path for listing in REGISTERS_FOUND_ON for path in by_listing[listing]]
    # what the registers' share walks, found on three listings only, is what all the listings name
    assert registers_of(paths, "now") == registers_of(on_three, "now")
    for listing, links in (("/accounts", "main a[href^='/accounts/']"), ("/people", "main a[href^='/people/']")):
        phone.goto(f"{server_url}{listing}")  # an admin's and an ISMS manager's only: one person's grants each
        found = phone.locator(links).evaluate_all("links => links.map(a => a.getAttribute('href'))")
        paths += sorted(set(found))[:1]
    return paths


def registers_of(listed: list[str], moment: str) -> list[str]:
    """Each member organisation's registers, those as recorded at `moment` (banner and picker), its risk's history and
    its statement's pages, for the organisations, risks and statements among the `listed` pages."""
    organisations = [path for path in listed if re.fullmatch(r"/organisations/[0-9a-f-]{36}", path)]
    pages = ("context", "isms", "itil", "risks", "treatment-plan", "objectives", "changes", "change-rules")
    pages += ("audits", "nonconformities", "incidents", "incidents/monthly-report", "service-levels")
    pages += ("monitoring-tokens", "reviews", "competence", "readiness", "metrics", "evidence")
    paths = [f"{path}/{page}" for path in organisations for page in pages]
    paths += [f"{path}/{page}?as_of={moment}" for path in organisations[:1] for page in ("assets", "risks", "isms")]
    paths += [f"{path}/history/compare?register=assets&from=2026-01-01&to={moment}" for path in organisations[:1]]
    risks = [path for path in listed if re.fullmatch(r"/organisations/[0-9a-f-]{36}/risks/[0-9a-f-]{36}", path)]
    paths += [f"/trail/items/{path.rsplit('/', 1)[1]}" for path in risks[:1]]  # an item's whole history
    statements = [path for path in listed if re.fullmatch(r"/organisations/[0-9a-f-]{36}/soa", path)]
    paths += [f"{path}{page}" for path in statements for page in ("/review", "/versions", "/controls/5.1")]
    return paths


def register_pages(phone: Page, server_url: str) -> list[str]:
    """The registers' pages, from the three listings that name their organisations, statements and risks."""
    moment = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S")  # the registers as recorded now
    by_listing = found_on(phone, server_url, tuple(each for each in LISTINGS if each[0] in REGISTERS_FOUND_ON))
    return registers_of([path for found in by_listing.values() for path in found], moment)


SHARES = ("linked", "listed", "registers")
"""Each person's walk in three tests the workers take side by side, each page once: the pages the cluster links to,
those its listings link to, then each member organisation's registers (walking all in one test would keep one worker
busy while the other waits at the end of the suite)."""


@pytest.mark.parametrize("share", SHARES)
@pytest.mark.parametrize("email", ["coach@alpine.example", "admin@alpine.example", "member@muller.example"])
def test_every_page_fits_a_390_px_phone(phone: Page, server_url: str, email: str, share: str) -> None:
    sign_in(phone, server_url, email)
    if share == "linked":
        paths = page_paths(phone)
    elif share == "listed":
        paths = listed_pages(phone, server_url)
        assert len(paths) > 20, paths  # the listings' pages
    else:
        paths = register_pages(phone, server_url)
        assert len(paths) > 20, paths  # each organisation's registers
    too_wide: dict[str, list[str]] = {}
    for path in paths:
        phone.goto(f"{server_url}{path}")
        if overflow(phone) > 0:
            too_wide[path] = phone.evaluate(WIDE)
    assert too_wide == {}
    expect(phone.get_by_text("Sign out")).to_be_in_viewport()
    open_menu(phone)
    expect(phone.get_by_role("navigation", name="Main").get_by_role("link", name="Clusters")).to_be_visible()
    person = email.split("@", maxsplit=1)[0]
    screenshot(phone, f"phone-{person}" if share == "listed" else f"phone-{person}-{share}")


def test_the_sign_in_page_fits_a_390_px_phone(phone: Page, server_url: str) -> None:
    phone.goto(f"{server_url}/login")
    assert overflow(phone) == 0
    phone.get_by_role("link", name="Forgot your password?").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Forgot your password?")
    assert overflow(phone) == 0


def test_a_member_changes_its_password_and_signs_in_with_it(page: Page, server_url: str) -> None:
    sign_in(page, server_url, "member@muller.example")
    page.get_by_role("link", name="Marc Muller").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account")
    page.get_by_label("Current password").fill(DEMO_PASSWORD)
    page.get_by_label("New password", exact=True).fill("password")
    page.get_by_label("New password again").fill("password")
    page.get_by_role("button", name="Change the password").click()
    expect(page.locator("#password-form .error-summary")).to_be_in_viewport()
    expect(page.locator("#password-form .error-summary")).to_contain_text("Use at least 12 characters.")
    page.get_by_label("Current password").fill(DEMO_PASSWORD)
    page.get_by_label("New password", exact=True).fill("bread rises at dawn")
    page.get_by_label("New password again").fill("bread rises at dawn")
    page.get_by_role("button", name="Change the password").click()
    expect(page.get_by_role("status")).to_contain_text("Your password is changed")
    page.get_by_role("button", name="Sign out").click()
    page.get_by_label("E-mail address").fill("member@muller.example")
    page.get_by_label("Password").fill("bread rises at dawn")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{server_url}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("What's next")


def test_a_subscribed_calendar_link_works_without_a_cookie_until_it_is_regenerated(
    page: Page, browser: Browser, server_url: str
) -> None:
    sign_in(page, server_url, "coach@alpine.example")
    page.goto(f"{server_url}/account")
    page.get_by_role("button", name="Make my calendar link").click()
    said = page.get_by_role("status")
    expect(said).to_contain_text("Your calendar link: ")
    first = re.search(r"http://\S+\.ics", said.inner_text())
    assert first is not None
    calendar_app = browser.new_context()  # no cookie, as a calendar application subscribes
    try:
        answer = calendar_app.request.get(first.group(0))
        assert answer.status == 200 and "BEGIN:VCALENDAR" in answer.text()
        page.get_by_role("button", name="Make a new calendar link").click()
        expect(page.get_by_role("status")).not_to_contain_text(first.group(0))
        assert calendar_app.request.get(first.group(0)).status == 404
    finally:
        calendar_app.close()


def test_the_timeline_shows_the_clash_and_leads_to_its_session(page: Page, server_url: str) -> None:
    open_plan(page, server_url)
    chart = page.get_by_role("img", name="Timeline of the plan: one row for the whole cluster, one per member")
    expect(chart).to_be_visible()
    clash = page.locator("figure.plan-chart rect.clash")
    expect(clash).to_have_count(1)
    expect(clash.locator("title")).to_contain_text("(clash: a member is unavailable)")
    clash.scroll_into_view_if_needed()
    screenshot(page, "plan-timeline")
    clash.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Module 6")
    expect(page.locator(".clash-note")).to_contain_text("Boulangerie Muller")
