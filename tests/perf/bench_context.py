"""Benchmark: an organisation's context with 10,000 issues (issue 9's target size per organisation), on SQLite.

Run with `.venv/bin/python -m tests.perf.bench_context`. It prints figures; it asserts nothing.
The issues are raised through the application, as a member would, and projected; then each list's first page is read
through the query layer (as the member's scope sees it) in each sort and with each filter, and the page's whole
GraphQL document is run. Each figure is the median and the 95th percentile of `--repeats` reads, in milliseconds.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from uuid import UUID

from backend.demo import seed_demo
from backend.services import Services, build_services
from backend.settings import Settings
from domain.context.commands import RaiseContextIssue
from domain.context.rules import ISSUE_CATEGORIES
from domain.organisations.organisation import organisation_id
from domain.tenancy.account import account_id
from domain.tenancy.consultancy import consultancy_id
from projections.context.rows import IssueFilter, Page, Sort
from projections.core.scope import Scope

DAY = date(2027, 1, 4)


def figures(repeats: int, run: Callable[[], object]) -> tuple[float, float]:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def raise_issues(services: Services, tenant: UUID, organisation: UUID, count: int) -> float:
    started = time.perf_counter()
    actor = account_id("member@muller.example")
    for n in range(count):
        side = "internal" if n % 3 else "external"
        category = ISSUE_CATEGORIES[n % len(ISSUE_CATEGORIES)]
        services.app.handle(RaiseContextIssue(tenant, actor, organisation, f"Issue {n}", side, category, "Effect"))
    services.runner.catch_up()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--issues", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        services = build_services(Settings(env="test", data_dir=Path(folder)))
        services.app.today = lambda: DAY
        seed_demo(services, DAY)
        tenant = consultancy_id("alpine")
        organisation = organisation_id(tenant, "Boulangerie Muller")
        seconds = raise_issues(services, tenant, organisation, args.issues)
        print(f"{args.issues} issues raised and projected in {seconds:.1f} s")
        scope, queries = Scope(tenant, organisation_id=organisation), services.queries.context
        cases = {
            "newest first": (IssueFilter(), Sort("raised_at", descending=True)),
            "by category": (IssueFilter(), Sort("category")),
            "external only, newest": (IssueFilter(side="external"), Sort("raised_at", descending=True)),
            "search 'Issue 99'": (IssueFilter(search="Issue 99"), Sort("raised_at", descending=True)),
        }
        for name, (given, sort) in cases.items():
            p50, p95 = figures(args.repeats, partial(queries.issues, scope, organisation, given, sort, Page(51)))
            print(f"issues, first page of 50, {name}: p50 {p50:.1f} ms, p95 {p95:.1f} ms")
        last = queries.issues(scope, organisation, IssueFilter(), Sort("raised_at", descending=True), Page(51))[49]
        after = Page(51, (last.raised_at.isoformat(), last.item_id))
        p50, p95 = figures(
            args.repeats, lambda: queries.issues(scope, organisation, IssueFilter(), Sort("raised_at", True), after)
        )
        print(f"issues, second page by keyset: p50 {p50:.1f} ms, p95 {p95:.1f} ms")
        services.close()


if __name__ == "__main__":
    main()
