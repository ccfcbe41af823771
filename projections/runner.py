"""Feeds events to projections: rows and tracking in one transaction, in batches, exactly once, resumable."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from uuid import UUID

from eventsourcing.application import Application
from sqlalchemy import Connection, update

from projections.projection import Projection
from projections.store import ReadStore
from projections.writer import GroupedWriter

log = logging.getLogger(__name__)

DEFAULT_SHARD = "default"
"""Tracking is per shard of the event store; the embedded default has one."""


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
        self.last_error: str | None = None
        self._positions: dict[str, int] = {}
        self._progress = threading.Condition()
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    # Processing

    def catch_up(self, progress: Callable[[int], None] | None = None) -> None:
        """Processes batches until every projection has seen the whole log as it stood."""
        for projection in self.projections:
            while self.run_batch(projection, progress):
                pass

    def run_batch(self, projection: Projection, progress: Callable[[int], None] | None = None) -> int:
        """One transaction: lock the projection's position, apply the next events, move the position.

        Answers how many positions of the log the batch covered (0 once caught up).
        """
        with self.store.writing() as conn:
            start, end = self.apply_batch(conn, projection)
        self._record_progress(projection.name, end)
        if progress is not None and end > start:
            progress(end - start)
        return end - start

    def apply_batch(self, conn: Connection, projection: Projection) -> tuple[int, int]:
        start = self.store.lock_position(conn, self.shard, projection.name)
        last_in_log = self.app.recorder.max_notification_id() or 0
        if last_in_log <= start:
            return start, start
        notifications = self.app.recorder.select_notifications(
            start, self.batch_size, stop=last_in_log, topics=projection.topics, inclusive_of_start=False
        )
        writer = GroupedWriter(conn)
        for notification in notifications:
            projection.apply(writer, notification.topic, self.app.mapper.to_domain_event(notification))
        writer.flush()
        full_batch = len(notifications) == self.batch_size
        end = notifications[-1].id if full_batch else last_in_log
        tracking = self.store.tables.tracking
        conn.execute(
            update(tracking)
            .where(tracking.c.shard == self.shard, tracking.c.projection == projection.name)
            .values(position=end)
        )
        return start, end

    # Read your own writes

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
        return all(self._positions.get(p.name, 0) >= position for p in self.projections)

    def _record_progress(self, name: str, position: int) -> None:
        with self._progress:
            self._positions[name] = max(position, self._positions.get(name, 0))
            self._progress.notify_all()

    # Background thread

    def start(self) -> None:
        self._stopping.clear()
        self._thread = threading.Thread(target=self._follow, name="projection-runner", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        self._stopping.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _follow(self, poll_seconds: float = 1.0) -> None:
        failures = 0
        while not self._stopping.is_set():
            self._wake.clear()
            try:
                self.catch_up()
                self.last_error, failures = None, 0
            except Exception as error:  # a failing projection must not kill the thread: retry, keep the error
                failures += 1
                self.last_error = f"{type(error).__name__}: {error}"
                log.exception("Projection batch failed (attempt %d); it will be retried", failures)
                self._stopping.wait(min(30.0, 0.2 * 2**failures))
                continue
            self._wake.wait(poll_seconds)
