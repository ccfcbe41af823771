"""Sessions end when idle and when old, change token on renewal, and a pending sign-in opens nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import uuid4

import pytest
from sqlalchemy import create_engine

from backend.auth.sessions import Client, SessionStore


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2027, 1, 4, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(clock: Clock) -> SessionStore:
    made = SessionStore(create_engine("sqlite://"), timedelta(hours=12), idle=timedelta(minutes=60), clock=clock)
    made.create_table()
    return made


def test_a_session_unused_for_the_idle_time_ends(store: SessionStore, clock: Clock) -> None:
    token = store.open(uuid4(), uuid4())
    clock.now += timedelta(minutes=59)
    assert store.resume(token).record is not None  # used: the idle time starts again
    clock.now += timedelta(minutes=59)
    assert store.resume(token).record is not None
    clock.now += timedelta(minutes=61)
    ended = store.resume(token)
    assert ended.record is None and ended.ended == "idle"
    assert store.resume(token).ended == "ended" and store.find(token) is None


def test_a_live_pages_stream_does_not_keep_an_unused_session_open(store: SessionStore, clock: Clock) -> None:
    token = store.open(uuid4(), uuid4())
    for _ in range(2):  # an open tab's stream, reconnecting
        clock.now += timedelta(minutes=25)
        assert store.resume(token, note_use=False).record is not None
    clock.now += timedelta(minutes=11)
    assert store.resume(token, note_use=False).ended == "idle"


def test_a_busy_session_still_ends_at_its_lifetime(store: SessionStore, clock: Clock) -> None:
    token = store.open(uuid4(), uuid4())
    for _ in range(12):
        clock.now += timedelta(minutes=59)
        assert store.resume(token).record is not None
    clock.now += timedelta(minutes=13)
    assert store.resume(token).ended == "lifetime"


def test_renewal_gives_each_session_of_the_account_a_new_token_and_the_old_one_opens_nothing(
    store: SessionStore,
) -> None:
    account, other = uuid4(), uuid4()
    first, second, others = store.open(uuid4(), account), store.open(uuid4(), account), store.open(uuid4(), other)
    assert store.renew_sessions_of(account) == 2
    renewed = store.resume(first)
    assert renewed.new_token is not None and renewed.record is not None and renewed.record.account_id == account
    assert store.find(first) is None and store.find(renewed.new_token) is not None
    assert store.resume(renewed.new_token).new_token is None  # renewed once
    assert store.resume(second).new_token is not None
    assert store.resume(others).new_token is None


def test_a_pending_sign_in_opens_no_session_and_ends_after_wrong_codes(store: SessionStore, clock: Clock) -> None:
    tenant, account = uuid4(), uuid4()
    pending = store.open_pending(tenant, account)
    assert store.find(pending) is None and store.resume(pending).record is None
    assert store.pending(pending) is not None
    assert store.count_pending_attempt(pending, allowed=2)
    assert not store.count_pending_attempt(pending, allowed=2)
    assert store.pending(pending) is None

    later = store.open_pending(tenant, account)
    clock.now += timedelta(minutes=5)
    assert store.pending(later) is None and store.promote(later) is None


def test_promoting_a_pending_sign_in_gives_a_new_token(store: SessionStore) -> None:
    pending = store.open_pending(uuid4(), uuid4())
    token = store.promote(pending, Client("203.0.113.9", "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"))
    assert token is not None and token != pending
    assert store.pending(pending) is None and store.find(token) is not None


def test_the_listing_shows_the_accounts_live_sessions_and_one_can_be_ended(store: SessionStore, clock: Clock) -> None:
    account = uuid4()
    here = store.open(uuid4(), account, Client("203.0.113.9", "Firefox"))
    clock.now += timedelta(minutes=5)
    there = store.open(uuid4(), account, Client("198.51.100.4", "Chrome"))
    store.open_pending(uuid4(), account)
    listed = store.listing(account, here)
    assert [(row.address, row.user_agent, row.current) for row in listed] == [
        ("198.51.100.4", "Chrome", False),
        ("203.0.113.9", "Firefox", True),
    ]
    assert store.close_one(account, listed[0].session_id)
    assert not store.close_one(uuid4(), listed[1].session_id)  # not another account's
    assert store.find(there) is None and store.find(here) is not None
