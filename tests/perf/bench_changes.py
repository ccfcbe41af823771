"""Benchmark: one organisation with 10,000 changes and 10,000 incidents, and the first screen of each register.

Run with `python -m tests.perf.bench_changes` (SQLite, the demo data; `--database-url` for PostgreSQL). It prints
figures (medians of rounds, with baselines measured in the same process, and the ratios to them); it asserts
nothing.
1. Set-up: Boulangerie Muller's change log grows by 10,000 changes (every number taken from its log book, as filing
   does; one in two approved by a second person, one in three scheduled, the categories and risks in turn) and its
   incident register by 10,000 incidents (as in `bench_incidents`), saved in batches of 1,000 through the
   application, then the read models caught up. Timed, for information.
2. The list queries, as the member: the read query alone and the `changes(first: 25)` document (newest first, oldest
   first, approved only), the `incidents(first: 25)` document (latest first, most severe first).
3. The register pages' first screen, through the ASGI app in process, as the member: `/organisations/{org}/changes`
   and `/organisations/{org}/incidents`. Goal: under 100 ms server time.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx2

from backend.app import create_app
from backend.auth.principal import Principal
from backend.demo import seed_demo
from backend.services import Services, build_services
from backend.settings import Settings
from domain.changes.change import Change, Filing
from domain.changes.handlers import log_book
from domain.changes.rules import RISKS
from domain.shared.aggregate import TenantAggregate
from domain.shared.calendar import stated_today
from projections.changes.queries import NEWEST, ChangeFilter
from projections.core.scope import Scope
from tests.perf.bench_assets import ADMIN, MEMBER, execute, principal
from tests.perf.bench_incidents import BATCH, call_of, incidents_of
from tests.perf.bench_reads import Figures, page_call, repeated, signed_in_cookies

CHANGES = """query($org: ID!, $status: String, $orderBy: ChangeOrder = NEWEST) {
  changes(organisationId: $org, first: 25, status: $status, orderBy: $orderBy) {
    totalCount viewerCan { file } pageInfo { hasNextPage endCursor }
    edges { node { id number ownerName hostname description category risk approverName approvedOn scheduledFor
      executedOn succeeded status } } } }"""
INCIDENTS = """query($org: ID!, $orderBy: IncidentOrder = LATEST) {
  incidents(organisationId: $org, first: 25, orderBy: $orderBy) {
    viewerCan { report } pageInfo { hasNextPage endCursor }
    edges { node { id title service severity status level handledBy breached reportedAt } } } }"""
CATEGORIES = ("normal", "non_operational", "emergency")


def changes_of(services: Services, member: Principal, approver: Principal, count: int) -> list[list[TenantAggregate]]:
    """The changes in batches, each batch with the log book that gave their numbers."""
    assert member.organisation_id is not None
    book = log_book(services.app, member.tenant_id, member.account_id, member.organisation_id)
    today = stated_today() or date.today()
    batches: list[list[TenantAggregate]] = []
    for start in range(0, count, BATCH):
        batch: list[TenantAggregate] = []
        for n in range(start, min(start + BATCH, count)):
            filing = Filing.checked(
                "Marc", None, f"T-{n}", f"host{n % 40}.muller.example", f"Change {n:05d}: patch the tills",
                "apt-get install --only-upgrade till-client", CATEGORIES[n % 3], RISKS[n % 3],
            )  # fmt: skip
            number = book.take_number(member.account_id)
            change = Change.file(
                member.tenant_id, member.account_id, member.organisation_id, number, member.account_id, filing, None
            )
            if n % 2 == 0:
                change.approve(approver.account_id)
            if n % 3 == 0:
                change.schedule(member.account_id, today + timedelta(days=1 + n % 60), "Roll back the package.")
            batch.append(change)
        batches.append([*batch, book])
    return batches


def seed(services: Services, member: Principal, approver: Principal, changes: int, incidents: int) -> None:
    start = time.perf_counter()
    for batch in changes_of(services, member, approver, changes):
        services.app.save_all(batch)
    for batch in incidents_of(member, incidents, 0):
        services.app.save_all(list(batch))
    saved = time.perf_counter() - start
    services.runner.catch_up()
    projected = time.perf_counter() - start
    print(f"{changes:,} changes and {incidents:,} incidents: saved in {saved:.1f} s, "
          f"read models caught up at {projected:.1f} s")  # fmt: skip


def changes_query_call(services: Services, member: Principal, given: ChangeFilter) -> Callable[[], Awaitable[Any]]:
    assert member.organisation_id is not None
    scope, org = Scope(member.tenant_id, organisation_id=member.organisation_id), member.organisation_id

    async def call() -> None:
        assert services.queries.changes.changes(scope, org, 25, None, given).rows

    return call


async def figures_of(services: Services, runs: int, repeats: int) -> dict[str, Figures]:
    member = principal(services, MEMBER)
    org = str(member.organisation_id)
    counted = await changes_counted(services, member, org)
    print(f"the change log shows {counted:,} changes")
    figures = {
        "baseline: { __typename } document": await repeated(
            call_of(services, member, "{ __typename }", {}), runs, repeats
        ),
        "changes, read query, newest first": await repeated(
            changes_query_call(services, member, ChangeFilter(order=NEWEST)), runs, repeats
        ),
        "changes document, newest first": await repeated(
            call_of(services, member, CHANGES, {"org": org}), runs, repeats
        ),
        "changes document, oldest first": await repeated(
            call_of(services, member, CHANGES, {"org": org, "orderBy": "OLDEST"}), runs, repeats
        ),
        "changes document, approved only": await repeated(
            call_of(services, member, CHANGES, {"org": org, "status": "approved"}), runs, repeats
        ),
        "incidents document, latest first": await repeated(
            call_of(services, member, INCIDENTS, {"org": org}), runs, repeats
        ),
        "incidents document, most severe first": await repeated(
            call_of(services, member, INCIDENTS, {"org": org, "orderBy": "SEVERITY"}), runs, repeats
        ),
    }
    transport = httpx2.ASGITransport(app=create_app(services.settings, services))
    async with httpx2.AsyncClient(transport=transport, base_url="http://testserver") as client:
        await signed_in_cookies(client, MEMBER)
        figures["baseline: /health/live, ASGI"] = await repeated(page_call(client, "/health/live"), runs, repeats)
        figures["change log page, first screen, ASGI"] = await repeated(
            page_call(client, f"/organisations/{org}/changes"), runs, repeats
        )
        figures["incident register page, first screen, ASGI"] = await repeated(
            page_call(client, f"/organisations/{org}/incidents"), runs, repeats
        )
    return figures


async def changes_counted(services: Services, member: Principal, org: str) -> int:
    found = await execute(services, member, CHANGES, {"org": org})
    return int(found["changes"]["totalCount"])


async def run(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(
            env="test", data_dir=Path(folder), database_url=args.database_url, projection_wait_seconds=60
        )
        services = build_services(settings)
        services.start()
        try:
            seed_demo(services, date(2026, 12, 1))
            print(f"Store: {'PostgreSQL' if args.database_url else 'SQLite (WAL)'}")
            seed(services, principal(services, MEMBER), principal(services, ADMIN), args.changes, args.incidents)
            print(f"{args.runs} runs x {args.repeats} rounds, medians of rounds")
            figures = await figures_of(services, args.runs, args.repeats)
            for label, figure in figures.items():
                print(figure.line(label))
            live = figures["baseline: /health/live, ASGI"]
            for label in ("change log page, first screen, ASGI", "incident register page, first screen, ASGI"):
                screen = figures[label]
                print(f"{label}: p50 {screen.p50_ms:.1f} ms, p95 {screen.p95_ms:.1f} ms (goal < 100), "
                      f"{screen.p50_ms / live.p50_ms:.1f}x /health/live")  # fmt: skip
        finally:
            services.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--changes", type=int, default=10_000, help="changes in the log")
    parser.add_argument("--incidents", type=int, default=10_000, help="incidents in the register")
    parser.add_argument("--runs", type=int, default=30, help="calls per round of each measure")
    parser.add_argument("--repeats", type=int, default=3, help="rounds of each measure")
    parser.add_argument("--database-url", default=None, help="a PostgreSQL URL (default: SQLite files)")
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
