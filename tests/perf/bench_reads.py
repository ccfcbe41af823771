"""Benchmark: the cluster dashboard read, in-process, through the ASGI app, and under load on a real server.

Run with `make bench-reads` (SQLite, the demo data). It prints figures; it asserts nothing.
1. The dashboard's GraphQL document (`frontend/clusters/dashboard.graphql`) run by `schema.execute` as the demo coach:
   CPU time per call (`time.process_time`) and wall p50/p95. Baseline: raw SQL (sqlite3) reading the same rows.
2. The dashboard page through the ASGI app (in-process HTTP). Baseline: `/health/live` the same way.
3. Load: `cordee serve` in a subprocess on a free loopback port; simulated users each load the page every
   `--interval` seconds (with jitter) for `--duration` seconds, with a hard stop. Baseline: the same users on
   `/health/live` for a shorter time, so the load generator's own cost on this machine is visible.
Each in-process measure is repeated `--repeats` times; the medians of the rounds' figures are printed.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from uuid import UUID

import httpx2

from backend.app import create_app
from backend.auth.principal import Principal
from backend.demo import DEMO_PASSWORD, seed_demo
from backend.graphql.core.context import Context
from backend.graphql.schema import build_schema
from backend.services import Services, build_services
from backend.settings import Settings
from domain.tenancy.account import Role
from frontend.clusters.overview import DASHBOARD
from projections.queries import Scope

COACH = "coach@alpine.example"
CLUSTER_NAME = "Luxembourg SMEs 2026"


@dataclass(frozen=True)
class Figures:
    cpu_ms: float
    p50_ms: float
    p95_ms: float

    def line(self, label: str) -> str:
        return f"{label:<46} cpu {self.cpu_ms:7.2f} ms/call   p50 {self.p50_ms:7.2f} ms   p95 {self.p95_ms:7.2f} ms"


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


async def measure(call: Callable[[], Awaitable[Any]], runs: int) -> Figures:
    for _ in range(5):
        await call()
    walls = []
    cpu_start = time.process_time()
    for _ in range(runs):
        start = time.perf_counter()
        await call()
        walls.append((time.perf_counter() - start) * 1000)
    cpu = (time.process_time() - cpu_start) * 1000 / runs
    return Figures(cpu, percentile(walls, 0.5), percentile(walls, 0.95))


def median_figures(rounds: list[Figures]) -> Figures:
    return Figures(
        statistics.median(r.cpu_ms for r in rounds),
        statistics.median(r.p50_ms for r in rounds),
        statistics.median(r.p95_ms for r in rounds),
    )


async def repeated(call: Callable[[], Awaitable[Any]], runs: int, repeats: int) -> Figures:
    return median_figures([await measure(call, runs) for _ in range(repeats)])


# 1. In-process: the document, and raw SQL reading the same rows


def coach_principal(services: Services) -> Principal:
    found = services.queries.tenancy.sign_in(COACH)
    assert found is not None
    account = found.account
    return Principal(
        account.account_id, account.tenant_id, account.display_name, account.email, frozenset({Role.COACH}), "bench"
    )


def dashboard_cluster_id(services: Services, principal: Principal) -> UUID:
    scope = Scope(principal.tenant_id, coach_id=principal.account_id)
    [cluster] = [c for c in services.queries.clusters.clusters(scope, 50, None) if c.name == CLUSTER_NAME]
    return cluster.cluster_id


def document_call(services: Services, principal: Principal, cluster_id: UUID) -> Callable[[], Awaitable[Any]]:
    schema = build_schema()

    async def call() -> None:
        context = Context(services, principal, "bench")
        result = await schema.execute(DASHBOARD, variable_values={"id": str(cluster_id)}, context_value=context)
        assert not result.errors, result.errors
        assert result.data is not None and result.data["cluster"]["__typename"] == "Cluster"

    return call


RAW_QUERIES = (
    "SELECT c.*, a.display_name FROM clusters c JOIN accounts a ON a.tenant_id = c.tenant_id"
    " AND a.account_id = c.coach_id WHERE c.tenant_id = :t AND c.cluster_id = :c AND c.coach_id = :coach",
    "SELECT m.*, o.name, o.sector, o.employee_count, (SELECT count(*) FROM coaching_half_days h"
    " WHERE h.tenant_id = m.tenant_id AND h.cluster_id = m.cluster_id AND h.organisation_id = m.organisation_id)"
    " FROM cluster_members m JOIN organisations o ON o.tenant_id = m.tenant_id"
    " AND o.organisation_id = m.organisation_id WHERE m.tenant_id = :t AND m.cluster_id = :c ORDER BY o.name",
    "SELECT h.*, a.display_name FROM coaching_half_days h JOIN accounts a ON a.tenant_id = h.tenant_id"
    " AND a.account_id = h.coach_id WHERE h.tenant_id = :t AND h.cluster_id = :c"
    " ORDER BY h.organisation_id, h.entry_number",
    "SELECT * FROM gap_assessments WHERE tenant_id = :t AND cluster_id = :c"
    " ORDER BY organisation_id, assessment_number",
    "SELECT o.organisation_id, o.name FROM organisations o WHERE o.tenant_id = :t AND EXISTS (SELECT 1 FROM"
    " cluster_members m JOIN clusters c ON c.tenant_id = m.tenant_id AND c.cluster_id = m.cluster_id"
    " WHERE m.tenant_id = :t AND m.organisation_id = o.organisation_id AND c.coach_id = :coach) ORDER BY o.name",
    "SELECT account_id, display_name, roles FROM accounts WHERE tenant_id = :t ORDER BY display_name",
)


def raw_sql_call(read_models: Path, principal: Principal, cluster_id: UUID) -> Callable[[], Awaitable[Any]]:
    """The same rows as the dashboard, read with sqlite3 and no mapping: the floor under any query layer."""
    connection = sqlite3.connect(read_models, check_same_thread=False)
    ids = {"t": principal.tenant_id.hex, "c": cluster_id.hex, "coach": principal.account_id.hex}

    async def call() -> None:
        rows = [connection.execute(query, ids).fetchall() for query in RAW_QUERIES]
        assert rows[0] and rows[1]

    return call


# 2. Through the ASGI app


async def signed_in_cookies(client: httpx2.AsyncClient, email: str) -> dict[str, str]:
    page = await client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token is not None, page.text
    response = await client.post(
        "/login", data={"email": email, "password": DEMO_PASSWORD, "csrf_token": token.group(1)}
    )
    assert response.status_code == 303, response.text
    return dict(client.cookies)


def page_call(client: httpx2.AsyncClient, path: str) -> Callable[[], Awaitable[Any]]:
    async def call() -> None:
        response = await client.get(path)
        assert response.status_code == 200, (response.status_code, response.text[:300])

    return call


async def in_process(services: Services, runs: int, repeats: int) -> dict[str, Figures]:
    principal = coach_principal(services)
    cluster_id = dashboard_cluster_id(services, principal)
    figures = {
        "dashboard document, schema.execute": await repeated(
            document_call(services, principal, cluster_id), runs, repeats
        ),
        "baseline: raw SQL, the same rows": await repeated(
            raw_sql_call(services.settings.data_dir / "read-models.sqlite3", principal, cluster_id), runs, repeats
        ),
    }
    app = create_app(services.settings, services)
    transport = httpx2.ASGITransport(app=app)
    async with httpx2.AsyncClient(transport=transport, base_url="http://testserver") as client:
        await signed_in_cookies(client, COACH)
        figures["dashboard page, ASGI in-process"] = await repeated(
            page_call(client, f"/clusters/{cluster_id}"), runs, repeats
        )
        figures["baseline: /health/live, ASGI in-process"] = await repeated(
            page_call(client, "/health/live"), runs, repeats
        )
    return figures


# 3. Load on a real server


@dataclass(frozen=True)
class LoadFigures:
    requests: int
    errors: int
    seconds: float
    p50_ms: float
    p95_ms: float
    max_ms: float

    def line(self, label: str) -> str:
        return (
            f"{label:<46} {self.requests:>6} requests  {self.requests / self.seconds:6.1f}/s  errors {self.errors:>4}"
            f"  p50 {self.p50_ms:8.1f} ms  p95 {self.p95_ms:8.1f} ms  max {self.max_ms:8.1f} ms"
        )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def served(data_dir: Path, workers: int) -> Iterator[str]:
    """`cordee serve` in a subprocess on a free loopback port; stopped (then killed) on the way out."""
    port = free_port()
    env = {
        **os.environ,
        "CORDEE_ENV": "test",
        "CORDEE_DATA_DIR": str(data_dir),
        "CORDEE_HOST": "127.0.0.1",
        "CORDEE_PORT": str(port),
        "CORDEE_WORKERS": str(workers),
    }
    command = [sys.executable, "-c", "from backend.cli import main; main()", "serve"]
    log = (data_dir / "serve.log").open("w")
    process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_live(base, process)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)
        log.close()


def wait_until_live(base: str, process: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped with code {process.returncode}")
        try:
            if httpx2.get(f"{base}/health/live", timeout=1).status_code == 200:
                return
        except httpx2.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError("the server did not answer in time")


async def load(base: str, path: str, users: int, interval: float, duration: float) -> LoadFigures:
    """Each user waits a random part of an interval, then requests `path` every `interval` s (+-20% jitter)."""
    limits = httpx2.Limits(max_connections=users, max_keepalive_connections=users)
    async with httpx2.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
        cookies = await signed_in_cookies(client, COACH)
        latencies: list[float] = []
        errors = 0
        started = time.monotonic()
        stop_at = started + duration

        async def user(rng: random.Random) -> None:
            nonlocal errors
            await asyncio.sleep(rng.uniform(0, interval))
            while time.monotonic() < stop_at:
                start = time.perf_counter()
                try:
                    response = await client.get(path, cookies=cookies)
                    if response.status_code != 200:
                        errors += 1
                except httpx2.HTTPError:
                    errors += 1
                elapsed = time.perf_counter() - start
                latencies.append(elapsed * 1000)
                await asyncio.sleep(max(0.0, interval * rng.uniform(0.8, 1.2) - elapsed))

        tasks = [asyncio.create_task(user(random.Random(n))) for n in range(users)]
        # A hard stop: whatever is still waiting on the server when time is up is cancelled and counted.
        _done, pending = await asyncio.wait(tasks, timeout=duration + 30)
        for task in pending:
            task.cancel()
        errors += len(pending)
        seconds = time.monotonic() - started
    if not latencies:
        return LoadFigures(0, errors, seconds, 0, 0, 0)
    return LoadFigures(
        len(latencies),
        errors,
        seconds,
        percentile(latencies, 0.5),
        percentile(latencies, 0.95),
        max(latencies),
    )


async def under_load(data_dir: Path, cluster_id: UUID, args: argparse.Namespace) -> dict[str, LoadFigures]:
    with served(data_dir, args.workers) as base:
        page = f"/clusters/{cluster_id}"
        return {
            f"dashboard page, {args.users} users / {args.interval:g} s": await load(
                base, page, args.users, args.interval, args.duration
            ),
            "baseline: /health/live, the same users": await load(
                base, "/health/live", args.users, args.interval, min(args.duration, 15)
            ),
        }


def seed(data_dir: Path, extra_events: int) -> Settings:
    settings = Settings(env="test", data_dir=data_dir)
    services = build_services(settings)
    try:
        seed_demo(services, date(2026, 3, 2))
        if extra_events:
            from tests.perf.bench_events import save_through_the_application

            save_through_the_application(services, extra_events)
            services.runner.catch_up()
    finally:
        services.close()
    return settings


async def run(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder)
        settings = seed(data_dir, args.extra_events)
        services = build_services(settings)
        events = services.app.recorder.max_notification_id() or 0
        print(f"Store: SQLite (WAL), {events} events; {args.runs} runs x {args.repeats} rounds, medians of rounds")
        try:
            figures = await in_process(services, args.runs, args.repeats)
            cluster_id = dashboard_cluster_id(services, coach_principal(services))
        finally:
            services.close()
        for label, figure in figures.items():
            print(figure.line(label))
        document = figures["dashboard document, schema.execute"]
        raw = figures["baseline: raw SQL, the same rows"]
        page = figures["dashboard page, ASGI in-process"]
        live = figures["baseline: /health/live, ASGI in-process"]
        print(
            f"document CPU = {document.cpu_ms / raw.cpu_ms:.1f}x raw SQL; page CPU = {page.cpu_ms / live.cpu_ms:.1f}x"
        )
        if args.users:
            print(f"Load: {args.workers} worker process(es), {args.duration:g} s, on 127.0.0.1")
            loads = await under_load(data_dir, cluster_id, args)
            for label, figure in loads.items():
                print(figure.line(label))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=200, help="calls per round of each in-process measure")
    parser.add_argument("--repeats", type=int, default=3, help="rounds of each in-process measure")
    parser.add_argument("--extra-events", type=int, default=0, help="events of another tenant saved before")
    parser.add_argument("--users", type=int, default=200, help="simulated users of the load run (0: no load run)")
    parser.add_argument("--interval", type=float, default=5.0, help="seconds between a user's page loads")
    parser.add_argument("--duration", type=float, default=40.0, help="seconds of the load run")
    parser.add_argument("--workers", type=int, default=1, help="worker processes of the served application")
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
