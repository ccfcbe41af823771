"""Wiring: the application, the read store, the projection runner, sessions, built from settings by a factory."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import TypeVar, cast
from uuid import UUID

import anyio.to_thread

from backend.audit.log import AuditLog, Checkpointer
from backend.audit.signing import load_signer
from backend.auth.auditor_reads import AuditorReads
from backend.auth.sessions import SessionStore
from backend.auth.tenant_secrets import TenantSecrets, build_tenant_secrets
from backend.blobs import DirectoryBlobStore
from backend.eventstore import event_store_environment
from backend.graphql.reviews.gathering import review_inputs
from backend.history.as_of import AsOfDay, AsOfModels
from backend.history.tenant_history import IndexedTenantHistory
from backend.row_security import OWNER_CREATED_TABLES, fill_event_tenants, prepare_database, secured_store
from backend.settings import Settings
from domain.application import Cordee, Saved
from domain.shared.calendar import stated_today
from domain.shared.errors import DomainError
from projections.core.runner import ProjectionRunner
from projections.core.store import ReadStore, create_read_engine
from projections.features import build_projections, define_read_tables
from projections.queries import ReadQueries, Scope
from projections.rebuild import rebuild

C = TypeVar("C")
log = logging.getLogger(__name__)


class ProjectionsBehind(DomainError):
    """The command was saved but the read models did not catch up in time; the client should re-read."""

    code = "PROJECTIONS_BEHIND"


@dataclass(frozen=True)
class Health:
    """What readiness is decided on; the details are for operators and the log, never for anonymous callers."""

    event_store: bool
    read_store: bool
    runner_error: str | None
    """The class of the error the background runner keeps retrying, if any."""
    last_notification_id: int | None = None
    positions: dict[str, int] = field(default_factory=dict)
    parked: list[tuple[UUID, str, int, str | None]] = field(default_factory=list)
    """Per tenant and projection: events parked, and the class of the error that parked them."""
    audit_log: dict[str, object] = field(default_factory=dict)
    """Events logged, those not yet under a signed checkpoint (the unsigned tail), the checkpointer's error."""

    @property
    def ready(self) -> bool:
        """Serving: the stores answer and the runner is not failing.

        Parked events do not make a server unready: they concern one tenant, and taking every replica out of
        service for them would stop every other tenant too. They make it `degraded`, which operators watch.
        """
        return self.event_store and self.read_store and self.runner_error is None

    @property
    def degraded(self) -> bool:
        return bool(self.parked)


@dataclass
class Services:
    settings: Settings
    app: Cordee
    store: ReadStore
    runner: ProjectionRunner
    queries: ReadQueries
    sessions: SessionStore
    audit: AuditLog
    checkpointer: Checkpointer
    history: AsOfModels | None = None
    """Read models as of past moments; None where nothing reads history (a command-line tool)."""
    tenant_secrets: TenantSecrets | None = None
    """Consultancies' secrets (an OpenID provider's client secret), encrypted, outside the events."""
    auditor_reads: AuditorReads | None = None
    """The record of what auditors read; None where nobody signs in (a command-line tool)."""

    def as_of(self, tenant_id: UUID, moment: datetime) -> Services:
        """These services, their queries reading the tenant's read model as recorded at `moment`: what Cordee knew
        then. Building it may take a while the first time (see `backend.history.as_of`)."""
        if self.history is None:
            raise RuntimeError("These services read no history")
        seen_then = cast(Cordee, AsOfDay(self.app, moment.astimezone(UTC).date()))
        return replace(self, queries=self.history.queries(tenant_id, moment), app=seen_then)

    def read_store_as_of(self, tenant_id: UUID, moment: datetime) -> ReadStore:
        """The tenant's read models as recorded at `moment`, from the same cache as `as_of`."""
        if self.history is None:
            raise RuntimeError("These services read no history")
        return self.history.model(tenant_id, moment).store

    def execute(self, cmd: object) -> Saved:
        """Runs a command and waits until the read models show what it wrote (read your own writes)."""
        saved = self.app.handle(cmd)
        if saved.position and not self._caught_up(saved.position):
            raise ProjectionsBehind("Saved, but the views are still catching up. Reload in a moment.")
        if saved.position and self.runner.holds_any(saved.first_position or saved.position, saved.position):
            raise ProjectionsBehind(
                "Saved, but your consultancy's views are held back by an earlier change they could not show; "
                "our operators have been told. It will appear once they have replayed it."
            )
        return saved

    def _caught_up(self, position: int) -> bool:
        wait = self.settings.projection_wait_seconds
        if self.settings.run_projections_in_process:
            return self.runner.catch_up_to(position, wait)  # this thread projects its own events, at once
        return self.runner.wait_for(position, wait)  # another process projects them

    async def execute_async(self, cmd: object) -> Saved:
        # The event store library is synchronous: keep it off the event loop.
        return await anyio.to_thread.run_sync(self.execute, cmd)

    def health(self, request_id: str = "-") -> Health:
        """Reads the last event's position and the read store; a failure is logged with the request id."""
        last, event_store = self._event_store_health(request_id)
        positions, parked, read_store = {}, [], True
        try:
            positions, parked = self.runner.positions(), self.runner.parked_counts()
        except Exception:
            read_store = False
            log.exception("Readiness: the read store cannot be read (request %s)", request_id)
        if parked:
            log.warning("Readiness: %d events are parked (request %s)", sum(p[2] for p in parked), request_id)
        if self.runner.last_error_class:
            log.warning("Readiness: the projection runner is failing (request %s)", request_id)
        return Health(
            event_store,
            read_store,
            self.runner.last_error_class,
            last,
            positions,
            parked,
            self._audit_health(request_id),
        )

    def _audit_health(self, request_id: str) -> dict[str, object]:
        try:
            logged, unsigned, oldest = self.audit.unsigned()
        except Exception:
            log.exception("Readiness: the audit log cannot be read (request %s)", request_id)
            return {"error": "unreadable"}
        return {
            "events_logged": logged,
            "events_not_yet_signed": unsigned,
            "oldest_last_checkpoint_at": oldest,
            "checkpointer_error": self.checkpointer.last_error_class,
        }

    def _event_store_health(self, request_id: str) -> tuple[int | None, bool]:
        """The last event's position and whether the event store takes writes."""
        try:
            last = self.app.recorder.max_notification_id() or 0
            writable = self._event_store_writable()
        except Exception:
            log.exception("Readiness: the event store cannot be read (request %s)", request_id)
            return None, False
        if not writable:
            log.error("Readiness: the event store is read-only (request %s)", request_id)
        return last, writable

    def _event_store_writable(self) -> bool:
        if self.store.is_postgres:  # the events live in the read store's database
            with self.store.reading() as conn:
                return str(conn.exec_driver_sql("SHOW transaction_read_only").scalar_one()) == "off"
        path = self.settings.event_store_path
        return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)

    def start(self) -> None:
        if self.settings.run_projections_in_process:
            self.runner.start()
        self.checkpointer.start()

    def close(self) -> None:
        self.checkpointer.stop()
        self.runner.stop()
        if self.history is not None:
            self.history.close()
        self.app.close()
        self.store.engine.dispose()
        for engine in (self.store.tenant_engine, self.store.schema_engine):
            if engine is not None:
                engine.dispose()
        self.audit.engine.dispose()


def build_services(settings: Settings) -> Services:
    if settings.row_security:  # the owner creates and secures the tables; the services connect as their own role
        secured = prepare_database(settings, build_services)
        log.info("Row-level security: %d tables secured by tenant.", len(secured))
    app = Cordee(env=event_store_environment(settings))
    store = ReadStore(create_read_engine(settings.read_database_url), define_read_tables(), **secured_store(settings))
    audit = AuditLog(
        store.engine
        if settings.uses_postgres
        else create_read_engine(f"sqlite:///{settings.event_store_path.resolve()}"),
        app.recorder.events_table_name,  # type: ignore[attr-defined]
        load_signer(settings),
        settings.audit_origin,
    )
    if hashed := audit.start():
        log.info("The audit log was started with the %d events already stored.", hashed)
    if settings.uses_postgres and not settings.row_security:  # there the owner's pass fills them
        with audit.engine.begin() as conn:
            if filled := fill_event_tenants(conn, audit.events_table):
                log.info("The event store's tenant column was filled for %d events stored before it.", filled)
    checkpointer = Checkpointer(
        audit,
        settings.audit_checkpoint_every_events,
        timedelta(minutes=settings.audit_checkpoint_every_minutes),
    )
    store.create_tables()
    missing = store.missing_columns() + store.added_tables + store.deduplicated
    if missing:
        log.warning("Read models older than this version (no %s): rebuilding them from the events.", ", ".join(missing))
        rebuild(app, store)
    if not settings.uses_postgres and not store.schema_current:  # PostgreSQL's tables are checked at each start
        store.remember_schema()
    sessions = SessionStore(
        store.engine,
        timedelta(hours=settings.session_hours),
        idle=timedelta(minutes=settings.session_idle_minutes),
        pending_lifetime=timedelta(minutes=settings.second_factor_pending_minutes),
    )
    sessions.create_table()
    if not settings.row_security:  # there the owner's pass creates them
        with store.engine.begin() as conn:  # before the projections write: DDL waits for no lock of theirs
            for table in OWNER_CREATED_TABLES:
                table.create(conn, checkfirst=True)
    auditor_reads = AuditorReads(store.engine)
    auditor_reads.create_table()
    runner = ProjectionRunner(
        app,
        store,
        build_projections(store.tables),
        batch_size=settings.projection_batch_size,
    )
    queries = ReadQueries(store)
    app.blob_store = DirectoryBlobStore(settings.data_dir / "blobs")
    app.admin_roster = lambda tenant_id: queries.tenancy.active_admins(Scope(tenant_id))
    app.subject_links = queries.tenancy.account_linked_to
    app.coach_roster = lambda tenant_id, organisation_id: queries.audits.coaches(Scope(tenant_id), organisation_id)
    app.review_input_reader = lambda tenant_id, organisation_id, review_id: review_inputs(
        queries, tenant_id, organisation_id, review_id, stated_today() or app.today()
    )
    history = AsOfModels(
        app,
        IndexedTenantHistory(audit),
        entries=settings.as_of_cache_entries,
        max_age_seconds=settings.as_of_cache_seconds,
    )
    tenant_secrets = build_tenant_secrets(store.engine, settings)
    return Services(
        settings, app, store, runner, queries, sessions, audit, checkpointer, history, tenant_secrets, auditor_reads
    )
