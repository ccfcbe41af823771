"""Benchmark: what PostgreSQL row-level security costs a read and a command.

Run with `.venv/bin/python -m tests.perf.bench_row_security`. It prints figures; it asserts nothing.
One throwaway PostgreSQL server, two databases with the demo seeded in each: one as before (one role, no policies),
one secured (`backend/row_security.py`: the services' role, the tenant role, forced policies). Measured on each, in
alternating blocks so that the machine's mood falls on both alike:
- a read: three of Alpine's read models through the query layer in one transaction, as a GraphQL document reads
  them (secured: through the tenant role, with the tenant set for the transaction);
- a GraphQL document over HTTP (the organisations list), as the coach of Alpine;
- a command with the wait for its read models (a coaching half-day);
- downloads over HTTP, as the coach of Alpine: a cluster's calendar feed (iCalendar), Muller's change log (CSV) and
  the cluster's effort report (XLSX) (secured: the principal's and the download's reads through the tenant role).
Medians and the ratio secured / plain. `--commands 0` leaves the commands out.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

from starlette.testclient import TestClient

from backend.app import create_app
from backend.demo import seed_demo
from backend.services import Services, build_services
from domain.application import Cordee
from domain.tenancy.consultancy import consultancy_id
from projections.core.scope import Scope
from tests.conftest import DEMO_DAY, postgres_settings, secured_postgres_settings
from tests.perf.bench_read_your_writes import PER_CLUSTER, START, running_clusters
from tests.support.graphql_client import GraphQLClient
from tests.support.pgserver import PostgresServer

ALPINE = consultancy_id("alpine")
BLOCKS = 5
FIGURES = (
    ("read", "read: 3 read models, one transaction"),
    ("document", "GraphQL document over HTTP"),
    ("command", "command + wait for the read models"),
    ("calendar", "download: a cluster's calendar (ICS)"),
    ("csv", "download: Muller's change log (CSV)"),
    ("xlsx", "download: the effort report (XLSX)"),
)


def timed(action: Callable[[], object], count: int) -> list[float]:
    latencies = []
    for _ in range(count):
        start = time.perf_counter()
        action()
        latencies.append(time.perf_counter() - start)
    return latencies


class Subject:
    def __init__(self, services: Services, commands: int) -> None:
        self.services = services
        services.app.today = lambda: START  # type: ignore[method-assign]  # the clusters' plans start that day
        clusters = running_clusters(services, 1 + commands // PER_CLUSTER)
        services.app.today = lambda: START + timedelta(days=60)  # type: ignore[method-assign]  # half-days are past
        self.commands: Iterator[object] = itertools.chain.from_iterable(c.commands(PER_CLUSTER) for c in clusters)
        self.client = GraphQLClient(TestClient(create_app(services.settings, services))).sign_in("coach@alpine.example")
        self.figures: dict[str, list[float]] = {key: [] for key, _ in FIGURES}
        alpine = Scope(ALPINE)
        cluster = services.queries.clusters.clusters(alpine, 1, None)[0].cluster_id
        muller = next(o for o in services.queries.organisations.organisations(alpine) if o.name == "Boulangerie Muller")
        self.downloads = {
            "calendar": f"/clusters/{cluster}/calendar.ics",
            "csv": f"/organisations/{muller.organisation_id}/changes.csv",
            "xlsx": f"/clusters/{cluster}/effort.xlsx",
        }

    def read(self) -> None:
        queries, scope = self.services.queries, Scope(ALPINE)
        with queries.one_transaction(ALPINE):
            for table in ("organisations", "accounts", "risks"):
                queries.rows_in_view(scope, table)

    def document(self) -> None:
        self.client.data("{ organisations { name } }")

    def command(self) -> None:
        self.services.execute(next(self.commands))

    def download(self, key: str) -> Callable[[], object]:
        def get() -> None:
            answer = self.client.http.get(self.downloads[key])
            assert answer.status_code == 200, answer.status_code

        return get

    def measure(self, reads: int, commands: int) -> None:
        self.figures["read"] += timed(self.read, reads)
        self.figures["document"] += timed(self.document, reads)
        self.figures["command"] += timed(self.command, commands)
        for key in self.downloads:
            self.figures[key] += timed(self.download(key), reads)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reads", type=int, default=300)
    parser.add_argument("--commands", type=int, default=150)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, PostgresServer() as server:
        subjects = {}
        for name, settings in (("plain", postgres_settings), ("secured", secured_postgres_settings)):
            server.create_database(name)
            Cordee.today = staticmethod(lambda: DEMO_DAY)  # type: ignore[method-assign]  # the demo's day
            services = build_services(settings(Path(folder) / name, server.url(name)))
            services.start()
            seed_demo(services, DEMO_DAY)
            services.runner.catch_up()
            subjects[name] = Subject(services, args.commands)
            subjects[name].measure(10, min(5, args.commands))  # warm up: pools, prepared statements, caches
            subjects[name].figures = {key: [] for key in subjects[name].figures}
        try:
            for _ in range(BLOCKS):
                for subject in subjects.values():
                    subject.measure(args.reads // BLOCKS, args.commands // BLOCKS)
        finally:
            for subject in subjects.values():
                subject.services.close()
    print("PostgreSQL row-level security: medians, plain (one role, no policies) and secured")
    for key, label in FIGURES:
        if not subjects["plain"].figures[key]:
            continue
        plain = statistics.median(subjects["plain"].figures[key]) * 1000
        secured = statistics.median(subjects["secured"].figures[key]) * 1000
        count = len(subjects["plain"].figures[key])
        print(f"{label:<40} n={count:>4}  plain {plain:7.2f} ms  secured {secured:7.2f} ms  x{secured / plain:.2f}")


if __name__ == "__main__":
    main()
