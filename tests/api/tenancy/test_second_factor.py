"""The second factor through the pages: enrolment confirmed by a code, sign-in in two steps with a half-signed-in
state that opens nothing, codes and recovery codes accepted once, wrong codes throttled, the consultancy's rule."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

import pyotp
import pytest
import segno
from fastapi import FastAPI
from starlette.testclient import TestClient

from backend.app import create_app
from backend.auth.account_security import PENDING_COOKIE
from backend.auth.current import SESSION_COOKIE
from backend.demo import DEMO_PASSWORD
from backend.services import Services
from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH, events_in_log
from tests.support.graphql_client import GraphQLClient

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
KEY = re.compile(r'<code id="totp-key">([A-Z2-7 ]+)</code>')
RECOVERY = re.compile(r"<li><code>([A-Z0-9-]{14})</code></li>")
QR = re.compile(r'<figure class="qr" id="totp-qr">(<svg .*?</svg>)</figure>', re.S)


class Seconds:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@dataclass
class Site:
    app: FastAPI
    seconds: Seconds
    services: Services

    def browser(self, address: str = "198.51.100.20") -> TestClient:
        return TestClient(self.app, client=(address, 50000))


@pytest.fixture
def site(demo_services: Services) -> Site:
    tiny = {"sign_in_first_delay_seconds": 0.001, "sign_in_max_delay_seconds": 0.002}
    app = create_app(demo_services.settings.model_copy(update=tiny), demo_services)
    seconds = Seconds()
    app.state.password_sign_in.second_factors.seconds = seconds
    return Site(app, seconds, demo_services)


def csrf(page: str) -> str:
    found = TOKEN.search(page)
    assert found is not None, page
    return found.group(1)


def password_step(http: TestClient, email: str, password: str = DEMO_PASSWORD) -> str:
    """Signs in with the password; answers where the browser is sent."""
    form = {"email": email, "password": password, "csrf_token": csrf(http.get("/login").text)}
    response = http.post("/login", data=form, follow_redirects=False)
    assert response.status_code in (303, 401), response.text
    return response.headers.get("location", "")


def code_step(http: TestClient, code: str) -> int:
    page = http.get("/login/code", follow_redirects=False)
    assert page.status_code == 200, page.headers
    answer = http.post("/login/code", data={"code": code, "csrf_token": csrf(page.text)}, follow_redirects=False)
    return answer.status_code


def enrol(http: TestClient, seconds: Seconds) -> tuple[str, list[str]]:
    """Sets up the second factor on the account page; answers the secret and the recovery codes shown."""
    page = http.get("/account/second-factor")
    key = KEY.search(page.text)
    assert key is not None, page.text
    secret = key.group(1).replace(" ", "")
    form = {"csrf_token": csrf(page.text), "enrol-code": pyotp.TOTP(secret).at(seconds.now)}
    confirmed = http.post("/account/second-factor/confirm", data=form)
    assert confirmed.status_code == 200, confirmed.text
    return secret, RECOVERY.findall(confirmed.text)


def test_a_second_factor_takes_effect_once_confirmed_and_then_signing_in_asks_its_code(
    site: Site, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    http = site.browser()
    password_step(http, ALPINE_COACH)
    page = http.get("/account/second-factor")
    key, qr = KEY.search(page.text), QR.search(page.text)
    assert key is not None and qr is not None, page.text
    uri = pyotp.TOTP(key.group(1).replace(" ", "")).provisioning_uri(name=ALPINE_COACH, issuer_name="Cordee")
    title = "QR code of the link that adds Cordee to your authenticator app"
    # the code a phone's camera reads is the very link the page offers: segno draws the same one for it
    assert qr.group(1) == segno.make(uri, error="m").svg_inline(scale=4, dark="#000", light="#fff", title=title)
    assert f'href="{uri.replace("&", "&amp;")}"' in page.text and "style=" not in qr.group(1)
    form = {"csrf_token": csrf(page.text), "enrol-code": "12345"}
    before = events_in_log(site.services)
    refused = http.post("/account/second-factor/confirm", data=form)
    assert refused.status_code == 422 and "not right" in refused.text and events_in_log(site.services) == before

    secret, codes = enrol(http, site.seconds)
    assert len(codes) == 10
    [stored] = site.services.app.recorder.select_notifications(before + 1, 1)
    assert stored.topic.endswith("SecondFactorEnabled") and secret.encode() not in stored.state
    assert "Recovery codes left: 10" in http.get("/account/second-factor").text

    caplog.set_level(logging.INFO, logger="cordee.security")
    browser = site.browser("198.51.100.21")
    assert password_step(browser, ALPINE_COACH).startswith("/login/code")
    pending = browser.cookies.get(PENDING_COOKIE)
    assert pending and browser.cookies.get(SESSION_COOKIE) is None
    half = TestClient(site.app, cookies={SESSION_COOKIE: pending})  # the pending token is no session
    assert half.get("/account", follow_redirects=False).headers["location"].startswith("/login")

    site.seconds.now += 30
    assert code_step(browser, "000000" if pyotp.TOTP(secret).at(site.seconds.now) != "000000" else "111111") == 401
    code = pyotp.TOTP(secret).at(site.seconds.now)
    assert code_step(browser, code) == 303
    assert browser.get("/account").status_code == 200
    assert secret not in caplog.text and code not in caplog.text
    assert '"factor": "totp"' in caplog.text

    replay = site.browser("198.51.100.22")  # the same code, seen over a shoulder, a moment later
    password_step(replay, ALPINE_COACH)
    assert code_step(replay, code) == 401
    assert code_step(replay, codes[0]) == 303  # a recovery code, once
    again = site.browser("198.51.100.23")
    password_step(again, ALPINE_COACH)
    assert code_step(again, codes[0]) == 401


def test_turning_the_second_factor_off_takes_a_code_and_is_recorded(site: Site) -> None:
    http = site.browser()
    password_step(http, ALPINE_COACH)
    _, first_codes = enrol(http, site.seconds)
    page = http.get("/account/second-factor")
    form = {"csrf_token": csrf(page.text), "codes-code": first_codes[0]}
    made = http.post("/account/second-factor/recovery-codes", data=form)
    codes = RECOVERY.findall(made.text)
    assert made.status_code == 200 and len(codes) == 10 and not set(codes) & set(first_codes)
    form = {"csrf_token": csrf(page.text), "disable-code": first_codes[1]}
    stopped = http.post("/account/second-factor/disable", data=form)  # the earlier codes stopped with the new ones
    assert stopped.status_code == 422 and "not right" in stopped.text
    wrong = http.post("/account/second-factor/disable", data={"csrf_token": csrf(page.text), "disable-code": ""})
    assert wrong.status_code == 422 and "Enter the code" in wrong.text
    before = events_in_log(site.services)
    off = http.post("/account/second-factor/disable", data={"csrf_token": csrf(page.text), "disable-code": codes[3]})
    assert off.status_code == 200 and "Set up an authenticator app" in off.text
    [stored] = site.services.app.recorder.select_notifications(before + 1, 1)
    assert stored.topic.endswith("SecondFactorDisabled")
    fresh = site.browser("198.51.100.24")
    assert password_step(fresh, ALPINE_COACH) == "/"


def test_a_pending_sign_in_ends_after_five_wrong_codes_and_the_password_is_asked_again(site: Site) -> None:
    http = site.browser()
    password_step(http, ALPINE_COACH)
    secret, _ = enrol(http, site.seconds)
    other = site.browser("198.51.100.25")
    password_step(other, ALPINE_COACH)
    for _ in range(4):
        assert code_step(other, "99999x") == 401
    page = other.get("/login/code")
    fifth = other.post("/login/code", data={"code": "99999x", "csrf_token": csrf(page.text)})
    assert fifth.status_code == 401 and "enter your password again" in fifth.text
    assert other.get("/login/code", follow_redirects=False).headers["location"] == "/login"
    assert other.cookies.get(SESSION_COOKIE) is None and secret


def test_a_consultancy_that_requires_a_second_factor_sends_its_coach_to_set_one_up_first(
    site: Site,
) -> None:
    admin = GraphQLClient(site.browser("198.51.100.30")).sign_in(ALPINE_ADMIN)
    page = admin.http.get("/settings")
    bad = admin.http.post("/settings/second-factor", data={"csrf_token": csrf(page.text), "factor-required": "maybe"})
    assert bad.status_code == 422 and "Choose one of the options" in bad.text
    done = admin.http.post("/settings/second-factor", data={"csrf_token": csrf(page.text), "factor-required": "yes"})
    assert done.status_code == 200 and "Admins and coaches now sign in with a second factor" in done.text

    coach = site.browser("198.51.100.31")
    password_step(coach, ALPINE_COACH)
    assert coach.get("/clusters", follow_redirects=False).headers["location"] == "/account/second-factor"
    refused = coach.post("/graphql", json={"query": "{ clusters { edges { node { id } } } }"})
    assert refused.status_code == 403 and "second factor" in refused.text
    enrol(coach, site.seconds)
    assert coach.get("/clusters", follow_redirects=False).status_code == 200
    # The admin, too, is sent to enrol before anything else: the rule covers admins and coaches.
    assert admin.http.get("/clusters", follow_redirects=False).headers["location"] == "/account/second-factor"


def test_wrong_codes_count_as_failed_sign_ins_and_lock_even_the_right_code_out(demo_services: Services) -> None:
    limits = {"sign_in_first_delay_seconds": 0.001, "sign_in_max_delay_seconds": 0.002}
    app = create_app(
        demo_services.settings.model_copy(update={**limits, "sign_in_account_lock_failures": 4}), demo_services
    )
    seconds = Seconds()
    app.state.password_sign_in.second_factors.seconds = seconds
    site = Site(app, seconds, demo_services)
    secret, _ = enrol(_signed_in(site), seconds)
    attacker = site.browser("203.0.113.40")
    password_step(attacker, ALPINE_COACH)  # counted until the code is right too
    assert code_step(attacker, "99999x") == 401
    assert code_step(attacker, "99999y") == 401
    password_step(attacker, ALPINE_COACH)  # a right password again does not buy fresh guesses
    seconds.now += 30
    assert code_step(attacker, pyotp.TOTP(secret).at(seconds.now)) == 401  # locked


def _signed_in(site: Site) -> TestClient:
    http = site.browser()
    password_step(http, ALPINE_COACH)
    return http
