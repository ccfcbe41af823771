"""The live streams' shared parts: one read of the projections' positions per poll for every stream, and caps."""

from __future__ import annotations

import asyncio
import itertools

from frontend.site.live import PositionWatch, StreamLimits
from tests.support.event_loop import run_apart


def test_streams_waiting_together_read_the_positions_once_per_poll() -> None:
    positions = itertools.chain([7, 7], itertools.repeat(8))
    watch = PositionWatch(lambda: next(positions), poll_seconds=0.05)

    async def streams() -> list[int | None]:
        first = await watch.position()
        return await asyncio.gather(*(watch.moved(first, timeout=5) for _ in range(20)))

    assert run_apart(streams) == [8] * 20
    assert watch.reads <= 5  # a read per poll for all twenty, not one per stream


def test_nothing_moved_answers_none_once_the_time_is_up() -> None:
    watch = PositionWatch(lambda: 7, poll_seconds=0.01)

    async def wait() -> int | None:
        return await watch.moved(await watch.position(), timeout=0.03)

    assert run_apart(wait) is None


def test_one_consultancys_streams_do_not_count_against_anothers() -> None:
    limits = StreamLimits(per_session=2, per_tenant=3)
    assert limits.acquire("a1", "alpine") and limits.acquire("a1", "alpine")
    assert not limits.acquire("a1", "alpine")  # the session's cap
    assert limits.acquire("a2", "alpine")
    assert not limits.acquire("a3", "alpine")  # the consultancy's cap
    assert limits.acquire("h1", "harbour")  # another consultancy is not disturbed
    limits.release("a1", "alpine")
    assert limits.acquire("a3", "alpine")
    assert limits.tenants == {"alpine": 3, "harbour": 1}
