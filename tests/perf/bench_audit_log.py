"""Benchmark: the tamper-evident log's cost on writes, and `cordee audit verify` over a million events.

Run with `python -m tests.perf.bench_audit_log` (SQLite; `--database-url` for PostgreSQL). It prints figures
(medians of rounds, with the baseline measured in the same process, and the ratio to it); it asserts nothing.

1. Write overhead: the same commands (an organisation registered, one command each, one transaction each) through
   the application with the log's recorder, and through the library's plain recorder on a store of its own;
   commands per second, rounds alternated, the first of each a warm-up. Then (1b) the same as the product runs
   them, saved and projected before the answer (`Services.execute`), with and without the log. Goal: at most 10 %
   slower.
2. Verification: a store of `--events` events (default 1,000,000) over `--tenants` consultancies (default 1,000),
   written through the log's recorder in batches (events shaped as stored ones, about 500 bytes of state), a
   checkpoint signed per tenant, then `AuditLog.verify()` timed: every leaf recomputed from its event, every tree
   and checkpoint checked. Goal: under 60 s. Raw reading of the same rows is timed as the baseline.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from uuid import UUID, uuid4, uuid5

from eventsourcing.persistence import StoredEvent
from sqlalchemy import text

from backend import services as services_module
from backend.audit.log import AuditLog
from backend.audit.recorder import SQLITE_TABLES
from backend.audit.signing import load_signer
from backend.eventstore import event_store_environment
from backend.services import Services, build_services
from backend.settings import Settings
from domain.application import Cordee
from domain.organisations.commands import RegisterOrganisation
from domain.shared.aggregate import SYSTEM_ACTOR
from domain.tenancy.commands import CreateConsultancy
from projections.core.store import create_read_engine

ROUNDS = 3
WRITE_ROUNDS = 7
"""Alternated rounds of writes; the first of each is a warm-up, left out of the medians."""


def settings_in(folder: Path, database_url: str | None) -> Settings:
    return Settings(env="test", data_dir=folder, database_url=database_url)


def commands_per_second(app: Cordee, slug: str, count: int) -> tuple[float, float]:
    """Commands per second (wall clock) and CPU milliseconds per command."""
    tenant = app.handle(CreateConsultancy(SYSTEM_ACTOR, f"Bench {slug}", slug)).aggregate_id
    began, cpu = time.perf_counter(), time.process_time()
    for n in range(count):
        app.handle(RegisterOrganisation(tenant, SYSTEM_ACTOR, f"Organisation {slug} {n}", "Retail", 20))
    return count / (time.perf_counter() - began), (time.process_time() - cpu) * 1000 / count


def write_overhead(root: Path, database_url: str | None, count: int) -> None:
    print(f"1. Write overhead: {count} commands a round, {WRITE_ROUNDS} rounds each (the first a warm-up), alternated")
    logged_env = event_store_environment(settings_in(root / "logged", database_url))
    plain_env = {k: v for k, v in event_store_environment(settings_in(root / "plain", database_url)).items()
                 if k != "APPLICATION_RECORDER_TOPIC"}  # fmt: skip
    if database_url:  # the same database: the plain store's events in a table of their own
        plain_env["POSTGRES_SCHEMA"] = "public"
    logged, plain = Cordee(env=logged_env), Cordee(env={**plain_env, "CREATE_TABLE": "y"})
    with_log, without = [], []
    for round_number in range(WRITE_ROUNDS):
        without.append(commands_per_second(plain, f"plain-{round_number}", count))
        with_log.append(commands_per_second(logged, f"logged-{round_number}", count))
    _print_rounds(with_log, without)
    logged.close()
    plain.close()


def services_without_the_log(settings: Settings) -> Services:
    """The product's services on the library's plain recorder: no leaf is written (the log's tables exist, empty)."""
    env = {k: v for k, v in event_store_environment(settings).items() if k != "APPLICATION_RECORDER_TOPIC"}
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(settings.event_store_path) as events:
        for statement in SQLITE_TABLES:
            events.execute(statement)
    original = services_module.event_store_environment
    services_module.event_store_environment = lambda _: env  # type: ignore[assignment]
    try:
        return build_services(settings)
    finally:
        services_module.event_store_environment = original  # type: ignore[assignment]


def executed_per_second(services: Services, slug: str, count: int) -> tuple[float, float]:
    """Commands as the product runs them (`Services.execute`: saved, then projected before the answer)."""
    tenant = services.execute(CreateConsultancy(SYSTEM_ACTOR, f"Bench {slug}", slug)).aggregate_id
    began, cpu = time.perf_counter(), time.process_time()
    for n in range(count):
        services.execute(RegisterOrganisation(tenant, SYSTEM_ACTOR, f"Organisation {slug} {n}", "Retail", 20))
    return count / (time.perf_counter() - began), (time.process_time() - cpu) * 1000 / count


def product_write_overhead(root: Path, count: int) -> None:
    print(f"1b. The same, as the product runs commands (saved and projected): {count} a round, SQLite")
    logged = build_services(settings_in(root / "product-logged", None))
    plain = services_without_the_log(settings_in(root / "product-plain", None))
    with_log, without = [], []
    for round_number in range(WRITE_ROUNDS):
        without.append(executed_per_second(plain, f"p-plain-{round_number}", count))
        with_log.append(executed_per_second(logged, f"p-logged-{round_number}", count))
    _print_rounds(with_log, without)
    assert plain.audit.tenants() == [] and len(logged.audit.tenants()) == WRITE_ROUNDS
    logged.close()
    plain.close()


def _print_rounds(with_log: list[tuple[float, float]], without: list[tuple[float, float]]) -> None:
    for label, rounds in (("with the log", with_log), ("without the log", without)):
        rates = [rate for rate, _ in rounds[1:]]
        cpu = statistics.median(c for _, c in rounds[1:])
        print(f"   {label:<16} {statistics.median(rates):8.1f} commands/s  cpu {cpu:5.2f} ms/command  "
              f"(rounds: {', '.join(f'{x:.0f}' for x in rates)})")  # fmt: skip
    a = statistics.median(rate for rate, _ in with_log[1:])
    b = statistics.median(rate for rate, _ in without[1:])
    print(f"   ratio: {a / b:.3f} ({(1 - a / b) * 100:+.1f} % slower with the log; goal at most 10 %)")


def synthetic_state(tenant: UUID, originator: UUID, n: int) -> bytes:
    """An event's state as the library stores it: ids, a timestamp, the acting account, a few texts."""
    state = {
        "actor_id": {"_type_": "uuid_hex", "_data_": SYSTEM_ACTOR.hex},
        "name": f"Organisation {n}",
        "notes": "Shares a server room with the bakery next door; backups weekly to an external disk." * 2,
        "organisation_id": {"_type_": "uuid_hex", "_data_": originator.hex},
        "originator_id": {"_type_": "uuid_hex", "_data_": originator.hex},
        "originator_version": 1,
        "sector": "Food retail",
        "staff": 18,
        "tenant_id": {"_type_": "uuid_hex", "_data_": tenant.hex},
        "timestamp": {"_type_": "datetime_iso", "_data_": datetime.now(UTC).isoformat()},
    }
    return json.dumps(state, separators=(",", ":")).encode()


def verification(root: Path, database_url: str | None, events: int, tenants: int) -> None:
    print(f"2. Verification: {events:,} events over {tenants:,} consultancies")
    settings = settings_in(root / "large", database_url)
    app = Cordee(env=event_store_environment(settings))
    url = database_url or f"sqlite:///{settings.event_store_path.resolve()}"
    audit = AuditLog(create_read_engine(url), app.recorder.events_table_name, load_signer(settings), "bench.local")  # type: ignore[attr-defined]
    audit.start()
    tenant_ids = [uuid5(UUID(int=1), str(n)) for n in range(tenants)]
    began, batch, written = time.perf_counter(), [], 0
    for n in range(events):
        tenant, originator = tenant_ids[n % tenants], uuid4()
        state = synthetic_state(tenant, originator, n)
        batch.append(StoredEvent(originator, 1, "domain.organisations.organisation:Organisation.Registered", state))
        if len(batch) == 1000:
            app.recorder.insert_events(batch)
            written += len(batch)
            batch = []
    if batch:
        app.recorder.insert_events(batch)
        written += len(batch)
    size = len(synthetic_state(tenant_ids[0], uuid4(), 0))
    print(f"   written in {time.perf_counter() - began:.1f} s ({written:,} events of {size} bytes of state)")
    began = time.perf_counter()
    for tenant in tenant_ids:
        audit.checkpoint(tenant)
    print(f"   {tenants:,} checkpoints signed in {time.perf_counter() - began:.1f} s")
    began = time.perf_counter()
    with audit.engine.connect() as conn:
        rows = conn.execute(text(f"SELECT originator_id, state FROM {audit.events_table}"))
        read = sum(1 for _ in rows)
    baseline = time.perf_counter() - began
    print(f"   baseline: reading the {read:,} stored events: {baseline:.1f} s")
    timings = []
    for _ in range(ROUNDS if events <= 100_000 else 1):
        began = time.perf_counter()
        reports = audit.verify()
        timings.append(time.perf_counter() - began)
    problems = sum(len(r.problems) for r in reports)
    took = statistics.median(timings)
    print(f"   verify: {took:.1f} s ({events / took:,.0f} events/s; {took / baseline:.1f}x the raw read); "
          f"{len(reports):,} trees, {sum(r.checkpoints for r in reports):,} checkpoints, {problems} problems; "
          "goal under 60 s")  # fmt: skip
    app.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--commands", type=int, default=500)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--tenants", type=int, default=1_000)
    parser.add_argument("--skip-writes", action="store_true")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        if not arguments.skip_writes:
            write_overhead(Path(folder), arguments.database_url, arguments.commands)
            if not arguments.database_url:
                product_write_overhead(Path(folder), arguments.commands // 3)
        verification(Path(folder), arguments.database_url, arguments.events, arguments.tenants)


if __name__ == "__main__":
    main()
