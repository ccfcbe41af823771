"""Where a tenant's past comes from: its events in log order, up to a recorded moment.

The port is narrow on purpose. `IndexedTenantHistory`, the one the services use, reads the tenant's events only,
through the tamper-evident log's per-tenant index; `LogTenantHistory` pages through the whole notification log and
decodes each event to find its tenant and the moment it was recorded (kept for stores read without the log, and as
the reference the tests compare the index with).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.persistence import Notification

from backend.audit.canonical import moment_text
from backend.audit.log import AuditLog

LATE_COMMIT_MARGIN = timedelta(minutes=5)
"""How much later than a recorded event an earlier-recorded one can still be committed: an event gets its time when
it is made and its place in the log when its transaction commits, so places and times agree only within the time a
command takes. Past the moment by this much, the rest of the log is not read."""

PAGE_SIZE = 1000


@dataclass(frozen=True)
class DecodedNotification(Notification):
    """A notification with its event, decoded already to choose it: applying it need not decode it again."""

    event: Any = field(default=None, compare=False)


def event_of(app: Application[UUID], notification: Notification) -> Any:
    """The notification's event: the one it carries, if decoded already, else decoded now."""
    if isinstance(notification, DecodedNotification):
        return notification.event
    return app.mapper.to_domain_event(notification)


class TenantHistory(Protocol):
    def notifications(self, tenant_id: UUID, until: datetime) -> Iterator[Notification]:
        """The tenant's notifications in log order, only those whose event was recorded at or before `until`."""
        ...


class LogTenantHistory:
    """Reads the application's whole notification log, page by page, and keeps the tenant's events."""

    def __init__(self, app: Application[UUID], page_size: int = PAGE_SIZE) -> None:
        self.app = app
        self.page_size = page_size

    def notifications(self, tenant_id: UUID, until: datetime) -> Iterator[Notification]:
        recorder = self.app.recorder
        stop = recorder.max_notification_id() or 0
        start, inclusive = 1, True
        horizon = until + LATE_COMMIT_MARGIN
        while start <= stop:
            page = recorder.select_notifications(start, self.page_size, stop=stop, inclusive_of_start=inclusive)
            if not page:
                return
            for notification in page:
                event: Any = self.app.mapper.to_domain_event(notification)
                recorded: datetime = event.timestamp
                if recorded > horizon:
                    return
                if recorded <= until and getattr(event, "tenant_id", None) == tenant_id:
                    yield DecodedNotification(
                        notification.originator_id,
                        notification.originator_version,
                        notification.topic,
                        notification.state,
                        notification.id,
                        event,
                    )
            start, inclusive = page[-1].id, False
            if len(page) < self.page_size:
                return


class IndexedTenantHistory:
    """Reads only the tenant's events, through the log's per-tenant index (`backend/audit`): its leaves name each
    event's notification and recording time, so other tenants' events are never read."""

    def __init__(self, audit: AuditLog) -> None:
        self.audit = audit

    def notifications(self, tenant_id: UUID, until: datetime) -> Iterator[Notification]:
        for _, event in self.audit.tenant_events(tenant_id, moment_text(until)):
            yield Notification(
                id=event.notification_id,
                originator_id=event.originator_id,
                originator_version=event.originator_version,
                topic=event.topic,
                state=event.state,
            )
