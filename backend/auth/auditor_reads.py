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
from sqlalchemy import Column, DateTime, Engine, Integer, MetaData, String, Table, Uuid, insert, select
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
)


@dataclass(frozen=True)
class AuditorRead:
    account_id: UUID
    method: str
    path: str
    read_at: datetime


class AuditorReads:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def create_table(self) -> None:
        _metadata.create_all(self.engine)

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

    def latest(self, tenant_id: UUID, limit: int = 200) -> list[AuditorRead]:
        """The tenant's latest auditor reads, newest first (the tenant comes from the reader's session)."""
        c = auditor_reads.c
        query = (
            select(c.account_id, c.method, c.path, c.read_at)
            .where(c.tenant_id == tenant_id)
            .order_by(c.read_id.desc())
            .limit(limit)
        )
        with self.engine.connect() as conn:
            return [AuditorRead(**row._mapping) for row in conn.execute(query)]


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
