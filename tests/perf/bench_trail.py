"""Benchmark: what the audit trail costs a rebuild, and how fast its pages read.

5,000 events are saved through the application (the event benchmark's programme: clusters formed, organisations
admitted, half-days logged), then the read models are rebuilt with and without the trail, alternately, so both see
the same machine; then the trail's reads are timed on the rebuilt models: the admins' whole trail, filtered by a
register, a page deep, and one item's trail. It prints figures; it asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

import projections.features as features
from backend.services import build_services
from backend.settings import Settings
from domain.application import Cordee
from domain.clusters.commands import AcceptPlan
from projections.core.scope import Scope
from projections.rebuild import rebuild
from projections.trail.queries import TrailFilter
from tests.perf.bench_events import save_through_the_application

PLAN_DAY, LATER = date(2026, 1, 5), date(2026, 12, 31)
"""The event benchmark's programme starts on a fixed day: plans are accepted on it, half-days logged after it."""


def on_the_programme_s_days(app: Cordee) -> None:
    handle = app.handle

    def dated(cmd: Any) -> Any:
        day = PLAN_DAY if isinstance(cmd, AcceptPlan) else LATER
        app.today = lambda: day
        return handle(cmd)

    app.handle = dated  # type: ignore[method-assign]


def timed(label: str, call: Callable[[], object], rounds: int = 30) -> None:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    print(f"{label}: p50 {statistics.median(times):.1f} ms, p95 {times[int(rounds * 0.95) - 1]:.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=5_000)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    everything = features.FEATURES
    without_trail = tuple(feature for feature in everything if feature.name != "trail")
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(env="test", data_dir=Path(folder) / "app", projection_wait_seconds=30)
        services = build_services(settings)
        on_the_programme_s_days(services.app)
        saved = save_through_the_application(services, args.events)
        services.runner.catch_up()
        for _ in range(args.rounds):
            for label, chosen in (("without the trail", without_trail), ("with the trail", everything)):
                features.FEATURES = chosen
                features.define_read_tables.cache_clear()
                start = time.perf_counter()
                rebuild(services.app, services.store)
                took = time.perf_counter() - start
                print(f"rebuild {label}: {took:.2f} s, {saved / took:,.0f} events/s")
        features.FEATURES = everything
        features.define_read_tables.cache_clear()
        services.close()
        services = build_services(settings)
        read_the_trail(services)
        services.close()


def read_the_trail(services: Any) -> None:
    trail, tables = services.queries.trail, services.store.tables
    with services.store.reading() as conn:
        tenant = conn.execute(select(tables.consultancies.c.tenant_id)).scalar()
        item = conn.execute(select(tables.trail_cluster_events.c.item_id).limit(1)).scalar()
    admin = Scope(tenant)
    timed("whole trail, first 50", lambda: trail.trail(admin, 50, None, TrailFilter(), with_accounts=True))
    clusters = TrailFilter(register="clusters")
    timed("whole trail of one register, first 50", lambda: trail.trail(admin, 50, None, clusters, with_accounts=True))
    timed("whole trail, a page deep", lambda: trail.trail(admin, 50, 2500, TrailFilter(), with_accounts=True))
    timed("one item's trail, first 10", lambda: trail.item_trail(admin, item, 10, None, with_accounts=True))


if __name__ == "__main__":
    main()
