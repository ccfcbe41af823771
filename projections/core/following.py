"""The runner's background thread: follows events saved by other processes and projects them.

On PostgreSQL it is woken by the event store's notifications; on SQLite it polls. A failing batch never kills the
thread: it is retried with a growing pause, and its error class is kept on the runner for the health check.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from projections.core.runner import ProjectionRunner

log = logging.getLogger(__name__)


class Follower:
    def __init__(self, runner: ProjectionRunner) -> None:
        self.runner = runner
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

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
        """Follows events saved by other processes: woken by PostgreSQL's notifications, or polling SQLite."""
        listener = self._listen()
        failures = 0
        try:
            while not self._stopping.is_set():
                self._wake.clear()
                try:
                    if self.runner.behind():
                        self.runner.catch_up()
                    self.runner.last_error_class, failures = None, 0
                except Exception as error:  # the database failing must not kill the thread: retry, keep the error
                    failures += 1
                    self.runner.last_error_class = type(error).__name__
                    log.exception("Projection batch failed (attempt %d); it will be retried", failures)
                    self._stopping.wait(min(30.0, 0.2 * 2**failures))
                    continue
                self._await_news(listener, poll_seconds)
        finally:
            if listener is not None:
                listener.close()

    def _listen(self) -> Any:
        """On PostgreSQL, a connection of its own listening on the channel the event store notifies on save."""
        channel = getattr(self.runner.app.recorder, "channel_name", None)
        if not self.runner.store.is_postgres or channel is None:
            return None
        try:
            raw = self.runner.store.engine.raw_connection()
            listener: Any = raw.driver_connection
            raw.detach()  # its own for good: never handed back to the pool while listening
            listener.autocommit = True
            listener.execute(f'LISTEN "{channel}"')
        except Exception:
            log.exception("Cannot listen for new events; polling instead")
            return None
        return listener

    def _await_news(self, listener: Any, poll_seconds: float) -> None:
        if listener is None:
            self._wake.wait(poll_seconds)
            return
        deadline = time.monotonic() + poll_seconds
        try:
            while time.monotonic() < deadline and not self._wake.is_set():
                if any(True for _ in listener.notifies(timeout=0.1, stop_after=1)):
                    return
        except Exception:
            log.exception("Listening for new events failed; polling instead")
            self._wake.wait(poll_seconds)
