"""Running a coroutine from a synchronous test, whatever else ran before it in the same worker."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")


def run_apart(main: Callable[[], Awaitable[T]]) -> T:
    """`main()` run to its end in an event loop of its own, in a thread of its own: a browser test earlier in the
    same worker may keep an event loop running in this thread, where `asyncio.run` would refuse to start one."""

    async def run() -> T:
        return await main()

    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(asyncio.run, run()).result()
