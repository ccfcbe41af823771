"""Admins administer the consultancy's accounts: invite someone with a role (and, for a member, its organisation),
pass on a one-time link, deactivate and correct that. Nobody else may, and nothing of another consultancy is seen."""

from __future__ import annotations

import json
import logging
import re
from datetime import date
from typing import Any

import pytest
from fastapi import FastAPI
from starlette.testclient import TestClient

from backend.demo import DEMO_PASSWORD
from backend.services import Services
from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH, HARBOUR_ADMIN, HARBOUR_COACH, events_in_log
from tests.api.page_support import MEMBER, ClientFor, csrf, demo_cluster
from tests.api.tenancy.test_sign_in import Browser
from tests.support.graphql_client import GraphQLClient

REFUSAL = "... on UserError { code field message }"
ACCOUNT = "id displayName email roles organisationName active invitationExpiresOn"
ACCOUNTS = f"""{{ accounts(first: 100) {{ __typename ... on AccountConnection {{ edges {{ node {{ {ACCOUNT} }} }} }}
    {REFUSAL} }} }}"""
INVITE = f"""mutation($input: InviteAccountInput!) {{ r: inviteAccount(input: $input) {{ __typename {REFUSAL}
    ... on Invitation {{ path expiresOn account {{ {ACCOUNT} }} }} }} }}"""
ISSUE = f"""mutation($input: AccountInput!) {{ r: issueInvitation(input: $input) {{ __typename {REFUSAL}
    ... on Invitation {{ path expiresOn }} }} }}"""
DEACTIVATE = f"""mutation($input: AccountStateInput!) {{ r: deactivateAccount(input: $input) {{ __typename {REFUSAL}
    ... on Account {{ active }} }} }}"""
REACTIVATE = f"""mutation($input: AccountStateInput!) {{ r: reactivateAccount(input: $input) {{ __typename {REFUSAL}
    ... on Account {{ active }} }} }}"""
PASSWORD = "a long walk by the river"
CLAIRE = {"email": "dario@alpine.example", "displayName": "Dario Duarte", "role": "COACH"}


def invite(admin: GraphQLClient, **given: Any) -> dict[str, Any]:
    result: dict[str, Any] = admin.data(INVITE, {"input": {**CLAIRE, **given}})["r"]
    return result


def accounts(client: GraphQLClient) -> dict[str, dict[str, Any]]:
    listed = client.data(ACCOUNTS)["accounts"]
    assert listed["__typename"] == "AccountConnection", listed
    return {edge["node"]["email"]: edge["node"] for edge in listed["edges"]}


def account_id(client: GraphQLClient, email: str) -> str:
    return str(accounts(client)[email]["id"])


def accept(app: FastAPI, path: str, password: str = PASSWORD, repeated: str | None = None) -> Any:
    """Opens the link in a fresh browser, chooses the password; the answer."""
    browser = TestClient(app, client=("198.51.100.40", 50000))
    page = browser.get(path)
    if page.status_code != 200:
        return page
    form = {"csrf_token": csrf(page.text), "newPassword": password, "repeated": repeated or password}
    return browser.post(path, data=form, follow_redirects=False)


def test_an_admin_lists_every_account_of_the_consultancy_and_only_of_it(client_for: ClientFor) -> None:
    listed = accounts(client_for(ALPINE_ADMIN))
    assert {ALPINE_ADMIN, ALPINE_COACH, MEMBER} <= set(listed)
    assert not any(email.endswith("harbour.example") or "quayside" in email for email in listed)
    assert listed[MEMBER]["organisationName"] == "Boulangerie Muller" and listed[MEMBER]["roles"] == [
        "isms_manager"
    ]  # a stored member reads as ISMS manager
    assert listed[ALPINE_COACH] | {"id": ""} == {
        "id": "",
        "displayName": "Claire Coach",
        "email": ALPINE_COACH,
        "roles": ["coach"],
        "organisationName": None,
        "active": True,
        "invitationExpiresOn": None,
    }


@pytest.mark.parametrize("who", [ALPINE_COACH, MEMBER])
def test_a_coach_or_a_member_sees_no_account_list(client_for: ClientFor, who: str) -> None:
    refused = client_for(who).data(ACCOUNTS)["accounts"]
    assert refused == {
        "__typename": "ForbiddenError",
        "code": "FORBIDDEN",
        "field": None,
        "message": refused["message"],
    }


def test_an_invited_person_chooses_a_password_once_and_signs_in(
    client_for: ClientFor, app: FastAPI, demo_services: Services
) -> None:
    admin = client_for(ALPINE_ADMIN)
    invited = invite(admin)
    assert invited["__typename"] == "Invitation" and re.fullmatch(r"/invitations/[A-Za-z0-9_-]{43}", invited["path"])
    assert invited["expiresOn"] == "2027-01-18"  # 14 days after the test day
    assert invited["account"]["active"] and invited["account"]["roles"] == ["coach"]
    assert not Browser(app, "198.51.100.30").signed_in(CLAIRE["email"], DEMO_PASSWORD)
    done = accept(app, invited["path"])
    assert done.status_code == 303 and done.headers["location"] == "/"
    assert "cordee_session" in done.cookies
    assert Browser(app, "198.51.100.31").signed_in(CLAIRE["email"], PASSWORD)
    assert accounts(admin)[CLAIRE["email"]]["invitationExpiresOn"] is None
    before = events_in_log(demo_services)
    again = accept(app, invited["path"], "another long passphrase")
    assert again.status_code == 404 and "This link does not work" in again.text
    assert events_in_log(demo_services) == before


def test_a_weak_password_is_refused_beside_its_field_and_the_link_still_works(
    client_for: ClientFor, app: FastAPI, demo_services: Services
) -> None:
    path = invite(client_for(ALPINE_ADMIN))["path"]
    before = events_in_log(demo_services)
    short = accept(app, path, "short")
    assert short.status_code == 422 and "Use at least 12 characters." in short.text
    differ = accept(app, path, PASSWORD, PASSWORD + "!")
    assert differ.status_code == 422 and "The two passwords differ" in differ.text
    assert events_in_log(demo_services) == before
    assert accept(app, path).status_code == 303


def test_a_new_link_stops_the_earlier_one_and_a_link_expires(
    client_for: ClientFor, app: FastAPI, days_pass: Any
) -> None:
    admin = client_for(ALPINE_ADMIN)
    first = invite(admin)
    second = admin.data(ISSUE, {"input": {"accountId": first["account"]["id"]}})["r"]
    assert second["__typename"] == "Invitation" and second["path"] != first["path"]
    assert accept(app, first["path"]).status_code == 404
    days_pass(date(2027, 1, 19))
    assert accept(app, second["path"]).status_code == 404
    days_pass(date(2027, 1, 18))
    assert accept(app, second["path"]).status_code == 303


@pytest.mark.parametrize(
    ("given", "code", "field"),
    [
        ({"email": "not an address"}, "VALIDATION", "email"),
        ({"email": ALPINE_COACH.upper()}, "CONFLICT", "email"),
        ({"displayName": "  "}, "VALIDATION", "displayName"),
        ({"displayName": "Dario\nDuarte"}, "VALIDATION", "displayName"),
        ({"role": "MEMBER"}, "VALIDATION", "organisationId"),
        ({"organisationId": "not-an-id"}, "VALIDATION", "organisationId"),
        ({"organisationId": "00000000-0000-4000-8000-000000000000", "role": "MEMBER"}, "NOT_FOUND", "organisationId"),
    ],
)
def test_a_refused_invitation_names_its_field_and_writes_nothing(
    client_for: ClientFor, demo_services: Services, given: dict[str, str], code: str, field: str
) -> None:
    admin = client_for(ALPINE_ADMIN)
    before = events_in_log(demo_services)
    refused = invite(admin, **given)
    assert (refused["code"], refused["field"]) == (code, field), refused
    assert events_in_log(demo_services) == before


def test_a_member_account_names_an_organisation_of_its_own_consultancy(
    client_for: ClientFor, demo_services: Services
) -> None:
    admin = client_for(ALPINE_ADMIN)
    harbour_quayside = demo_cluster(client_for(HARBOUR_ADMIN))[1]["Quayside Software"]
    before = events_in_log(demo_services)
    refused = invite(admin, role="MEMBER", organisationId=harbour_quayside)
    assert (refused["code"], refused["field"]) == ("NOT_FOUND", "organisationId")
    assert events_in_log(demo_services) == before
    muller = demo_cluster(admin)[1]["Boulangerie Muller"]
    invited = invite(admin, role="MEMBER", organisationId=muller)
    assert invited["account"]["organisationName"] == "Boulangerie Muller"
    coach_with_organisation = invite(admin, email="x@alpine.example", organisationId=muller)
    assert coach_with_organisation["field"] == "organisationId"


@pytest.mark.parametrize("who", [ALPINE_COACH, MEMBER, HARBOUR_ADMIN, HARBOUR_COACH])
def test_nobody_but_the_consultancy_s_admins_invites_deactivates_or_reactivates(
    client_for: ClientFor, app: FastAPI, demo_services: Services, who: str
) -> None:
    claire = account_id(client_for(ALPINE_ADMIN), ALPINE_COACH)
    outsider = client_for(who)
    before = events_in_log(demo_services)
    invited = invite(outsider)
    assert invited["__typename"] == "ForbiddenError" if who != HARBOUR_ADMIN else invited["__typename"] == "Invitation"
    if who == HARBOUR_ADMIN:  # an admin invites into their own consultancy only: Harbour's, not Alpine's
        assert CLAIRE["email"] not in accounts(client_for(ALPINE_ADMIN))
        before = events_in_log(demo_services)
    for document in (DEACTIVATE, REACTIVATE):
        refused = outsider.data(document, {"input": {"accountId": claire, "reason": "Probe"}})["r"]
        expected = ("NOT_FOUND", "accountId") if who == HARBOUR_ADMIN else ("FORBIDDEN", None)
        assert (refused["code"], refused["field"]) == expected, refused
    refused = outsider.data(ISSUE, {"input": {"accountId": claire}})["r"]
    assert refused["__typename"] in ("ForbiddenError", "NotFoundError")
    assert events_in_log(demo_services) == before
    assert Browser(app, "198.51.100.50").signed_in(ALPINE_COACH)


def test_a_deactivated_account_cannot_sign_in_and_its_session_and_calendar_link_stop(
    client_for: ClientFor, app: FastAPI, demo_services: Services
) -> None:
    admin, coach = client_for(ALPINE_ADMIN), client_for(ALPINE_COACH)
    feed = coach.data("mutation { r: makeCalendarLink { ... on CalendarLink { path } } }")["r"]["path"]
    calendar_app = TestClient(app)
    assert calendar_app.get(feed).status_code == 200
    claire = account_id(admin, ALPINE_COACH)
    done = admin.data(DEACTIVATE, {"input": {"accountId": claire, "reason": "Left the consultancy"}})["r"]
    assert done == {"__typename": "Account", "active": False}
    coach.expected_status = 401
    assert coach.execute("{ viewer { email } }")["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert coach.http.get("/clusters", follow_redirects=False).status_code == 303
    assert not Browser(app, "198.51.100.60").signed_in(ALPINE_COACH)
    assert calendar_app.get(feed).status_code == 404
    assert accounts(admin)[ALPINE_COACH]["active"] is False
    back = admin.data(REACTIVATE, {"input": {"accountId": claire, "reason": "Deactivated the wrong person"}})["r"]
    assert back == {"__typename": "Account", "active": True}
    assert Browser(app, "198.51.100.61").signed_in(ALPINE_COACH)
    assert calendar_app.get(feed).status_code == 404  # the link stays stopped: a new one is made on demand
    assert coach.execute("{ viewer { email } }")["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"  # ended


def test_an_admin_cannot_deactivate_their_own_account_nor_the_last_active_admin(
    client_for: ClientFor, app: FastAPI, demo_services: Services
) -> None:
    admin = client_for(ALPINE_ADMIN)
    anna = account_id(admin, ALPINE_ADMIN)
    before = events_in_log(demo_services)
    own = admin.data(DEACTIVATE, {"input": {"accountId": anna, "reason": "Leaving"}})["r"]
    assert (own["code"], own["field"], own["message"]) == (
        "VALIDATION",
        "accountId",
        "You cannot deactivate your own account.",
    )
    assert events_in_log(demo_services) == before
    second = invite(admin, email="bruno@alpine.example", displayName="Bruno", role="CONSULTANCY_ADMIN")
    assert accept(app, second["path"]).status_code == 303
    bruno = GraphQLClient(TestClient(app, client=("198.51.100.70", 50000))).sign_in("bruno@alpine.example", PASSWORD)
    assert bruno.data(DEACTIVATE, {"input": {"accountId": anna, "reason": "Retired"}})["r"]["active"] is False
    # Anna is out; Bruno is now the only active admin, and Bruno cannot deactivate himself
    last = bruno.data(DEACTIVATE, {"input": {"accountId": second["account"]["id"], "reason": "Leaving"}})["r"]
    assert last["field"] == "accountId"


@pytest.mark.parametrize(
    ("document", "given", "field"),
    [
        (DEACTIVATE, {"reason": "  "}, "reason"),
        (DEACTIVATE, {"reason": "x" * 1001}, "reason"),
        (DEACTIVATE, {"accountId": "not-an-id"}, "accountId"),
        (REACTIVATE, {}, "accountId"),
        (ISSUE, {"accountId": "00000000-0000-4000-8000-000000000000"}, "accountId"),
        (ISSUE, {}, "accountId"),  # the coach chose a password: no link that would take the account over
    ],
)
def test_a_refused_change_of_an_account_names_its_field_and_writes_nothing(
    client_for: ClientFor, demo_services: Services, document: str, given: dict[str, str], field: str
) -> None:
    admin = client_for(ALPINE_ADMIN)
    variables = {"accountId": account_id(admin, ALPINE_COACH), "reason": "Left"} | given
    if document == ISSUE:
        variables.pop("reason")
    before = events_in_log(demo_services)
    refused = admin.data(document, {"input": variables})["r"]
    assert refused["field"] == field, refused
    assert events_in_log(demo_services) == before


def test_a_refused_action_is_logged_as_authz_fail_with_who_and_what(
    client_for: ClientFor, caplog: pytest.LogCaptureFixture
) -> None:
    coach = client_for(ALPINE_COACH)
    with caplog.at_level(logging.INFO, logger="cordee.security"):
        assert invite(coach)["__typename"] == "ForbiddenError"
    (line,) = [json.loads(record.getMessage()) for record in caplog.records]
    coach_id = account_id(client_for(ALPINE_ADMIN), ALPINE_COACH)
    assert line["event"] == f"authz_fail:{coach_id},inviteAccount" and line["level"] == "WARN"
    assert line["description"].startswith("You may not") and line["tenant"] and line["request_id"]
    assert CLAIRE["email"] not in json.dumps(line)
