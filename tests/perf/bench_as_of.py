"""Benchmark: one organisation's inventory of 10,000 assets, read as of a past moment.

Run with `python -m tests.perf.bench_as_of` (SQLite, the demo data; `--database-url` for PostgreSQL). It prints
figures and ratios to a baseline; it asserts nothing.

The demo, then 10,000 assets imported for Boulangerie Muller (one event each), then, a second later, the moment;
after it, one more asset and a change, so the moment is truly past. Measured, as Muller's member account
(`schema.execute`):
1. The first answer as of the moment: the first page of `assets(…, first: 25, asOf: …)` with no read model of the
   moment built yet (reading the consultancy's events up to it, projecting them into a temporary read model, then
   the query); median of `--builds` rounds, the cache emptied before each. Also its parts: reading and decoding the
   consultancy's events alone. Goal: under 2 s.
2. Cached answers: the same document again, the read model of the moment built: CPU per call and wall p50/p95,
   medians of rounds. Goal: under 50 ms.
3. Baseline: the same document without `asOf`, on the live read models, in the same run.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import statistics
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from backend.demo import seed_demo
from backend.services import Services, build_services
from backend.settings import Settings
from tests.perf.bench_assets import IMPORT, MEMBER, execute, inventory_xlsx, principal
from tests.perf.bench_reads import repeated

LIST = """query($org: ID!, $at: DateTime) { assets(organisationId: $org, first: 25, asOf: $at) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id name kind owner classification { highest } viewerCan { change } } } } }"""
REGISTER = """mutation($input: RegisterAssetInput!) { registerAsset(input: $input) { __typename } }"""


async def import_inventory(services: Services, rows: int) -> None:
    member = principal(services, MEMBER)
    given = {
        "organisationId": str(member.organisation_id),
        "fileName": "inventory.xlsx",
        "content": base64.b64encode(inventory_xlsx(rows)).decode(),
        "dryRun": False,
    }
    imported = await execute(services, member, IMPORT, {"input": given})
    assert imported["importAssets"]["imported"] == rows, imported


async def run(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(
            env="test", data_dir=Path(folder), database_url=args.database_url, projection_wait_seconds=120
        )
        services = build_services(settings)
        services.start()
        try:
            seed_demo(services, date(2026, 3, 2))
            await import_inventory(services, args.rows)
            await asyncio.sleep(1.1)
            moment = datetime.now(UTC).replace(microsecond=0)
            await asyncio.sleep(1.1)
            member = principal(services, MEMBER)
            org = str(member.organisation_id)
            later = {"organisationId": org, "name": "Recorded later", "kind": "hardware", "owner": "IT lead"}
            await execute(services, member, REGISTER, {"input": later})
            await measure(services, args, org, moment)
        finally:
            services.close()


async def measure(services: Services, args: argparse.Namespace, org: str, moment: datetime) -> None:
    member = principal(services, MEMBER)
    history = services.history
    assert history is not None
    events = services.app.recorder.max_notification_id() or 0
    print(f"Store: {'PostgreSQL' if args.database_url else 'SQLite (WAL)'}; {events:,} events in the log")

    async def as_of() -> dict[str, Any]:
        return await execute(services, member, LIST, {"org": org, "at": moment.isoformat()})

    async def now() -> dict[str, Any]:
        return await execute(services, member, LIST, {"org": org, "at": None})

    then, today = await as_of(), await now()
    assert then["assets"]["totalCount"] == today["assets"]["totalCount"] - 1, (then, today)
    reads, firsts, cpus = [], [], []
    for _ in range(args.builds):
        history.close()  # the cache emptied: the next answer builds the read model of the moment
        start = time.perf_counter()
        read = sum(1 for _ in history.history.notifications(member.tenant_id, moment))
        reads.append(time.perf_counter() - start)
        history.close()
        start, cpu = time.perf_counter(), time.process_time()
        await as_of()
        firsts.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    first, reading, cpu_first = statistics.median(firsts), statistics.median(reads), statistics.median(cpus)
    print(f"{read:,} events of the consultancy up to the moment; medians of {args.builds} builds")
    print(
        f"{'first answer as of the moment (build + query)':<46} {first * 1000:9.1f} ms wall, {cpu_first * 1000:.1f} ms CPU"
    )
    print(f"{'  of which reading and decoding its events':<46} {reading * 1000:9.1f} ms")
    cached = await repeated(as_of, args.runs, args.repeats)
    plain = await repeated(now, args.runs, args.repeats)
    print(f"Cached and current: {args.runs} runs x {args.repeats} rounds, medians of rounds")
    print(cached.line("cached answer as of the moment"))
    print(plain.line("baseline: the same query, now"))
    print(
        f"first answer = {first * 1000 / plain.p50_ms:,.0f}x the current query; cached = {cached.p50_ms / plain.p50_ms:.2f}x"
    )
    print(
        f"goals: first answer {first:.2f} s wall, {cpu_first:.2f} s CPU (< 2 s); cached p50 {cached.p50_ms:.1f} ms (< 50 ms)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=10_000, help="assets imported before the moment")
    parser.add_argument("--builds", type=int, default=5, help="first answers measured, each with the cache emptied")
    parser.add_argument("--runs", type=int, default=100, help="calls per round of the cached and current measures")
    parser.add_argument("--repeats", type=int, default=3, help="rounds of the cached and current measures")
    parser.add_argument("--database-url", default=None, help="a PostgreSQL URL (default: SQLite files)")
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
