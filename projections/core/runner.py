"""Feeds events to projections: rows and tracking in one transaction, in batches, exactly once, resumable.

A batch is one transaction for all the runner's projections: it locks their positions (one runner at a time),
reads the events after the lowest of them once, hands each event to the projections that handle it and have not
seen it, and moves the positions. When applying fails, the batch is rolled back to a savepoint and applied again
event by event, each in a savepoint of its own, to find the failing events: those are parked (see `parking`),
the rest applied, and the positions still move, so one tenant's bad event never stops another tenant.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.persistence import Notification
from sqlalchemy import Connection

from projections.core.following import Follower
from projections.core.parking import NOT_PARKABLE, UNKNOWN_TENANT, Failure, ParkedEvent, ParkedEvents
from projections.core.projection import Projection
from projections.core.replaying import ReplayResult, replay_parked
from projections.core.store import ReadStore
from projections.core.writer import GroupedWriter

log = logging.getLogger(__name__)

DEFAULT_SHARD = "default"
"""Tracking is per shard of the event store; the embedded default has one."""


@dataclass(frozen=True)
class Batch:
    covered: int
    """Positions of the log the batch covered, summed over the projections (0 once caught up)."""
    positions: dict[str, int]
    """Each projection's position when the batch commits."""


class ProjectionRunner:
    """Runs a set of projections over one application's notification log."""

    def __init__(
        self,
        app: Application[UUID],
        store: ReadStore,
        projections: Sequence[Projection],
        *,
        shard: str = DEFAULT_SHARD,
        batch_size: int = 500,
    ) -> None:
        self.app = app
        self.store = store
        self.projections = list(projections)
        self.shard = shard
        self.batch_size = batch_size
        self.parked = ParkedEvents(store.tables, shard)
        self.last_error_class: str | None = None
        self._names = [p.name for p in self.projections]
        self.tracker = store.tracker(shard, self._names)
        self._by_topic = _by_topic(self.projections)
        self._positions: dict[str, int] = {}
        self._batch_lock = threading.Lock()
        """One batch at a time in this process: threads queue here instead of polling the database's lock."""
        self._progress = threading.Condition()
        self._follower = Follower(self)

    # Processing

    def catch_up(self, progress: Callable[[int], None] | None = None) -> None:
        """Processes batches until every projection has seen the whole log as it stood."""
        while self.run_batch(progress):
            pass

    def run_batch(self, progress: Callable[[int], None] | None = None, until: int | None = None) -> int:
        """One transaction: lock the positions, apply the next events, move the positions.

        Answers how many positions of the log the batch covered, summed over the projections (0 once caught up).
        With `until`, nothing is done when another thread's batch has already passed that position.
        """
        with self._batch_lock:
            if until is not None and self._all_past(until):
                return 0
            batch = self._next_batch()
            self._record_progress(batch.positions)
        if progress is not None and batch.covered:
            progress(batch.covered)
        return batch.covered

    def _next_batch(self) -> Batch:
        """The next batch, in its own transaction; if an event fails, rolled back and applied again isolated."""
        try:
            with self.store.writing() as conn:
                return self.apply_batch(conn, isolated=False)
        except NOT_PARKABLE:
            raise
        except Exception:  # rolled back: again, with the events that fail to apply parked
            with self.store.writing() as conn:
                return self.apply_batch(conn)

    def apply_batch(self, conn: Connection, *, isolated: bool = True) -> Batch:
        """The next batch, in the caller's transaction.

        `isolated` applies it in a savepoint, so that events that fail to apply are parked and the others
        applied; without it, a failure is raised (and the caller rolls back and tries again isolated).
        """
        positions = self.tracker.lock(conn)
        last_in_log = self.app.recorder.max_notification_id() or 0
        behind = [p for p in self.projections if positions[p.name] < last_in_log]
        if not behind:
            return Batch(0, positions)
        start = min(positions[p.name] for p in behind)
        topics = sorted({topic for p in behind for topic in p.topics})
        notifications = self.app.recorder.select_notifications(
            start, self.batch_size, stop=last_in_log, topics=topics, inclusive_of_start=False
        )
        self._apply(conn, notifications, positions, isolated)
        end = notifications[-1].id if len(notifications) == self.batch_size else last_in_log
        self.tracker.move(conn, end)
        covered = sum(max(0, end - position) for position in positions.values())
        return Batch(covered, {name: max(position, end) for name, position in positions.items()})

    def apply_notifications(
        self,
        conn: Connection,
        notifications: Iterable[Notification],
        to_event: Callable[[Notification], Any] | None = None,
    ) -> None:
        """Applies these notifications, in their order, to every projection that handles them, in the caller's
        transaction, tracking no position: how a temporary read model is filled from a chosen part of the log (one
        tenant's events up to a past moment). An event that fails to apply is parked there, as it would be here.

        `to_event` decodes a notification, when the caller has a quicker way than the mapper (it decoded them
        already, to choose them)."""
        positions = dict.fromkeys(self._names, 0)
        chunk: list[Notification] = []
        for notification in notifications:
            if notification.topic in self._by_topic:
                chunk.append(notification)
            if len(chunk) >= self.batch_size:
                self._apply(conn, chunk, positions, isolated=True, to_event=to_event)
                chunk = []
        if chunk:
            self._apply(conn, chunk, positions, isolated=True, to_event=to_event)

    def _apply(
        self,
        conn: Connection,
        notifications: Sequence[Notification],
        positions: dict[str, int],
        isolated: bool,
        to_event: Callable[[Notification], Any] | None = None,
    ) -> None:
        if not isolated:
            self._apply_fast(conn, notifications, positions)
            return
        try:
            with conn.begin_nested():
                self._apply_fast(conn, notifications, positions, to_event)
        except NOT_PARKABLE:
            raise
        except Exception:  # some event fails: find it, park it, apply the others
            self._apply_one_by_one(conn, notifications, positions)

    def _apply_fast(
        self,
        conn: Connection,
        notifications: Sequence[Notification],
        positions: dict[str, int],
        to_event: Callable[[Notification], Any] | None = None,
    ) -> None:
        parked_pairs = self.parked.parked_pairs(conn)
        held: list[ParkedEvent] = []
        writer = GroupedWriter(conn)
        decode = to_event or self.app.mapper.to_domain_event
        for notification in notifications:
            event = decode(notification)
            tenant = _tenant_of(event)
            for projection in self._due(notification, positions):
                if (projection.name, tenant) in parked_pairs:
                    held.append(ParkedEvent(tenant, projection.name, notification.id, notification.topic, None))
                else:
                    projection.apply_at(writer, notification.id, notification.topic, event)
        writer.flush()
        self.parked.park(conn, held)

    def _apply_one_by_one(
        self, conn: Connection, notifications: Sequence[Notification], positions: dict[str, int]
    ) -> None:
        parked_pairs = self.parked.parked_pairs(conn)
        for notification in notifications:
            event, tenant, undecodable = self.decode(notification)
            for projection in self._due(notification, positions):
                pair = (projection.name, tenant)
                failure = None  # held behind an earlier event of the same tenant
                if pair not in parked_pairs:
                    failure = undecodable or self.apply_in_savepoint(conn, projection, notification, event)
                    if failure is None:
                        continue
                    parked_pairs.add(pair)
                parked = ParkedEvent(tenant, projection.name, notification.id, notification.topic, failure)
                self.parked.park(conn, [parked])

    def decode(self, notification: Notification) -> tuple[Any, UUID, Failure | None]:
        try:
            event = self.app.mapper.to_domain_event(notification)
        except Exception as error:
            return None, UNKNOWN_TENANT, Failure.of(error)
        return event, _tenant_of(event), None

    def apply_in_savepoint(
        self, conn: Connection, projection: Projection, notification: Notification, event: Any
    ) -> Failure | None:
        try:
            with conn.begin_nested():
                writer = GroupedWriter(conn)
                projection.apply_at(writer, notification.id, notification.topic, event)
                writer.flush()
        except NOT_PARKABLE:
            raise
        except Exception as error:
            return Failure.of(error, event)
        return None

    def _due(self, notification: Notification, positions: dict[str, int]) -> list[Projection]:
        return [p for p in self._by_topic.get(notification.topic, ()) if positions[p.name] < notification.id]

    # Parked events

    def replay_parked(self, tenant_id: UUID | None = None, projection: str | None = None) -> ReplayResult:
        """Applies parked events again, in order per tenant and projection (see `replaying`)."""
        return replay_parked(self, tenant_id, projection)

    def parked_events(self) -> list[ParkedEvent]:
        with self.store.reading() as conn:
            return self.parked.in_order(conn)

    def parked_counts(self) -> list[tuple[UUID, str, int, str | None]]:
        with self.store.reading() as conn:
            return self.parked.counts(conn)

    def holds_any(self, first: int, last: int) -> bool:
        """Whether an event from `first` to `last` is parked, or held behind a parked one, instead of projected."""
        with self.store.reading() as conn:
            return self.parked.any_between(conn, first, last)

    def parked_total(self) -> int:
        with self.store.reading() as conn:
            return self.parked.total(conn)

    # Read your own writes

    def catch_up_to(self, position: int, timeout: float = 10.0) -> bool:
        """Run by the thread that saved: projects everything up to `position` itself, in one transaction for
        all projections, instead of waking the background thread and waiting for it.

        Threads that save at once queue for the batch; the first one's batch usually covers the others' events
        too. If the batch fails, the background thread retries and this one waits for it, until the timeout.
        """
        deadline = time.monotonic() + timeout
        try:
            while not self._all_past(position):
                if time.monotonic() > deadline:
                    return False
                self.run_batch(until=position)
        except Exception:
            log.exception("Projecting after a save failed; the background runner will retry")
            return self.wait_for(position, max(0.0, deadline - time.monotonic()))
        return True

    def positions(self) -> dict[str, int]:
        stored = self.store.positions(self.shard)
        return {p.name: stored.get(p.name, 0) for p in self.projections}

    def wait_for(self, position: int, timeout: float = 10.0) -> bool:
        """Waits until every projection has passed `position`; False when the time ran out first."""
        deadline = time.monotonic() + timeout
        self.wake()
        while True:
            with self._progress:
                if self._all_past(position):
                    return True
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._progress.wait(min(remaining, 0.05))
            if not self._all_past(position):
                # Another process (a worker, the command line) may be the one moving the positions.
                self._positions.update(self.positions())

    def _all_past(self, position: int) -> bool:
        return all(self._positions.get(name, 0) >= position for name in self._names)

    def _record_progress(self, positions: dict[str, int]) -> None:
        with self._progress:
            for name, position in positions.items():
                self._positions[name] = max(position, self._positions.get(name, 0))
            self._progress.notify_all()

    # Background thread

    def start(self) -> None:
        self._follower.start()

    def wake(self) -> None:
        self._follower.wake()

    def stop(self, timeout: float = 10.0) -> None:
        self._follower.stop(timeout)

    def behind(self) -> bool:
        """Whether the log has events this process has not seen projected: a read, no lock, no transaction."""
        return not self._all_past(self.app.recorder.max_notification_id() or 0)


def _tenant_of(event: Any) -> UUID:
    tenant = getattr(event, "tenant_id", None)
    return tenant if isinstance(tenant, UUID) else UNKNOWN_TENANT


def _by_topic(projections: Sequence[Projection]) -> dict[str, list[Projection]]:
    """The projections each topic goes to, in their order."""
    found: dict[str, list[Projection]] = {}
    for projection in projections:
        for topic in projection.topics:
            found.setdefault(topic, []).append(projection)
    return found
