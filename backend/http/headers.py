"""Headers every response carries, and the request id that ties a response to its log lines."""

from __future__ import annotations

import re
import uuid
from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request, Response

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
# Strawberry's GraphiQL page loads React and GraphiQL from unpkg and starts them with an inline script and style.
# It is served in development only; production has no IDE, so this policy never applies there.
GRAPHIQL_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' https://unpkg.com; "
    "style-src 'self' 'unsafe-inline' https://unpkg.com; img-src 'self' data:; "
    "font-src 'self' data: https://unpkg.com; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)
STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains"
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}
STATIC_PREFIX = "/static/"
# Static files are not fingerprinted: a browser keeps them but asks (with their ETag) whether they changed.
STATIC_CACHE_CONTROL = "no-cache"
REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


def request_id_from(request: Request) -> str:
    """The client's X-Request-ID when it is short and plain, else a new one: it goes into logs and headers as is."""
    offered = request.headers.get("x-request-id", "")
    return offered if REQUEST_ID.fullmatch(offered) else uuid.uuid4().hex


def install_headers(app: FastAPI, *, production: bool) -> None:
    """Install last, so that it wraps every other middleware and every response, the error page's too."""

    @app.middleware("http")
    async def request_id_and_headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        request.state.request_id = request_id_from(request)
        response = await call_next(request)
        response.headers["X-Request-ID"] = request.state.request_id
        for header, value in SECURITY_HEADERS.items():
            response.headers.setdefault(header, value)
        response.headers["Content-Security-Policy"] = _policy(request, response, production)
        response.headers["Cache-Control"] = (
            STATIC_CACHE_CONTROL if request.url.path.startswith(STATIC_PREFIX) else "no-store"
        )
        if production:
            response.headers["Strict-Transport-Security"] = STRICT_TRANSPORT_SECURITY
        return response


def _policy(request: Request, response: Response, production: bool) -> str:
    is_graphiql = request.url.path == "/graphql" and response.headers.get("content-type", "").startswith("text/html")
    return GRAPHIQL_POLICY if is_graphiql and not production else CONTENT_SECURITY_POLICY
