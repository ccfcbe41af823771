"""Benchmark: the cluster dashboard for one consultancy, in a store of 1,000 consultancies and ~1,000,000 events.

(Three copies a clone make 868 events a clone, 866,814 events in all; `--copies 4` makes about 1.15 million.)

Run with `nice -n 10 python -m tests.perf.bench_dashboard` (SQLite; `--consultancies 100` for a trial run;
`--store PATH` keeps the built stores there and measures them again, without building, on the next run). It prints
figures (medians of rounds; the baseline, the same reads in a store of ~10,000 events, measured in the same
process, rounds alternated between the two stores); it asserts nothing.

1. The store: the demo (`backend/demo.py`), then Alpine's stored events cloned as other consultancies
   (`tests/perf/clones.py`: every id of the tenant remapped per clone, e-mail addresses, slug and key hashes made
   unique; each clone holds `--copies` copies of Alpine's clusters and member organisations), written through the
   application's recorder (each event with its leaf in its tenant's log), then the read models caught up by the
   projection runner. Printed: the exact number of events and consultancies, the time to write and to project
   (events/s), the parked events (goal 0), and whether a clone's dashboard answers the same shape as Alpine's.
   Two stores: the baseline (the demo and as many clones as make ~10,000 events) and the large one
   (`--consultancies` in all, default 1,000).
2. For Alpine, signed in as its coach and as the ISMS manager of one of its members (member@muller.example), each
   document of `DOCUMENTS` run by `schema.execute` with the viewer's context as the pages run them, and each page
   of `PAGES` through the ASGI app in process: p50/p95 per round, the medians of the rounds, and the ratio of the
   large store's p95 to the baseline's. A document or page that is not there (yet) is skipped, and said so.
   Goals: the dashboard document under 25 ms p95 and at most 1.2x its p95 at 10,000 events; the page under 100 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import glob
import shutil
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from uuid import UUID

import httpx2
from graphql import NonNullTypeNode, OperationDefinitionNode, OperationType, parse
from sqlalchemy import func, select

from backend.app import create_app
from backend.auth.principal import Principal
from backend.demo import seed_demo
from backend.graphql.core.context import Context
from backend.graphql.schema import build_schema
from backend.services import Services, build_services
from backend.settings import Settings
from domain.tenancy.account import Role
from domain.tenancy.consultancy import consultancy_id
from frontend.site.graphql_files import with_fragments
from projections.queries import Scope
from tests.perf.bench_reads import Figures, measure, median_figures, page_call, signed_in_cookies
from tests.perf.clones import Cloner, Template, read_template, write_clones

ROOT = Path(__file__).resolve().parents[2]

DOCUMENTS = (
    "frontend/clusters/dashboard.graphql",  # the coach's cluster dashboard (the goal's query)
    "frontend/comparison/*.graphql",  # the member's anonymised comparison (clusterComparison)
    "frontend/portfolio/portfolio.graphql",  # the consultancy's portfolio
)
"""GraphQL documents measured, relative to the repository (a pattern measures each query it matches)."""

PAGES = (
    "/clusters/{cluster}",  # the cluster dashboard
    "/clusters/{cluster}/comparison",  # the member's comparison
    "/portfolio",  # the consultancy's portfolio
)
"""Pages measured; `{cluster}` and `{organisation}` are Alpine's cluster and the member's organisation."""

VIEWERS = ("coach@alpine.example", "member@muller.example")
TEMPLATE_SLUG = "alpine"
CLUSTER_NAME = "Luxembourg SMEs 2026"
DEMO_DAY = date(2026, 3, 2)
BASELINE_EVENTS = 10_000
PAGE_SIZE = 20
"""`first` of a document that pages, as its page asks (the portfolio: 20 clusters)."""
PROJECTION_BATCH = 5_000
"""Events a transaction of the projection runner while the store is built (the product's default is 500)."""


# 1. The stores


@dataclass(frozen=True)
class Store:
    label: str
    settings: Settings
    events: int
    consultancies: int


def build_store(folder: Path, label: str, copies: int, consultancies: int | None, events: int | None = None) -> Store:
    """The demo, then clones of Alpine up to `consultancies` in all (or as many as make about `events`); reused as
    it is when already built there."""
    settings = Settings(env="test", data_dir=folder, projection_batch_size=PROJECTION_BATCH)
    built = folder / "built.txt"
    if built.exists():
        events, count = (int(n) for n in built.read_text().split())
        print(f"   {label}: reused {folder} ({events:,} events, {count:,} consultancies)")
        return Store(label, settings, events, count)
    shutil.rmtree(folder, ignore_errors=True)
    services = build_services(settings)
    try:
        began = time.perf_counter()
        seed_demo(services, DEMO_DAY)
        demo_events = services.app.recorder.max_notification_id() or 0
        demo_tenants = len(services.audit.tenants())
        print(f"   {label}: the demo, {demo_events} events, seeded in {time.perf_counter() - began:.1f} s")
        template = read_template(settings.event_store_path, consultancy_id(TEMPLATE_SLUG))
        cloner = Cloner(template, copies)
        per_clone = template.events_per_clone(copies)
        wanted = consultancies - demo_tenants if consultancies else round(((events or 0) - demo_events) / per_clone)
        clones = max(0, wanted)
        began = time.perf_counter()
        written = write_clones(services.app.recorder.insert_events, cloner, 1, clones)
        took = time.perf_counter() - began
        print(f"   {label}: {clones:,} clones of {len(template.events)} events x up to {copies} copies "
              f"({per_clone} events each): {written:,} events written in {took:.1f} s "
              f"({written / max(took, 1e-9):,.0f} events/s)")  # fmt: skip
        began = time.perf_counter()
        services.runner.catch_up()
        took = time.perf_counter() - began
        events = services.app.recorder.max_notification_id() or 0
        print(f"   {label}: projected in {took:.1f} s ({(events - demo_events) / max(took, 1e-9):,.0f} events/s)")
        count = demo_tenants + clones
        parked = parked_events(services)
        print(f"   {label}: {events:,} events, {count:,} consultancies, {parked} parked events (goal 0)")
        if clones:
            print(f"   {label}: a clone's dashboard answers Alpine's shape: {same_shape(services, cloner)}")
    finally:
        services.close()
    built.write_text(f"{events} {count}")
    return Store(label, settings, events, count)


def parked_events(services: Services) -> int:
    with services.store.reading() as conn:
        return int(conn.execute(select(func.count()).select_from(services.store.tables.parked_events)).scalar_one())


def same_shape(services: Services, cloner: Cloner) -> bool:
    """Alpine's and the first clone's cluster on the dashboard, as their coaches: the same keys and list lengths
    (the organisations the coach may admit are not compared: a clone's coach has one set a copy)."""
    template: Template = cloner.template
    answers = []
    for tenant in (template.tenant_id, cloner.tenant_of(1)):
        coach = coach_of(services, tenant)
        cluster = cluster_of(services, coach)
        answer = asyncio.run(run_document(services, coach, dashboard_document(), {"id": str(cluster)}))
        answers.append(answer["cluster"])
    return bool(shape(answers[0]) == shape(answers[1]))


def shape(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [shape(item) for item in value]
    return type(value).__name__


# 2. The measures


SCHEMA = build_schema()


def dashboard_document() -> str:
    return with_fragments((ROOT / DOCUMENTS[0]).read_text(encoding="utf-8"))


def principal_of(services: Services, email: str) -> Principal:
    found = services.queries.tenancy.sign_in(email)
    assert found is not None, email
    account = found.account
    roles = frozenset(Role(role) for role in account.roles)
    return Principal(
        account.account_id, account.tenant_id, account.display_name, account.email, roles, "bench",
        account.organisation_id,
    )  # fmt: skip


def coach_of(services: Services, tenant_id: UUID) -> Principal:
    with services.store.reading() as conn:
        accounts = services.store.tables.accounts
        emails = [row.email for row in conn.execute(accounts.select().where(accounts.c.tenant_id == tenant_id))]
    [email] = [e for e in emails if e.startswith("coach@")]
    return principal_of(services, email)


def cluster_of(services: Services, coach: Principal) -> UUID:
    scope = Scope(coach.tenant_id, coach_id=coach.account_id)
    named = [c.cluster_id for c in services.queries.clusters.clusters(scope, 50, None) if c.name == CLUSTER_NAME]
    return named[0]  # a clone has one such cluster a copy


async def run_document(services: Services, who: Principal, document: str, variables: dict[str, Any]) -> Any:
    result = await SCHEMA.execute(document, variable_values=variables, context_value=Context(services, who, "bench"))
    assert not result.errors, result.errors
    return result.data


@dataclass(frozen=True)
class Measured:
    label: str
    call: Callable[[], Awaitable[Any]]


def documents() -> list[tuple[str, str]]:
    """(name, document) of each query in `DOCUMENTS` found at run time."""
    found = []
    for pattern in DOCUMENTS:
        paths = sorted(glob.glob(str(ROOT / pattern)))
        if not paths:
            print(f"   not there (yet): {pattern}")
        for path in paths:
            text = Path(path).read_text(encoding="utf-8")
            operations = [d for d in parse(text).definitions if isinstance(d, OperationDefinitionNode)]
            if operations and all(o.operation == OperationType.QUERY for o in operations):
                found.append((str(Path(path).relative_to(ROOT)), with_fragments(text)))
    return found


def variables_for(document: str, ids: dict[str, str]) -> dict[str, Any] | None:
    """The document's variables filled from the ids known by name; None when a required one is unknown."""
    variables: dict[str, Any] = {}
    for operation in parse(document).definitions:
        if not isinstance(operation, OperationDefinitionNode):
            continue
        for definition in operation.variable_definitions or ():
            name = definition.variable.name.value
            if name in ids:
                variables[name] = ids[name]
            elif isinstance(definition.type, NonNullTypeNode) and definition.default_value is None:
                return None
    return variables


def ids_of(cluster: UUID, organisation: UUID) -> dict[str, Any]:
    """The values of the documents' variables, by name: Alpine's cluster, the member's organisation, a page size."""
    return {
        "first": PAGE_SIZE,
        "id": str(cluster),
        "clusterId": str(cluster),
        "cluster": str(cluster),
        "organisationId": str(organisation),
        "organisation": str(organisation),
        "org": str(organisation),
    }


class Viewer:
    """One store, one signed-in viewer: the calls to measure."""

    def __init__(self, services: Services, email: str, cluster: UUID, organisation: UUID) -> None:
        self.services, self.email = services, email
        self.principal = principal_of(services, email)
        self.ids = ids_of(cluster, organisation)
        self.client: httpx2.AsyncClient | None = None

    async def document_calls(self, found: list[tuple[str, str]]) -> list[Measured]:
        calls = []
        for name, document in found:
            variables = variables_for(document, self.ids)
            if variables is None:
                print(f"   {name}: a required variable is not known here: skipped")
                continue
            context = Context(self.services, self.principal, "bench")
            answer = await SCHEMA.execute(document, variable_values=variables, context_value=context)
            if answer.errors:
                print(f"   {name} as {self.email}: answers errors ({answer.errors[0].message}): skipped")
                continue
            calls.append(Measured(f"{name} as {self.email}", self._document_call(document, variables)))
        return calls

    def _document_call(self, document: str, variables: dict[str, Any]) -> Callable[[], Awaitable[Any]]:
        async def call() -> None:
            await run_document(self.services, self.principal, document, variables)

        return call

    async def page_calls(self) -> list[Measured]:
        app = create_app(self.services.settings, self.services)
        self.client = httpx2.AsyncClient(transport=httpx2.ASGITransport(app=app), base_url="http://testserver")
        await signed_in_cookies(self.client, self.email)
        calls = []
        for template in PAGES:
            path = template.format(cluster=self.ids["id"], organisation=self.ids["organisationId"])
            status = (await self.client.get(path)).status_code
            if status != 200:
                print(f"   {template} as {self.email}: answers {status}: skipped")
                continue
            calls.append(Measured(f"{template} as {self.email}", page_call(self.client, path)))
        return calls


async def viewers(store: Store) -> tuple[Services, list[Measured]]:
    services = build_services(store.settings)
    coach = principal_of(services, VIEWERS[0])
    cluster = cluster_of(services, coach)
    organisation = principal_of(services, VIEWERS[1]).organisation_id
    assert organisation is not None
    found = documents()
    calls: list[Measured] = []
    for email in VIEWERS:
        viewer = Viewer(services, email, cluster, organisation)
        calls += await viewer.document_calls(found)
        calls += await viewer.page_calls()
    return services, calls


async def compare(baseline: Store, large: Store, runs: int, repeats: int) -> None:
    print(f"2. Measures: {runs} calls a round, {repeats} rounds, alternated between the stores; medians of rounds")
    small_services, small_calls = await viewers(baseline)
    large_services, large_calls = await viewers(large)
    try:
        rounds: dict[str, dict[str, list[Figures]]] = {c.label: {"small": [], "large": []} for c in small_calls}
        for _ in range(repeats):
            for small, big in zip(small_calls, large_calls, strict=True):
                rounds[small.label]["small"].append(await measure(small.call, runs))
                rounds[big.label]["large"].append(await measure(big.call, runs))
        print(f"   {'ms':<66} {baseline.events:>10,} events: p50 / p95 / cpu   {large.events:>10,} events: "
              "p50 / p95 / cpu   p95 ratio")  # fmt: skip
        for label, figures in rounds.items():
            a, b = median_figures(figures["small"]), median_figures(figures["large"])
            print(f"   {label:<66} {a.p50_ms:7.2f} {a.p95_ms:7.2f} {a.cpu_ms:7.2f}" + " " * 13 +
                  f"{b.p50_ms:7.2f} {b.p95_ms:7.2f} {b.cpu_ms:7.2f}   {b.p95_ms / a.p95_ms:5.2f}x")  # fmt: skip
        print("   goals: the dashboard document under 25 ms p95 and at most 1.20x; the page under 100 ms")
    finally:
        small_services.close()
        large_services.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--consultancies", type=int, default=1_000, help="consultancies in the large store")
    parser.add_argument("--copies", type=int, default=3, help="copies of Alpine's clusters and members a clone")
    parser.add_argument("--store", type=Path, default=None, help="keep the built stores here, and reuse them")
    parser.add_argument("--runs", type=int, default=100, help="calls a round of each measure")
    parser.add_argument("--repeats", type=int, default=5, help="rounds of each measure")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        root = arguments.store or Path(temporary)
        print(f"1. The stores ({root})")
        copies, count = arguments.copies, arguments.consultancies
        baseline = build_store(root / f"baseline-{copies}", "baseline", copies, None, BASELINE_EVENTS)
        large = build_store(root / f"large-{count}-{copies}", "large", copies, count)
        asyncio.run(compare(baseline, large, arguments.runs, arguments.repeats))


if __name__ == "__main__":
    main()
