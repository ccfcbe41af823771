"""Benchmark: read your own writes. A real command, then the wait until every read model shows it.

Run with `make bench` (SQLite) or `make bench ARGS=--postgres`. It prints figures; it asserts nothing.
Each figure is a latency per command, p50 and p95, for one client and for 10 clients in threads, beside
baselines measured in the same run on the same kind of store:
- the bare `eventsourcing` library saving one event (no command, no read models);
- the same command without waiting for the read models.
The projection runner follows in a background thread, as in the server.
"""

from __future__ import annotations

import argparse
import functools
import itertools
import math
import statistics
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
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
from domain.tenancy.account import Role
from domain.tenancy.commands import CreateConsultancy, OpenAccount
from tests.perf.bench_events import throwaway_database

MEMBERS = 5
CLIENTS = 10
EVIDENCE = AdmissionCriteria("Under 50 staff", "Signed commitment letter", "Budget approved")
START = date(2026, 1, 5)
PER_CLUSTER = MEMBERS * DEFAULT_TEMPLATE.coaching_ceiling_half_days


class Counter(Aggregate):
    @event("Counted")
    def count(self, organisation_id: UUID, held_on: str, topic: str) -> None:
        pass


@dataclass
class Cluster:
    tenant: UUID
    coach: UUID
    cluster: UUID
    members: list[UUID]

    def commands(self, count: int) -> Iterator[LogCoachingHalfDay]:
        """Coaching half-days for the members in turn, at most the ceiling of each (28 x 5 per cluster)."""
        made = 0
        for half_day in range(DEFAULT_TEMPLATE.coaching_ceiling_half_days):
            for member in self.members:
                if made == count:
                    return
                held_on = START + timedelta(days=half_day)
                yield LogCoachingHalfDay(
                    self.tenant, self.coach, self.cluster, member, held_on, self.coach, "Risk treatment"
                )
                made += 1


def running_clusters(services: Services, count: int) -> list[Cluster]:
    app, actor = services.app, SYSTEM_ACTOR
    tenant = app.handle(CreateConsultancy(actor, "Bench Consultancy", "bench")).aggregate_id
    coach = app.handle(
        OpenAccount(tenant, actor, "coach@bench.example", "Coach", "$argon2id$x", (Role.COACH,))
    ).aggregate_id
    clusters = []
    for number in range(count):
        cluster = app.handle(FormCluster(tenant, actor, f"Cluster {number}", coach)).aggregate_id
        members = []
        for n in range(MEMBERS):
            register = RegisterOrganisation(tenant, actor, f"Org {number}-{n}", "Retail", 20)
            members.append(app.handle(register).aggregate_id)
            app.handle(AdmitOrganisation(tenant, actor, cluster, members[-1], EVIDENCE))
        app.handle(AcceptPlan(tenant, actor, cluster, START))
        app.handle(StartCluster(tenant, actor, cluster, START))
        clusters.append(Cluster(tenant, coach, cluster, members))
    return clusters


def in_threads(work: Sequence[Callable[[], list[float]]]) -> list[float]:
    """Runs each client's work in a thread of its own, all starting together; answers every latency."""
    results: list[list[float]] = [[] for _ in work]
    barrier = threading.Barrier(len(work))

    def client(n: int) -> None:
        barrier.wait()
        results[n] = work[n]()

    threads = [threading.Thread(target=client, args=(n,)) for n in range(len(work))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [latency for latencies in results for latency in latencies]


def timed_each(actions: Iterator[Callable[[], object]]) -> list[float]:
    latencies = []
    for action in actions:
        start = time.perf_counter()
        action()
        latencies.append(time.perf_counter() - start)
    return latencies


def commands(services: Services, clusters: list[Cluster], count: int, wait: bool) -> list[float]:
    """`count` commands on the clusters in turn, each cluster up to its coaching ceilings."""
    queue = itertools.chain.from_iterable(cluster.commands(PER_CLUSTER) for cluster in clusters)
    run = services.execute if wait else services.app.handle
    return timed_each(functools.partial(run, cmd) for cmd in itertools.islice(queue, count))


def bare_saves(app: Application[UUID], count: int) -> list[float]:
    counter = Counter()
    app.save(counter)

    def save() -> None:
        counter.count(uuid4(), "2026-01-05", "Risk")
        app.save(counter)

    return timed_each(save for _ in range(count))


def report(label: str, latencies: list[float]) -> tuple[float, float]:
    p50 = statistics.median(latencies) * 1000
    p95 = statistics.quantiles(latencies, n=20)[-1] * 1000
    print(f"{label:<58} n={len(latencies):>4}  p50 {p50:7.1f} ms  p95 {p95:7.1f} ms")
    return p50, p95


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--commands", type=int, default=300, help="per scenario")
    parser.add_argument("--postgres", action="store_true", help="use a throwaway PostgreSQL server")
    args = parser.parse_args()
    per_client = max(1, args.commands // CLIENTS)
    clusters_per_run = math.ceil(args.commands / PER_CLUSTER)
    with tempfile.TemporaryDirectory() as folder, throwaway_database(args.postgres) as database_url:
        root = Path(folder)
        print(
            f"Read your own writes, store: {'PostgreSQL' if database_url else 'SQLite (WAL; events synchronous=FULL)'}"
        )
        bare: Application[UUID] = Application(
            env=event_store_environment(Settings(env="test", data_dir=root / "bare", database_url=database_url))
        )
        services = build_services(Settings(env="test", data_dir=root / "app", database_url=database_url))
        services.start()
        try:
            clusters = running_clusters(services, 1 + 2 * clusters_per_run + CLIENTS * math.ceil(per_client / 140))
            services.execute(next(clusters.pop().commands(1)))  # warm up
            no_wait, wait = clusters[:clusters_per_run], clusters[clusters_per_run : 2 * clusters_per_run]
            clients = [clusters[2 * clusters_per_run + n :: CLIENTS] for n in range(CLIENTS)]
            figures = {
                "bare": report("baseline: bare eventsourcing save, 1 client", bare_saves(bare, args.commands)),
                "command": report(
                    "baseline: command, no wait, 1 client", commands(services, no_wait, args.commands, wait=False)
                ),
                "wait": report(
                    "command + wait for the read models, 1 client", commands(services, wait, args.commands, wait=True)
                ),
            }
            work_bare = [functools.partial(bare_saves, bare, per_client) for _ in range(CLIENTS)]
            figures["bare10"] = report(f"baseline: bare eventsourcing save, {CLIENTS} clients", in_threads(work_bare))
            work = [functools.partial(commands, services, mine, per_client, True) for mine in clients]
            figures["wait10"] = report(f"command + wait for the read models, {CLIENTS} clients", in_threads(work))
        finally:
            services.close()
            bare.close()
        print(
            f"p95 of command + wait: {figures['wait'][1] / figures['bare'][1]:.1f}x the bare save's (1 client), "
            f"{figures['wait10'][1] / figures['bare10'][1]:.1f}x ({CLIENTS} clients)"
        )


if __name__ == "__main__":
    main()
