"""Benchmark: an organisation's risk register of 10,000 risks, read page by page.

Run with `python -m tests.perf.bench_risks` (SQLite, the demo data; `--database-url` for PostgreSQL). It prints
figures and ratios to a baseline; it asserts nothing.
1. Set-up: 10,000 risks of Boulangerie Muller owned by its member account, each identified and assessed, two in
   three treated (with a control of the 2022 catalogue), saved in batches of 1,000 through the application, then the
   read models caught up. Timed, for information.
2. The list query (`risks(organisationId, first: 25, …)`), by title, by level, by residual level, one level, one
   status, a text search, and a page deep in the keyset, as the member, its coach and an admin: CPU per call and
   wall p50/p95. Baseline: raw SQL (sqlite3) reading the same first page and count. Goal: p95 under 25 ms.
3. The register page's first screen (the list, the counts since the last review, the heat map, the filters) and a
   risk's page, through the ASGI app, as the member; the first screen as its coach and an admin too. Goal: the
   first screen under 100 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import re
import sqlite3
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path
from typing import Any

import httpx2

from backend.app import create_app
from backend.auth.principal import Principal
from backend.demo import seed_demo
from backend.services import Services, build_services
from backend.settings import Settings
from domain.risks.method import DEFAULT_METHOD
from domain.risks.risk import Risk, Scenario, Treatment
from domain.shared.aggregate import TenantAggregate
from tests.perf.bench_assets import ADMIN, COACH, MEMBER, execute, principal
from tests.perf.bench_reads import Figures, page_call, repeated, signed_in_cookies

THREATS = ("Ransomware", "Phishing", "Fire", "Flood", "Theft", "Supplier failure", "Power cut", "Human error")
CONTROLS = ("iso27001-2022:5.15", "iso27001-2022:8.13", "iso27001-2022:5.23", "iso27001-2022:7.5")
OPTIONS = ("mitigate", "accept", "transfer", "avoid")
BATCH = 1_000
LIST = """query($org: ID!, $after: String, $level: Int, $status: String, $search: String,
    $orderBy: RiskOrder = TITLE) {
  risks(organisationId: $org, first: 25, after: $after, level: $level, status: $status, search: $search,
    orderBy: $orderBy) {
    totalCount registerCount viewerCan { identify holdReview }
    sinceReview { newCount changedCount closedCount lastReview { heldOn } }
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id title status sinceReview owner { name } assessment { level levelLabel }
      treatment { option residual { level levelLabel } } acceptance { until expired } } } } }"""


def risks_of(member: Principal, count: int) -> list[list[TenantAggregate]]:
    """The register, in batches: every risk identified and assessed, two in three treated."""
    assert member.organisation_id is not None
    rng = random.Random(11)
    batches: list[list[TenantAggregate]] = []
    for start in range(0, count, BATCH):
        batch: list[TenantAggregate] = []
        for n in range(start, min(start + BATCH, count)):
            threat = THREATS[n % len(THREATS)]
            scenario = Scenario(f"Risk {n:05d} {threat.lower()}", threat, f"Weakness {n % 41}")
            risk = Risk.identify(
                member.tenant_id, member.account_id, uuid.uuid4(), member.organisation_id, scenario,
                member.account_id, (),
            )  # fmt: skip
            risk.assess(member.account_id, DEFAULT_METHOD, rng.randint(1, 3), rng.randint(1, 3), None)
            if n % 3:
                chosen = (CONTROLS[n % len(CONTROLS)],)
                treatment = Treatment.checked(
                    DEFAULT_METHOD, OPTIONS[n % 4], chosen, (), rng.randint(1, 2), rng.randint(1, 2)
                )
                risk.treat(member.account_id, treatment, DEFAULT_METHOD, None)
            batch.append(risk)
        batches.append(batch)
    return batches


def register_figures(services: Services, member: Principal, count: int) -> None:
    start = time.perf_counter()
    for batch in risks_of(member, count):
        services.app.save_all(batch)
    saved = time.perf_counter() - start
    services.runner.catch_up()
    projected = time.perf_counter() - start
    print(f"{count:,} risks: saved in {saved:.1f} s, read models caught up at {projected:.1f} s")


def list_call(services: Services, who: Principal, variables: dict[str, Any]) -> Callable[[], Awaitable[Any]]:
    async def call() -> None:
        data = await execute(services, who, LIST, variables)
        assert len(data["risks"]["edges"]) == 25 or variables.get("search")

    return call


def raw_sql_call(read_models: Path, organisation: str, tenant: str) -> Callable[[], Awaitable[Any]]:
    connection = sqlite3.connect(read_models, check_same_thread=False)
    t, o = tenant.replace("-", ""), organisation.replace("-", "")

    async def call() -> None:
        rows = connection.execute(
            "SELECT * FROM risks WHERE tenant_id = ? AND organisation_id = ? AND open = 1"
            " ORDER BY sort_title, risk_id LIMIT 26",
            (t, o),
        ).fetchall()
        connection.execute("SELECT count(*) FROM risks WHERE tenant_id = ? AND organisation_id = ?", (t, o)).fetchall()
        assert len(rows) == 26

    return call


async def list_figures(services: Services, runs: int, repeats: int, sqlite: bool) -> None:
    member, coach, admin = (principal(services, email) for email in (MEMBER, COACH, ADMIN))
    org = str(member.organisation_id)
    deep = await execute(services, member, LIST, {"org": org, "after": None})
    for _ in range(200):  # 200 pages in: about half the register
        after = deep["risks"]["pageInfo"]["endCursor"]
        deep = await execute(services, member, LIST, {"org": org, "after": after})
    cases: dict[str, Callable[[], Awaitable[Any]]] = {
        "member, first page by title": list_call(services, member, {"org": org}),
        "member, by level": list_call(services, member, {"org": org, "orderBy": "LEVEL"}),
        "member, by residual level": list_call(services, member, {"org": org, "orderBy": "RESIDUAL"}),
        "member, one level (high)": list_call(services, member, {"org": org, "level": 3}),
        "member, one status (treated)": list_call(services, member, {"org": org, "status": "treated"}),
        "member, text search (flood)": list_call(services, member, {"org": org, "search": "flood"}),
        "member, page 201 by keyset": list_call(services, member, {"org": org, "after": after}),
        "coach, first page by title": list_call(services, coach, {"org": org}),
        "admin, first page by title": list_call(services, admin, {"org": org}),
    }
    figures = {label: await repeated(call, runs, repeats) for label, call in cases.items()}
    if sqlite:
        read_models = services.settings.data_dir / "read-models.sqlite3"
        figures["baseline: raw SQL, first page and count"] = await repeated(
            raw_sql_call(read_models, org, str(member.tenant_id)), runs, repeats
        )
    figures |= await page_figures(services, org, runs, repeats)
    for label, figure in figures.items():
        print(figure.line(label))
    if sqlite:
        first, raw = figures["member, first page by title"], figures["baseline: raw SQL, first page and count"]
        print(f"list document CPU = {first.cpu_ms / raw.cpu_ms:.1f}x raw SQL")
    worst = max(f.p95_ms for label, f in figures.items() if label.startswith(("member", "coach", "admin")))
    screen = max(f.p50_ms for label, f in figures.items() if label.startswith("register page, first screen"))
    print(f"goals: list p95 {worst:.1f} ms (< 25), first screen p50 {screen:.1f} ms (< 100), worst of the three")


async def page_figures(services: Services, org: str, runs: int, repeats: int) -> dict[str, Figures]:
    """The register page's first screen and a risk's page, through the ASGI app, as the member; the first screen
    as the coach and the admin."""
    app = create_app(services.settings, services)
    register = f"/organisations/{org}/risks"
    figures: dict[str, Figures] = {}
    for who, email in (("member", MEMBER), ("coach", COACH), ("admin", ADMIN)):
        transport = httpx2.ASGITransport(app=app)
        async with httpx2.AsyncClient(transport=transport, base_url="http://testserver") as client:
            await signed_in_cookies(client, email)
            figures[f"register page, first screen, {who}, ASGI"] = await repeated(
                page_call(client, register), runs, repeats
            )
            if who != "member":
                continue
            listed = (await client.get(register)).text
            found = re.search(rf'href="({register}/[0-9a-f-]{{36}})"', listed)
            assert found is not None
            figures["register page, by level, one status, ASGI"] = await repeated(
                page_call(client, f"{register}?order=LEVEL&status=treated"), runs, repeats
            )
            figures["a risk's page, ASGI"] = await repeated(page_call(client, found.group(1)), runs, repeats)
    return figures


async def run(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder)
        settings = Settings(env="test", data_dir=data_dir, database_url=args.database_url, projection_wait_seconds=60)
        services = build_services(settings)
        services.start()
        try:
            seed_demo(services, date(2026, 3, 2))
            print(f"Store: {'PostgreSQL' if args.database_url else 'SQLite (WAL)'}")
            register_figures(services, principal(services, MEMBER), args.risks)
            print(f"List query: {args.runs} runs x {args.repeats} rounds, medians of rounds")
            await list_figures(services, args.runs, args.repeats, args.database_url is None)
        finally:
            services.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--risks", type=int, default=10_000, help="risks in the register")
    parser.add_argument("--runs", type=int, default=200, help="calls per round of each list measure")
    parser.add_argument("--repeats", type=int, default=3, help="rounds of each list measure")
    parser.add_argument("--database-url", default=None, help="a PostgreSQL URL (default: SQLite files)")
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
