"""Benchmark: an organisation's inventory of 10,000 assets, imported from XLSX and read page by page.

Run with `python -m tests.perf.bench_assets` (SQLite, the demo data; `--database-url` for PostgreSQL). It prints
figures and ratios to a baseline; it asserts nothing.
1. Import: a 10,000-row XLSX file given to the `importAssets` mutation (`schema.execute`, as Boulangerie Muller's
   member account): the dry run, then the import, each timed from the call to the answer, the import including the
   wait for the read models (10,000 aggregates of one event each, saved in one transaction). Baseline: openpyxl
   reading the same file's cells, the floor of any import of it.
2. The list query (`assets(organisationId, first: 25, …)`), by name, by highest classification, a kind, a text
   search, and a page deep in the keyset, as the member, its coach and an admin: CPU per call and wall p50/p95.
   Baseline: raw SQL (sqlite3) reading the same first page. Goal: p95 under 25 ms.
3. The inventory page's first screen and an asset's page, through the ASGI app, as the member; the first screen as
   its coach and an admin too. Goal: the first screen under 100 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import io
import random
import re
import sqlite3
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path
from typing import Any

import httpx2
from openpyxl import Workbook, load_workbook

from backend.app import create_app
from backend.auth.principal import Principal
from backend.demo import seed_demo
from backend.graphql.core.context import Context
from backend.graphql.schema import build_schema
from backend.services import Services, build_services
from backend.settings import Settings
from domain.tenancy.account import Role
from tests.perf.bench_reads import Figures, page_call, repeated, signed_in_cookies

MEMBER, COACH, ADMIN = "member@muller.example", "coach@alpine.example", "admin@alpine.example"
KINDS = ("information", "software", "hardware", "service", "people", "site", "pool_resource", "iaas", "paas", "saas")
IMPORT = """mutation($input: ImportAssetsInput!) { importAssets(input: $input) {
  __typename ... on UserError { message } ... on AssetImport { validRows imported errorCount } } }"""
LIST = """query($org: ID!, $after: String, $kind: String, $search: String, $orderBy: AssetOrder = NAME) {
  assets(organisationId: $org, first: 25, after: $after, kind: $kind, search: $search, orderBy: $orderBy) {
    totalCount inventoryCount unclassifiedCount viewerCan { register import }
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id name kind owner location classification { confidentiality integrity availability highest scaleVersion } viewerCan { change } } } } }"""


def inventory_xlsx(rows: int) -> bytes:
    """A file as an organisation would keep it: every tenth asset unclassified."""
    rng = random.Random(9)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Assets")
    sheet.append(["name", "kind", "owner", "location", "description", "confidentiality", "integrity", "availability"])
    for n in range(rows):
        levels = ["", "", ""] if n % 10 == 0 else [rng.randint(1, 4), rng.randint(1, 3), rng.randint(1, 3)]
        owner = f"Owner {n % 37}"
        sheet.append([f"Asset {n:05d} {rng.choice(KINDS)}", KINDS[n % 10], owner, f"Rack {n % 50}", "", *levels])
    data = io.BytesIO()
    workbook.save(data)
    return data.getvalue()


def principal(services: Services, email: str) -> Principal:
    found = services.queries.tenancy.sign_in(email)
    assert found is not None
    account = found.account
    roles = frozenset(Role(role) for role in account.roles)
    return Principal(
        account.account_id,
        account.tenant_id,
        account.display_name,
        account.email,
        roles,
        "bench",
        account.organisation_id,
    )


async def execute(services: Services, who: Principal, document: str, variables: dict[str, Any]) -> dict[str, Any]:
    result = await SCHEMA.execute(document, variable_values=variables, context_value=Context(services, who, "bench"))
    assert not result.errors, result.errors
    assert result.data is not None
    return result.data


SCHEMA = build_schema()


async def timed(call: Callable[[], Awaitable[Any]]) -> tuple[float, Any]:
    start = time.perf_counter()
    answer = await call()
    return time.perf_counter() - start, answer


def read_cells(data: bytes) -> int:
    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    count = sum(1 for _ in workbook.worksheets[0].iter_rows(values_only=True))
    workbook.close()
    return count


async def import_figures(services: Services, member: Principal, rows: int) -> None:
    data = inventory_xlsx(rows)
    assert member.organisation_id is not None
    given = {
        "organisationId": str(member.organisation_id),
        "fileName": "inventory.xlsx",
        "content": base64.b64encode(data).decode(),
    }
    start = time.perf_counter()
    read_cells(data)
    baseline = time.perf_counter() - start
    dry, checked = await timed(lambda: execute(services, member, IMPORT, {"input": given | {"dryRun": True}}))
    assert checked["importAssets"]["validRows"] == rows, checked
    wet, imported = await timed(lambda: execute(services, member, IMPORT, {"input": given | {"dryRun": False}}))
    assert imported["importAssets"]["imported"] == rows, imported
    print(f"XLSX of {rows:,} rows, {len(data) / 1024:,.0f} KiB")
    print(f"{'baseline: openpyxl reads the cells':<46} {baseline:7.2f} s")
    print(f"{'dry run (read, check every row)':<46} {dry:7.2f} s   = {dry / baseline:.1f}x baseline")
    print(f"{'import (read, check, save, read models)':<46} {wet:7.2f} s   = {wet / baseline:.1f}x baseline")


def list_call(services: Services, who: Principal, variables: dict[str, Any]) -> Callable[[], Awaitable[Any]]:
    async def call() -> None:
        data = await execute(services, who, LIST, variables)
        assert len(data["assets"]["edges"]) == 25 or variables.get("search")

    return call


def raw_sql_call(read_models: Path, organisation: str, tenant: str) -> Callable[[], Awaitable[Any]]:
    connection = sqlite3.connect(read_models, check_same_thread=False)
    t, o = tenant.replace("-", ""), organisation.replace("-", "")

    async def call() -> None:
        rows = connection.execute(
            "SELECT * FROM assets WHERE tenant_id = ? AND organisation_id = ? AND retired = 0"
            " ORDER BY sort_name, asset_id LIMIT 26",
            (t, o),
        ).fetchall()
        connection.execute(
            "SELECT count(*) FROM assets WHERE tenant_id = ? AND organisation_id = ? AND retired = 0", (t, o)
        ).fetchall()
        assert len(rows) == 26

    return call


async def list_figures(services: Services, runs: int, repeats: int, sqlite: bool) -> None:
    member, coach, admin = (principal(services, email) for email in (MEMBER, COACH, ADMIN))
    org = str(member.organisation_id)
    deep = await execute(services, member, LIST, {"org": org, "after": None})
    for _ in range(200):  # 200 pages in: about half the inventory
        after = deep["assets"]["pageInfo"]["endCursor"]
        deep = await execute(services, member, LIST, {"org": org, "after": after})
    cases: dict[str, Callable[[], Awaitable[Any]]] = {
        "member, first page by name": list_call(services, member, {"org": org}),
        "member, by highest classification": list_call(services, member, {"org": org, "orderBy": "HIGHEST"}),
        "member, one kind": list_call(services, member, {"org": org, "kind": "hardware"}),
        "member, text search (owner 3)": list_call(services, member, {"org": org, "search": "owner 3"}),
        "member, page 201 by keyset": list_call(services, member, {"org": org, "after": after}),
        "coach, first page by name": list_call(services, coach, {"org": org}),
        "admin, first page by name": list_call(services, admin, {"org": org}),
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
        first, raw = figures["member, first page by name"], figures["baseline: raw SQL, first page and count"]
        print(f"list document CPU = {first.cpu_ms / raw.cpu_ms:.1f}x raw SQL")
    worst = max(f.p95_ms for label, f in figures.items() if label.startswith(("member", "coach", "admin")))
    screen = max(f.p50_ms for label, f in figures.items() if label.startswith("inventory page, first screen"))
    print(f"goals: list p95 {worst:.1f} ms (< 25), first screen p50 {screen:.1f} ms (< 100), worst of the three")


async def page_figures(services: Services, org: str, runs: int, repeats: int) -> dict[str, Figures]:
    """The inventory page's first screen and an asset's page, through the ASGI app, as the member; the first
    screen as the coach and the admin."""
    app = create_app(services.settings, services)
    inventory = f"/organisations/{org}/assets"
    figures: dict[str, Figures] = {}
    for who, email in (("member", MEMBER), ("coach", COACH), ("admin", ADMIN)):
        transport = httpx2.ASGITransport(app=app)
        async with httpx2.AsyncClient(transport=transport, base_url="http://testserver") as client:
            await signed_in_cookies(client, email)
            figures[f"inventory page, first screen, {who}, ASGI"] = await repeated(
                page_call(client, inventory), runs, repeats
            )
            if who != "member":
                continue
            listed = (await client.get(inventory)).text
            found = re.search(rf'href="({inventory}/[0-9a-f-]{{36}})"', listed)
            assert found is not None
            figures["inventory page, by highest, ASGI"] = await repeated(
                page_call(client, f"{inventory}?order=HIGHEST&kind=hardware"), runs, repeats
            )
            figures["an asset's page, ASGI"] = await repeated(page_call(client, found.group(1)), runs, repeats)
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
            await import_figures(services, principal(services, MEMBER), args.rows)
            print(f"List query: {args.runs} runs x {args.repeats} rounds, medians of rounds")
            await list_figures(services, args.runs, args.repeats, args.database_url is None)
        finally:
            services.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=10_000, help="assets in the imported file")
    parser.add_argument("--runs", type=int, default=200, help="calls per round of each list measure")
    parser.add_argument("--repeats", type=int, default=3, help="rounds of each list measure")
    parser.add_argument("--database-url", default=None, help="a PostgreSQL URL (default: SQLite files)")
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
