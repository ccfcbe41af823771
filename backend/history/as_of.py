"""Read models as of a past moment: a tenant's events up to it, replayed by the same projections into a temporary
read store, read by the same queries (and so through the same visibility filter).

Each is built once per tenant and moment (truncated to the second) and kept in a cache bounded in entries and in
age; two requests for the same tenant and moment wait for one build. The temporary stores are SQLite files in a
directory of their own, removed when the cache drops them.
"""

from __future__ import annotations

import logging
import tempfile
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from functools import partial
from pathlib import Path
from typing import Any
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.persistence import Notification
from sqlalchemy import event

from backend.history.tenant_history import TenantHistory, event_of
from domain.shared.errors import ValidationFailed
from projections.core.runner import ProjectionRunner
from projections.core.store import ReadStore, create_read_engine
from projections.features import build_projections, define_read_tables
from projections.queries import ReadQueries

log = logging.getLogger(__name__)

AS_OF = "as_of"
IN_THE_FUTURE = "This moment is still to come: history answers up to now."
NOT_A_MOMENT = "Give a date (2026-03-31) or a date and time (2026-03-31T14:30), in UTC."


def moment_of(value: datetime) -> datetime:
    """The moment a request names, in UTC and truncated to the second (a moment without a zone is UTC)."""
    aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    return aware.astimezone(UTC).replace(microsecond=0)


def end_of_day(day: date) -> datetime:
    """A date names the end of that day, UTC: everything recorded on it."""
    return datetime.combine(day, clock_time(23, 59, 59), tzinfo=UTC)


def parse_moment(text: str, field: str = AS_OF) -> datetime:
    """`2026-03-31` (the end of that day) or `2026-03-31T14:30[:05][+02:00]`; anything else is refused."""
    value = text.strip()
    try:
        if len(value) == 10:
            return end_of_day(date.fromisoformat(value))
        return moment_of(datetime.fromisoformat(value))
    except ValueError:
        raise ValidationFailed(field, NOT_A_MOMENT) from None


def check_past(moment: datetime, now: datetime, field: str = AS_OF) -> None:
    if moment > now:
        raise ValidationFailed(field, IN_THE_FUTURE)


REPLAY_BATCH = 5000
"""Events applied between two flushes of the grouped writes: one transaction either way, so larger is cheaper."""
NOT_REPLAYED = frozenset({"audit_trail"})
"""Projections a read model as of a moment leaves out: the audit trail is the history itself, read with its own
period filter (`auditTrail(filter: {from, to})`); replaying it too would cost a third of every build."""


@dataclass
class AsOfModel:
    """One temporary read model: its queries, its store, and when it was built (monotonic seconds)."""

    queries: ReadQueries
    store: ReadStore
    path: Path
    built_at: float
    events: int

    def discard(self) -> None:
        self.store.engine.dispose()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)


class AsOfModels:
    """The cache of read models as of past moments, per tenant and moment."""

    def __init__(
        self,
        app: Application[UUID],
        history: TenantHistory,
        *,
        entries: int = 8,
        max_age_seconds: float = 600.0,
        directory: Path | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.app = app
        self.history = history
        self.entries = entries
        self.max_age_seconds = max_age_seconds
        self.clock = clock
        self._directory = directory
        self._temporary: tempfile.TemporaryDirectory[str] | None = None
        self._models: OrderedDict[tuple[UUID, datetime], AsOfModel] = OrderedDict()
        self._lock = threading.Lock()
        self._building: dict[tuple[UUID, datetime], threading.Lock] = {}
        self._serial = 0
        self.builds = 0
        """How many models were built: a test tells a cached answer from a fresh one."""

    def queries(self, tenant_id: UUID, moment: datetime) -> ReadQueries:
        """The queries of the tenant's read model as recorded at `moment` (truncated to the second)."""
        return self.model(tenant_id, moment).queries

    def model(self, tenant_id: UUID, moment: datetime) -> AsOfModel:
        key = (tenant_id, moment_of(moment))
        found = self._cached(key)
        if found is not None:
            return found
        with self._lock:
            building = self._building.setdefault(key, threading.Lock())
        with building:  # one build per key: a second request waits for the first one's
            found = self._cached(key)
            if found is None:
                found = self._build(*key)
                self._keep(key, found)
        with self._lock:
            self._building.pop(key, None)
        return found

    def cached(self) -> list[tuple[UUID, datetime]]:
        with self._lock:
            self._expire()
            return list(self._models)

    def close(self) -> None:
        with self._lock:
            for model in self._models.values():
                model.discard()
            self._models.clear()
            if self._temporary is not None:
                self._temporary.cleanup()
                self._temporary = None

    def _cached(self, key: tuple[UUID, datetime]) -> AsOfModel | None:
        with self._lock:
            self._expire()
            found = self._models.get(key)
            if found is not None:
                self._models.move_to_end(key)
            return found

    def _keep(self, key: tuple[UUID, datetime], model: AsOfModel) -> None:
        with self._lock:
            self._models[key] = model
            self._models.move_to_end(key)
            while len(self._models) > self.entries:
                _, oldest = self._models.popitem(last=False)
                oldest.discard()

    def _expire(self) -> None:
        now = self.clock()
        for key in [k for k, model in self._models.items() if now - model.built_at > self.max_age_seconds]:
            self._models.pop(key).discard()

    def _path(self) -> Path:
        with self._lock:
            if self._directory is None:
                self._temporary = tempfile.TemporaryDirectory(prefix="cordee-as-of-")
                self._directory = Path(self._temporary.name)
            self._directory.mkdir(parents=True, exist_ok=True)
            self._serial += 1
            return self._directory / f"as-of-{self._serial}.sqlite3"

    def _build(self, tenant_id: UUID, moment: datetime) -> AsOfModel:
        started = time.perf_counter()
        path = self._path()
        engine = create_read_engine(f"sqlite:///{path}")
        event.listen(engine, "connect", _throwaway)
        store = ReadStore(engine, define_read_tables())
        store.create_tables()
        projections = [p for p in build_projections(store.tables) if p.name not in NOT_REPLAYED]
        runner = ProjectionRunner(self.app, store, projections, batch_size=REPLAY_BATCH)
        counted = _Counted(self.history.notifications(tenant_id, moment + timedelta(microseconds=999_999)))
        try:
            with store.writing() as conn:
                runner.apply_notifications(conn, counted, partial(event_of, self.app))
        except BaseException:
            AsOfModel(ReadQueries(store), store, path, self.clock(), counted.count).discard()
            raise
        self.builds += 1
        log.info(
            "Read model of tenant %s as of %s: %d events in %.2f s",
            tenant_id,
            moment.isoformat(),
            counted.count,
            time.perf_counter() - started,
        )
        return AsOfModel(ReadQueries(store), store, path, self.clock(), counted.count)


def _throwaway(dbapi_connection: Any, _record: Any) -> None:
    """A read model as of a moment is rebuilt from the events whenever it is missing: it need not survive a crash."""
    dbapi_connection.execute("PRAGMA synchronous=OFF")


class _Counted:
    """The notifications, counted as they pass."""

    def __init__(self, notifications: Iterator[Notification]) -> None:
        self._notifications = notifications
        self.count = 0

    def __iter__(self) -> Iterator[Notification]:
        for notification in self._notifications:
            self.count += 1
            yield notification


class AsOfDay:
    """The application seen from a past moment: its business day is the moment's (what was overdue, breached or due
    then is judged on that day), every other attribute is the application's own. Only reads run as of a moment."""

    def __init__(self, app: object, day: date) -> None:
        self._app = app
        self._day = day

    def today(self) -> date:
        return self._day

    def __getattr__(self, name: str) -> object:
        return getattr(self._app, name)
