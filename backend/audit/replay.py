"""A tenant's read models as they stood at a moment: its events recorded until then, replayed into fresh tables.

The replay reads the tenant's events from its log (the leaves index them by tenant and recording time), and runs
the same projections as the live read models over them, through the same runner, into an in-memory SQLite
database: nothing is guessed from the current rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Notification
from sqlalchemy import create_engine
from sqlalchemy.pool import StaticPool

from backend.audit.canonical import moment_text
from backend.audit.log import AuditLog
from projections.core.runner import ProjectionRunner
from projections.core.store import ReadStore
from projections.features import build_projections, define_read_tables


class _TenantRecorder:
    """The part of a recorder a projection runner reads, over one tenant's events until a moment."""

    def __init__(self, notifications: list[Notification]) -> None:
        self.notifications = notifications

    def max_notification_id(self) -> int:
        return self.notifications[-1].id if self.notifications else 0

    def select_notifications(
        self,
        start: int | None,
        limit: int,
        stop: int | None = None,
        topics: Sequence[str] = (),
        *,
        inclusive_of_start: bool = True,
    ) -> list[Notification]:
        found = []
        for notification in self.notifications:
            if start is not None and (notification.id < start or (notification.id == start and not inclusive_of_start)):
                continue
            if stop is not None and notification.id > stop:
                break
            if not topics or notification.topic in topics:
                found.append(notification)
                if len(found) == limit:
                    break
        return found


class _TenantApplication:
    def __init__(self, app: Any, recorder: _TenantRecorder) -> None:
        self.recorder = recorder
        self.mapper = app.mapper


def replayed_store(app: Any, audit: AuditLog, tenant_id: UUID, until: datetime) -> ReadStore:
    """Fresh read models of the tenant's events recorded until `until` (inclusive)."""
    notifications = [
        Notification(id=e.notification_id, originator_id=e.originator_id, originator_version=e.originator_version,
                     topic=e.topic, state=e.state)
        for _, e in audit.tenant_events(tenant_id, moment_text(until))
    ]  # fmt: skip
    engine = create_engine("sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False})
    store = ReadStore(engine, define_read_tables())
    store.create_tables()
    runner = ProjectionRunner(
        _TenantApplication(app, _TenantRecorder(notifications)),  # type: ignore[arg-type]
        store,
        build_projections(store.tables),
        batch_size=1000,
    )
    runner.catch_up()
    return store
