"""Benchmark: a large document of repeated fields, and what it does to a small request running beside it.

Run with `.venv/bin/python -m tests.perf.bench_graphql_documents`. It prints figures; it asserts nothing.
1. The 12 KB document of repeated fields (530 x `viewer { displayName }`): parse and validation with graphql-core's
   own rules (what ran on the event loop before the bounds) against Cordee's schema refusing it.
2. A small document (`{ __typename }`) executed alone, then beside four of those large documents in one event loop:
   on Cordee's schema, and on the same types without the bounds and the off-loop preparation (the baseline).
Each figure is the median of `--repeats` rounds.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import statistics
import time
from collections.abc import Awaitable, Callable
from types import SimpleNamespace

import strawberry
from graphql import parse, validate

from backend.graphql.schema import Mutation, Query, build_schema

LARGE = "{ " + " ".join(["viewer { displayName }"] * 530) + " }"
SMALL = "{ __typename }"
CONTEXT = SimpleNamespace(principal=None, request_id="bench", idempotency_key=None)


def median_seconds(repeats: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


async def small_beside_large(schema: strawberry.Schema, large: int) -> float:
    """Seconds until the small document is answered, with `large` large documents started just before it."""

    async def small() -> float:
        await schema.execute(SMALL, context_value=CONTEXT)
        return time.perf_counter()

    tasks: list[Awaitable[object]] = [schema.execute(LARGE, context_value=CONTEXT) for _ in range(large)]
    arrived = time.perf_counter()  # all arrive together; the small one is answered when the loop gets to it
    results = await asyncio.gather(*tasks, small())
    return float(results[-1]) - arrived  # type: ignore[arg-type]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=5)
    repeats = parser.parse_args().repeats
    logging.disable(logging.CRITICAL)  # the baseline logs every refusal
    cordee = build_schema()
    baseline = strawberry.Schema(query=Query, mutation=Mutation)
    graphql_schema = cordee._schema

    print(f"document: {len(LARGE.encode()):,} bytes")
    before = median_seconds(repeats, lambda: validate(graphql_schema, parse(LARGE)))
    now = median_seconds(repeats, lambda: asyncio.run(cordee.execute(LARGE, context_value=CONTEXT)))
    print(f"large document, parse + graphql-core validation: {before * 1000:8.1f} ms (baseline)")
    print(f"large document, refused by Cordee's schema:      {now * 1000:8.1f} ms  ratio {before / now:5.1f}x")
    for name, schema in (("baseline schema", baseline), ("Cordee's schema", cordee)):
        alone = statistics.median(asyncio.run(small_beside_large(schema, 0)) for _ in range(repeats))
        beside = statistics.median(asyncio.run(small_beside_large(schema, 4)) for _ in range(repeats))
        print(
            f"small document, {name}: alone {alone * 1000:7.1f} ms, beside 4 large {beside * 1000:8.1f} ms"
            f"  ratio {beside / alone:6.1f}x"
        )


if __name__ == "__main__":
    main()
