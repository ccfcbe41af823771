"""Password reset by e-mail: the same answer for every address, a single-use expiring link read from a local SMTP
sink, the new password refused with a named field when weak, every session of the account ended."""

from __future__ import annotations

import logging
import re
import socket
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session
from fastapi import FastAPI
from starlette.testclient import TestClient

from backend.app import create_app
from backend.auth.current import SESSION_COOKIE
from backend.demo import DEMO_PASSWORD
from backend.services import Services
from tests.api.conftest import ALPINE_COACH, events_in_log

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
LINK = re.compile(r"https?://\S+(/password/reset/[\w-]+)")
NEW_PASSWORD = "a long new passphrase for the mountains"


class Mailbox:
    """What the SMTP sink received. Mail is sent beside the page's answer, so a test waits for it (bounded)."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.arrived = threading.Condition()

    def wait_for(self, count: int) -> list[EmailMessage]:
        with self.arrived:
            assert self.arrived.wait_for(lambda: len(self.messages) >= count, timeout=10), self.messages
        return self.messages

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        message = message_from_bytes(bytes(envelope.original_content or b""), policy=policy.default)
        assert isinstance(message, EmailMessage)
        with self.arrived:
            self.messages.append(message)
            self.arrived.notify_all()
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def mailbox() -> Iterator[tuple[Mailbox, int]]:
    box, port = Mailbox(), _free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    yield box, port
    controller.stop()


@pytest.fixture
def app(demo_services: Services, mailbox: tuple[Mailbox, int]) -> FastAPI:
    update = {
        "smtp_host": "127.0.0.1",
        "smtp_port": mailbox[1],
        "smtp_from": "cordee@alpine.example",
        "public_url": "https://cordee.alpine.example",
        "sign_in_first_delay_seconds": 0.001,
        "sign_in_max_delay_seconds": 0.002,
    }
    return create_app(demo_services.settings.model_copy(update=update), demo_services)


def csrf(page: str) -> str:
    found = TOKEN.search(page)
    assert found is not None, page
    return found.group(1)


def ask(http: TestClient, email: str) -> str:
    page = http.get("/password/forgot")
    answer = http.post("/password/forgot", data={"email": email, "csrf_token": csrf(page.text)})
    assert answer.status_code == 200, answer.text
    return TOKEN.sub("", answer.text)


def sign_in(http: TestClient, password: str) -> int:
    form = {"email": ALPINE_COACH, "password": password, "csrf_token": csrf(http.get("/login").text)}
    return http.post("/login", data=form, follow_redirects=False).status_code


def test_a_reset_link_is_mailed_only_to_an_account_yet_the_answer_is_the_same_and_it_works_once(
    app: FastAPI, mailbox: tuple[Mailbox, int], demo_services: Services, caplog: pytest.LogCaptureFixture
) -> None:
    box, _ = mailbox
    caplog.set_level(logging.INFO, logger="cordee.security")
    signed_in = TestClient(app, client=("198.51.100.60", 50000))
    assert sign_in(signed_in, DEMO_PASSWORD) == 303
    http = TestClient(app, client=("198.51.100.61", 50000))
    assert "Forgot your password?" in http.get("/login").text

    unknown, known = ask(http, "nobody@alpine.example"), ask(http, ALPINE_COACH.upper())
    assert unknown == known and "If this address belongs to an account" in known
    [message] = box.wait_for(1)
    assert message["To"] == ALPINE_COACH and message["From"] == "cordee@alpine.example"
    found = LINK.search(message.get_content())
    assert found is not None and found.group(0).startswith("https://cordee.alpine.example/password/reset/")
    link = found.group(1)
    token = link.rsplit("/", 1)[1]
    assert token not in caplog.text and '"event": "authn_token_created' in caplog.text

    page = http.get(link)
    before = events_in_log(demo_services)
    weak = http.post(link, data={"csrf_token": csrf(page.text), "newPassword": "short", "repeated": "short"})
    assert weak.status_code == 422 and 'id="newPassword-error"' in weak.text and "12 characters" in weak.text
    assert events_in_log(demo_services) == before
    form = {"csrf_token": csrf(page.text), "newPassword": NEW_PASSWORD, "repeated": NEW_PASSWORD}
    done = http.post(link, data=form, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"].startswith("/login")
    assert events_in_log(demo_services) == before + 1

    assert signed_in.get("/account", follow_redirects=False).status_code == 303  # every session of it ended
    assert http.get(link).status_code == 404  # once
    again = http.post(link, data=form)
    assert again.status_code == 422 and "does not work" in again.text
    assert sign_in(http, DEMO_PASSWORD) == 401 and sign_in(http, NEW_PASSWORD) == 303
    assert '"event": "authn_password_change' in caplog.text


def test_a_reset_link_stops_working_after_its_time(
    app: FastAPI, mailbox: tuple[Mailbox, int], demo_services: Services
) -> None:
    box, _ = mailbox
    http = TestClient(app, client=("198.51.100.62", 50000))
    ask(http, ALPINE_COACH)
    found = LINK.search(box.wait_for(1)[0].get_content())
    assert found is not None
    app.state.account_security.clock = lambda: datetime.now(UTC) + timedelta(minutes=31)
    page = http.get(found.group(1))
    assert page.status_code == 404 and "Ask for a new link" in page.text
    form = {
        "csrf_token": csrf(http.get("/password/forgot").text),
        "newPassword": NEW_PASSWORD,
        "repeated": NEW_PASSWORD,
    }
    before = events_in_log(demo_services)
    assert http.post(found.group(1), data=form).status_code == 422
    assert events_in_log(demo_services) == before


def test_asking_for_reset_links_is_throttled_and_a_bad_address_is_named(
    demo_services: Services, mailbox: tuple[Mailbox, int]
) -> None:
    box, port = mailbox
    update = {
        "smtp_host": "127.0.0.1",
        "smtp_port": port,
        "sign_in_first_delay_seconds": 0.001,
        "sign_in_max_delay_seconds": 0.002,
        "sign_in_account_lock_failures": 3,
    }
    app = create_app(demo_services.settings.model_copy(update=update), demo_services)
    http = TestClient(app, client=("198.51.100.63", 50000))
    page = http.get("/password/forgot")
    bad = http.post("/password/forgot", data={"email": "not an address", "csrf_token": csrf(page.text)})
    assert bad.status_code == 422 and 'id="email-error"' in bad.text
    answers = {ask(http, ALPINE_COACH) for _ in range(5)}
    assert len(answers) == 1  # locked or not, the page reads the same
    assert len(box.wait_for(3)) == 3  # the third request locked the address asked about: no more mail after it
    assert http.cookies.get(SESSION_COOKIE) is None
