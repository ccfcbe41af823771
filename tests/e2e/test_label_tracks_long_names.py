"""The label tracks' pages with the longest names and notes the inputs allow, each one long word (a candidate's name,
their e-mail address, a training's provider and evidence): nothing widens the page past the screen, on a desktop or
a 390 px phone, for the registrar, the candidate or the coach asked to evaluate them."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import Page

from backend.services import Services
from domain.labels.body import PROFESSIONALS, labelling_body_id
from domain.labels.commands import EnrolCandidate, NameEvaluator, RecordLabelTraining
from domain.shared.text import NAME_MAX_LENGTH
from domain.tenancy.account import Role, account_id
from tests.api.labels.test_professional_links import open_account
from tests.e2e.test_professionals import sign_in_home
from tests.e2e.test_working_pages import overflow

pytestmark = pytest.mark.browser

REGISTRAR, SOPHIE = "registrar@label-board.example", "sophie@pro.example"
LONG_NAME = ("Wolfeschlegelsteinhausenbergerdorff" * 6)[:NAME_MAX_LENGTH]
LONG_EMAIL = "a" * 60 + "@verylongdomainnamefortheprofessional.example"


def test_long_names_and_notes_stay_within_the_screen(page: Page, server_url: str, demo_services: Services) -> None:
    body, registrar = labelling_body_id("label-board"), account_id(REGISTRAR)
    candidate = open_account(demo_services, PROFESSIONALS, LONG_EMAIL, LONG_NAME, Role.PROFESSIONAL)
    for command in (
        EnrolCandidate(body, registrar, candidate, date(2026, 1, 5), LONG_NAME, LONG_EMAIL, "ISMS Label Board"),
        RecordLabelTraining(body, registrar, candidate, date(2026, 1, 20), "P" * 200, "E" * 2000, 21.0),
        NameEvaluator(body, registrar, candidate, account_id(SOPHIE), "Sophie Martin"),
    ):
        demo_services.execute(command)
    for email, home, paths in (
        (REGISTRAR, "/labelling-body", ("/labelling-body/candidates", f"/labelling-body/candidates/{candidate}")),
        (LONG_EMAIL, "/professional", ("/professional", "/professional/label")),
        (SOPHIE, "/professional", ("/professional", "/professional/label")),
    ):
        page.context.clear_cookies()
        sign_in_home(page, server_url, email, home)
        for path in paths:
            page.goto(f"{server_url}{path}")
            assert LONG_NAME[:40] in page.content(), path
            assert overflow(page) == 0, (email, path)
