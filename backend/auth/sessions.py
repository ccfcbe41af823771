"""Server-side sessions. The browser holds only a random token; the table holds its hash and the CSRF token."""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta
from uuid import UUID

from sqlalchemy import Column, DateTime, Engine, MetaData, String, Table, Uuid, delete, insert, select

_metadata = MetaData()
web_sessions = Table(
    "web_sessions",
    _metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("tenant_id", Uuid, nullable=False),
    Column("account_id", Uuid, nullable=False),
    Column("csrf_token", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
)


class SessionRecord:
    def __init__(self, tenant_id: UUID, account_id: UUID, csrf_token: str) -> None:
        self.tenant_id = tenant_id
        self.account_id = account_id
        self.csrf_token = csrf_token


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class SessionStore:
    def __init__(self, engine: Engine, lifetime: timedelta) -> None:
        self.engine = engine
        self.lifetime = lifetime

    def create_table(self) -> None:
        _metadata.create_all(self.engine)

    def open(self, tenant_id: UUID, account_id: UUID) -> str:
        """Starts a session and answers the token to put in the cookie."""
        token = secrets.token_urlsafe(32)
        now = datetime.now(UTC)
        with self.engine.begin() as conn:
            conn.execute(delete(web_sessions).where(web_sessions.c.expires_at < now))
            conn.execute(
                insert(web_sessions).values(
                    token_hash=_hash(token),
                    tenant_id=tenant_id,
                    account_id=account_id,
                    csrf_token=secrets.token_urlsafe(32),
                    created_at=now,
                    expires_at=now + self.lifetime,
                )
            )
        return token

    def find(self, token: str) -> SessionRecord | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(web_sessions).where(web_sessions.c.token_hash == _hash(token))).first()
        if row is None or _aware(row.expires_at) < datetime.now(UTC):
            return None
        return SessionRecord(row.tenant_id, row.account_id, row.csrf_token)

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


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
