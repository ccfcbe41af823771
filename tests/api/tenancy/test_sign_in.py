"""Signing in: wrong passwords slow down and then lock the account and the address; unknown e-mails look the same."""

from __future__ import annotations

import json
import logging
import re
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi import FastAPI
from httpx2 import Response
from sqlalchemy import Engine, select
from starlette.testclient import TestClient

from backend.app import create_app
from backend.auth.throttle import SignInThrottle, Standing, ThrottleRules, sign_in_failures, subject_hash
from backend.demo import DEMO_PASSWORD
from backend.services import Services
from projections.core.store import create_read_engine
from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH

REFUSED = "E-mail address or password is not right."
UNKNOWN = "nobody@alpine.example"
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


class Clock:
    """A clock the test moves forward, so that a lock of fifteen minutes runs out at once."""

    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def throttled_app(services: Services, clock: Clock, **limits: object) -> FastAPI:
    tiny = {"sign_in_first_delay_seconds": 0.001, "sign_in_max_delay_seconds": 0.002}
    settings = services.settings.model_copy(update={**tiny, **limits})
    app = create_app(settings, services)
    app.state.password_sign_in.throttle.clock = clock
    return app


class Browser:
    """One client address signing in through the real form."""

    def __init__(self, app: FastAPI, address: str = "198.51.100.7") -> None:
        self.http = TestClient(app, client=(address, 50000))

    def sign_in(self, email: str, password: str) -> Response:
        found = TOKEN.search(self.http.get("/login").text)
        assert found is not None
        form = {"email": email, "password": password, "csrf_token": found.group(1)}
        return self.http.post("/login", data=form, follow_redirects=False)

    def signed_in(self, email: str, password: str = DEMO_PASSWORD) -> bool:
        response = self.sign_in(email, password)
        assert response.status_code in (303, 401), response.text
        return response.status_code == 303


def shown(response: Response) -> str:
    """The page as the user sees it, without the form's random token."""
    return TOKEN.sub("", response.text)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def app(demo_services: Services, clock: Clock) -> FastAPI:
    return throttled_app(demo_services, clock)


def test_fifty_wrong_passwords_lock_the_account_even_against_the_right_one(app: FastAPI, clock: Clock) -> None:
    browser = Browser(app)
    for attempt in range(50):
        assert not browser.signed_in(ALPINE_COACH, f"guess-{attempt}")
    refused = browser.sign_in(ALPINE_COACH, DEMO_PASSWORD)
    assert refused.status_code == 401 and REFUSED in refused.text
    assert "cordee_session" not in browser.http.cookies
    assert not Browser(app, "203.0.113.9").signed_in(ALPINE_COACH), "the lock is the account's, wherever from"
    assert Browser(app, "203.0.113.9").signed_in(ALPINE_ADMIN), "other accounts from other addresses sign in"

    clock.now += timedelta(minutes=14)
    assert not Browser(app, "203.0.113.9").signed_in(ALPINE_COACH)
    clock.now += timedelta(minutes=2)
    assert Browser(app, "203.0.113.9").signed_in(ALPINE_COACH), "the lock ends after its time"


def test_the_lock_comes_after_the_set_number_of_failures_and_a_success_forgets_them(app: FastAPI) -> None:
    browser = Browser(app)
    for attempt in range(9):
        assert not browser.signed_in(ALPINE_COACH, f"guess-{attempt}")
    assert browser.signed_in(ALPINE_COACH), "nine failures slow the account down but do not lock it"
    for attempt in range(9):
        assert not browser.signed_in(ALPINE_COACH, f"guess-{attempt}")
    assert Browser(app).signed_in(ALPINE_COACH), "the success before cleared the count"
    for attempt in range(10):
        assert not browser.signed_in(ALPINE_COACH, f"guess-{attempt}")
    assert not browser.signed_in(ALPINE_COACH)


def test_an_unknown_e_mail_gets_the_same_answer_and_is_counted_the_same_way(
    app: FastAPI, caplog: pytest.LogCaptureFixture
) -> None:
    browser = Browser(app)
    wrong_password, unknown = browser.sign_in(ALPINE_COACH, "guess"), browser.sign_in(UNKNOWN, "guess")
    assert (wrong_password.status_code, shown(wrong_password)) == (unknown.status_code, shown(unknown))
    with caplog.at_level(logging.INFO, logger="cordee.security"):
        for attempt in range(20):
            answer = browser.sign_in(UNKNOWN, f"guess-{attempt}")
            assert (answer.status_code, shown(answer)) == (wrong_password.status_code, shown(wrong_password))
    assert [r.levelname for r in caplog.records if "locked for account" in r.getMessage()] == ["WARNING"]
    assert all(r.security["event"].startswith("authn_login_") for r in caplog.records)
    words = shown(unknown).lower()
    assert REFUSED.lower() in words and "exist" not in words and "unknown" not in words and "no account" not in words


def test_failures_from_one_address_throttle_every_account_from_it(demo_services: Services, clock: Clock) -> None:
    app = throttled_app(demo_services, clock, sign_in_address_lock_failures=5)
    guesser = Browser(app, "192.0.2.66")
    for number in range(5):
        assert not guesser.signed_in(f"someone-{number}@alpine.example", "guess")
    assert not guesser.signed_in(ALPINE_ADMIN), "the address is locked, even for an account it never tried"
    assert Browser(app, "192.0.2.67").signed_in(ALPINE_ADMIN), "another address is not"
    clock.now += timedelta(minutes=16)
    assert guesser.signed_in(ALPINE_ADMIN)


def test_each_failure_lock_and_success_is_logged_without_the_e_mail(
    app: FastAPI, caplog: pytest.LogCaptureFixture
) -> None:
    browser = Browser(app)
    with caplog.at_level(logging.INFO, logger="cordee.security"):
        browser.http.headers["x-request-id"] = "req-sign-in-1"
        assert not browser.signed_in(ALPINE_COACH, "guess")
        assert browser.signed_in(ALPINE_COACH)
        for attempt in range(10):
            assert not browser.signed_in(ALPINE_ADMIN, f"guess-{attempt}")
        assert not browser.signed_in(ALPINE_ADMIN)
    lines = [json.loads(record.getMessage()) for record in caplog.records]
    assert all(ALPINE_COACH not in json.dumps(line) and ALPINE_ADMIN not in json.dumps(line) for line in lines)
    assert all(line["address"] == "198.51.100.7" and line["request_id"] == "req-sign-in-1" for line in lines)
    assert all(line["appid"] == "cordee" and line["datetime"] for line in lines)
    kinds = [(line["level"], line["event"].split(":")[0], line["description"]) for line in lines]
    assert kinds[:3] == [
        ("WARN", "authn_login_fail", "Sign-in failed."),
        ("INFO", "authn_login_success", "Signed in."),
        ("INFO", "session_created", "Session opened."),
    ]
    assert ("WARN", "authn_login_fail_max", "Sign-in locked for account after repeated failures.") in kinds
    assert kinds[-1] == ("WARN", "authn_login_lock", "Sign-in refused while locked.")
    coach = lines[1]["event"].split(":")[1]
    assert len(coach) == 16 and lines[0]["event"] == f"authn_login_fail:{coach}", "one account, one pseudonym"


def test_the_wait_doubles_after_the_free_failures_up_to_its_cap() -> None:
    rules = ThrottleRules(3, 0.25, 4.0, 10, 30, timedelta(minutes=15), timedelta(minutes=15))
    assert [rules.delay_after(failures) for failures in range(10)] == [0, 0, 0, 0.25, 0.5, 1, 2, 4, 4, 4]


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_the_counts_and_locks_live_in_the_database(
    database: str, tmp_path: Path, request: pytest.FixtureRequest, clock: Clock
) -> None:
    url = request.getfixturevalue("postgres_url") if database == "postgresql" else f"sqlite:///{tmp_path}/t.sqlite3"
    engine = create_read_engine(url)
    rules = ThrottleRules(2, 0.25, 4.0, 3, 5, window=timedelta(hours=1), lock=timedelta(minutes=15))
    throttle = SignInThrottle(engine, rules, clock)
    throttle.create_table()
    account, address = "account:coach@alpine.example", "address:192.0.2.1"
    assert throttle.failed(account, address) == [] and throttle.failed(account, address) == []
    assert throttle.standing(account, address).delay_seconds == 0.25
    assert throttle.failed(account, address) == [account]
    assert throttle.standing(account, "address:192.0.2.2").locked
    clock.now += timedelta(minutes=15, seconds=1)
    assert not throttle.standing(account, address).locked
    assert throttle.standing(account, address).delay_seconds == 0.5, "the address still counts its three"
    throttle.succeeded(account)
    assert throttle.standing(account, "address:192.0.2.2").delay_seconds == 0
    clock.now += timedelta(hours=2)
    throttle.failed("account:someone@alpine.example", "address:192.0.2.3")
    with engine.connect() as conn:
        kept = conn.execute(select(sign_in_failures.c.subject_hash)).scalars().all()
    assert sorted(kept) == sorted(subject_hash(s) for s in ("account:someone@alpine.example", "address:192.0.2.3"))
    engine.dispose()


def test_a_sign_in_that_cannot_be_recorded_shows_the_error_page_with_its_reference(
    app: FastAPI, demo_services: Services, caplog: pytest.LogCaptureFixture
) -> None:
    with demo_services.store.writing() as conn:
        conn.exec_driver_sql("DROP TABLE account_sessions")
    browser = Browser(app)
    browser.http.headers["x-request-id"] = "req-broken-1"
    with caplog.at_level(logging.ERROR, logger="cordee.pages"):
        response = browser.sign_in(ALPINE_COACH, DEMO_PASSWORD)
    assert response.status_code == 500
    assert "<h1>Something went wrong</h1>" in response.text and "req-broken-1" in response.text
    assert "account_sessions" not in response.text and "Traceback" not in response.text
    assert response.headers["x-request-id"] == "req-broken-1"
    assert response.headers["content-security-policy"].startswith("default-src 'self'")
    assert "cordee_session" not in browser.http.cookies
    [logged] = [record for record in caplog.records if "req-broken-1" in record.getMessage()]
    assert logged.exc_info is not None and "account_sessions" in str(logged.exc_info[1])


def test_servers_starting_at_once_all_find_the_table(tmp_path: Path) -> None:
    rules = ThrottleRules(3, 0.25, 4.0, 10, 30, timedelta(minutes=15), timedelta(minutes=15))
    engines = [create_read_engine(f"sqlite:///{tmp_path}/shared.sqlite3") for _ in range(8)]
    failures: list[Exception] = []

    def start(engine: Engine) -> None:
        try:
            SignInThrottle(engine, rules).create_table()
        except Exception as error:
            failures.append(error)

    threads = [threading.Thread(target=start, args=(engine,)) for engine in engines]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert SignInThrottle(engines[0], rules).failed("account:a", "address:b") == []
    for engine in engines:
        engine.dispose()


def test_guesses_sent_at_the_same_moment_lock_as_a_series_would(tmp_path: Path) -> None:
    """Each attempt takes its place in the count before its password is checked, so a burst cannot outrun the lock."""
    rules = ThrottleRules(3, 0.0, 0.0, 10, 30, timedelta(minutes=15), timedelta(minutes=15))
    engine = create_read_engine(f"sqlite:///{tmp_path}/burst.sqlite3")
    throttle = SignInThrottle(engine, rules)
    throttle.create_table()
    standings: list[bool] = []

    def attempt() -> None:
        standings.append(throttle.reserve("account:admin@harbour.example", "address:10.9.9.9").locked)

    threads = [threading.Thread(target=attempt) for _ in range(60)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert standings.count(False) == 10, "only as many passwords are checked as the lock allows"
    assert standings.count(True) == 50
    engine.dispose()


def test_a_right_password_gives_back_the_count_its_attempt_took_from_the_address(tmp_path: Path) -> None:
    rules = ThrottleRules(3, 0.25, 4.0, 10, 30, timedelta(minutes=15), timedelta(minutes=15))
    engine = create_read_engine(f"sqlite:///{tmp_path}/office.sqlite3")
    throttle = SignInThrottle(engine, rules)
    throttle.create_table()
    for colleague in range(40):  # one office behind one address, everyone signing in right
        account = f"account:person{colleague}@alpine.example"
        assert not throttle.reserve(account, "address:192.0.2.9").locked
        throttle.succeeded(account, "address:192.0.2.9")
    assert throttle.standing("account:late@alpine.example", "address:192.0.2.9") == Standing(0.0, locked=False)
    engine.dispose()
