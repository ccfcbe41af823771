"""What auditors read: every page and GraphQL request an auditor makes is recorded (who, when, which path), for the
consultancy's admins to see, and logged as the security event `sensitive_read`.

Kept beside the sessions rather than as events: it is a record of reading, not a change of the registers, and a
busy audit would otherwise fill the event log with page views.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID

from fastapi import FastAPI, Request
from sqlalchemy import Column, DateTime, Engine, Index, Integer, MetaData, String, Table, Uuid, insert, select
from starlette.responses import Response

from backend.auth.security_log import SecurityEvent, security_event
from domain.tenancy.account import Role

PATH_MAX_LENGTH = 500
"""The longest path recorded; a longer one is cut (its query string is never recorded: it may carry search text)."""

_metadata = MetaData()
auditor_reads = Table(
    "auditor_reads",
    _metadata,
    Column("read_id", Integer, primary_key=True, autoincrement=True),
    Column("tenant_id", Uuid, nullable=False, index=True),
    Column("account_id", Uuid, nullable=False),
    Column("method", String(8), nullable=False),
    Column("path", String(PATH_MAX_LENGTH), nullable=False),
    Column("read_at", DateTime(timezone=True), nullable=False),
    Index("auditor_reads_newest_first", "tenant_id", "read_id"),
    Index("auditor_reads_of_auditor", "tenant_id", "account_id", "read_id"),
)
"""Read newest first by `read_id` within a tenant (the keyset of the admins' pages), all or one auditor's."""


@dataclass(frozen=True)
class AuditorRead:
    read_id: int
    account_id: UUID
    method: str
    path: str
    read_at: datetime


@dataclass(frozen=True)
class ReadFilter:
    """Which reads a page shows: one auditor's, and read at or after `since` and before `before`."""

    account_id: UUID | None = None
    since: datetime | None = None
    before: datetime | None = None


@dataclass(frozen=True)
class ReadPage:
    reads: list[AuditorRead]
    has_next_page: bool


class AuditorReads:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def create_table(self) -> None:
        """The table and its indexes, also those added after the table was first made."""
        _metadata.create_all(self.engine)
        for index in auditor_reads.indexes:
            index.create(self.engine, checkfirst=True)

    def record(self, tenant_id: UUID, account_id: UUID, method: str, path: str) -> None:
        """One request of an auditor (their one organisation is their account's)."""
        with self.engine.begin() as conn:
            conn.execute(
                insert(auditor_reads).values(
                    tenant_id=tenant_id,
                    account_id=account_id,
                    method=method[:8],
                    path=path[:PATH_MAX_LENGTH],
                    read_at=datetime.now(UTC),
                )
            )

    def readers(self, tenant_id: UUID) -> list[UUID]:
        """The accounts with any read recorded in the tenant: the auditors a page filters by."""
        c = auditor_reads.c
        query = select(c.account_id).where(c.tenant_id == tenant_id).distinct()
        with self.engine.connect() as conn:
            return list(conn.execute(query).scalars())

    def page(self, tenant_id: UUID, size: int, after: int | None, wanted: ReadFilter) -> ReadPage:
        """A page of the tenant's auditor reads, newest first, after the read `after` (the tenant comes from the
        reader's session)."""
        c = auditor_reads.c
        query = select(c.read_id, c.account_id, c.method, c.path, c.read_at).where(c.tenant_id == tenant_id)
        if after is not None:
            query = query.where(c.read_id < after)
        if wanted.account_id is not None:
            query = query.where(c.account_id == wanted.account_id)
        if wanted.since is not None:
            query = query.where(c.read_at >= wanted.since)
        if wanted.before is not None:
            query = query.where(c.read_at < wanted.before)
        query = query.order_by(c.read_id.desc()).limit(size + 1)
        with self.engine.connect() as conn:
            found = [AuditorRead(**row._mapping) for row in conn.execute(query)]
        return ReadPage(found[:size], len(found) > size)


PRINCIPAL_STATE = "principal"
"""Where `principal_from_request` leaves the request's principal, for the record of auditor reads to find it."""


def install_auditor_reads(app: FastAPI, reads: AuditorReads | None) -> None:
    """Records, once per request whatever the page reads, every request an auditor's principal made."""

    @app.middleware("http")
    async def record_auditor_reads(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        principal = getattr(request.state, PRINCIPAL_STATE, None)
        if reads is not None and principal is not None and principal.has_role(Role.AUDITOR):
            path = request.url.path
            reads.record(principal.tenant_id, principal.account_id, request.method, path)
            security_event(
                SecurityEvent.SENSITIVE_READ,
                principal.account_id,
                description=f"Auditor {principal.account_id} read {request.method} {path[:PATH_MAX_LENGTH]}",
                request_id=getattr(request.state, "request_id", None),
                tenant=str(principal.tenant_id),
                account=str(principal.account_id),
            )
        return response
