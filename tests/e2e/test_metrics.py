"""A member keeps a metric in the browser, at desktop and phone widths: the menu leads to its organisation's metrics,
a metric is defined, two measurements are recorded, one missing the target; the miss is flagged on the metric's
page and in the register, and the chart is drawn with a point for each measurement, within the screen's width."""

from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import open_menu, screenshot
from tests.e2e.test_dashboard import sign_in
from tests.e2e.test_working_pages import overflow

pytestmark = pytest.mark.browser


def record(page: Page, on: str, value: str) -> None:
    form = page.locator("#record-form")
    form.get_by_label("Measured on").fill(on)
    form.get_by_label("Value (%)").fill(value)
    form.get_by_role("button", name="Record it").click()
    expect(page.get_by_role("status")).to_have_text("The measurement is recorded.")


def test_a_member_defines_a_metric_records_a_miss_and_sees_it_flagged_on_the_chart(page: Page, server_url: str) -> None:
    sign_in(page, server_url, "member@muller.example")
    open_menu(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Metrics").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Metrics of Boulangerie Muller")

    name = f"Laptops encrypted ({uuid.uuid4().hex[:6]})"
    define = page.locator("#define-form")
    define.get_by_label("Name").fill(name)
    define.get_by_label("What it measures and how").fill("Encrypted laptops in the device list")
    define.get_by_label("Measured").select_option(label="Monthly")
    define.get_by_label("Met when the value is").select_option(label="At least")
    define.get_by_label("Target").fill("all of them")
    define.get_by_label("Unit").fill("%")
    define.get_by_label("Owner (measures it)").select_option(label="Marc Muller")
    define.get_by_label("Clause or control it evidences").fill("8.24")
    define.get_by_role("button", name="Define it").click()
    expect(page.locator("#define-form .error-summary")).to_be_in_viewport()
    expect(page.locator("#define-target-error")).to_be_visible()
    page.locator("#define-form").get_by_label("Target").fill("100")
    page.locator("#define-form").get_by_role("button", name="Define it").click()
    expect(page.get_by_role("status")).to_have_text("The metric is defined.")

    page.get_by_role("link", name=name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    record(page, "2026-11-30", "100")
    record(page, "2026-12-31", "87.5")
    chart = page.locator("figure.metric-chart svg")
    expect(chart).to_be_visible()
    expect(chart.locator("circle.point.met")).to_have_count(1)
    expect(chart.locator("rect.point.missed")).to_have_count(1)
    expect(chart.locator("polyline.target")).to_have_count(1)
    box = chart.bounding_box()
    width = page.viewport_size["width"] if page.viewport_size else 0
    assert box is not None and 0 < box["width"] <= width
    expect(page.locator("#last-result")).to_contain_text("missed")
    expect(page.locator("table.measurements")).to_contain_text("87.5 %")
    assert overflow(page) == 0
    screenshot(page, "metric")

    page.get_by_role("link", name="The metrics").click()
    row = page.locator("tr", has=page.get_by_role("link", name=name))
    expect(row.locator(".missed")).to_have_text("missed")
    page.get_by_label("Only those whose last measurement missed").check()
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("link", name=name)).to_be_visible()
    assert overflow(page) == 0
