"""Live pages: a page's stream of server-sent events, telling the browser when what the page shows has changed.

A page opts in with a `LivePage` in its feature's `live` (its path, its GraphQL document, the variables) and
`"live": True` in its context; its template marks the parts to refresh with `data-live-region` and an id. The
stream at `/live<page path>`:

- is refused (404, nothing streamed) whenever the page would be: the page's own document runs as the person the
  session cookie names, and an answer that is a refusal (another tenant's cluster, another coach's) ends it there;
- then waits for the projections to move (one small read of their stored positions, shared by every stream of the
  process and made at most once per `poll_seconds`, so a projecting worker process is seen too), and only then runs
  the document again, as the same person, sending `event: changed` when its answer differs from the last one;
- ends after `lifetime_seconds` with a `retry:` so the browser reconnects, and the session is checked again at each
  connection (and each run of the document: a session ended meanwhile ends the stream);
- is capped per session and per consultancy, so one consultancy's open pages cannot take another's streams.

The browser side is `static/live.js`; without JavaScript the page is a plain page.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import anyio.to_thread
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

from frontend.ports import FrontendPorts, GraphQLResult, LiveSupport

Variables = Callable[[Request, dict[str, str]], dict[str, Any]]
"""The page's variables from the request (its query string) and its path's parameters."""
NOT_IN_VIEW = "This page does not exist or is not yours to see."


@dataclass(frozen=True)
class LivePage:
    path: str
    """The page's path, as its route names it: its stream is at `/live` followed by it."""
    document: str
    """The page's own GraphQL document: what it shows is what the stream watches."""
    variables: Variables
    answer: str
    """The document's top-level field whose refusal (a typed error, or nothing) is the page's 404."""
    guard: str | None = None
    """A cheap document refused exactly as `document` is (its `answer` field alone, the same variables): what a
    browser reconnecting with the stream's last event id runs when nothing moved meanwhile, instead of the page's."""

    def in_view(self, result: GraphQLResult) -> bool:
        found = (result.data or {}).get(self.answer)
        return isinstance(found, dict) and not str(found.get("__typename", "")).endswith("Error")


CLUSTER_GUARD = "query Guard($id: ID!) { cluster(id: $id) { __typename } }"


def cluster_page(path: str, document: str) -> LivePage:
    """A page about one cluster, `{cluster_id}` in its path and `$id` in its document, answered by `cluster`."""
    return LivePage(path, document, lambda _, params: {"id": params["cluster_id"]}, "cluster", CLUSTER_GUARD)


class PositionWatch:
    """The projections' progress, read at most once per `poll_seconds` for every stream of the process."""

    def __init__(self, read: Callable[[], int], poll_seconds: float) -> None:
        self._read = read
        self._poll = poll_seconds
        self._value = 0
        self._read_at = -float("inf")
        self.reads = 0

    async def position(self) -> int:
        if time.monotonic() - self._read_at >= self._poll:
            self._read_at = time.monotonic()  # claimed: other streams meanwhile take the value last read
            self._value = await anyio.to_thread.run_sync(self._read)
            self.reads += 1
        return self._value

    async def moved(self, since: int, timeout: float) -> int | None:
        """The new position once it differs from `since`; None when `timeout` passed first."""
        deadline = time.monotonic() + timeout
        while True:
            current = await self.position()
            if current != since:
                return current
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            await asyncio.sleep(min(self._poll, remaining))


class StreamLimits:
    """Open streams per session and per consultancy, in this process."""

    def __init__(self, per_session: int, per_tenant: int) -> None:
        self.per_session, self.per_tenant = per_session, per_tenant
        self.sessions: dict[str, int] = {}
        self.tenants: dict[str, int] = {}

    def acquire(self, session: str, tenant: str) -> bool:
        if self.sessions.get(session, 0) >= self.per_session or self.tenants.get(tenant, 0) >= self.per_tenant:
            return False
        self.sessions[session] = self.sessions.get(session, 0) + 1
        self.tenants[tenant] = self.tenants.get(tenant, 0) + 1
        return True

    def release(self, session: str, tenant: str) -> None:
        for counts, key in ((self.sessions, session), (self.tenants, tenant)):
            counts[key] -= 1
            if not counts[key]:
                del counts[key]


@dataclass(frozen=True)
class LiveStreams:
    """The process's live streams: the shared watch of the projections and the open streams' counts."""

    support: LiveSupport
    watch: PositionWatch
    limits: StreamLimits

    def event_id(self, position: int, answer: str, session: str, url: str) -> str:
        """What the browser sends back as `Last-Event-ID` when it reconnects: the position and the digest of the
        answer it was told about, signed for this session and page so that no one can make up another."""
        return f"{position}.{answer}.{self._mac(position, answer, session, url)}"

    def told(self, event_id: str, session: str, url: str) -> tuple[int, str] | None:
        """The position and answer digest of an event id this process's streams gave this session for this page."""
        try:
            position, answer, mac = event_id.split(".")
            number = int(position)
        except ValueError:
            return None
        if not hmac.compare_digest(mac, self._mac(number, answer, session, url)):
            return None
        return number, answer

    def _mac(self, position: int, answer: str, session: str, url: str) -> str:
        message = f"{position}|{answer}|{session}|{url}".encode()
        return hmac.new(self.support.secret, message, hashlib.sha256).hexdigest()[:32]


def install_live(app: Starlette, ports: FrontendPorts, pages: list[LivePage]) -> None:
    """The stream of every live page, at `/live<path>`; none when the backend offers no live support."""
    support = ports.live
    if support is None:
        return
    settings = support.settings
    streams = LiveStreams(
        support,
        PositionWatch(support.position, settings.poll_seconds),
        StreamLimits(settings.per_session, settings.per_tenant),
    )
    app.state.live_streams = streams
    app.router.routes.extend(
        Route("/live" + page.path, _stream(ports, streams, page), methods=["GET"]) for page in pages
    )


def _stream(ports: FrontendPorts, streams: LiveStreams, page: LivePage) -> Callable[[Request], Awaitable[Response]]:
    settings = streams.support.settings

    async def stream(request: Request) -> Response:
        tenant = await anyio.to_thread.run_sync(streams.support.tenant_of, request)
        if tenant is None:
            return PlainTextResponse(NOT_IN_VIEW, status_code=404)
        variables = page.variables(request, dict(request.path_params))
        session = _digest(request.cookies.get(ports.session_cookie, ""))
        position = await streams.watch.position()  # before the answer: any later move is looked at
        told = streams.told(request.headers.get("last-event-id", ""), session, str(request.url))
        if told is not None and told[0] == position and page.guard is not None:
            # Reconnecting, and nothing moved since the page was last told: only whether it is still theirs to see.
            first = await ports.execute(request, page.guard, variables)
            sent = answer = told[1]
        else:
            first = await ports.execute(request, page.document, variables)
            answer = _answer_digest(first)
            sent = answer if told is None else told[1]  # a change while reconnecting is told at once
        if not page.in_view(first):
            return PlainTextResponse(NOT_IN_VIEW, status_code=404)
        if not streams.limits.acquire(session, tenant):
            retry = str(int(settings.lifetime_seconds))
            return PlainTextResponse("Too many live pages are open.", status_code=429, headers={"Retry-After": retry})
        watched = Watched(page, request, variables, sent, answer, position, (session, tenant))
        headers = {"Cache-Control": "no-store", "X-Accel-Buffering": "no"}
        return StreamingResponse(_events(ports, streams, watched), media_type="text/event-stream", headers=headers)

    return stream


@dataclass(frozen=True)
class Watched:
    page: LivePage
    request: Request
    variables: dict[str, Any]
    sent: str
    """The digest of the answer the page was last told about."""
    answer: str
    """The digest of the answer now."""
    position: int
    held: tuple[str, str]
    """The session and consultancy the stream counts against."""


async def _events(ports: FrontendPorts, streams: LiveStreams, watched: Watched) -> AsyncIterator[str]:
    settings, page, request = streams.support.settings, watched.page, watched.request
    url, session = str(request.url), watched.held[0]
    sent, position = watched.answer, watched.position
    try:
        told = "event: changed\ndata: {}\n" if watched.answer != watched.sent else ""
        yield f"retry: {settings.retry_ms}\nid: {streams.event_id(position, sent, session, url)}\n{told}\n"
        deadline = time.monotonic() + settings.lifetime_seconds
        while (remaining := deadline - time.monotonic()) > 0:
            moved = await streams.watch.moved(position, min(remaining, settings.keepalive_seconds))
            if moved is None:
                yield ": still here\n\n"
                continue
            position = moved
            result = await ports.execute(request, page.document, watched.variables)
            if not page.in_view(result):  # the session ended, or the page is no longer the person's to see
                return
            answer, changed = _answer_digest(result), ""
            if answer != sent:
                sent, changed = answer, "event: changed\ndata: {}\n"
            yield f"id: {streams.event_id(position, sent, session, url)}\n{changed}\n"
    finally:
        streams.limits.release(*watched.held)


def _answer_digest(result: GraphQLResult) -> str:
    return _digest(json.dumps(result.data, sort_keys=True, default=str))


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()
