"""Server-side sessions. The browser holds only a random token; the table holds its hash and the CSRF token.

A session ends when it has not been used for `idle` or when it is `lifetime` old, whichever comes first. Its token
changes at sign-in (a new row) and when `renew_sessions_of` asks (the account's grants changed): the next request
with the old token gets a new one, and the old one then opens nothing.

A password that was right for an account with a second factor opens a *pending* row instead: it opens no page and
lasts a few minutes, only for the code to be typed (`open_pending`, `pending`, `promote`).
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    DateTime,
    Engine,
    Integer,
    MetaData,
    Row,
    String,
    Table,
    Uuid,
    delete,
    insert,
    or_,
    select,
    update,
)

Clock = Callable[[], datetime]

FULL = "full"
PENDING = "pending"
TOUCH_EVERY = timedelta(seconds=60)
"""A session's last use is written at most this often: a page's many requests make one write, not many."""
KEPT_AFTER_END = timedelta(days=1)
"""An ended row is kept this long, so that a cookie used after its end is told apart from a made-up one."""
USER_AGENT_MAX_LENGTH = 200

_metadata = MetaData()
# `account_sessions` replaces the earlier `web_sessions` (whose rows had no last use, address or renewal): upgrading
# signs everyone out once.
web_sessions = Table(
    "account_sessions",
    _metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("session_id", Uuid, nullable=False, unique=True),
    Column("stage", String(16), nullable=False),
    Column("tenant_id", Uuid, nullable=False, index=True),
    Column("account_id", Uuid, nullable=False, index=True),
    Column("csrf_token", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("last_seen_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("address", String(64), nullable=True),
    Column("user_agent", String(USER_AGENT_MAX_LENGTH), nullable=True),
    Column("renew", Boolean, nullable=False, default=False),
    Column("attempts", Integer, nullable=False, default=0),
    Column("ended", Boolean, nullable=False, default=False),
)


class SessionRecord:
    def __init__(self, tenant_id: UUID, account_id: UUID, csrf_token: str, session_id: UUID | None = None) -> None:
        self.tenant_id = tenant_id
        self.account_id = account_id
        self.csrf_token = csrf_token
        self.session_id = session_id


@dataclass(frozen=True)
class Resumed:
    """What a request's session cookie comes to (`SessionStore.resume`)."""

    record: SessionRecord | None
    """The live session, or None."""
    new_token: str | None = None
    """Set when the session got a new token on this request: the response must carry it."""
    ended: str | None = None
    """Why the cookie opened nothing although it named a session: `idle`, `lifetime` or `ended`."""


@dataclass(frozen=True)
class SessionListing:
    session_id: UUID
    created_at: datetime
    last_seen_at: datetime
    address: str | None
    user_agent: str | None
    current: bool


@dataclass(frozen=True)
class Client:
    """Where a sign-in comes from, as the server saw it: kept on the session for its person's list."""

    address: str | None = None
    user_agent: str | None = None


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _utc_now() -> datetime:
    return datetime.now(UTC)


class SessionStore:
    def __init__(
        self,
        engine: Engine,
        lifetime: timedelta,
        idle: timedelta | None = None,
        pending_lifetime: timedelta = timedelta(minutes=5),
        clock: Clock = _utc_now,
    ) -> None:
        self.engine = engine
        self.lifetime = lifetime
        """The absolute lifetime: a session ends this long after sign-in, however busy."""
        self.idle = idle or lifetime
        """A session unused for this long ends."""
        self.pending_lifetime = pending_lifetime
        self.clock = clock
        """Replaceable, so that tests can let a session run out."""

    def create_table(self) -> None:
        _metadata.create_all(self.engine)

    def open(self, tenant_id: UUID, account_id: UUID, client: Client = Client()) -> str:
        """Starts a session and answers the token to put in the cookie."""
        return self._open(FULL, tenant_id, account_id, client, self.lifetime)

    def open_pending(self, tenant_id: UUID, account_id: UUID, client: Client = Client()) -> str:
        """The password was right, the second factor is still to come: a token that opens nothing else."""
        return self._open(PENDING, tenant_id, account_id, client, self.pending_lifetime)

    def _open(self, stage: str, tenant_id: UUID, account_id: UUID, client: Client, lifetime: timedelta) -> str:
        token = secrets.token_urlsafe(32)
        now = self.clock()
        with self.engine.begin() as conn:
            self._forget_old(conn, now)
            conn.execute(
                insert(web_sessions).values(
                    token_hash=_hash(token),
                    session_id=uuid4(),
                    stage=stage,
                    tenant_id=tenant_id,
                    account_id=account_id,
                    csrf_token=secrets.token_urlsafe(32),
                    created_at=now,
                    last_seen_at=now,
                    expires_at=now + lifetime,
                    address=(client.address or None) and client.address[:64],
                    user_agent=(client.user_agent or None) and client.user_agent[:USER_AGENT_MAX_LENGTH],
                    renew=False,
                    attempts=0,
                    ended=False,
                )
            )
        return token

    def _forget_old(self, conn: Connection, now: datetime) -> None:
        table = web_sessions
        old = now - KEPT_AFTER_END
        conn.execute(delete(table).where(or_(table.c.expires_at < old, table.c.last_seen_at < old - self.idle)))

    def find(self, token: str) -> SessionRecord | None:
        """The live, full session the token opens (read only: `resume` is what a request does)."""
        with self.engine.connect() as conn:
            row = conn.execute(select(web_sessions).where(web_sessions.c.token_hash == _hash(token))).first()
        if row is None or row.stage != FULL or row.ended or self._ending(row, self.clock()) is not None:
            return None
        return SessionRecord(row.tenant_id, row.account_id, row.csrf_token, row.session_id)

    def resume(self, token: str, note_use: bool = True) -> Resumed:
        """A request with this cookie: ends the session if it idled or outlived its lifetime, notes its use (unless
        the request is no use by the person: a live page's stream), and gives it a new token if
        `renew_sessions_of` asked for one."""
        now = self.clock()
        with self.engine.begin() as conn:
            row = conn.execute(select(web_sessions).where(web_sessions.c.token_hash == _hash(token))).first()
            if row is None or row.stage != FULL:
                return Resumed(None)
            if row.ended:
                return Resumed(None, ended="ended")
            ending = self._ending(row, now)
            if ending is not None:
                conn.execute(update(web_sessions).where(web_sessions.c.token_hash == row.token_hash).values(ended=True))
                return Resumed(None, ended=ending)
            record = SessionRecord(row.tenant_id, row.account_id, row.csrf_token, row.session_id)
            if row.renew:
                new_token = secrets.token_urlsafe(32)
                values = {"token_hash": _hash(new_token), "renew": False, "last_seen_at": now}
                conn.execute(update(web_sessions).where(web_sessions.c.token_hash == row.token_hash).values(**values))
                return Resumed(record, new_token=new_token)
            if note_use and _aware(row.last_seen_at) + TOUCH_EVERY <= now:
                conn.execute(
                    update(web_sessions).where(web_sessions.c.token_hash == row.token_hash).values(last_seen_at=now)
                )
        return Resumed(record)

    def _ending(self, row: Row[Any], now: datetime) -> str | None:
        if _aware(row.expires_at) <= now:
            return "lifetime"
        if row.stage == FULL and _aware(row.last_seen_at) + self.idle <= now:
            return "idle"
        return None

    def pending(self, token: str) -> SessionRecord | None:
        """The account whose password was right a moment ago, while its pending sign-in lasts."""
        with self.engine.connect() as conn:
            row = conn.execute(select(web_sessions).where(web_sessions.c.token_hash == _hash(token))).first()
        if row is None or row.stage != PENDING or row.ended or self._ending(row, self.clock()) is not None:
            return None
        return SessionRecord(row.tenant_id, row.account_id, row.csrf_token, row.session_id)

    def count_pending_attempt(self, token: str, allowed: int) -> bool:
        """Counts a wrong code on a pending sign-in; after `allowed` of them it ends (the password is asked again).
        Answers whether it is still open."""
        with self.engine.begin() as conn:
            table = web_sessions
            conn.execute(update(table).where(table.c.token_hash == _hash(token)).values(attempts=table.c.attempts + 1))
            attempts = conn.execute(select(table.c.attempts).where(table.c.token_hash == _hash(token))).scalar()
            if attempts is None or attempts >= allowed:
                conn.execute(delete(table).where(table.c.token_hash == _hash(token)))
                return False
        return True

    def promote(self, pending_token: str, client: Client = Client()) -> str | None:
        """The second factor was right: the pending sign-in ends and a full session, with a new token, starts."""
        record = self.pending(pending_token)
        if record is None:
            return None
        self.close(pending_token)
        return self.open(record.tenant_id, record.account_id, client)

    def close(self, token: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(web_sessions).where(web_sessions.c.token_hash == _hash(token)))

    def close_all(self, account_id: UUID, keep: str | None = None) -> None:
        """Ends every session of the account (but the one `keep` names): after its password changed or it was
        deactivated, an old or stolen cookie opens nothing, even once the account is reactivated."""
        kept = _hash(keep) if keep else ""
        with self.engine.begin() as conn:
            conn.execute(
                delete(web_sessions).where(web_sessions.c.account_id == account_id, web_sessions.c.token_hash != kept)
            )

    def close_one(self, account_id: UUID, session_id: UUID) -> bool:
        """Ends one of the account's sessions (from its person's list); answers whether there was one to end."""
        table = web_sessions
        with self.engine.begin() as conn:
            done = conn.execute(delete(table).where(table.c.account_id == account_id, table.c.session_id == session_id))
        return bool(done.rowcount)

    def renew_sessions_of(self, account_id: UUID) -> int:
        """The account's grants changed: the next request of each of its sessions gets a new token (the old one then
        opens nothing). Answers how many sessions will be renewed."""
        table = web_sessions
        with self.engine.begin() as conn:
            done = conn.execute(
                update(table)
                .where(table.c.account_id == account_id, table.c.stage == FULL, table.c.ended.is_(False))
                .values(renew=True)
            )
        return int(done.rowcount or 0)

    def listing(self, account_id: UUID, current_token: str | None) -> list[SessionListing]:
        """The account's live sessions, the most recently used first."""
        now = self.clock()
        current = _hash(current_token) if current_token else ""
        table = web_sessions
        query = (
            select(table)
            .where(table.c.account_id == account_id, table.c.stage == FULL, table.c.ended.is_(False))
            .order_by(table.c.last_seen_at.desc(), table.c.session_id)
        )
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
        return [
            SessionListing(
                row.session_id,
                _aware(row.created_at),
                _aware(row.last_seen_at),
                row.address,
                row.user_agent,
                row.token_hash == current,
            )
            for row in rows
            if self._ending(row, now) is None
        ]


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
