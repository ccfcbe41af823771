"""Everyone changes their own password, with the current one; weak or common passwords are refused, by name."""

from __future__ import annotations

import re

import pytest
from fastapi import FastAPI

from backend.demo import DEMO_PASSWORD
from backend.services import Services
from tests.api.conftest import ALPINE_COACH, events_in_log
from tests.api.page_support import MEMBER, ClientFor, csrf, field
from tests.api.tenancy.test_sign_in import Browser
from tests.support.graphql_client import GraphQLClient

CHANGE = """mutation($input: ChangePasswordInput!) { r: changePassword(input: $input) {
  __typename ... on UserError { code field message } ... on Viewer { email } } }"""
NEW = "correct horse battery staple"


def change(client: GraphQLClient, current: str, new: str) -> dict:
    result: dict = client.data(CHANGE, {"input": {"currentPassword": current, "newPassword": new}})["r"]
    return result


@pytest.mark.parametrize(
    ("current", "new", "field_name", "message"),
    [
        ("wrong password!", NEW, "currentPassword", "This is not your current password."),
        (DEMO_PASSWORD, "short", "newPassword", "Use at least 12 characters."),
        (DEMO_PASSWORD, "x" * 1025, "newPassword", "Use at most 1,024 characters."),
        (DEMO_PASSWORD, "Q1w2e3r4t5y6", "newPassword", "This password is among the most common ones: choose another."),
        (
            DEMO_PASSWORD,
            "my member password",
            "newPassword",
            "Choose a password that does not contain your e-mail address.",
        ),
        (DEMO_PASSWORD, DEMO_PASSWORD, "newPassword", "Choose a password other than your current one."),
        (
            DEMO_PASSWORD,
            "a long walk\u0000\u0007 by the river",
            "newPassword",
            "Use letters, digits, spaces and signs only: no control characters.",
        ),
    ],
)
def test_a_refused_change_names_its_field_and_writes_nothing(
    client_for: ClientFor, demo_services: Services, current: str, new: str, field_name: str, message: str
) -> None:
    member = client_for(MEMBER)
    before = events_in_log(demo_services)
    assert change(member, current, new) == {
        "__typename": "ValidationError",
        "code": "VALIDATION",
        "field": field_name,
        "message": message,
    }
    assert events_in_log(demo_services) == before


def test_the_new_password_signs_in_and_the_old_one_no_longer_does(client_for: ClientFor, app: FastAPI) -> None:
    coach = client_for(ALPINE_COACH)
    assert change(coach, DEMO_PASSWORD, NEW) == {"__typename": "Viewer", "email": ALPINE_COACH}
    assert Browser(app, "198.51.100.20").signed_in(ALPINE_COACH, NEW)
    assert not Browser(app, "198.51.100.21").signed_in(ALPINE_COACH, DEMO_PASSWORD)
    # another account is untouched
    assert Browser(app, "198.51.100.22").signed_in("admin@alpine.example", DEMO_PASSWORD)


def test_the_account_page_changes_the_password_and_never_shows_one_back(client_for: ClientFor, app: FastAPI) -> None:
    member = client_for(MEMBER)
    page = member.http.get("/account").text
    assert "member@muller.example" in page and "Change your password" in page
    typed = {"csrf_token": csrf(page), "password-currentPassword": DEMO_PASSWORD, "password-newPassword": NEW}
    differ = member.http.post("/account/password", data={**typed, "password-repeated": NEW + "!"})
    assert differ.status_code == 422 and "The two new passwords differ" in field(differ.text, "password-repeated")
    assert DEMO_PASSWORD not in differ.text and NEW not in differ.text
    wrong = member.http.post(
        "/account/password", data={**typed, "password-currentPassword": "not it at all", "password-repeated": NEW}
    )
    assert wrong.status_code == 422 and "This is not your current password." in field(
        wrong.text, "password-currentPassword"
    )
    done = member.http.post("/account/password", data={**typed, "password-repeated": NEW})
    assert re.search(r'<p class="said" role="status" id="said">Your password is changed', done.text)
    assert Browser(app, "198.51.100.30").signed_in(MEMBER, NEW)


def test_a_changed_password_ends_every_other_session_of_the_account(client_for: ClientFor) -> None:
    here, elsewhere = client_for(MEMBER), client_for(MEMBER)
    assert change(here, DEMO_PASSWORD, NEW) == {"__typename": "Viewer", "email": MEMBER}
    assert here.data("{ viewer { email } }")["viewer"]["email"] == MEMBER  # the session that changed it goes on
    elsewhere.expected_status = 401
    assert elsewhere.execute("{ viewer { email } }")["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert client_for(ALPINE_COACH).data("{ viewer { email } }")["viewer"]["email"] == ALPINE_COACH  # others' stay
