"""Sessions through the pages: a new id at sign-in, renewal when asked, idle and absolute ends logged, and the
person's list of their sessions with ending one and all others."""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime, timedelta

import pytest
from fastapi import FastAPI
from starlette.testclient import TestClient

from backend.auth.current import SESSION_COOKIE
from backend.demo import DEMO_PASSWORD
from backend.services import Services
from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"
PHONE = "Mozilla/5.0 (Linux; Android 15) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Mobile Safari/537.36"


def browser(app: FastAPI, address: str, agent: str = FIREFOX) -> TestClient:
    return TestClient(app, client=(address, 50000), headers={"user-agent": agent})


def sign_in(http: TestClient, email: str = ALPINE_COACH) -> str:
    found = TOKEN.search(http.get("/login").text)
    assert found is not None
    form = {"email": email, "password": DEMO_PASSWORD, "csrf_token": found.group(1)}
    assert http.post("/login", data=form, follow_redirects=False).status_code == 303
    token = http.cookies.get(SESSION_COOKIE)
    assert token
    return token


def opens(app: FastAPI, token: str) -> bool:
    return TestClient(app, cookies={SESSION_COOKIE: token}).get("/account", follow_redirects=False).status_code == 200


def csrf(http: TestClient, path: str = "/account/sessions") -> str:
    found = TOKEN.search(http.get(path).text)
    assert found is not None
    return found.group(1)


def test_signing_in_gives_a_new_session_and_ends_the_one_the_browser_held(app: FastAPI) -> None:
    http = browser(app, "198.51.100.80")
    first = sign_in(http, ALPINE_ADMIN)
    second = sign_in(http, ALPINE_COACH)
    assert second != first and not opens(app, first) and opens(app, second)


def test_renewal_gives_the_next_request_a_new_cookie_and_the_old_one_opens_nothing(
    app: FastAPI, demo_services: Services, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="cordee.security")
    http = browser(app, "198.51.100.81")
    old = sign_in(http)
    account = demo_services.sessions.find(old)
    assert account is not None
    assert demo_services.sessions.renew_sessions_of(account.account_id) == 1
    assert http.get("/account").status_code == 200
    new = http.cookies.get(SESSION_COOKIE)
    assert new and new != old and not opens(app, old) and opens(app, new)
    assert '"event": "session_renewed' in caplog.text and old not in caplog.text


def test_an_idle_session_ends_and_its_later_use_is_logged(
    app: FastAPI, demo_services: Services, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="cordee.security")
    http = browser(app, "198.51.100.82")
    sign_in(http)
    demo_services.sessions.clock = lambda: datetime.now(UTC) + timedelta(minutes=61)
    try:
        assert http.get("/account", follow_redirects=False).headers["location"].startswith("/login")
    finally:
        demo_services.sessions.clock = lambda: datetime.now(UTC)
    assert http.get("/account", follow_redirects=False).status_code == 303  # ended stays ended
    assert '"event": "session_expired' in caplog.text and '"event": "session_use_after_expire' in caplog.text


def test_a_person_lists_their_sessions_and_ends_one_or_all_others(app: FastAPI) -> None:
    laptop, phone, tablet = browser(app, "198.51.100.83"), browser(app, "203.0.113.84", PHONE), browser(app, "::1")
    for each in (laptop, phone, tablet):
        sign_in(each)
    admin = browser(app, "198.51.100.85")
    sign_in(admin, ALPINE_ADMIN)
    page = laptop.get("/account/sessions").text
    assert "Firefox on Linux" in page and "Chrome on Android" in page and "203.0.113.84" in page
    assert page.count("End this session") == 2  # not this browser's own
    phone_part = page.split("Chrome on Android", 1)[1]
    phone_id = re.findall(r'name="session_id" value="([0-9a-f-]+)"', phone_part)[0]

    theirs = admin.post("/account/sessions/end", data={"session_id": phone_id, "csrf_token": csrf(admin)})
    assert theirs.status_code == 404  # another person's session is not theirs to end
    bad = laptop.post("/account/sessions/end", data={"session_id": "not an id", "csrf_token": csrf(laptop)})
    assert bad.status_code == 404
    assert phone.get("/account").status_code == 200

    ended = laptop.post("/account/sessions/end", data={"session_id": phone_id, "csrf_token": csrf(laptop)})
    assert ended.status_code == 200 and "That session is ended" in ended.text
    assert phone.get("/account", follow_redirects=False).status_code == 303
    assert tablet.get("/account").status_code == 200

    laptop.post("/account/sessions/end-others", data={"csrf_token": csrf(laptop)})
    assert tablet.get("/account", follow_redirects=False).status_code == 303
    assert laptop.get("/account").status_code == 200 and admin.get("/account").status_code == 200
