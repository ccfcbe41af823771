"""Benchmark: save 10,000 events through the application, rebuild the read models; with baselines.

Run with `make bench` (SQLite) or `make bench ARGS=--postgres`. It prints figures; it asserts nothing.
Baselines, measured in the same process on the same kind of store:
- the bare `eventsourcing` library saving the same number of plain events, one save per event;
- raw SQL inserts of rows of the same size, one transaction per row (as each command is one transaction).
"""

from __future__ import annotations

import argparse
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from uuid import UUID, uuid4

from eventsourcing.application import Application
from eventsourcing.domain import Aggregate, event

from backend.eventstore import event_store_environment
from backend.services import Services, build_services
from backend.settings import Settings
from domain.clusters.admission import AdmissionCriteria
from domain.clusters.commands import AcceptPlan, AdmitOrganisation, FormCluster, StartCluster
from domain.engagement.commands import LogCoachingHalfDay
from domain.organisations.commands import RegisterOrganisation
from domain.programme_template.template import DEFAULT_TEMPLATE
from domain.shared.aggregate import SYSTEM_ACTOR
from domain.shared.calendar import business_day
from domain.tenancy.account import Role
from domain.tenancy.commands import CreateConsultancy, OpenAccount
from projections.rebuild import rebuild

MEMBERS = 5
EVIDENCE = AdmissionCriteria("Under 50 staff", "Signed commitment letter", "Budget approved")


class Counter(Aggregate):
    @event("Counted")
    def count(self, organisation_id: UUID, held_on: str, topic: str) -> None:
        pass


def save_through_the_application(services: Services, target: int) -> int:
    app, actor = services.app, SYSTEM_ACTOR
    tenant = app.handle(CreateConsultancy(actor, "Bench Consultancy", "bench")).aggregate_id
    coach = app.handle(OpenAccount(tenant, actor, "coach@bench.example", "Coach", "$argon2id$x", (Role.COACH,)))
    saved, cluster_number = 2, 0
    while saved < target:
        cluster_number += 1
        cluster = app.handle(FormCluster(tenant, actor, f"Cluster {cluster_number}", coach.aggregate_id))
        members = []
        for n in range(MEMBERS):
            register = RegisterOrganisation(tenant, actor, f"Org {cluster_number}-{n}", "Retail", 20)
            members.append(app.handle(register).aggregate_id)
            app.handle(AdmitOrganisation(tenant, actor, cluster.aggregate_id, members[-1], EVIDENCE))
        start = date(2026, 1, 5)
        with business_day(start):  # the plan accepted on the day it starts; the coaching logged months later
            app.handle(AcceptPlan(tenant, actor, cluster.aggregate_id, start))
            app.handle(StartCluster(tenant, actor, cluster.aggregate_id, start))
        saved += 3 + 2 * MEMBERS
        for half_day in range(DEFAULT_TEMPLATE.coaching_ceiling_half_days):
            for member in members:
                if saved >= target:
                    return saved
                held_on = start + timedelta(days=half_day)
                with business_day(start + timedelta(days=90)):
                    app.handle(
                        LogCoachingHalfDay(
                            tenant, actor, cluster.aggregate_id, member, held_on, coach.aggregate_id, "Risk treatment"
                        )
                    )
                saved += 1
    return saved


def save_with_the_bare_library(settings: Settings, target: int) -> int:
    app: Application[UUID] = Application(env={**event_store_environment(settings)})
    counters = [Counter() for _ in range(100)]
    app.save(*counters)
    for n in range(target - len(counters)):
        counter = counters[n % len(counters)]
        counter.count(uuid4(), "2026-01-05", "Risk")
        app.save(counter)
    app.close()
    return target


def insert_raw_rows(path: Path, target: int) -> int:
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    connection.execute(
        "CREATE TABLE events (id INTEGER PRIMARY KEY AUTOINCREMENT, originator_id BLOB, version INTEGER,"
        " topic TEXT, state BLOB, UNIQUE (originator_id, version))"
    )
    state = b'{"tenant_id":"' + b"0" * 32 + b'","actor_id":"' + b"0" * 32 + b'","held_on":"2026-01-05"}'
    originator = uuid4().bytes
    for version in range(target):
        connection.execute("BEGIN")
        connection.execute(
            "INSERT INTO events (originator_id, version, topic, state) VALUES (?, ?, ?, ?)",
            (originator, version, "domain.clusters.cluster:Cluster.CoachingHalfDayLogged", state),
        )
        connection.execute("COMMIT")
    connection.close()
    return target


@contextmanager
def timed(label: str, results: dict[str, float]) -> Iterator[Callable[[int], None]]:
    start = time.perf_counter()
    count = 0

    def record(n: int) -> None:
        nonlocal count
        count = n

    yield record
    elapsed = time.perf_counter() - start
    results[label] = count / elapsed
    print(f"{label:<52} {count:>7} events in {elapsed:7.2f} s = {count / elapsed:>9,.0f} events/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--postgres", action="store_true", help="use a throwaway PostgreSQL server")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, throwaway_database(args.postgres) as database_url:
        root = Path(folder)
        settings = Settings(env="test", data_dir=root / "app", database_url=database_url)
        results: dict[str, float] = {}
        print(f"Store: {'PostgreSQL' if database_url else 'SQLite (WAL, synchronous=FULL)'}")
        services = build_services(settings)
        with timed("save through the application (commands)", results) as record:
            record(save_through_the_application(services, args.events))
        total = services.app.recorder.max_notification_id() or 0
        with timed("rebuild the read models (all projections)", results) as record:
            rebuild(services.app, services.store)
            record(total)
        services.close()
        baseline = Settings(env="test", data_dir=root / "bare", database_url=database_url)
        with timed("baseline: bare eventsourcing, one save per event", results) as record:
            record(save_with_the_bare_library(baseline, args.events))
        if not database_url:
            with timed("baseline: raw SQL insert, one transaction per row", results) as record:
                record(insert_raw_rows(root / "raw.sqlite3", args.events))
        application = results["save through the application (commands)"]
        bare = results["baseline: bare eventsourcing, one save per event"]
        print(f"application saves at {application / bare:.2f}x the bare library's rate", end="")
        if "baseline: raw SQL insert, one transaction per row" in results:
            raw = results["baseline: raw SQL insert, one transaction per row"]
            print(f" and {application / raw:.2f}x raw inserts'", end="")
        print()


@contextmanager
def throwaway_database(postgres: bool) -> Iterator[str | None]:
    """No URL for SQLite; for PostgreSQL, a database on a throwaway server, gone when the block ends."""
    if not postgres:
        yield None
        return
    from tests.support.pgserver import PostgresServer

    with PostgresServer() as server:
        server.create_database("bench")
        yield server.url("bench")


if __name__ == "__main__":
    main()
