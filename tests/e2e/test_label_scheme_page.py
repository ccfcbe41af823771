"""The registrar publishes the scheme's next version from its page, on a desktop and a 390 px phone: the form starts
from the version in force, a refusal is shown beside its field with what was typed kept, and the version published
is the one candidates enrolled from then on are on."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_professionals import sign_in_home
from tests.e2e.test_working_pages import overflow

pytestmark = pytest.mark.browser


def test_the_registrar_publishes_the_scheme_s_next_version(page: Page, server_url: str) -> None:
    sign_in_home(page, server_url, "registrar@label-board.example", "/labelling-body")
    page.get_by_role("link", name="The scheme: publish its next version").click()
    expect(page).to_have_url(f"{server_url}/labelling-body/scheme")
    expect(page.get_by_role("main")).to_contain_text("Version 1 is in force.")
    form = page.locator(".scheme-form")
    expect(form.get_by_label("Exam pass mark (percent)")).to_have_value("70")
    requirements = form.get_by_label("Requirements of the first-mission evaluation")
    assert requirements.input_value().count("\n") == 7  # the version in force's eight requirements, one a line
    requirements.fill(requirements.input_value() + "\nsecurity_policies | supplier-security | Suppliers are vetted.")
    form.get_by_label("Training", exact=True).fill("ISMS coach training, second edition")
    page.evaluate("document.querySelector('#scheme-passMark').removeAttribute('max')")  # as a hand-made post would
    form.get_by_label("Exam pass mark (percent)").fill("101")
    form.get_by_role("button", name="Publish the version").click()
    expect(page.locator(".scheme-form .error-summary")).to_contain_text("Nothing was saved")
    expect(page.locator("#scheme-passMark-error")).to_be_visible()
    expect(form.get_by_label("Training", exact=True)).to_have_value("ISMS coach training, second edition")
    assert "supplier-security" in form.get_by_label("Requirements of the first-mission evaluation").input_value()
    assert overflow(page) == 0
    form.get_by_label("Exam pass mark (percent)").fill("75")
    form.get_by_role("button", name="Publish the version").click()
    expect(page).to_have_url(f"{server_url}/labelling-body/candidates")
    expect(page.get_by_role("status")).to_contain_text("The new version is published")
    scheme = page.locator("#scheme")
    expect(scheme).to_contain_text("2")
    expect(scheme).to_contain_text("pass mark 75%")
    expect(scheme).to_contain_text("ISMS coach training, second edition")
    assert overflow(page) == 0
