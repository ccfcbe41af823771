"""Sign-in throttling: wrong passwords slow down, then lock, the e-mail tried and the address they come from.

Counters are kept per *subject*: an account e-mail (normalised, known or not, so that the answer never tells whether
an account exists) or a client address. Only a hash of the subject is stored.
"""

from __future__ import annotations

import hashlib
import ipaddress
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    DateTime,
    Engine,
    Integer,
    MetaData,
    Row,
    String,
    Table,
    inspect,
    or_,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DBAPIError
from sqlalchemy.schema import CreateTable

Clock = Callable[[], datetime]

_metadata = MetaData()
sign_in_failures = Table(
    "sign_in_failures",
    _metadata,
    Column("subject_hash", String(64), primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("window_started_at", DateTime(timezone=True), nullable=False),
    Column("locked_until", DateTime(timezone=True), nullable=True),
)


def utc_now() -> datetime:
    return datetime.now(UTC)


def account_subject(email: str) -> str:
    return "account:" + email.strip().lower()


def address_subject(host: str | None) -> str:
    """IPv6 clients usually hold a whole /64, so an IPv6 address counts for its /64."""
    try:
        address = ipaddress.ip_address(host or "")
    except ValueError:
        return f"address:{host or 'unknown'}"
    if address.version == 6:
        return f"address:{ipaddress.ip_network(f'{address}/64', strict=False)}"
    return f"address:{address}"


def subject_hash(subject: str) -> str:
    return hashlib.sha256(subject.encode()).hexdigest()


@dataclass(frozen=True)
class ThrottleRules:
    free_failures: int
    """Failures answered at once; each further attempt waits."""
    first_delay_seconds: float
    max_delay_seconds: float
    account_lock_failures: int
    address_lock_failures: int
    window: timedelta
    """Failures older than this (counted from the first of them) are forgotten."""
    lock: timedelta

    def delay_after(self, failures: int) -> float:
        """The wait before the next attempt is answered: doubling after the free failures, capped."""
        if failures < self.free_failures:
            return 0.0
        doublings = min(failures - self.free_failures, 32)
        return min(self.max_delay_seconds, self.first_delay_seconds * float(2**doublings))


@dataclass(frozen=True)
class Standing:
    """Where an attempt from one address for one e-mail stands before its password is checked."""

    delay_seconds: float
    locked: bool
    locks: tuple[str, ...] = ()
    """The subjects that counting this attempt as a failure locked (see `reserve`)."""


class SignInThrottle:
    def __init__(self, engine: Engine, rules: ThrottleRules, clock: Clock = utc_now) -> None:
        self.engine = engine
        self.rules = rules
        self.clock = clock
        """Replaceable, so that tests can let a lock run out."""

    def create_table(self) -> None:
        """Safe to run from several server processes starting at once."""
        try:
            with self.engine.begin() as conn:
                conn.execute(CreateTable(sign_in_failures, if_not_exists=True))
        except DBAPIError:
            if not inspect(self.engine).has_table(sign_in_failures.name):  # another process did not just create it
                raise

    def standing(self, account: str, address: str) -> Standing:
        now = self.clock()
        with self.engine.connect() as conn:
            rows = _rows(conn, account, address)
        failures = max((self._live_failures(row, now) for row in rows), default=0)
        locked = any(row.locked_until is not None and _aware(row.locked_until) > now for row in rows)
        return Standing(self.rules.max_delay_seconds if locked else self.rules.delay_after(failures), locked)

    def reserve(self, account: str, address: str) -> Standing:
        """Checks the lock and counts the attempt as a failure, in one write transaction, before the password is
        checked; a right password then gives the count back (`succeeded`).

        Counting first is what bounds guesses sent at the same moment: each one takes its place in the count before
        any of them is answered, so a burst locks after as many attempts as a slow series would.
        """
        now = self.clock()
        with self._counting(now) as conn:
            rows = _rows(conn, account, address)
            if any(row.locked_until is not None and _aware(row.locked_until) > now for row in rows):
                return Standing(self.rules.max_delay_seconds, locked=True)
            failures = max((self._live_failures(row, now) for row in rows), default=0)
            locks = tuple(self._count_failure(conn, account, address, now))
        return Standing(self.rules.delay_after(failures), locked=False, locks=locks)

    def failed(self, account: str, address: str) -> list[str]:
        """Counts a wrong password for both subjects; answers the subjects this failure locked."""
        now = self.clock()
        with self._counting(now) as conn:
            return self._count_failure(conn, account, address, now)

    @contextmanager
    def _counting(self, now: datetime) -> Iterator[Connection]:
        """One write transaction, stale rows forgotten first; SQLite takes its write lock before the counts are read."""
        with self.engine.connect() as base:
            conn = base.execution_options(writer=True)
            with conn.begin():
                self._forget_stale(conn, now)
                yield conn

    def _count_failure(self, conn: Connection, account: str, address: str, now: datetime) -> list[str]:
        """Counts a failure for the account and the address; answers the subjects it locked."""
        thresholds = {account: self.rules.account_lock_failures, address: self.rules.address_lock_failures}
        return [subject for subject, limit in thresholds.items() if self._count(conn, subject, limit, now)]

    def succeeded(self, account: str, reserved_address: str | None = None) -> None:
        """A right password (outside a lock) forgets the account's failures; the address keeps its count, less the
        attempt `reserve` counted for this sign-in."""
        table = sign_in_failures
        with self.engine.begin() as conn:
            conn.execute(table.delete().where(table.c.subject_hash == subject_hash(account)))
            if reserved_address is not None:
                conn.execute(
                    update(table)
                    .where(table.c.subject_hash == subject_hash(reserved_address), table.c.failures > 0)
                    .values(failures=table.c.failures - 1)
                )

    def _forget_stale(self, conn: Connection, now: datetime) -> None:
        """Rows whose failures and lock are over, so that e-mails tried once do not pile up."""
        table = sign_in_failures
        lock_over = or_(table.c.locked_until.is_(None), table.c.locked_until <= now)
        conn.execute(table.delete().where(table.c.window_started_at <= now - self.rules.window, lock_over))

    def _count(self, conn: Connection, subject: str, lock_after: int, now: datetime) -> bool:
        key = subject_hash(subject)
        row = self._locked_row(conn, key, now)
        if row.locked_until is not None and _aware(row.locked_until) > now:
            return False  # attempts during a lock neither count nor lengthen it
        failures = self._live_failures(row, now) + 1
        started = _aware(row.window_started_at) if failures > 1 else now
        locks = failures >= lock_after
        values = (
            {"failures": 0, "window_started_at": now, "locked_until": now + self.rules.lock}
            if locks
            else {"failures": failures, "window_started_at": started, "locked_until": None}
        )
        conn.execute(update(sign_in_failures).where(sign_in_failures.c.subject_hash == key).values(**values))
        return locks

    def _locked_row(self, conn: Connection, key: str, now: datetime) -> Row[Any]:
        """The subject's row, made if missing, locked for this transaction (PostgreSQL; SQLite holds its write lock)."""
        postgres = self.engine.dialect.name == "postgresql"
        insert = pg_insert if postgres else sqlite_insert
        fresh = {"subject_hash": key, "failures": 0, "window_started_at": now, "locked_until": None}
        conn.execute(insert(sign_in_failures).values(**fresh).on_conflict_do_nothing())
        query = select(sign_in_failures).where(sign_in_failures.c.subject_hash == key)
        return conn.execute(query.with_for_update() if postgres else query).one()

    def _live_failures(self, row: Row[Any], now: datetime) -> int:
        return int(row.failures) if _aware(row.window_started_at) + self.rules.window > now else 0


def _rows(conn: Connection, *subjects: str) -> Sequence[Row[Any]]:
    """The failure rows of the subjects (an account, an address)."""
    return conn.execute(select(sign_in_failures).where(sign_in_failures.c.subject_hash.in_(_hashes(*subjects)))).all()


def _hashes(*subjects: str) -> list[str]:
    return [subject_hash(subject) for subject in subjects]


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
