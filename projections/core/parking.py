"""Parked events: one tenant's event that a projection cannot apply must not stop the others.

The failing event is parked with a short error (its class and first line, never its SQL parameters or payload),
and every later event of the same tenant for the same projection is held behind it, in order, so that tenant's
rows never apply out of order. The position moves on for everyone. An operator replays the parked events after a
fix; they are applied in order and cleared, or stay parked with the new error.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import Connection, delete, func, insert, select, update
from sqlalchemy.exc import DBAPIError, DisconnectionError, InterfaceError, OperationalError

from projections.core.tables import ReadTables

log = logging.getLogger(__name__)

UNKNOWN_TENANT = UUID(int=0)
"""Where an event whose tenant cannot be read (it could not be decoded) is parked."""

ERROR_TEXT_LIMIT = 300

NOT_PARKABLE = (OperationalError, InterfaceError, DisconnectionError)
"""The database itself failing (connection lost, locked, timed out): retried, never blamed on an event."""


@dataclass(frozen=True)
class Failure:
    error_class: str
    error: str

    @classmethod
    def of(cls, error: BaseException, event: Any = None) -> Failure:
        """The error's class and first line, with the event's own text values blanked out."""
        cause = error.orig if isinstance(error, DBAPIError) and error.orig is not None else error
        lines = str(cause).strip().splitlines()
        text = lines[0] if lines else ""
        for value in _text_values(event):
            text = text.replace(value, "…")
        return cls(type(cause).__name__, text[:ERROR_TEXT_LIMIT])


def _text_values(event: Any) -> list[str]:
    values = getattr(event, "__dict__", {}).values()
    return sorted((v for v in values if isinstance(v, str) and len(v) >= 3), key=len, reverse=True)


@dataclass(frozen=True)
class ParkedEvent:
    tenant_id: UUID
    projection: str
    notification_id: int
    topic: str
    failure: Failure | None
    """None for an event held behind an earlier one of the same tenant."""

    @classmethod
    def from_row(cls, row: Any) -> ParkedEvent:
        failure = Failure(row.error_class, row.error or "") if row.error_class else None
        return cls(row.tenant_id, row.projection, row.notification_id, row.topic, failure)

    def as_row(self, shard: str, now: datetime) -> dict[str, Any]:
        return {
            "tenant_id": self.tenant_id,
            "shard": shard,
            "projection": self.projection,
            "notification_id": self.notification_id,
            "topic": self.topic[:255],
            "error_class": self.failure.error_class if self.failure else None,
            "error": self.failure.error if self.failure else None,
            "first_failed_at": now,
        }


class ParkedEvents:
    """The parked-events table of one shard."""

    def __init__(self, tables: ReadTables, shard: str) -> None:
        self.table = t = tables.parked_events
        self.shard = shard
        self._pairs = select(t.c.projection, t.c.tenant_id).where(t.c.shard == shard).distinct()

    def parked_pairs(self, conn: Connection) -> set[tuple[str, UUID]]:
        """(projection, tenant) pairs whose events are held until a replay."""
        return {(projection, tenant) for projection, tenant in conn.execute(self._pairs)}

    def any_between(self, conn: Connection, first: int, last: int) -> bool:
        """Whether any event from `first` to `last` (a command's) is parked or held behind a parked one."""
        t = self.table
        query = select(t.c.notification_id).where(t.c.shard == self.shard, t.c.notification_id.between(first, last))
        return conn.execute(query.limit(1)).first() is not None

    def park(self, conn: Connection, parked: Iterable[ParkedEvent]) -> None:
        events = list(parked)
        now = datetime.now(UTC)
        if events:
            conn.execute(insert(self.table), [e.as_row(self.shard, now) for e in events])
        for e in events:
            if e.failure is not None:
                log.error(
                    "Parked notification %d of tenant %s for projection %s (%s); later events of this tenant are "
                    "held behind it until `cordee projections replay`",
                    e.notification_id,
                    e.tenant_id,
                    e.projection,
                    e.failure.error_class,
                )

    def in_order(
        self, conn: Connection, tenant_id: UUID | None = None, projection: str | None = None
    ) -> list[ParkedEvent]:
        t = self.table
        query = select(t).where(t.c.shard == self.shard)
        if tenant_id is not None:
            query = query.where(t.c.tenant_id == tenant_id)
        if projection is not None:
            query = query.where(t.c.projection == projection)
        query = query.order_by(t.c.tenant_id, t.c.projection, t.c.notification_id)
        return [ParkedEvent.from_row(row) for row in conn.execute(query)]

    def clear(self, conn: Connection, event: ParkedEvent) -> None:
        conn.execute(delete(self.table).where(*self._the(event)))

    def record_failure(self, conn: Connection, event: ParkedEvent, failure: Failure) -> None:
        conn.execute(
            update(self.table).where(*self._the(event)).values(error_class=failure.error_class, error=failure.error)
        )

    def counts(self, conn: Connection) -> list[tuple[UUID, str, int, str | None]]:
        """Per tenant and projection: how many events are parked, and the class of the error that parked them."""
        t = self.table
        query = (
            select(t.c.tenant_id, t.c.projection, func.count(), func.max(t.c.error_class))
            .where(t.c.shard == self.shard)
            .group_by(t.c.tenant_id, t.c.projection)
            .order_by(t.c.tenant_id, t.c.projection)
        )
        return [(tenant, projection, int(count), error) for tenant, projection, count, error in conn.execute(query)]

    def total(self, conn: Connection) -> int:
        query = select(func.count()).select_from(self.table).where(self.table.c.shard == self.shard)
        return int(conn.execute(query).scalar_one())

    def _the(self, event: ParkedEvent) -> tuple[Any, ...]:
        t = self.table
        return (
            t.c.tenant_id == event.tenant_id,
            t.c.shard == self.shard,
            t.c.projection == event.projection,
            t.c.notification_id == event.notification_id,
        )
