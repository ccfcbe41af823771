"""The label track in a browser, on a desktop and on a 390 px phone: Sophie, asked to evaluate Tom's first mission,
rates every requirement from her own home; the registrar, refused a grant dated before the evaluation, grants Tom's
label, and Tom sees it valid on his home."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import Page, expect

from backend.services import Services
from domain.labels.body import labelling_body_id
from domain.labels.commands import EvaluateFirstMission
from domain.labels.track import RatingGiven
from domain.tenancy.account import account_id
from projections.core.scope import Scope
from tests.e2e.conftest import screenshot
from tests.e2e.test_professionals import sign_in_home
from tests.e2e.test_working_pages import overflow

pytestmark = pytest.mark.browser

REGISTRAR, SOPHIE, TOM = "registrar@label-board.example", "sophie@pro.example", "tom@pro.example"


def test_the_coach_asked_evaluates_tom_s_first_mission(page: Page, server_url: str) -> None:
    sign_in_home(page, server_url, SOPHIE, "/professional")
    summary = page.locator("#label-summary")
    expect(summary).to_contain_text("ISMS Label Board: valid, expires on 2029-01-12")
    expect(summary).to_contain_text("Tom Keller (ISMS Label Board)")
    summary.get_by_role("link", name="Your track and the evaluations asked of you").click()
    expect(page).to_have_url(f"{server_url}/professional/label")
    evaluation = page.locator(".evaluation")
    expect(evaluation.get_by_role("heading", name="Tom Keller's first mission")).to_be_visible()
    evaluation.get_by_label("The mission (cluster, member)").fill("Alpine cluster 2026, Garage Weber")
    evaluation.get_by_label("Evaluated on").fill("2026-12-18")
    groups = evaluation.locator("fieldset")
    assert groups.count() == 8
    for n in range(groups.count()):
        groups.nth(n).get_by_label("Not met" if n == 0 else "Meets", exact=True).check()
    comments = evaluation.get_by_label("Comment")
    for n in range(comments.count()):
        comments.nth(n).fill("Seen at the member's workshop.")
    assert overflow(page) == 0
    evaluation.get_by_role("button", name="Submit the evaluation").click()
    expect(page.get_by_role("status")).to_contain_text("Your evaluation is recorded")
    expect(page.locator(".evaluation")).to_contain_text("Your evaluation of Alpine cluster 2026, Garage Weber")
    assert overflow(page) == 0
    screenshot(page, "label-evaluation")


def test_the_registrar_grants_tom_s_label(page: Page, server_url: str, demo_services: Services) -> None:
    body, tom, sophie = labelling_body_id("label-board"), account_id(TOM), account_id(SOPHIE)
    requirements = demo_services.queries.label_tracks.scheme_versions(Scope(body))[0].requirements
    ratings = tuple(RatingGiven(r.category, r.key, "meets", "Seen at the workshop.") for r in requirements)
    evaluated = EvaluateFirstMission(body, sophie, tom, sophie, "Alpine cluster 2026", date(2026, 12, 18), ratings)
    demo_services.execute(evaluated)
    sign_in_home(page, server_url, REGISTRAR, "/labelling-body")
    page.get_by_role("link", name="Candidates and their label tracks").click()
    tracks = page.locator("#tracks")
    expect(tracks.get_by_role("heading", name="Sophie Martin")).to_be_visible()
    assert overflow(page) == 0
    tracks.get_by_role("link", name="Tom Keller").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tom Keller")
    expect(page.locator(".ratings")).to_contain_text("scope-and-baseline")
    grant = page.locator("#grant-form")
    grant.get_by_label("Granted on").fill("2026-12-01")  # before the evaluation: refused, beside its field
    grant.get_by_role("button", name="Grant the label").click()
    expect(page.locator("#grant-form .error-summary")).to_contain_text("Nothing was saved")
    assert overflow(page) == 0
    page.locator("#grant-form").get_by_label("Granted on").fill("2026-12-21")
    page.locator("#grant-form").get_by_role("button", name="Grant the label").click()
    expect(page.get_by_role("status")).to_contain_text("The label is granted.")
    expect(page.locator(".label-status")).to_have_text("Valid")
    expect(page.get_by_role("heading", name="Suspend")).to_be_visible()
    assert overflow(page) == 0
    screenshot(page, "label-track-granted")
    page.context.clear_cookies()
    sign_in_home(page, server_url, TOM, "/professional")
    expect(page.locator("#label-summary")).to_contain_text("ISMS Label Board: valid, expires on 2029-12-21")
