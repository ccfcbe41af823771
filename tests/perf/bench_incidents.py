"""Benchmark: an organisation's incident register of 10,000 incidents, and the monthly report of a service with
1,000 of them.

Run with `python -m tests.perf.bench_incidents` (SQLite, the demo data; `--database-url` for PostgreSQL). It prints
figures (medians of rounds); it asserts nothing.
1. Set-up: 10,000 incidents of Boulangerie Muller against its service levels, 1,000 of them of the service
   "Web shop" in November 2026 (four in five restored, every third escalated), the others spread over six more
   services and the months before; saved in batches of 1,000 through the application, then the read models caught
   up. Timed, for information.
2. The monthly service report of "Web shop" for 2026-11: the read query alone, and the `serviceReport` document
   with its figures and the first page of 50 of its incidents, as the member. Goal: under 200 ms.
3. The list's first screen: the `incidents(first: 25)` document (latest first, most severe first, missed targets
   only), and the register page through the ASGI app, as the member. Goal: under 100 ms server time.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx2

from backend.app import create_app
from backend.auth.principal import Principal
from backend.demo import seed_demo
from backend.services import Services, build_services
from backend.settings import Settings
from domain.incidents.incident import Incident, Report
from domain.incidents.rules import SEVERITIES, Targets
from domain.shared.aggregate import TenantAggregate
from projections.core.scope import Scope
from tests.perf.bench_assets import MEMBER, execute, principal
from tests.perf.bench_reads import Figures, page_call, repeated, signed_in_cookies

BATCH = 1_000
SERVICE, MONTH = "Web shop", "2026-11"
START = datetime(2026, 11, 1, tzinfo=UTC)
OTHER_SERVICES = ("Shop tills", "Ordering", "Bakery floor", "E-mail", "Accounting", "Wi-Fi")
TARGETS = {
    "critical": Targets(15, 30, 240),
    "high": Targets(30, 60, 480),
    "medium": Targets(60, 240, 1440),
    "low": Targets(240, 480, 4320),
}
LIST = """query($org: ID!, $breached: Boolean, $orderBy: IncidentOrder = LATEST) {
  incidents(organisationId: $org, first: 25, breached: $breached, orderBy: $orderBy) {
    viewerCan { report agreeServiceLevels manageMonitoringTokens } pageInfo { hasNextPage endCursor }
    edges { node { id title service severity status level handledBy breached reportedAt } } } }"""
REPORT = """query($org: ID!, $service: String!, $month: String!) {
  serviceReport(organisationId: $org, service: $service, month: $month) {
    availabilityPercent outageMinutes missedTargets bySeverity { severity incidents missedTargets }
    incidents(first: 50) { pageInfo { hasNextPage endCursor }
      edges { node { id title severity status reportedAt breached } } } } }"""


def incidents_of(member: Principal, count: int, in_report: int) -> list[list[TenantAggregate]]:
    assert member.organisation_id is not None
    rng = random.Random(7)
    batches: list[list[TenantAggregate]] = []
    for start in range(0, count, BATCH):
        batch: list[TenantAggregate] = []
        for n in range(start, min(start + BATCH, count)):
            severity = SEVERITIES[n % 4]
            if n < in_report:
                service, at = SERVICE, START + timedelta(minutes=rng.randint(0, 29 * 24 * 60))
            else:
                service = OTHER_SERVICES[n % len(OTHER_SERVICES)]
                at = START - timedelta(minutes=rng.randint(1, 365 * 24 * 60))
            report = Report(f"Incident {n:05d}", service, severity, "")
            incident = Incident.report(
                member.tenant_id, member.account_id, uuid.uuid4(), member.organisation_id, report, at,
                TARGETS[severity], 1,
            )  # fmt: skip
            incident.acknowledge(member.account_id, at + timedelta(minutes=rng.randint(1, 60)), None)
            if n % 3 == 0:
                incident.escalate(member.account_id, "first", "Service desk", incident.last_step_at, None)
            if n % 5:
                incident.restore(
                    member.account_id, incident.last_step_at + timedelta(minutes=rng.randint(5, 600)), None
                )
            batch.append(incident)
        batches.append(batch)
    return batches


def register_figures(services: Services, member: Principal, count: int, in_report: int) -> None:
    start = time.perf_counter()
    for batch in incidents_of(member, count, in_report):
        services.app.save_all(batch)
    saved = time.perf_counter() - start
    services.runner.catch_up()
    projected = time.perf_counter() - start
    print(f"{count:,} incidents ({in_report:,} of {SERVICE} in {MONTH}): saved in {saved:.1f} s, "
          f"read models caught up at {projected:.1f} s")  # fmt: skip


def call_of(
    services: Services, who: Principal, document: str, variables: dict[str, Any]
) -> Callable[[], Awaitable[Any]]:
    async def call() -> None:
        await execute(services, who, document, variables)

    return call


def query_call(services: Services, member: Principal) -> Callable[[], Awaitable[Any]]:
    assert member.organisation_id is not None
    scope, org = Scope(member.tenant_id, organisation_id=member.organisation_id), member.organisation_id
    end = datetime(2026, 12, 1, tzinfo=UTC)

    async def call() -> None:
        now, queries = datetime.now(UTC), services.queries.incidents
        report = queries.monthly_figures(scope, org, SERVICE, START, end, now)
        page = queries.month_incidents(scope, org, SERVICE, START, end, now, 50, None)
        assert sum(s.incidents for s in report.by_severity) >= 1 and page.rows

    return call


async def figures_of(services: Services, runs: int, repeats: int) -> dict[str, Figures]:
    member = principal(services, MEMBER)
    org = str(member.organisation_id)
    report = {"org": org, "service": SERVICE, "month": MONTH}
    found = await execute(services, member, REPORT, report)
    counted = sum(s["incidents"] for s in found["serviceReport"]["bySeverity"])
    print(f"report: {counted:,} incidents (the first 50 listed), "
          f"availability {found['serviceReport']['availabilityPercent']} %")  # fmt: skip
    figures = {
        "baseline: { __typename } document": await repeated(
            call_of(services, member, "{ __typename }", {}), runs, repeats
        ),
        "monthly report, read query": await repeated(query_call(services, member), runs, repeats),
        "monthly report, serviceReport document": await repeated(
            call_of(services, member, REPORT, report), runs, repeats
        ),
        "list, first 25, latest first": await repeated(call_of(services, member, LIST, {"org": org}), runs, repeats),
        "list, first 25, most severe first": await repeated(
            call_of(services, member, LIST, {"org": org, "orderBy": "SEVERITY"}), runs, repeats
        ),
        "list, first 25, targets missed": await repeated(
            call_of(services, member, LIST, {"org": org, "breached": True}), runs, repeats
        ),
    }
    transport = httpx2.ASGITransport(app=create_app(services.settings, services))
    async with httpx2.AsyncClient(transport=transport, base_url="http://testserver") as client:
        await signed_in_cookies(client, MEMBER)
        figures["baseline: /health/live, ASGI"] = await repeated(page_call(client, "/health/live"), runs, repeats)
        register = f"/organisations/{org}/incidents"
        figures["register page, first screen, ASGI"] = await repeated(page_call(client, register), runs, repeats)
        figures["monthly report page, ASGI"] = await repeated(
            page_call(client, f"{register}/monthly-report?service=Web+shop&month={MONTH}"), runs, repeats
        )
    return figures


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
            register_figures(services, principal(services, MEMBER), args.incidents, args.in_report)
            print(f"{args.runs} runs x {args.repeats} rounds, medians of rounds")
            figures = await figures_of(services, args.runs, args.repeats)
            for label, figure in figures.items():
                print(figure.line(label))
            report = figures["monthly report, serviceReport document"]
            screen = figures["register page, first screen, ASGI"]
            document, live = figures["baseline: { __typename } document"], figures["baseline: /health/live, ASGI"]
            print(f"ratios to the baselines (p50): report document {report.p50_ms / document.p50_ms:.1f}x the "
                  f"smallest document; report page {figures['monthly report page, ASGI'].p50_ms / live.p50_ms:.1f}x "
                  f"and first screen {screen.p50_ms / live.p50_ms:.1f}x /health/live")  # fmt: skip
            print(f"goals: report p50 {report.p50_ms:.1f} ms (< 200), first screen p50 {screen.p50_ms:.1f} ms (< 100)")
        finally:
            services.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--incidents", type=int, default=10_000, help="incidents in the register")
    parser.add_argument("--in-report", type=int, default=1_000, help="of them, in the reported service and month")
    parser.add_argument("--runs", type=int, default=30, help="calls per round of each measure")
    parser.add_argument("--repeats", type=int, default=3, help="rounds of each measure")
    parser.add_argument("--database-url", default=None, help="a PostgreSQL URL (default: SQLite files)")
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
