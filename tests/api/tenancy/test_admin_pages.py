"""The admins' pages: accounts (invite, a new link, deactivate, reactivate) and the consultancy's settings; the menu
shows them to admins only, and nobody else can open them."""

from __future__ import annotations

import html
import re

import pytest
from fastapi import FastAPI
from starlette.testclient import TestClient

from backend.services import Services
from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH, events_in_log
from tests.api.page_support import MEMBER, ClientFor, csrf, field
from tests.api.tenancy.test_accounts import invite
from tests.api.tenancy.test_sign_in import Browser
from tests.support.graphql_client import GraphQLClient

PASSWORD = "a long walk by the river"


def said(page: str) -> str:
    found = re.search(r'<p class="said"[^>]*>(.*?)</p>', page, re.S)
    assert found is not None, "the page says nothing"
    return html.unescape(found.group(1))


def account_link(page: str, name: str) -> str:
    found = re.search(rf'<a href="(/accounts/[0-9a-f-]+)">{re.escape(name)}</a>', page)
    assert found is not None, name
    return found.group(1)


def test_the_menu_shows_accounts_and_settings_to_admins_only(client_for: ClientFor) -> None:
    menu = client_for(ALPINE_ADMIN).http.get("/clusters").text
    assert '<a href="/accounts">Accounts</a>' in menu and '<a href="/settings">Settings</a>' in menu
    for who in (ALPINE_COACH, MEMBER):
        client = client_for(who)
        assert '<a href="/accounts">' not in client.http.get("/clusters").text
        for path in ("/accounts", "/settings"):
            assert client.http.get(path).status_code == 404, (who, path)


def test_an_admin_invites_someone_whose_link_sets_a_password_and_signs_in(client_for: ClientFor, app: FastAPI) -> None:
    admin = client_for(ALPINE_ADMIN)
    page = admin.http.get("/accounts")
    assert page.status_code == 200 and "Claire Coach" in page.text and "Boulangerie Muller" in page.text
    token = csrf(page.text)
    empty = admin.http.post("/accounts", data={"csrf_token": token})
    assert empty.status_code == 422
    for name in ("invite-displayName", "invite-email"):
        assert "This field is required." in field(empty.text, name)
    assert 'id="invite-role-error"' in empty.text
    member = admin.http.post(
        "/accounts",
        data={
            "csrf_token": token,
            "invite-displayName": "Eva",
            "invite-email": "eva@alpine.example",
            "invite-role": "ISMS_MANAGER",
        },
    )
    assert member.status_code == 422 and "Choose the organisation" in member.text
    typed = {"invite-displayName": "Dario Duarte", "invite-email": "dario@alpine.example", "invite-role": "COACH"}
    done = admin.http.post("/accounts", data={"csrf_token": token, **typed})
    message = said(done.text)
    assert message.startswith("Dario Duarte is invited.") and "Mon 18 Jan 2027" in message
    link = re.search(r"http://testserver(/invitations/[A-Za-z0-9_-]{43})", message)
    assert link is not None
    assert "Invited, link works until Mon 18 Jan 2027" in done.text
    assert "/invitations/" not in admin.http.get("/accounts").text  # said once, never again
    browser = TestClient(app, client=("198.51.100.80", 50000))
    welcome = browser.get(link.group(1))
    assert welcome.status_code == 200 and "Welcome, Dario Duarte" in welcome.text
    chosen = {"csrf_token": csrf(welcome.text), "newPassword": PASSWORD, "repeated": PASSWORD}
    signed_in = browser.post(link.group(1), data=chosen)
    assert signed_in.status_code == 200 and "Dario Duarte" in signed_in.text and "Sign out" in signed_in.text
    assert Browser(app, "198.51.100.81").signed_in("dario@alpine.example", PASSWORD)


def test_an_unknown_invitation_link_answers_the_product_s_page(client_for: ClientFor, app: FastAPI) -> None:
    answer = TestClient(app).get("/invitations/" + "A" * 43)
    assert answer.status_code == 404 and "This link does not work" in answer.text


def test_an_admin_deactivates_an_account_with_confirmation_and_reactivates_it(
    client_for: ClientFor, app: FastAPI, demo_services: Services
) -> None:
    admin = client_for(ALPINE_ADMIN)
    claire = account_link(admin.http.get("/accounts").text, "Claire Coach")
    page = admin.http.get(claire)
    assert page.status_code == 200 and "Deactivate the account" in page.text
    token = csrf(page.text)
    before = events_in_log(demo_services)
    unconfirmed = admin.http.post(f"{claire}/deactivate", data={"csrf_token": token, "deactivate-reason": "Left"})
    assert unconfirmed.status_code == 422 and "Tick the box to confirm" in unconfirmed.text
    blank = admin.http.post(f"{claire}/deactivate", data={"csrf_token": token, "deactivate-confirm": "yes"})
    assert "This field is required." in field(blank.text, "deactivate-reason")
    assert events_in_log(demo_services) == before
    done = admin.http.post(
        f"{claire}/deactivate", data={"csrf_token": token, "deactivate-reason": "Left", "deactivate-confirm": "yes"}
    )
    assert said(done.text).startswith("The account is deactivated") and "Reactivate the account" in done.text
    assert not Browser(app, "198.51.100.82").signed_in(ALPINE_COACH)
    back = admin.http.post(f"{claire}/reactivate", data={"csrf_token": token, "reactivate-reason": "Wrong person"})
    assert said(back.text).startswith("The account is active again")
    assert Browser(app, "198.51.100.83").signed_in(ALPINE_COACH)


def test_an_admin_s_own_account_offers_no_deactivation_and_a_new_link_is_said_once(client_for: ClientFor) -> None:
    admin = client_for(ALPINE_ADMIN)
    anna = account_link(admin.http.get("/accounts").text, "Anna Admin")
    page = admin.http.get(anna)
    assert "Deactivate the account" not in page.text and "This is your own account" in page.text
    assert "Make a new invitation link" not in page.text  # she chose her password: nobody else gets a link to it
    invited = f"/accounts/{invite(admin)['account']['id']}"
    page = admin.http.get(invited)
    assert "Make a new invitation link" in page.text
    link = admin.http.post(f"{invited}/invitation", data={"csrf_token": csrf(page.text)})
    assert "A new invitation link is made" in said(link.text)
    refused = admin.http.post(f"{anna}/invitation", data={"csrf_token": csrf(page.text)})
    assert "has chosen a password" in refused.text
    assert admin.http.get("/accounts/00000000-0000-4000-8000-000000000000").status_code == 404


def test_the_settings_page_saves_a_new_template_version_and_refuses_beside_the_field(
    client_for: ClientFor, demo_services: Services
) -> None:
    admin = client_for(ALPINE_ADMIN)
    page = admin.http.get("/settings")
    assert page.status_code == 200 and "Programme template, version 1" in page.text and "Risk assessment" in page.text
    token = csrf(page.text)
    values = {
        "template-gapAnalysisOnSiteHalfDays": "1",
        "template-gapAnalysisResultHalfDays": "1",
        "template-initialTrainingHalfDays": "3",
        "template-coachingCeilingHalfDays": "28",
        "template-cycleWeeksMin": "3",
        "template-cycleWeeksMax": "4",
        "template-clusterSizeMin": "3",
        "template-clusterSizeMax": "6",
        "template-modules": "Scope and policy\nRisk assessment\nAudit",
        "template-timeZone": "Europe/Luxembourg",
    }
    before = events_in_log(demo_services)
    not_numbers = admin.http.post(
        "/settings/template",
        data={"csrf_token": token, **values, "template-cycleWeeksMin": "three", "template-clusterSizeMin": ""},
    )
    assert not_numbers.status_code == 422
    assert "Enter a whole number." in field(not_numbers.text, "template-cycleWeeksMin")
    assert "Enter a whole number." in field(not_numbers.text, "template-clusterSizeMin")
    too_long = admin.http.post(
        "/settings/template", data={"csrf_token": token, **values, "template-cycleWeeksMax": "40"}
    )
    assert too_long.status_code == 422 and "template-cycleWeeksMax-error" in too_long.text
    zone = admin.http.post(
        "/settings/template", data={"csrf_token": token, **values, "template-timeZone": "Mars/Olympus"}
    )
    assert "Use a time zone name" in field(zone.text, "template-timeZone")
    long_title = {**values, "template-modules": "Scope\n" + "x" * 201}
    module = admin.http.post("/settings/template", data={"csrf_token": token, **long_title})
    assert "Module 2: Must be at most 200 characters." in field(module.text, "template-modules")
    assert events_in_log(demo_services) == before
    saved = admin.http.post("/settings/template", data={"csrf_token": token, **values})
    assert said(saved.text).startswith("Version 2 of the programme template is saved")
    assert "Programme template, version 2" in saved.text and "Scope and policy" in saved.text


def test_the_settings_page_sets_the_baseline_and_the_large_cluster_setting(client_for: ClientFor) -> None:
    admin = client_for(ALPINE_ADMIN)
    token = csrf(admin.http.get("/settings").text)
    for bad, message in (("lots", "Enter a number of days"), ("9999", "Give a number of days from 0.5 to 2000")):
        refused = admin.http.post("/settings/baseline", data={"csrf_token": token, "baseline-days": bad})
        assert refused.status_code == 422 and message in field(refused.text, "baseline-days")
    done = admin.http.post("/settings/baseline", data={"csrf_token": token, "baseline-days": "42,5"})
    assert "42.5 days" in said(done.text) or "42,5 days" in said(done.text)
    assert 'value="42.5"' in done.text
    large = admin.http.post("/settings/large-clusters", data={"csrf_token": token, "large-allowed": "yes"})
    assert said(large.text).startswith("Clusters may now grow")
    assert client_for(ALPINE_ADMIN).data("{ viewer { consultancy { allowsClustersAboveStandardSize } } }")["viewer"][
        "consultancy"
    ]["allowsClustersAboveStandardSize"]


@pytest.mark.parametrize("path", ["/accounts", "/settings/template", "/settings/baseline"])
def test_a_coach_s_post_to_an_admin_form_is_refused_and_writes_nothing(
    client_for: ClientFor, demo_services: Services, path: str
) -> None:
    coach: GraphQLClient = client_for(ALPINE_COACH)
    token = csrf(coach.http.get("/clusters").text)
    before = events_in_log(demo_services)
    answer = coach.http.post(
        path, data={"csrf_token": token, "baseline-days": "40", "invite-email": "x@alpine.example"}
    )
    assert answer.status_code in (404, 422)
    assert events_in_log(demo_services) == before
