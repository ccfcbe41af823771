"""Wiring: the application, the read store, the projection runner, sessions, built from settings by a factory."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import TypeVar

import anyio.to_thread

from backend.auth.sessions import SessionStore
from backend.eventstore import event_store_environment
from backend.settings import Settings
from domain.application import Cordee, Saved
from domain.shared.errors import DomainError
from projections.queries import ReadQueries
from projections.registry import build_projections
from projections.runner import ProjectionRunner
from projections.store import ReadStore, create_read_engine

C = TypeVar("C")


class ProjectionsBehind(DomainError):
    """The command was saved but the read models did not catch up in time; the client should re-read."""

    code = "PROJECTIONS_BEHIND"


@dataclass
class Services:
    settings: Settings
    app: Cordee
    store: ReadStore
    runner: ProjectionRunner
    queries: ReadQueries
    sessions: SessionStore

    def execute(self, command: Callable[[C], Saved], cmd: C) -> Saved:
        """Runs a command and waits until the read models show what it wrote (read your own writes)."""
        saved = command(cmd)
        if saved.position and not self.runner.wait_for(saved.position, self.settings.projection_wait_seconds):
            raise ProjectionsBehind("Saved, but the views are still catching up. Reload in a moment.")
        return saved

    async def execute_async(self, command: Callable[[C], Saved], cmd: C) -> Saved:
        # The event store library is synchronous: keep it off the event loop.
        return await anyio.to_thread.run_sync(self.execute, command, cmd)

    def start(self) -> None:
        if self.settings.run_projections_in_process:
            self.runner.start()

    def close(self) -> None:
        self.runner.stop()
        self.app.close()
        self.store.engine.dispose()


def build_services(settings: Settings) -> Services:
    app = Cordee(env=event_store_environment(settings))
    store = ReadStore(create_read_engine(settings.read_database_url))
    store.create_tables()
    sessions = SessionStore(store.engine, timedelta(hours=settings.session_hours))
    sessions.create_table()
    runner = ProjectionRunner(
        app,
        store,
        build_projections(store.tables),
        batch_size=settings.projection_batch_size,
    )
    return Services(settings, app, store, runner, ReadQueries(store), sessions)
